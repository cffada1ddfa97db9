using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;
using ThreatModel.Reporting;
using ThreatModel.Tests.Reporting;

namespace ThreatModel.Tests.Planning;

/// <summary>The edits that keep data where people have rights (move-to-jurisdiction, grant-rights) and the drop-item cascade.</summary>
public class DesignEditsTests
{
    /// <summary>
    /// A court keeps judgments in a country without enforceable rights and a gate decides on travel from them; the design
    /// also declares the EU, where people can enforce their rights. The court forwards the judgments it receives to the gate.
    /// </summary>
    private const string Court = """
        name: Court
        jurisdictions:
          - { id: home, name: Home country, subjectRights: false }
          - { id: eu, name: European Union, subjectRights: true }
        organizations:
          - { id: court-org, name: Court, jurisdiction: home, kind: government }
        subjects:
          - { id: debtors, name: Debtors, population: 100000 }
        items:
          - { id: national-id, kind: direct-identifier, subject: debtors }
          - { id: judgment, kind: financial, subject: debtors, stigmatizing: true }
        elements:
          - { id: debtor, type: person, subject: debtors }
          - { id: court-db, type: store, organization: court-org }
          - id: gate
            type: process
            organization: court-org
            decision: { affects: [travel], subject: debtors, automated: true }
          - { id: clerk, type: process, organization: court-org }
        flows:
          - { id: f-judgment, from: debtor, to: court-db, items: [national-id, judgment], purpose: debt-enforcement, protections: { legalBasis: legal-obligation } }
          - { id: f-to-gate, from: court-db, to: gate, items: [national-id, judgment], purpose: debt-enforcement, protections: { legalBasis: legal-obligation } }
          - { id: f-filed, from: clerk, to: court-db, items: [judgment], purpose: debt-enforcement }
        """;

    private static SystemModel Read(string yaml) => DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    [Fact]
    public void MoveToJurisdiction_KeepsTheElementInTheNamedJurisdiction_AndLeavesItsOrganization()
    {
        var model = Read(Court);

        var edited = DesignEdits.Apply(model, new MoveToJurisdiction("court-db", "eu"));

        edited.Element("court-db").JurisdictionId.Should().Be("eu");
        edited.Element("court-db").OrganizationId.Should().Be("court-org");
        model.Element("court-db").JurisdictionId.Should().Be("home");
    }

    [Fact]
    public void MoveToJurisdiction_RejectsAJurisdictionTheDesignDoesNotHave()
    {
        var act = () => DesignEdits.Apply(Read(Court), new MoveToJurisdiction("court-db", "mars"));

        act.Should().Throw<ArgumentException>().WithMessage("*mars*");
    }

    [Fact]
    public void GrantRights_OnAStore_DeclaresDeletionAndCorrection_WithoutSettingARetentionPeriod()
    {
        var edited = DesignEdits.Apply(Read(Court), new GrantRights("court-db"));

        edited.Element("court-db").Retention.Should().Match<RetentionSpec>(r => r.Deletion && r.Correction && r.Days == null);
    }

    [Fact]
    public void GrantRights_OnADecision_GivesNoticeInsightAndAppeal_AndLeavesItAutomated()
    {
        var edited = DesignEdits.Apply(Read(Court), new GrantRights("gate"));

        edited.Element("gate").Decision.Should().Match<DecisionSpec>(d => d.SubjectInformed && d.InputsVisible && d.Appeal && d.Automated);
    }

    [Fact]
    public void GrantRights_RejectsAProcessThatDecidesNothing()
    {
        var act = () => DesignEdits.Apply(Read(Court), new GrantRights("clerk"));

        act.Should().Throw<ArgumentException>().WithMessage("*clerk*neither a store nor a process that decides*");
    }

    [Fact]
    public void NewEdits_HaveTheirJsonShape_InTheReport()
    {
        var result = Analyzer.CreateDefault().Analyze(Read(Court));
        var finding = result.Findings[0] with { Remedies = [new MoveToJurisdiction("court-db", "eu"), new GrantRights("court-db")] };

        using var json = JsonDocument.Parse(WriterHarness.Render(new JsonReportWriter(), result with { Findings = [finding] }));

        var remedies = json.RootElement.GetProperty("findings")[0].GetProperty("remedies");
        remedies[0].GetProperty("kind").GetString().Should().Be("move-to-jurisdiction");
        remedies[0].GetProperty("element").GetString().Should().Be("court-db");
        remedies[0].GetProperty("jurisdiction").GetString().Should().Be("eu");
        remedies[0].GetProperty("cost").GetString().Should().Contain("moves");
        remedies[1].GetProperty("kind").GetString().Should().Be("grant-rights");
        remedies[1].GetProperty("element").GetString().Should().Be("court-db");
        remedies[1].GetProperty("description").GetString().Should().Contain("retention.deletion");
        json.RootElement.GetProperty("findings")[0].GetProperty("rootCause").GetString().Should().Be("move-to-jurisdiction|court-db|eu");
    }

    [Fact]
    public void DropItem_Cascades_ToTheFlowsThatForwardAnItemTheReceiverNoLongerGets()
    {
        var edited = DesignEdits.Apply(Read(Court), new DropItem("f-judgment", "national-id"));

        edited.Flow("f-judgment").Protections.SuppressedItems.Should().Equal("national-id");
        edited.Flow("f-to-gate").Protections.SuppressedItems.Should().Equal("national-id");
    }

    [Fact]
    public void DropItem_DoesNotCascade_WhenTheReceiverStillGetsTheItemOnAnotherFlow()
    {
        // The clerk also files judgments into the court's store, so the store still holds them and passes them on.
        var edited = DesignEdits.Apply(Read(Court), new DropItem("f-judgment", "judgment"));

        edited.Flow("f-to-gate").Protections.SuppressedItems.Should().BeEmpty();
    }

    [Fact]
    public void DropItem_Cascade_IsTheSame_WhateverTheOrderOfTheEdits()
    {
        var model = Read(Court);
        DesignEdit[] edits = [new DropItem("f-judgment", "judgment"), new DropItem("f-filed", "judgment"), new GrantRights("gate")];

        var forward = DesignEdits.Apply(model, edits);
        var backward = DesignEdits.Apply(model, edits.Reverse());
        var stepwise = edits.Aggregate(model, (m, e) => DesignEdits.Apply(m, e));

        forward.Flow("f-to-gate").Protections.SuppressedItems.Should().Equal("judgment");
        DesignWriter.ToYaml(backward).Should().Be(DesignWriter.ToYaml(forward));
        DesignWriter.ToYaml(stepwise).Should().Be(DesignWriter.ToYaml(forward));
    }

    [Fact]
    public void EditsWithoutADrop_LeaveEverySuppressionAsWritten()
    {
        var model = Read(Court);

        var edited = DesignEdits.Apply(model, new AddProtection("f-to-gate", "consent"));

        edited.Flows.Select(f => f.Protections.SuppressedItems.Count).Should().OnlyContain(n => n == 0);
    }
}
