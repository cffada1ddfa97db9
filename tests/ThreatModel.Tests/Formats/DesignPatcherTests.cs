using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// <see cref="DesignPatcher"/>: each kind of design edit placed in the original text, in block and flow YAML and in
/// JSON, with the comments and layout around it kept, and the whole design written anew only when a change cannot
/// be placed.
/// </summary>
public class DesignPatcherTests
{
    /// <summary>A small design in mixed style: block flows, one flow-style protections, a block protections with a comment, a flow-style decision.</summary>
    private const string Design = """
        # The design's own header comment.
        name: Patch test
        organizations:
          - { id: shop, jurisdiction: eu }
          - { id: bank, jurisdiction: eu }
          - { id: broker, jurisdiction: us }
        subjects:
          - id: customers
            population: 100000   # people who bought once
            density: urban
        items:
          - { id: name, kind: direct-identifier, subject: customers }
          - { id: birth, kind: quasi-identifier, subject: customers, quasiIdentifier: birth-date }
          - { id: position, kind: location, subject: customers, precision: 10 }
        elements:
          - id: customer
            type: person
            subject: customers
          - id: checkout
            type: process
            organization: shop
            jurisdiction: eu     # the same as the shop's, written out
          - id: scoring
            type: process
            organization: bank
            decision: { affects: [credit], subject: customers, automated: true }
          - id: archive
            type: store
            organization: bank
        flows:
          # Checkout first.
          - id: f-buy
            from: customer
            to: checkout
            items: [name, birth, position]
            purpose: payment
            protections: { legalBasis: contract }
          - id: f-score
            from: checkout
            to: scoring
            items: [name, birth, position]
            purpose: credit-scoring
            protections:
              encryptedInTransit: true   # TLS 1.3
              suppress:
                - position
            # A comment after the protections.
          - id: f-archive
            from: scoring
            to: archive
            items: [name, birth]
            purpose: credit-scoring
        """;

    private static SystemModel Read(string text, DesignFormat format = DesignFormat.Yaml) =>
        DesignReader.Parse(text, format == DesignFormat.Json ? "design.json" : "design.yaml", format).GetModelOrThrow();

    private static string Patched(string text, DesignFormat format, params DesignEdit[] edits)
    {
        var edited = DesignEdits.Apply(Read(text, format), edits);

        var patch = DesignPatcher.Patch(text, format, edited);

        patch.KeepsLayout.Should().BeTrue(patch.Problem);
        Read(patch.Text, format).ShouldSayTheSameAs(edited);
        return patch.Text;
    }

    private static string Patched(params DesignEdit[] edits) => Patched(Design, DesignFormat.Yaml, edits);

    /// <summary>The lines of <paramref name="after"/> that are not in <paramref name="before"/>, and the reverse: a minimal diff by line.</summary>
    private static (string[] Added, string[] Removed) LineChanges(string before, string after)
    {
        var old = before.Split('\n');
        var now = after.Split('\n');
        return ([.. now.Where(l => !old.Contains(l))], [.. old.Where(l => !now.Contains(l))]);
    }

    [Fact]
    public void Patch_LeavesTheTextAsItIs_WhenNothingChanged()
    {
        var patch = DesignPatcher.Patch(Design, DesignFormat.Yaml, Read(Design));

        patch.KeepsLayout.Should().BeTrue();
        patch.Text.Should().Be(Design);
    }

    [Fact]
    public void DropItem_AddsAProtectionsMapping_InBlockStyle_WhenTheFileHasNoPreference()
    {
        // The file writes one protections in flow style and one in block style, and the flow has no other mapping values.
        var text = Patched(new DropItem("f-archive", "birth"));

        text.Should().EndWith("    purpose: credit-scoring\n    protections:\n      suppress: [birth]");
        LineChanges(Design, text).Removed.Should().BeEmpty();
    }

