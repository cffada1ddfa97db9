using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Analysis;

public class BaselineSeverityTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static AnalysisResult Scoring() => Analyzer.CreateDefault().Analyze(GateDesigns.Read(GateDesigns.Scoring()));

    private static BaselineEntry EntryFor(Finding finding, Severity? severity) =>
        new()
        {
            Fingerprint = finding.Fingerprint,
            RuleId = finding.RuleId,
            Title = finding.Title,
            Justification = "Reviewed",
            AcceptedBy = "privacy-team",
            AcceptedOn = Today,
            Severity = severity,
        };

    [Fact]
    public void ABaselineWritten_RecordsTheSeverityOfEachFindingItAccepts()
    {
        var result = Scoring();

        var baseline = Baseline.For(result, "Reviewed", "privacy-team", Today);

        baseline.Entries.Should().HaveCount(result.Findings.Count);
        foreach (var entry in baseline.Entries)
            entry.Severity.Should().Be(result.Findings.First(f => f.Fingerprint == entry.Fingerprint).Severity);
        var (read, diagnostics) = BaselineSerializer.Read(BaselineSerializer.Write(baseline), "b.json");
        diagnostics.Should().BeEmpty();
        read!.Entries.Should().Equal(baseline.Entries);
    }

    [Fact]
    public void AnEntryAcceptedAtLow_DoesNotAcceptTheSameFindingAtHigh_AndSaysWhy()
    {
        var result = Scoring();
        var linkage = result.Findings.Single(f => f.RuleId == "TM001");
        ((int)linkage.Severity).Should().BeGreaterThan((int)Severity.Low);

        var applied = new Baseline([EntryFor(linkage, Severity.Low)]).Apply(result, Today, "baseline.json");

        applied.Result.Findings.Should().Contain(linkage);
        var note = applied.Notes.Should().ContainSingle().Subject;
        note.Escalated.Should().BeTrue();
        note.Message.Should().Contain($"accepted at low, now {linkage.Severity.ToString().ToLowerInvariant()}");
    }

    [Fact]
    public void AnEntryAcceptedAtTheFindingsSeverity_AcceptsIt()
    {
        var result = Scoring();
        var linkage = result.Findings.Single(f => f.RuleId == "TM001");

        var applied = new Baseline([EntryFor(linkage, linkage.Severity)]).Apply(result, Today, "baseline.json");

        applied.Result.Findings.Should().NotContain(linkage);
        applied.Result.Suppressed.Should().ContainSingle().Which.Entry!.Severity.Should().Be(linkage.Severity);
    }

    [Fact]
    public void AnOldEntryWithoutASeverity_IsReadAsAcceptingLow()
    {
        var result = Scoring();
        var linkage = result.Findings.Single(f => f.RuleId == "TM001");
        var json = $$"""{ "version": 1, "entries": [ { "fingerprint": "{{linkage.Fingerprint}}", "ruleId": "TM001", "justification": "old", "acceptedBy": "team" } ] }""";
        var (baseline, _) = BaselineSerializer.Read(json, "old-baseline.json");

        var applied = baseline!.Apply(result, Today, "old-baseline.json");

        baseline.Entries[0].AcceptedSeverity.Should().Be(Severity.Low);
        applied.Result.Findings.Should().Contain(linkage);
        applied.Notes.Single().Message.Should().Contain("records no severity");
    }

    [Fact]
    public void ASeverityThatIsNotOne_IsAnErrorInTheBaselineFile()
    {
        var (baseline, diagnostics) = BaselineSerializer.Read("""{ "entries": [ { "fingerprint": "ab", "ruleId": "TM001", "severity": "catastrophic", "justification": "j", "acceptedBy": "a" } ] }""", "b.json");

        baseline.Should().BeNull();
        diagnostics.Should().ContainSingle().Which.Message.Should().Contain("'severity'").And.Contain("info, low, medium, high or critical");
    }
}
