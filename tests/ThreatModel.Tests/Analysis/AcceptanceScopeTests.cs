using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Analysis;

public class AcceptanceScopeTests
{
    private static AnalysisResult Analyze(string yaml) => Analyzer.CreateDefault().Analyze(GateDesigns.Read(yaml));

    private static string Accepts(string rule) => $"accepts:\n  - rule: {rule}\n    justification: Reviewed";

    [Fact]
    public void AnAcceptanceOnTheBanksOwnPaymentFlow_DoesNotSilenceTheLinkageThatLandsAtTheScoringBureau()
    {
        var result = Analyze(GateDesigns.Scoring(bankFlowAccepts: Accepts("TM001")));

        var linkage = result.Findings.Should().ContainSingle(f => f.RuleId == "TM001").Subject;
        linkage.Elements[0].Should().Be("scoring");
        linkage.EvidencePath.Should().Contain("f-bank-in");
        result.Suppressed.Should().NotContain(s => s.Finding.RuleId == "TM001");
    }

    [Fact]
    public void AnAcceptanceOnAnElementTheFindingPassesThrough_DoesNotCoverIt()
    {
        var result = Analyze(GateDesigns.Scoring(bankAccepts: Accepts("TM001")));

        result.Findings.Should().Contain(f => f.RuleId == "TM001");
    }

    [Fact]
    public void AnAcceptanceOnTheElementWhereTheFindingLands_CoversIt()
    {
        var result = Analyze(GateDesigns.Scoring(scoringAccepts: Accepts("TM001")));

        result.Findings.Should().NotContain(f => f.RuleId == "TM001");
        result.Suppressed.Should().ContainSingle(s => s.Finding.RuleId == "TM001").Which.Justification.Should().Be("Reviewed");
        result.UnusedAcceptances.Should().BeEmpty();
    }

    [Fact]
    public void AnAcceptanceOnAFlow_CoversTheFindingThatPointsAtIt_AndNotTheSameRulesFindingOnAnotherFlow()
    {
        var result = Analyze(GateDesigns.Scoring(bankScoreAccepts: Accepts("TM006")));

        var accepted = result.Suppressed.Where(s => s.Finding.RuleId == "TM006").Select(s => s.Finding).Should().ContainSingle().Subject;
        accepted.EvidencePath.Should().Equal("f-bank-in", "f-bank-score");
        result.Findings.Should().ContainSingle(f => f.RuleId == "TM006").Which.EvidencePath.Should().Equal("f-social-in", "f-social-score");
    }

    [Fact]
    public void AnAcceptanceByFingerprint_CoversThatOneFinding_WhereverItIsWritten()
    {
        var fingerprint = Analyze(GateDesigns.Scoring()).Findings.Single(f => f.RuleId == "TM001").Fingerprint;

        var result = Analyze(GateDesigns.Scoring(bankFlowAccepts: $"accepts:\n  - finding: {fingerprint}\n    justification: Only this join; PRIV-42"));

        result.Suppressed.Should().ContainSingle().Which.Finding.Fingerprint.Should().Be(fingerprint);
        result.Findings.Should().NotContain(f => f.Fingerprint == fingerprint);
    }

    [Fact]
    public void AnAcceptanceThatCoversNothing_IsReportedInEveryReport()
    {
        var result = Analyze(GateDesigns.Scoring(bankFlowAccepts: Accepts("TM001")));

        var unused = result.UnusedAcceptances.Should().ContainSingle().Subject;
        unused.Owner.Should().Be("f-bank-in");
        unused.Acceptance.RuleId.Should().Be("TM001");
        foreach (var writer in ReportWriters.All.Where(w => w.Format is "text" or "markdown" or "json" or "sarif"))
        {
            using var output = new StringWriter();
            writer.Write(result, output, ReportOptions.Default);
            output.ToString().Should().Contain("The acceptance of TM001 on 'f-bank-in' at design.yaml:", writer.Format).And.Contain("covers no finding");
        }
    }

    [Fact]
    public void AnAcceptanceOfAnUnknownRuleId_IsAnErrorAtTheRuleId()
    {
        var model = GateDesigns.Read(GateDesigns.Scoring(scoringAccepts: Accepts("TM999")));

        var error = Analyzer.CreateDefault().CheckAcceptances(model).Should().ContainSingle().Subject;

        error.Severity.Should().Be(DiagnosticSeverity.Error);
        error.Code.Should().Be(DiagnosticCodes.UndefinedReference);
        error.Message.Should().Contain("'TM999'");
        error.Span.File.Should().Be("design.yaml");
        error.Span.Line.Should().BeGreaterThan(0);
        var line = GateDesigns.Scoring(scoringAccepts: Accepts("TM999")).Split('\n')[error.Span.Line - 1];
        line[(error.Span.Column - 1)..].Should().StartWith("TM999");
    }

    [Fact]
    public void AnAcceptanceNamingARuleByItsName_SuggestsTheRuleId()
    {
        var model = GateDesigns.Read(GateDesigns.Scoring(scoringAccepts: Accepts("purpose-creep")));

        Analyzer.CreateDefault().CheckAcceptances(model).Should().ContainSingle()
            .Which.Message.Should().Contain("'purpose-creep'").And.Contain("Did you mean TM006?");
    }
}