    [Fact]
    public void DropItem_AddsAProtectionsMapping_InFlowStyle_WhenTheFilesOtherProtectionsAre()
    {
        var design = Design.Replace("    protections:\n      encryptedInTransit: true   # TLS 1.3\n      suppress:\n        - position\n", "    protections: { suppress: [position] }\n", StringComparison.Ordinal);

        var text = Patched(design, DesignFormat.Yaml, new DropItem("f-archive", "birth"));

        text.Should().EndWith("    purpose: credit-scoring\n    protections: { suppress: [birth] }");
    }

    [Fact]
    public void DropItem_AddsToAFlowStyleProtectionsMapping_OnItsLine()
    {
        var text = Patched(new DropItem("f-buy", "position"));

        text.Should().Contain("    protections: { legalBasis: contract, suppress: [position] }\n");
        LineChanges(Design, text).Added.Should().ContainSingle();
    }

    [Fact]
    public void DropItem_InsertsIntoABlockSuppressList_InTheFlowsItemOrder_AndKeepsTheCommentsAroundIt()
    {
        // f-score lists [name, birth, position]: birth goes before position, as DesignEdits.Apply orders the list.
        var text = Patched(new DropItem("f-score", "birth"));

        text.Should().Contain("      encryptedInTransit: true   # TLS 1.3\n      suppress:\n        - birth\n        - position\n    # A comment after the protections.\n");
        LineChanges(Design, text).Removed.Should().BeEmpty();
        // Besides the one entry, the drop cascades: f-archive, from scoring, can no longer forward birth.
        LineChanges(Design, text).Added.Should().BeEquivalentTo(["        - birth", "      suppress: [birth]"]);
    }

    [Fact]
    public void DropItem_InsertsIntoAFlowSuppressList_BeforeTheItemItPrecedes()
    {
        var design = Design.Replace("    protections:\n      encryptedInTransit: true   # TLS 1.3\n      suppress:\n        - position\n", "    protections: { encryptedInTransit: true, suppress: [position] }   # TLS 1.3\n", StringComparison.Ordinal);

        var text = Patched(design, DesignFormat.Yaml, new DropItem("f-score", "birth"));

        text.Should().Contain("    protections: { encryptedInTransit: true, suppress: [birth, position] }   # TLS 1.3\n");
        LineChanges(design, text).Removed.Should().ContainSingle();
    }

    [Fact]
    public void AddProtection_AddsAFieldToABlockProtections_AfterItsLastField()
    {
        var text = Patched(new AddProtection("f-score", "aggregation", "10"), new AddProtection("f-score", "per-context-pseudonym", "bank"));

        var (added, removed) = LineChanges(Design, text);
        removed.Should().BeEmpty();
        added.Should().Equal("      pseudonymized:", "        keyHolder: bank", "        perContext: true", "      aggregationThreshold: 10");
        text.Should().Contain("        - position\n      pseudonymized:");
    }

    [Fact]
    public void Generalize_AddsAGeneralizeMapping_WithTheLevel()
    {
        var text = Patched(new Generalize("f-buy", "birth", "birth-year"));

        text.Should().Contain("    protections: { legalBasis: contract, generalize: { birth: birth-year } }\n");
    }

    [Fact]
    public void SnapToGrid_AndRetention_OnAFlow_AreFieldsOfItsProtections()
    {
        var text = Patched(new SnapToGrid("f-buy", 500), new SetRetention("f-buy", 30));

        text.Should().Contain("    protections: { legalBasis: contract, snapToGrid: 500, retentionDays: 30 }\n");
    }

    [Fact]
    public void MoveElement_ChangesTheOrganization_AndAJurisdictionWrittenOutFollowsIt()
    {
        var text = Patched(new MoveElement("checkout", "broker"));

        var (added, removed) = LineChanges(Design, text);
        removed.Should().Equal("    organization: shop", "    jurisdiction: eu     # the same as the shop's, written out");
        added.Should().Equal("    organization: broker", "    jurisdiction: us     # the same as the shop's, written out");
    }

