using System.Text;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

public sealed class DesignReaderTests
{
    private const string Small = """
        name: Small
        subjects:
          - id: citizens
            population: 1000
        items:
          - id: phone
            kind: direct-identifier
            subject: citizens
        elements:
          - id: user
            type: person
            subject: citizens
          - id: app
            type: process
            organization: acme
        flows:
          - id: f1
            from: user
            to: app
            items: [phone]
            purpose: messaging
        """;

    private static SystemModel ReadFull(string name = "full.yaml") => DesignReader.ReadFile(RepositoryPaths.Design(name)).GetModelOrThrow();

    private static DesignReadResult Yaml(string text, ReaderLimits? limits = null) => DesignReader.Parse(text, "design.yaml", DesignFormat.Yaml, limits);

    [Fact]
    public void ReadsTheFullDesign_WithoutDiagnostics()
    {
        var result = DesignReader.ReadFile(RepositoryPaths.Design("full.yaml"));

        result.Diagnostics.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
        result.Model!.SourceFile.Should().Be(RepositoryPaths.Design("full.yaml"));
    }

    [Fact]
    public void YamlAndJson_OfTheSameDesign_ReadToEqualModels()
    {
        ReadFull("full.json").ShouldSayTheSameAs(ReadFull("full.yaml"));
    }

    [Fact]
    public void BindsTheDesignSettingsJurisdictionsAndOrganizations()
    {
        var model = ReadFull();

        model.Name.Should().Be("Debtor map");
        model.Description.Should().Be("A court's map of people with unpaid judgments");
        model.Settings.Should().Be(new AnalysisSettings(0.1, 5, 0.4));
        model.Jurisdiction("cn").Should().BeEquivalentTo(new { Id = "cn", Name = "People's Republic of China", SubjectRights = false, CompelledAccess = true });
        model.Organization("court").Should().BeEquivalentTo(new { Name = "Provincial High Court", JurisdictionId = "cn", Kind = "government", PowerOverSubjects = true });
        model.Organization("platform").JurisdictionId.Should().Be(Jurisdictions.Unspecified);
        model.Organization("telco-co").Span.IsKnown.Should().BeFalse("it is implied by an element, not declared");
    }

    [Fact]
    public void BindsSubjectsAndItems()
    {
        var model = ReadFull();

        model.Subject("debtors").Should().BeEquivalentTo(new { Population = 50_000L, Density = DensityPresets.Resolve("urban"), Vulnerable = true, Description = "Listed on the court's blacklist" });
        model.Subject("citizens").Density.Should().Be(new Density(350.5, null));
        model.Item("national-id").Should().BeEquivalentTo(new { Name = "Resident ID number", Kind = DataItemKind.DirectIdentifier, SubjectId = "citizens", Context = "government", Linkability = Linkability.Shared });
        model.Item("phone").Context.Should().Be("identity", "the context defaults from the kind");
        model.Item("phone-hash").Should().BeEquivalentTo(new { Linkability = Linkability.HashedIdentifier, DerivedFrom = new[] { "phone" } });
        model.Item("birth-date").QuasiIdentifier.Should().Be(QuasiIdentifierPresets.Resolve("birth-date"));
        model.Item("district").QuasiIdentifier.Should().Be(new QuasiIdentifierSpec(null, 12_000, "postcode-district"));
        model.Item("occupation-code").QuasiIdentifier.Should().Be(new QuasiIdentifierSpec(400, null, null));
        model.Item("debtor-location").Location.Should().Be(new LocationSpec(10));
        model.Item("debtor-location").Trace.Should().Be(new TraceSpec(500, 100, 15));
        model.Item("debt-status").Should().BeEquivalentTo(new { Stigmatizing = true, Description = "Amount owed and since when" });
        model.Item("diagnosis").SpecialCategory.Should().Be("health");
        model.Item("social-credit").DerivedFrom.Should().Equal("debt-status", "national-id");
    }

