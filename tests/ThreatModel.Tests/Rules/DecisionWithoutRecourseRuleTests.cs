using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class DecisionWithoutRecourseRuleTests
{
    private static DecisionSpec Decision(string[]? affects = null, string? subject = "debtors", bool automated = true, bool informed = false, bool inputsVisible = false, bool appeal = false) =>
        new()
        {
            Affects = affects ?? ["travel", "public-services"],
            SubjectId = subject,
            Automated = automated,
            SubjectInformed = informed,
            InputsVisible = inputsVisible,
            Appeal = appeal,
        };

    /// <summary>A court blacklist read by a railway ticketing gate.</summary>
    private static SystemModel Blacklist(DecisionSpec decision, bool vulnerable = false) =>
        new SystemModelBuilder("blacklist")
            .Subject("debtors", 14_500_000, vulnerable: vulnerable)
            .Item("national-id", DataItemKind.DirectIdentifier, "debtors")
            .Item("judgment-default", DataItemKind.Financial, "debtors", stigmatizing: true)
            .Person("debtor", "debtors")
            .Process("court", "supreme-court")
            .Process("ticket-gate", "railway", decision)
            .Flow("f-judgment", "debtor", "court", ["national-id", "judgment-default"], "law-enforcement")
            .Flow("f-blacklist", "court", "ticket-gate", ["national-id", "judgment-default"], "law-enforcement")
            .Build();

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new DecisionWithoutRecourseRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenAnAutomatedTravelBanRestsOnABlacklistPeopleAreNotToldAbout()
    {
        var finding = Run(Blacklist(Decision())).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM007");
        finding.Subjects.Should().Equal("debtors");
        finding.Items.Should().Equal("judgment-default");
        finding.Elements.Should().Equal("ticket-gate");
        finding.EvidencePath.Should().Equal("f-judgment", "f-blacklist");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
        finding.Title.Should().Contain("without notice, insight or appeal");
        finding.Mitigation.Should().Contain("decision.informed").And.Contain("decision.inputsVisible").And.Contain("decision.appeal");
    }

    [Fact]
    public void IsQuiet_WhenPeopleAreInformedSeeTheInputsAndCanAppeal()
    {
        Run(Blacklist(Decision(informed: true, inputsVisible: true, appeal: true))).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false, Likelihood.Rare, Severity.Medium)]
    [InlineData(true, Likelihood.Possible, Severity.High)]
    public void RatesByAutomationAndWhatIsMissing_WhenOnlyTheAppealIsMissing(bool automated, Likelihood likelihood, Severity severity)
    {
        var finding = Run(Blacklist(Decision(automated: automated, informed: true, inputsVisible: true))).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(likelihood);
        finding.Severity.Should().Be(severity);
        finding.Mitigation.Should().Contain("decision.appeal").And.NotContain("decision.informed");
    }

    [Fact]
    public void RatesMajor_WhenTheDecisionAffectsCreditRatherThanEssentialAccess()
    {
        var finding = Run(Blacklist(Decision(affects: ["credit"]))).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void RaisesImpact_WhenAMinorDecisionFallsOnVulnerablePeople()
    {
        var finding = Run(Blacklist(Decision(affects: ["recommendations"]), vulnerable: true)).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Major);
    }

    [Fact]
    public void IsQuiet_WhenTheDecisionReadsNoProfilingData()
    {
        var model = new SystemModelBuilder("id check")
            .Subject("travellers", 1_000_000)
            .Item("passport-number", DataItemKind.DirectIdentifier, "travellers")
            .Person("traveller", "travellers")
            .Process("gate", "border", Decision(subject: "travellers"))
            .Flow("f1", "traveller", "gate", ["passport-number"], "identity-verification")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void InfersTheSubject_WhenTheDecisionNamesNone()
    {
        var finding = Run(Blacklist(Decision(subject: null))).Should().ContainSingle().Subject;

        finding.Subjects.Should().Equal("debtors");
    }
}