    [Fact]
    public void GrantRecourse_SetsTheFlagsInAFlowStyleDecision_AndTurnsAutomatedOff()
    {
        var text = Patched(new GrantRecourse("scoring"));

        text.Should().Contain("    decision: { affects: [credit], subject: customers, automated: false, informed: true, inputsVisible: true, appeal: true }\n");
    }

    [Fact]
    public void SetRetention_OnAStore_AddsARetentionMapping()
    {
        var text = Patched(new SetRetention("archive", 365));

        text.Should().Contain("    organization: bank\n    retention:\n      days: 365\n      deletion: true\n      correction: true\nflows:\n");
    }

    [Fact]
    public void AChangeNoEditKindMakes_IsPlacedToo_ANewJurisdictionAndAnElementMovedIntoIt()
    {
        // What a "move to another jurisdiction" edit would do: the patcher compares models, so it needs no change for it.
        var original = Read(Design);
        var jurisdictions = original.Jurisdictions.Append(new Jurisdiction { Id = "ch", Name = "Switzerland", SubjectRights = true }).ToList();
        var elements = original.Elements.Select(e => e.Id == "archive" ? e with { JurisdictionId = "ch" } : e).ToList();
        var edited = new SystemModel(original.Name, original.Description, original.SourceFile, original.Settings, original.Subjects, original.Items,
            original.Organizations, jurisdictions, elements, original.Flows, original.Purposes);

        var patch = DesignPatcher.Patch(Design, DesignFormat.Yaml, edited);

        patch.KeepsLayout.Should().BeTrue(patch.Problem);
        Read(patch.Text).ShouldSayTheSameAs(edited);
        patch.Text.Should().Contain("    organization: bank\n    jurisdiction: ch\nflows:\n");
        // The design only implied eu and us; declaring the new one declares them too, at the end of the file.
        patch.Text.Should().EndWith("    purpose: credit-scoring\njurisdictions:\n  - id: eu\n  - id: us\n  - id: ch\n    name: Switzerland");
    }

    [Fact]
    public void EveryCommentLine_OfTheOriginal_Survives_AllEditsAtOnce()
    {
        var text = Patched(
            new DropItem("f-buy", "position"), new DropItem("f-score", "name"), new DropItem("f-archive", "birth"),
            new AddProtection("f-archive", "consent"), new GrantRecourse("scoring"), new SetRetention("archive", 90),
            new MoveElement("checkout", "broker"), new Generalize("f-score", "birth", "birth-year"));

        var comments = Design.Split('\n').Where(l => l.TrimStart().StartsWith('#')).ToList();
        comments.Should().HaveCount(3);
        text.Split('\n').Should().Contain(comments);
        text.Should().Contain("population: 100000   # people who bought once");
    }

    [Fact]
    public void WindowsLineEnds_AreKept_InTheLinesAdded()
    {
        var crlf = Design.ReplaceLineEndings("\r\n");

        var text = Patched(crlf, DesignFormat.Yaml, new DropItem("f-archive", "birth"), new SetRetention("archive", 30));

        text.Replace("\r\n", string.Empty, StringComparison.Ordinal).Should().NotContain("\n");
    }

    [Fact]
    public void AnAliasedProtections_IsReplacedByItsEditedValue_AndTheAnchorIsLeftAlone()
    {
        var design = Design.Replace("    protections: { legalBasis: contract }", "    protections: &contract { legalBasis: contract }", StringComparison.Ordinal) + "\n    protections: *contract\n";

        var text = Patched(design, DesignFormat.Yaml, new DropItem("f-archive", "name"));

        text.Should().Contain("protections: &contract { legalBasis: contract }").And.EndWith("    protections: { suppress: [name], legalBasis: contract }\n");
    }

