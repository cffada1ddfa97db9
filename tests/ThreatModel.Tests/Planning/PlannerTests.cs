using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Tests.Planning;

public class PlannerTests
{
    /// <summary>A court blacklist read by a railway ticketing gate that decides automatically, with no notice or appeal.</summary>
    private const string Blacklist = """
        name: Blacklist
        subjects:
          - id: debtors
            population: 14500000
        items:
          - id: national-id
            kind: direct-identifier
            subject: debtors
          - id: judgment-default
            kind: financial
            subject: debtors
            stigmatizing: true
        elements:
          - id: debtor
            type: person
            subject: debtors
          - id: court
            type: process
            organization: supreme-court
          - id: ticket-gate
            type: process
            organization: railway
            decision:
              affects: [travel]
              subject: debtors
              automated: true
        flows:
          - id: f-judgment
            from: debtor
            to: court
            items: [national-id, judgment-default]
            purpose: law-enforcement
            protections: { legalBasis: legal-obligation }
          - id: f-blacklist
            from: court
            to: ticket-gate
            items: [national-id, judgment-default]
            purpose: law-enforcement
            protections: { legalBasis: legal-obligation }
        """;

    private static SystemModel Read(string yaml) => DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    private static Plan PlanFor(SystemModel model, Severity threshold = Severity.High, int budget = 20) =>
        new Planner(Analyzer.CreateDefault()).Plan(model, new PlanOptions { Threshold = threshold, Budget = budget });

    [Fact]
    public void DecisionWithoutRecourse_NamesGrantRecourseAsItsRemedy()
    {
        var findings = Analyzer.CreateDefault().Analyze(Read(Blacklist)).Findings;

        findings.Single(f => f.RuleId == "TM007").Remedies.Should().ContainSingle().Which.Should().Be(new GrantRecourse("ticket-gate"));
    }

    [Fact]
    public void Plan_ClearsTheBlacklist_AndTheEditedDesignPassesACheck()
    {
        var plan = PlanFor(Read(Blacklist));

        plan.Clears.Should().BeTrue();
        plan.Steps.Should().NotBeEmpty();
        plan.Steps.SelectMany(s => s.Removed).Should().Contain(f => f.RuleId == "TM007");
        Analyzer.CreateDefault().Analyze(plan.Edited).AtOrAbove(Severity.High).Should().BeEmpty();
    }

    [Fact]
    public void Plan_WithABudgetOfZero_ChangesNothing_AndDoesNotClear()
    {
        var plan = PlanFor(Read(Blacklist), budget: 0);

        plan.Steps.Should().BeEmpty();
        plan.Clears.Should().BeFalse();
        plan.FailingAfter.Should().Be(plan.FailingBefore);
    }

    [Fact]
    public void Plan_IsTheSame_OnTwoRuns()
    {
        var first = PlanFor(Read(Blacklist), Severity.Low);
        var second = PlanFor(Read(Blacklist), Severity.Low);

        second.Steps.Select(s => s.Edit.Key).Should().Equal(first.Steps.Select(s => s.Edit.Key));
    }

    [Fact]
    public void Plan_OfACleanDesign_HasNoSteps_AndClears()
    {
        var model = Read(Blacklist.Replace("automated: true", "automated: false\n      informed: true\n      inputsVisible: true\n      appeal: true", StringComparison.Ordinal));

        var plan = PlanFor(model, Severity.Critical);

        plan.Clears.Should().BeTrue();
        plan.Steps.Should().BeEmpty();
    }

    [Fact]
    public void GrantRecourse_GivesTheDecisionNoticeInsightAndAppeal_WithoutChangingTheInput()
    {
        var model = Read(Blacklist);

        var edited = DesignEdits.Apply(model, new GrantRecourse("ticket-gate"));

        edited.Element("ticket-gate").Decision.Should().Match<DecisionSpec>(d => d.Appeal && d.SubjectInformed && d.InputsVisible && !d.Automated);
        model.Element("ticket-gate").Decision!.Appeal.Should().BeFalse();
    }

