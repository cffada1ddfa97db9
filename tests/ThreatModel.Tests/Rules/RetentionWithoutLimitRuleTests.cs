using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class RetentionWithoutLimitRuleTests
{
    private static readonly RetentionSpec Limited = new(365, Deletion: true, Correction: true, SourceSpan.None);

    /// <summary>A lender keeps loan records in an archive.</summary>
    private static SystemModelBuilder ArchiveDesign(RetentionSpec? retention, Protections? archiveProtections = null) =>
        new SystemModelBuilder("archive")
            .Subject("borrowers", 300_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "borrowers")
            .Item("loans", DataItemKind.Financial, "borrowers")
            .Person("borrower", "borrowers")
            .Process("lending", "lender")
            .Store("archive", "lender", retention)
            .Flow("f-apply", "borrower", "lending", ["national-id", "loans"], "lending")
            .Flow("f-archive", "lending", "archive", ["national-id", "loans"], "record-keeping", archiveProtections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new RetentionWithoutLimitRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenAStoreKeepsIdentifiedFinancialDataWithNoRetention()
    {
        var finding = Run(ArchiveDesign(retention: null).Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM013");
        finding.Key.Should().Be("archive");
        finding.Subjects.Should().Equal("borrowers");
        finding.Items.Should().Equal("national-id", "loans");
        finding.Elements.Should().Equal("archive");
        finding.EvidencePath.Should().Equal("f-apply", "f-archive");
        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.Medium);
        finding.Message.Should().Contain("no retention period").And.Contain("deleted");
    }

    [Fact]
    public void IsQuiet_WhenRetentionIsLimitedAndPeopleCanDeleteAndCorrect()
    {
        Run(ArchiveDesign(Limited).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsRare_WhenAPeriodIsSetButPeopleCannotHaveDataDeleted()
    {
        var finding = Run(ArchiveDesign(Limited with { Deletion = false }).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Rare);
        finding.Severity.Should().Be(Severity.Low);
        finding.Message.Should().Contain("365 days").And.Contain("cannot have it deleted");
    }

    [Fact]
    public void Fires_WhenDataFeedingADecisionCannotBeCorrected()
    {
        var decision = new DecisionSpec
        {
            Affects = ["credit"],
            SubjectId = "borrowers",
            Automated = true,
            SubjectInformed = true,
            InputsVisible = false,
            Appeal = false,
        };
        var model = ArchiveDesign(Limited with { Correction = false })
            .Process("scoring", "lender", decision)
            .Flow("f-score", "archive", "scoring", ["national-id", "loans"], "credit-scoring")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Title.Should().EndWith("cannot have corrected");
        finding.Message.Should().Contain("corrected, although it feeds decisions");
        finding.Likelihood.Should().Be(Likelihood.Rare);
    }

    [Fact]
    public void IsQuiet_WhenMissingCorrectionDoesNotMatter()
    {
        Run(ArchiveDesign(Limited with { Correction = false }).Build()).Should().BeEmpty();
    }

    [Fact]
    public void UsesTheRetentionDeclaredOnEveryIncomingFlow()
    {
        var model = ArchiveDesign(new RetentionSpec(null, Deletion: true, Correction: true, SourceSpan.None), Protections.None with { RetentionDays = 90 }).Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheStoreHoldsOnlyAggregates()
    {
        Run(ArchiveDesign(retention: null, Protections.None with { AggregationThreshold = 20 }).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheStoreHoldsNothingAboutPeople()
    {
        var model = new SystemModelBuilder("config")
            .Subject("users", 1_000)
            .Item("theme", DataItemKind.Other, "users")
            .Process("app", "app-co")
            .Store("settings", "app-co")
            .Flow("f-save", "app", "settings", ["theme"], "service")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsHigh_WhenSpecialCategoryDataAboutAVulnerableGroupIsKeptForever()
    {
        var model = new SystemModelBuilder("register")
            .Subject("residents", 9_000_000, vulnerable: true)
            .Item("name", DataItemKind.DirectIdentifier, "residents")
            .Item("religion", DataItemKind.SpecialCategory, "residents", specialCategory: "religion")
            .Person("resident", "residents")
            .Process("registry-office", "municipality")
            .Store("population-register", "municipality")
            .Flow("f-register", "resident", "registry-office", ["name", "religion"], "public-task")
            .Flow("f-keep", "registry-office", "population-register", ["name", "religion"], "public-task")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void ReportsEachStoreOnce()
    {
        var model = ArchiveDesign(retention: null)
            .Store("backup", "lender")
            .Flow("f-backup", "archive", "backup", ["national-id", "loans"], "backup")
            .Flow("f-restore", "backup", "archive", ["national-id", "loans"], "backup")
            .Build();

        var findings = Run(model);

        findings.Select(f => f.Key).Should().BeEquivalentTo(["archive", "backup"]);
        findings.Single(f => f.Key == "backup").EvidencePath.Should().Equal("f-apply", "f-archive", "f-backup");
    }
}
