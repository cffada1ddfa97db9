using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Analysis;

public class FindingDiffGateTests
{
    private static AnalysisResult Analyze(string yaml, AnalyzerOptions? options = null) =>
        Analyzer.CreateDefault().Analyze(GateDesigns.Read(yaml), options ?? AnalyzerOptions.Default);

    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void AFindingThatEscalates_UnderTheSameFingerprint_IsWorsened_AndFailsTheGate()
    {
        var result = Analyze(GateDesigns.Scoring());
        var finding = result.Findings[0];
        var old = result with { Findings = [finding with { Likelihood = Likelihood.Rare, Severity = Severity.Low }] };
        var @new = result with { Findings = [finding with { Severity = Severity.Critical }] };

        var diff = FindingDiff.Between(old, @new);

        diff.Introduced.Should().BeEmpty();
        diff.Unchanged.Should().BeEmpty();
        var change = diff.Worsened.Should().ContainSingle().Subject;
        change.Summary.Should().StartWith("severity low -> critical");
        diff.Failing(Severity.High, allowNewAcceptances: false, allowRelaxedThresholds: false).Should().Be(1);
    }

    [Fact]
    public void AFindingThatDeescalates_IsImproved_AndDoesNotFail()
    {
        var result = Analyze(GateDesigns.Scoring());
        var finding = result.Findings[0];

        var diff = FindingDiff.Between(result with { Findings = [finding with { Severity = Severity.Critical }] }, result with { Findings = [finding with { Severity = Severity.Low }] });

        diff.Improved.Should().ContainSingle();
        diff.Failing(Severity.Low, false, false).Should().Be(0);
    }

    [Fact]
    public void ANewInlineAcceptance_MakesTheFindingNewlyAccepted_NotResolved()
    {
        var old = Analyze(GateDesigns.Scoring());
        var @new = Analyze(GateDesigns.Scoring(scoringAccepts: "accepts:\n  - rule: TM001\n    justification: Fine"));

        var diff = FindingDiff.Between(old, @new);

        diff.Resolved.Should().BeEmpty();
        var accepted = diff.NewlyAccepted.Should().ContainSingle().Subject;
        accepted.Accepted.Finding.RuleId.Should().Be("TM001");
        accepted.Previously.Should().StartWith("stood at");
        diff.Failing(Severity.High, allowNewAcceptances: false, false).Should().Be(1);
        diff.Failing(Severity.High, allowNewAcceptances: true, false).Should().Be(0);
    }

    [Fact]
    public void ABaselineRegeneratedInThePullRequest_MakesTheNewFindingNewlyAccepted()
    {
        var old = Analyze(GateDesigns.Scoring(scoringAccepts: "accepts:\n  - rule: TM001\n    justification: Old"));
        var changed = Analyze(GateDesigns.Scoring());
        var regenerated = Baseline.For(changed, "Regenerated", "author", Today, new DateOnly(9999, 12, 31));
        var oldBaseline = new Baseline([]);

        var diff = FindingDiff.Between(
            oldBaseline.Apply(old, Today, "base.json").Result,
            regenerated.Apply(changed, Today, "new.json").Result);

        diff.Introduced.Should().BeEmpty();
        diff.NewlyAccepted.Should().NotBeEmpty();
        diff.NewlyAccepted.Should().OnlyContain(a => a.Accepted.Kind == SuppressionKind.Baseline);
        diff.Failing(Severity.Info, false, false).Should().Be(diff.NewlyAccepted.Count);
    }

    [Fact]
    public void ABaselineEntryWhoseExpiryWasExtended_IsNewlyAccepted()
    {
        var result = Analyze(GateDesigns.Scoring());
        var before = Baseline.For(result, "Reviewed", "team", Today, new DateOnly(2026, 12, 31));
        var after = new Baseline([.. before.Entries.Select(e => e with { Expires = new DateOnly(9999, 12, 31) })]);

        var diff = FindingDiff.Between(before.Apply(result, Today, "b.json").Result, after.Apply(result, Today, "b.json").Result);

        diff.NewlyAccepted.Should().HaveCount(before.Entries.Count).And.OnlyContain(a => a.Previously == "accepted before, but the acceptance changed");
    }

    [Fact]
    public void AnUnchangedAcceptance_IsNotNewlyAccepted()
    {
        var yaml = GateDesigns.Scoring(scoringAccepts: "accepts:\n  - rule: TM001\n    justification: Fine");

        var diff = FindingDiff.Between(Analyze(yaml), Analyze(yaml));

        diff.NewlyAccepted.Should().BeEmpty();
        diff.Failing(Severity.Info, false, false).Should().Be(0);
    }

    [Fact]
    public void DroppingADesignsTighterThreshold_IsThresholdsRelaxed_AndFails()
    {
        var old = Analyze(GateDesigns.PaymentsRelease("settings: { minimumAnonymitySet: 50 }"));
        var @new = Analyze(GateDesigns.PaymentsRelease());

        var diff = FindingDiff.Between(old, @new);

        var relaxed = diff.ThresholdsRelaxed.Should().ContainSingle().Subject;
        relaxed.Summary.Should().Be("minimumAnonymitySet 50 (design) -> 10 (default)");
        diff.Failing(Severity.Critical, false, allowRelaxedThresholds: false).Should().Be(1);
        diff.Failing(Severity.Critical, false, allowRelaxedThresholds: true).Should().Be(0);
    }

    [Fact]
    public void EveryDiffFormat_HasTheNewSections()
    {
        var result = Analyze(GateDesigns.Scoring());
        var finding = result.Findings.Single(f => f.RuleId == "TM001");
        var old = Analyze(GateDesigns.PaymentsRelease("settings: { minimumAnonymitySet: 50 }")) with { Findings = [finding with { Severity = Severity.Low }] };
        var @new = Analyze(GateDesigns.Scoring(scoringAccepts: "accepts:\n  - rule: TM001\n    justification: Fine")) with { Findings = [finding] };
        var diff = FindingDiff.Between(old, @new);

        string Render(string format)
        {
            using var output = new StringWriter();
            FindingDiffWriter.Write(diff, format, output, ReportOptions.Default);
            return output.ToString();
        }

        Render("text").Should().Contain("Worsened (1):").And.Contain("Newly accepted (1):").And.Contain("Thresholds relaxed (1):");
        Render("markdown").Should().Contain("### Worsened").And.Contain("### Newly accepted").And.Contain("### Thresholds relaxed");
        using var json = System.Text.Json.JsonDocument.Parse(Render("json"));
        json.RootElement.GetProperty("summary").GetProperty("worsened").GetInt32().Should().Be(1);
        json.RootElement.GetProperty("newlyAccepted").GetArrayLength().Should().Be(1);
        json.RootElement.GetProperty("thresholdsRelaxed")[0].GetProperty("name").GetString().Should().Be("minimumAnonymitySet");
        using var sarif = System.Text.Json.JsonDocument.Parse(Render("sarif"));
        var properties = sarif.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("diff");
        properties.GetProperty("newlyAccepted").GetArrayLength().Should().Be(1);
        properties.GetProperty("thresholdsRelaxed").GetArrayLength().Should().Be(1);
    }
}