    [Fact]
    public void BindsElements()
    {
        var model = ReadFull();

        var service = model.Element("map-service");
        service.Should().BeEquivalentTo(new { Name = "Debtor map service", Type = ElementType.Process, OrganizationId = "court", JurisdictionId = "cn", Attributable = true, Description = "Publishes debtors near the user" });
        service.Decision.Should().BeEquivalentTo(new { Affects = new[] { "credit", "travel" }, SubjectId = "debtors", Automated = true, SubjectInformed = false, InputsVisible = false, Appeal = false });
        service.Suppressions.Should().ContainSingle().Which.Should().BeEquivalentTo(new { RuleId = "TM003", Justification = "Debtors consented in court" });
        model.Element("registry").Retention.Should().BeEquivalentTo(new { Days = 365, Deletion = true, Correction = true });
        model.Element("registry").JurisdictionId.Should().Be("cn", "an element takes its organization's jurisdiction");
        model.Element("debtor").Should().BeEquivalentTo(new { Type = ElementType.Person, SubjectId = "debtors", OrganizationId = (string?)null });
        model.Element("app-users").Type.Should().Be(ElementType.OtherUsers);
        model.Element("everyone").Type.Should().Be(ElementType.Public);
        model.Element("telco").Type.Should().Be(ElementType.ExternalParty);
    }

    [Fact]
    public void BindsFlowsAndTheirProtections()
    {
        var model = ReadFull();

        model.Flow("f-collect").Collection.Should().Be(new CollectionSpec(Continuous: true, Covert: true));
        var store = model.Flow("f-store").Protections;
        store.Should().BeEquivalentTo(new
        {
            EncryptedInTransit = true,
            EndToEndEncrypted = false,
            Pseudonymization = new PseudonymizationSpec("court", PerContext: true),
            SuppressedItems = new[] { "diagnosis" },
            LegalBasis = "legal-obligation",
            Consent = false,
            RetentionDays = 30,
            DeniableRecords = false,
        });
        var share = model.Flow("f-share");
        share.Should().BeEquivalentTo(new { From = "map-service", To = "app-users", Purpose = "public-shaming", Description = "Shows debtors within 500 m" });
        share.Items.Should().Equal("debtor-location", "debt-status", "birth-date", "district");
        share.Protections.Generalizations["birth-date"].Should().Be(new Generalization(QuasiIdentifierPresets.Resolve("birth-year"), null, null));
        share.Protections.Generalizations["district"].Should().Be(new Generalization(new QuasiIdentifierSpec(300, null, null), null, null));
        share.Protections.Generalizations["debtor-location"].Should().Be(new Generalization(new QuasiIdentifierSpec(80, null, null), 1000, 1440));
        share.Protections.Should().BeEquivalentTo(new { AggregationThreshold = 10, DifferentialPrivacyEpsilon = 1.5, RateLimitPerDay = 100, SnapToGridMetres = 1000.0 });
        share.Query.Should().BeEquivalentTo(new { ChosenBy = "querier", Returns = "within-radius", RadiusMetres = 500.0 });
        share.Suppressions.Should().ContainSingle().Which.RuleId.Should().Be("TM001");
        model.Flow("f-publish").Protections.Pseudonymization.Should().Be(new PseudonymizationSpec(null, false));
        model.Flow("f-phone").Protections.Generalizations["occupation-code"].QuasiIdentifier.Should().Be(new QuasiIdentifierSpec(null, 60, "occupation"));
        model.TryGetPurpose("public-shaming", out var purpose).Should().BeTrue();
        purpose.Should().BeEquivalentTo(new { CompatibleWith = new[] { "enforcement" }, Description = "Naming debtors in public" });
    }

