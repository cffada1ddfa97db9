using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Reporting;

public class BaselineTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static Baseline Accepting(AnalysisResult result, DateOnly? expires = null) =>
        Baseline.For(result, "Accepted for the pilot", "privacy-team", new DateOnly(2026, 1, 1), expires);

    [Fact]
    public void Apply_MovesAcceptedFindingsToSuppressed_AsBaselineSuppressions()
    {
        var result = ReportFixtures.Rich();

        var applied = Accepting(result).Apply(result, Today, "baseline.json");

        applied.Result.Findings.Should().BeEmpty();
        var baselined = applied.Result.Suppressed.Where(s => s.Kind == SuppressionKind.Baseline).ToList();
        baselined.Should().HaveCount(2);
        baselined.Should().OnlyContain(s => s.Source == "baseline.json" && s.Justification.StartsWith("Accepted for the pilot (accepted by privacy-team", StringComparison.Ordinal));
        applied.Result.Suppressed.Should().Contain(s => s.Kind == SuppressionKind.InSource);
        applied.Notes.Should().BeEmpty();
    }

    [Fact]
    public void Apply_LetsTheFindingFailAgain_WhenTheAcceptanceExpired()
    {
        var result = ReportFixtures.Rich();

        var applied = Accepting(result, expires: new DateOnly(2026, 5, 31)).Apply(result, Today, "baseline.json");

        applied.Result.Findings.Should().HaveCount(2);
        applied.Notes.Should().HaveCount(2).And.OnlyContain(n => n.Expired && n.Message.Contains("expired on 2026-05-31", StringComparison.Ordinal));
    }

    [Fact]
    public void Apply_StillSuppresses_OnTheLastDayOfTheAcceptance()
    {
        var result = ReportFixtures.Rich();

        Accepting(result, expires: Today).Apply(result, Today, "b.json").Result.Findings.Should().BeEmpty();
    }

    [Fact]
    public void Apply_NotesEntriesThatMatchNoFinding()
    {
        var result = ReportFixtures.Rich();
        var baseline = new Baseline([new BaselineEntry
        {
            Fingerprint = "ffffffffffffffffffffffffffffffff",
            RuleId = "TM009",
            Title = null,
            Justification = "gone",
            AcceptedBy = "me",
            AcceptedOn = null,
            Expires = null,
        }]);

        var applied = baseline.Apply(result, Today, "b.json");

        applied.Result.Findings.Should().HaveCount(2);
        applied.Notes.Should().ContainSingle().Which.Message.Should().Contain("matches no finding");
    }

    [Fact]
    public void Serializer_RoundTripsEntries_InAStableOrder()
    {
        var baseline = Accepting(ReportFixtures.Rich(), expires: new DateOnly(2027, 1, 31));

        var text = BaselineSerializer.Write(baseline);
        var (read, diagnostics) = BaselineSerializer.Read(text, "b.json");

        diagnostics.Should().BeEmpty();
        read!.Entries.Should().BeEquivalentTo(baseline.Entries, o => o.WithStrictOrdering());
        text.Should().Contain("\"expires\": \"2027-01-31\"").And.Contain("\"acceptedBy\": \"privacy-team\"").And.NotContain("\r");
        BaselineSerializer.Write(read).Should().Be(text);
    }

    [Fact]
    public void Serializer_ReportsTheLineOfASyntaxError()
    {
        var (baseline, diagnostics) = BaselineSerializer.Read("{\n  \"entries\": [\n    { oops }\n  ]\n}", "b.json");

        baseline.Should().BeNull();
        diagnostics.Should().ContainSingle().Which.ToString().Should().StartWith("b.json:3:").And.Contain("error TM1001");
    }

    [Fact]
    public void Serializer_RequiresJustificationAndAcceptor_AndRejectsBadDates()
    {
        var json = "{ \"version\": 1, \"entries\": [ { \"fingerprint\": \"ab\", \"ruleId\": \"TM001\", \"expires\": \"31/12/2026\" } ] }";

        var (baseline, diagnostics) = BaselineSerializer.Read(json, "b.json");

        baseline.Should().BeNull();
        diagnostics.Select(d => d.Message).Should().Contain(m => m.Contains("'justification'", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("'acceptedBy'", StringComparison.Ordinal))
            .And.Contain(m => m.Contains("yyyy-MM-dd", StringComparison.Ordinal));
    }
}