    [Fact]
    public void AnEditInsideAnAnchoredValue_FallsBackToTheWholeDesign_AndSaysWhich()
    {
        var design = Design.Replace("    protections: { legalBasis: contract }", "    protections: &contract { legalBasis: contract }", StringComparison.Ordinal) + "\n    protections: *contract\n";
        var edited = DesignEdits.Apply(Read(design), [new DropItem("f-buy", "name")]);

        var patch = DesignPatcher.Patch(design, DesignFormat.Yaml, edited);

        patch.KeepsLayout.Should().BeFalse();
        patch.Problem.Should().Contain("flow 'f-buy'").And.Contain("anchored");
        patch.Target.Should().Be("f-buy");
        patch.Text.Should().Be(DesignWriter.ToYaml(edited));
    }

    [Fact]
    public void AnEditThatWouldReadBackDifferently_FallsBackToTheWholeDesign_AndSaysWhere()
    {
        // A kept block scalar (|+) ends with blank lines that belong to it: a field added after its text would cut them off.
        var design = Design.Replace("  - id: archive\n    type: store\n    organization: bank\n", "  - id: archive\n    type: store\n    organization: bank\n    description: |+\n      Old records.\n\n", StringComparison.Ordinal);
        var edited = DesignEdits.Apply(Read(design), [new SetRetention("archive", 30)]);

        var patch = DesignPatcher.Patch(design, DesignFormat.Yaml, edited);

        patch.KeepsLayout.Should().BeFalse();
        patch.Problem.Should().Be("the edited text reads back differently at elements 'archive'");
        patch.Target.Should().Be("archive");
        patch.Text.Should().Be(DesignWriter.ToYaml(edited));
    }

    [Fact]
    public void Json_KeepsTheFilesIndentation_InFieldsAndMappingsAdded()
    {
        // The file indents by four spaces where DesignWriter indents by two.
        var json = string.Join('\n', DesignWriter.ToJson(Read(Design)).Split('\n').Select(l => new string(' ', 2 * (l.Length - l.TrimStart().Length)) + l.TrimStart()));

        var text = Patched(json, DesignFormat.Json, new DropItem("f-archive", "birth"), new DropItem("f-buy", "position"), new GrantRecourse("scoring"));

        text.Should().Contain("\"purpose\": \"credit-scoring\",\n            \"protections\": {\n                \"suppress\": [\"birth\"]\n            }\n");
        text.Should().Contain("\"legalBasis\": \"contract\",\n                \"suppress\": [\"position\"]\n");
        text.Should().Contain("\"automated\": false,");
        LineChanges(json, text).Removed.Should().OnlyContain(l => text.Contains(l + ",\n", StringComparison.Ordinal) || l.Contains("\"automated\": true", StringComparison.Ordinal));
    }

    [Fact]
    public void Json_OnOneLine_GetsFieldsOnTheSameLine()
    {
        var json = """{"name": "One line", "subjects": [{"id": "s", "population": 10}], "items": [{"id": "i", "kind": "financial", "subject": "s"}], "elements": [{"id": "a", "type": "process", "organization": "o"}, {"id": "b", "type": "process", "organization": "p"}], "flows": [{"id": "f", "from": "a", "to": "b", "items": ["i"], "purpose": "payment"}]}""";

        var text = Patched(json, DesignFormat.Json, new DropItem("f", "i"));

        text.Should().Be(json.Replace("\"purpose\": \"payment\"}", "\"purpose\": \"payment\", \"protections\": {\"suppress\": [\"i\"]}}", StringComparison.Ordinal));
    }

    [Fact]
    public void ADesignThatDoesNotRead_IsWrittenWhole_WithTheReason()
    {
        var edited = DesignEdits.Apply(Read(Design), [new DropItem("f-buy", "name")]);

        var patch = DesignPatcher.Patch("name: [unclosed", DesignFormat.Yaml, edited);

        patch.KeepsLayout.Should().BeFalse();
        patch.Problem.Should().StartWith("the original text does not read as a design");
        patch.Text.Should().Be(DesignWriter.ToYaml(edited));
    }
}