    [Fact]
    public void DropItem_StopsTheFlowFromDeliveringTheItem()
    {
        var edited = DesignEdits.Apply(Read(Blacklist), new DropItem("f-blacklist", "judgment-default"));

        edited.Flow("f-blacklist").Protections.SuppressedItems.Should().Equal("judgment-default");
        Analyzer.CreateDefault().Analyze(edited).Findings.Should().NotContain(f => f.RuleId == "TM007");
    }

    [Fact]
    public void AddProtection_Aggregation_OnlyRaisesTheThreshold()
    {
        var once = DesignEdits.Apply(Read(Blacklist), new AddProtection("f-blacklist", "aggregation", "20"));

        var twice = DesignEdits.Apply(once, new AddProtection("f-blacklist", "aggregation", "5"));

        twice.Flow("f-blacklist").Protections.AggregationThreshold.Should().Be(20);
    }

    [Fact]
    public void Apply_RejectsAnEditOfAFlowTheDesignDoesNotHave()
    {
        var act = () => DesignEdits.Apply(Read(Blacklist), new DropItem("f-missing", "judgment-default"));

        act.Should().Throw<ArgumentException>().WithMessage("*f-missing*");
    }

    [Fact]
    public void SetRetention_OnAStore_DeclaresDaysDeletionAndCorrection()
    {
        var model = Read(Blacklist.Replace("  - id: court\n    type: process", "  - id: court\n    type: store", StringComparison.Ordinal));

        var edited = DesignEdits.Apply(model, new SetRetention("court", 90));

        edited.Element("court").Retention.Should().Match<RetentionSpec>(r => r.Days == 90 && r.Deletion && r.Correction);
    }

    /// <summary>Every example design on disk: each example's design.yaml and its other designs (mitigated, redesign), not the imports or the CI setup.</summary>
    public static TheoryData<string> ExampleDesigns()
    {
        var designs = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.Examples).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(folder);
            if (name is "imports" or "ci")
                continue;
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
                designs.Add(name + "/" + System.IO.Path.GetFileName(file));
        }

        return designs;
    }

    [Fact]
    public void ExampleDesigns_IncludeEveryBundledExampleAndThePilot()
    {
        var designs = ExampleDesigns().Select((object[] row) => (string)row[0]).ToList();

        designs.Should().Contain(["debtor-map/design.yaml", "fitness-heatmap/design.yaml", "payments-release/design.yaml", "social-scoring/design.yaml", "social-credit-pilot/design.yaml"]);
    }

    [Theory]
    [MemberData(nameof(ExampleDesigns))]
    public void Plan_ClearsTheBundledExample_AndTheWrittenDesignHasNoFindingAtOrAboveHigh(string example)
    {
        var model = DesignReader.ReadFile(RepositoryPaths.Path(["examples", .. example.Split('/')])).GetModelOrThrow();

        var plan = PlanFor(model, budget: 50);
        var reread = DesignReader.Parse(DesignWriter.ToYaml(plan.Edited), "fixed.yaml", DesignFormat.Yaml).GetModelOrThrow();

        plan.Clears.Should().BeTrue(string.Join("; ", plan.After.AtOrAbove(Severity.High).Select(f => f.RuleId + " " + f.Title)));
        plan.Steps.Count.Should().BeLessThanOrEqualTo(50);
        Analyzer.CreateDefault().Analyze(reread).AtOrAbove(Severity.High).Should().BeEmpty();
    }

    [Fact]
    public void Plan_NeverLeavesMoreFailingFindings_ThanTheDesignHad_OnThePilot()
    {
        var model = DesignReader.ReadFile(RepositoryPaths.Path("examples", "social-credit-pilot", "design.yaml")).GetModelOrThrow();

        var plan = PlanFor(model, budget: 10);

        plan.Steps.Should().HaveCountLessThanOrEqualTo(10);
        plan.FailingAfter.Should().BeLessThan(plan.FailingBefore);
        plan.Steps.Should().OnlyContain(s => s.Removed.Count > 0 || s.Introduced.Count == 0);
    }
}