    [Fact]
    public void FlowSpan_StartsAtItsFirstFieldAndEndsAfterItsLastValue()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Design("full.yaml"));
        var first = Array.IndexOf(lines, "  - id: f-share") + 1;
        var last = Array.IndexOf(lines, "    description: Shows debtors within 500 m") + 1;

        var span = ReadFull().Flow("f-share").Span;

        span.File.Should().Be(RepositoryPaths.Design("full.yaml"));
        (span.Line, span.Column).Should().Be((first, 5));
        span.EndLine.Should().BeInRange(last, last + 1);
        span.ToString().Should().Be($"{RepositoryPaths.Design("full.yaml")}:{first}:5");
    }

    [Fact]
    public void FlowSpan_InJson_StartsAtItsOpeningBrace()
    {
        var lines = File.ReadAllLines(RepositoryPaths.Design("full.json"));
        var idLine = Array.FindIndex(lines, l => l.Contains("\"id\": \"f-share\"", StringComparison.Ordinal));

        var span = ReadFull("full.json").Flow("f-share").Span;

        span.Line.Should().Be(idLine, "the brace stands on the line before the id");
        span.Column.Should().Be(lines[idLine - 1].IndexOf('{', StringComparison.Ordinal) + 1);
    }

    [Fact]
    public void ElementAndSubjectSpans_PointAtTheirDeclarations()
    {
        var model = ReadFull();
        var lines = File.ReadAllLines(RepositoryPaths.Design("full.yaml"));

        model.Element("registry").Span.Line.Should().Be(Array.IndexOf(lines, "  - id: registry") + 1);
        model.Subject("citizens").Span.Line.Should().Be(Array.IndexOf(lines, "  - id: citizens") + 1);
        model.Element("map-service").Decision!.Span.Line.Should().Be(Array.IndexOf(lines, "      affects: [credit, travel]") + 1);
    }

    [Fact]
    public void ReferenceError_PointsAtTheOffendingValue_WithASuggestion()
    {
        var result = Yaml(Small.Replace("to: app", "to: ap", StringComparison.Ordinal));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.UndefinedReference);
        (error.Span.Line, error.Span.Column).Should().Be((19, 9));
        error.Message.Should().Contain("'ap'").And.Contain("Did you mean 'app'?");
        result.Model.Should().BeNull();
    }

    [Fact]
    public void ReferenceToAListEntry_PointsAtThatEntry()
    {
        var result = Yaml(Small.Replace("items: [phone]", "items: [phone, phne]", StringComparison.Ordinal));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        (error.Span.Line, error.Span.Column).Should().Be((20, 20));
        error.Message.Should().Contain("Did you mean 'phone'?");
    }

    [Fact]
    public void ReportsEveryProblemAtOnce_InFileOrder_WithPositions()
    {
        const string text = """
            name: Many problems
            subjects:
              - id: citizens
                population: -5
                densty: urban
            items:
              - id: phone
                kind: direct-identifer
                subject: citizen
            elements:
              - id: user
                type: person
              - id: app
                type: process
            flows:
              - id: f1
                from: user
                to: ap
                items: [phone]
                purpose: messaging
                protections:
                  differentialPrivacy: abc
            """;

        var result = Yaml(text);

        result.Model.Should().BeNull();
        result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)).Should().Equal(
            (DiagnosticCodes.OutOfRange, 4, 17),
            (DiagnosticCodes.UnknownField, 5, 5),
            (DiagnosticCodes.UnknownValue, 8, 11),
            (DiagnosticCodes.UndefinedReference, 9, 14),
            (DiagnosticCodes.MissingField, 13, 5),
            (DiagnosticCodes.UndefinedReference, 18, 9),
            (DiagnosticCodes.WrongType, 22, 28));
        result.Diagnostics.Should().OnlyContain(d => d.Span.File == "design.yaml" && d.Severity == DiagnosticSeverity.Error);
        result.Diagnostics[1].Message.Should().Contain("Did you mean 'density'?");
        result.Diagnostics[2].Message.Should().Contain("Did you mean 'direct-identifier'?").And.Contain("Allowed: direct-identifier, ");
        result.Diagnostics[3].Message.Should().Contain("Did you mean 'citizens'?");
        result.Diagnostics[6].Message.Should().Contain("expected a privacy-loss budget epsilon above 0, found text 'abc'");
    }

    [Fact]
    public void WrongType_SaysWhatWasFoundAndWhatWasExpected()
    {
        var result = Yaml(Small.Replace("population: 1000", "population: abc", StringComparison.Ordinal));

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.WrongType);
        error.ToString().Should().Be("design.yaml:4:17: error TM1002: Subject 'citizens', field 'population': expected a whole number of people, at least 1, found text 'abc'.");
    }

    [Fact]
    public void Warnings_DoNotStopTheModel()
    {
        var result = Yaml(Small.Replace("items: [phone]", "items: []", StringComparison.Ordinal));

        result.Succeeded.Should().BeTrue();
        result.Diagnostics.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Code = DiagnosticCodes.Suspicious, Severity = DiagnosticSeverity.Warning });
    }

    [Fact]
    public void AliasesAndCoreTags_AreRead()
    {
        var text = Small
            .Replace("items: [phone]", "items: &carried [phone]", StringComparison.Ordinal)
            .Replace("population: 1000", "population: !!int 1000", StringComparison.Ordinal)
            + """

              - id: f2
                from: app
                to: user
                items: *carried
                purpose: !!str 2024
            """;

        var model = Yaml(text).GetModelOrThrow();

        model.Flow("f2").Items.Should().Equal("phone");
        model.Flow("f2").Purpose.Should().Be("2024");
        model.Subject("citizens").Population.Should().Be(1000);
    }

    [Fact]
    public void QuotedNumbersInYaml_AreText()
    {
        var result = Yaml(Small.Replace("population: 1000", "population: '1000'", StringComparison.Ordinal));

        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("found text '1000'");
    }

    [Fact]
    public void Utf8ByteOrderMark_IsSkipped()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Small)).ToArray();

        var result = DesignReader.Read(new MemoryStream(bytes), "bom.yaml");

        result.Diagnostics.Should().BeEmpty();
        result.Model!.Flow("f1").Span.Line.Should().Be(17);
    }

    [Fact]
    public void UnknownExtension_IsSniffed()
    {
        var json = File.ReadAllBytes(RepositoryPaths.Design("full.json"));
        var yaml = File.ReadAllBytes(RepositoryPaths.Design("full.yaml"));

        DesignReader.Read(new MemoryStream(json), "design.txt").Succeeded.Should().BeTrue();
        DesignReader.Read(new MemoryStream(yaml), "design").Succeeded.Should().BeTrue();
    }

    [Fact]
    public void TheExtension_DecidesTheFormat()
    {
        var json = File.ReadAllBytes(RepositoryPaths.Design("full.json"));

        var result = DesignReader.Read(new MemoryStream(json), "design.yaml");

        result.Succeeded.Should().BeTrue("JSON is also YAML");
        DesignReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Small)), "design.json").Diagnostics
            .Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.Syntax);
    }

    [Fact]
    public void ParseAndReadFile_GiveTheSameModel()
    {
        var text = File.ReadAllText(RepositoryPaths.Design("full.yaml"));

        DesignReader.Parse(text, "full.yaml", DesignFormat.Yaml).GetModelOrThrow().ShouldSayTheSameAs(ReadFull());
    }

    [Fact]
    public void MissingFile_IsADiagnostic_NamingTheFile()
    {
        var result = DesignReader.ReadFile("no/such/design.yaml");

        var error = result.Diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.UnreadableFile);
        error.Span.File.Should().Be("no/such/design.yaml");
        error.Span.Line.Should().Be(1);
        error.Message.Should().Contain("does not exist");
    }

    [Fact]
    public void Directory_IsADiagnostic()
    {
        var result = DesignReader.ReadFile(RepositoryPaths.Designs);

        result.Diagnostics.Should().ContainSingle().Which.Message.Should().Contain("is a directory");
    }

    [Fact]
    public void EmptyPath_IsADiagnostic()
    {
        DesignReader.ReadFile("  ").Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.UnreadableFile);
    }

    [Fact]
    public void NullArguments_Throw()
    {
        FluentActions.Invoking(() => DesignReader.ReadFile(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => DesignReader.Parse(null!, "x", DesignFormat.Yaml)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => DesignReader.Parse("x", null!, DesignFormat.Yaml)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => DesignReader.Read(null!, "x")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => DesignReader.Parse("x", "x", DesignFormat.Yaml, new ReaderLimits { MaxDepth = 0 })).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void GetModelOrThrow_ListsTheDiagnostics()
    {
        var result = Yaml(Small.Replace("to: app", "to: ap", StringComparison.Ordinal));

        FluentActions.Invoking(result.GetModelOrThrow).Should().Throw<InvalidDesignException>()
            .Which.Diagnostics.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.UndefinedReference);
    }

    [Theory]
    [InlineData("name: !e!foo x")]
    [InlineData("%TAG !e!\n---\nname: x")]
    [InlineData("name: !<unclosed x")]
    [InlineData("name: *")]
    [InlineData("name: &")]
    [InlineData("name: &a\nflows: *a")]
    [InlineData("? - a\n  - b\n: c")]
    [InlineData("name: x\n\uFEFFflows: []")]
    [InlineData("name: |\n  text\n bad")]
    [InlineData("name: >-9\n  x")]
    [InlineData("[a, b]: c")]
    [InlineData("{a: 1, a: 2}")]
    [InlineData("name: \"\\xZZ\"")]
    [InlineData("name: \"\\uD800\"")]
    [InlineData("- - - - -")]
    [InlineData("...\n...")]
    [InlineData("%YAML 1.1\n%YAML 1.1\n---\nname: x")]
    [InlineData("name: x\n...\nmore: y")]
    [InlineData("name: 'it''s'\nelements: [{id: a, type: person}, {id: a, type: person}]")]
    [InlineData("elements:\n  - &e {id: a, type: person}\n  - *e\n  - *e")]
    public void OddYaml_GivesDiagnostics_NeverAnException(string text)
    {
        var result = Yaml(text);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().NotBeEmpty().And.OnlyContain(d => d.Span.Line > 0 && d.Span.Column > 0);
    }

    [Theory]
    [InlineData("{\"name\": \"x\", \"elements\": [{\"id\": \"a\", \"type\": \"person\"}], \"flows\": [1, [], {}]}")]
    [InlineData("[]")]
    [InlineData("\"just text\"")]
    [InlineData("{\"name\": \"\\ud800\"}")]
    [InlineData("{\"name\": 1e999999}")]
    [InlineData("{\"name\": -}")]
    [InlineData("{\"a\": {\"b\": {\"c\": [[[[[{}]]]]]}}}")]
    [InlineData("\uFEFF{}")]
    public void OddJson_GivesDiagnostics_NeverAnException(string text)
    {
        var result = DesignReader.Parse(text, "design.json", DesignFormat.Json);

        result.Succeeded.Should().BeFalse();
        result.Errors.Should().NotBeEmpty().And.OnlyContain(d => d.Span.Line > 0 && d.Span.Column > 0);
    }

    [Fact]
    public void ReaderLimits_HaveTheDocumentedDefaults()
    {
        ReaderLimits.Default.Should().BeEquivalentTo(new
        {
            MaxFileSize = 64L * 1024 * 1024,
            MaxNodes = 5_000_000L,
            MaxDepth = 64,
            MaxCollectionSize = 1_000_000,
            MaxScalarLength = 1024 * 1024,
        });
    }

    public static TheoryData<string, ReaderLimits, string> TightLimits() => new()
    {
        { "file size", new ReaderLimits { MaxFileSize = 100 }, "--max-file-size" },
        { "nodes", new ReaderLimits { MaxNodes = 20 }, "--max-nodes" },
        { "depth", new ReaderLimits { MaxDepth = 2 }, "--max-depth" },
        { "collection", new ReaderLimits { MaxCollectionSize = 1 }, "--max-collection-size" },
        { "scalar", new ReaderLimits { MaxScalarLength = 8 }, "--max-scalar-length" },
    };

    [Theory]
    [MemberData(nameof(TightLimits))]
    public void EachLimit_IsReportedWithTheOptionThatRaisesIt(string limit, ReaderLimits limits, string option)
    {
        foreach (var format in new[] { DesignFormat.Yaml, DesignFormat.Json })
        {
            var text = format == DesignFormat.Yaml ? Small : DesignWriter.ToJson(Yaml(Small).GetModelOrThrow());

            var result = DesignReader.Parse(text, "limited", format, limits);

            result.Model.Should().BeNull(limit);
            result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.LimitExceeded && d.Message.Contains(option) && d.Span.Line > 0, limit);
        }
    }

    [Fact]
    public void NodeLimit_OnAJsonDesign_SpeaksOfItsSizeNotOfYamlAliases()
    {
        var json = DesignWriter.ToJson(Yaml(Small).GetModelOrThrow());

        var result = DesignReader.Parse(json, "big.json", DesignFormat.Json, new ReaderLimits { MaxNodes = 20 });

        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.LimitExceeded).Subject;
        error.Message.Should().Contain("more than 20 values").And.Contain("--max-nodes");
        error.Message.Should().NotContainAny("alias", "YAML");
    }

    [Fact]
    public void NodeLimit_OnAYamlDesignWithAliases_NamesTheAliases()
    {
        const string bomb = "name: bomb\na: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";

        var result = DesignReader.Parse(bomb, "bomb.yaml", DesignFormat.Yaml, new ReaderLimits { MaxNodes = 200 });

        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.LimitExceeded && d.Message.Contains("aliases are expanded"));
    }

    [Fact]
    public void RaisedLimits_AcceptWhatTheDefaultsRefuse()
    {
        var deep = "name: deep\ndescription: " + new string('[', 70) + new string(']', 70) + "\n";

        Yaml(deep).Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.LimitExceeded);
        Yaml(deep, new ReaderLimits { MaxDepth = 100 }).Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.LimitExceeded);
    }
}
