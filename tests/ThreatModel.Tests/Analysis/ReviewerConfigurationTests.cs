using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Analysis;

public class ReviewerConfigurationTests
{
    /// <summary>A bank and a social network send records keyed by national ID to one bureau: TM001 (critical or high) and more.</summary>
    private const string Scoring = """
        name: Scoring
        subjects:
          - { id: citizens, population: 10000000 }
        items:
          - { id: national-id, kind: direct-identifier, subject: citizens }
          - { id: loans, kind: financial, subject: citizens }
          - { id: posts, kind: behavioural, subject: citizens, context: social }
        elements:
          - { id: bank, type: process, organization: bank-co }
          - { id: social-app, type: process, organization: social-co }
          - { id: scoring, type: process, organization: bureau }
        flows:
          - { id: f1, from: bank, to: scoring, items: [national-id, loans], purpose: social-scoring }
          - { id: f2, from: social-app, to: scoring, items: [national-id, posts], purpose: social-scoring }
        """;

    private static readonly Analyzer Analyzer = Analyzer.CreateDefault();

    private static IEnumerable<string> RuleIds => Analyzer.Rules.Select(r => r.Metadata.Id);

    private static ReviewerConfiguration Config(string yaml)
    {
        var (configuration, diagnostics) = ReviewerConfigurationReader.Parse(yaml, "threatmodel.config.yaml", RuleIds);
        diagnostics.Should().NotContain(d => d.Severity == DiagnosticSeverity.Error);
        return configuration!;
    }

    private static AnalysisResult Analyze(string config) =>
        Analyzer.Analyze(GateDesigns.Read(Scoring), Config(config).ApplyTo(AnalyzerOptions.Default));

    [Fact]
    public void ARuleTurnedOff_DoesNotRun_AndReportsNameTheFileThatTurnedItOff()
    {
        Analyzer.Analyze(GateDesigns.Read(Scoring)).Findings.Should().Contain(f => f.RuleId == "TM001");

        var result = Analyze("rules:\n  TM001: off\n");

        result.Findings.Should().NotContain(f => f.RuleId == "TM001");
        result.Rules.Should().NotContain(r => r.Id == "TM001");
        foreach (var writer in new IReportWriter[] { new TextReportWriter(), new MarkdownReportWriter(), new JsonReportWriter(), new SarifReportWriter() })
        {
            using var output = new StringWriter();
            writer.Write(result, output, ReportOptions.Default);
            output.ToString().Should().Contain("threatmodel.config.yaml", writer.Format).And.Contain("TM001 off", writer.Format);
        }
    }

    [Fact]
    public void AFixedSeverity_RatesEveryFindingOfTheRule()
    {
        var result = Analyze("rules:\n  TM001: { severity: low }\n");

        result.Findings.Where(f => f.RuleId == "TM001").Should().NotBeEmpty().And.OnlyContain(f => f.Severity == Severity.Low);
    }

    [Fact]
    public void ACap_LowersOnlyFindingsAboveIt()
    {
        var before = Analyzer.Analyze(GateDesigns.Read(Scoring)).Findings;
        before.Should().Contain(f => f.Severity > Severity.Medium);

        var after = Analyze("rules:\n" + string.Concat(RuleIds.Select(id => $"  {id}: {{ maximum: medium }}\n"))).Findings;

        after.Should().OnlyContain(f => f.Severity <= Severity.Medium);
        after.Select(f => (f.Fingerprint, Severity: f.Severity))
            .Should().BeEquivalentTo(before.Select(f => (f.Fingerprint, Severity: f.Severity > Severity.Medium ? Severity.Medium : f.Severity)));
    }

    [Fact]
    public void AFloor_RaisesFindingsBelowIt()
    {
        var result = Analyze("rules:\n" + string.Concat(RuleIds.Select(id => $"  {id}: {{ minimum: high }}\n")));

        result.Findings.Should().NotBeEmpty().And.OnlyContain(f => f.Severity >= Severity.High);
    }

    [Fact]
    public void ThresholdsOfTheConfiguration_AreTheReviewersThresholds()
    {
        var result = Analyze("thresholds:\n  uniquenessThreshold: 0.01\n");

        var uniqueness = result.Thresholds.Single(t => t.Name == Thresholds.Uniqueness);
        uniqueness.Value.Should().Be(0.01);
        uniqueness.Source.Should().Be(ThresholdSource.Reviewer);
    }

    [Fact]
    public void AMisspeltRuleId_IsAnErrorAtItsLine_WithTheClosestId()
    {
        var (configuration, diagnostics) = ReviewerConfigurationReader.Parse("rules:\n  TM01: off\n", "review.yaml", RuleIds);

        configuration.Should().BeNull();
        var error = diagnostics.Should().ContainSingle().Subject;
        error.Code.Should().Be(DiagnosticCodes.ConfigurationUnknownRule);
        error.ToString().Should().StartWith("review.yaml:2:3: error TM1203:").And.Contain("Did you mean TM001?");
    }

    [Fact]
    public void AMisspeltField_AndAnUnknownSeverity_GetDidYouMean()
    {
        var (_, diagnostics) = ReviewerConfigurationReader.Parse("rules:\n  TM003: { minimun: high }\nfailOn: hihg\n", "review.yaml", RuleIds);

        diagnostics.Select(d => d.ToString()).Should().BeEquivalentTo(
        [
            "review.yaml:2:12: error TM1202: 'minimun' is not a field of the setting of TM003. Did you mean 'minimum'?",
            "review.yaml:3:9: error TM1204: 'failOn' is 'hihg', which is not a severity; expected one of info, low, medium, high, critical, none. Did you mean high?",
        ]);
    }

    [Fact]
    public void AThresholdOutOfRange_IsAnError()
    {
        var (configuration, diagnostics) = ReviewerConfigurationReader.Parse("thresholds: { uniquenessThreshold: 2 }\n", "review.yaml", RuleIds);

        configuration.Should().BeNull();
        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.ConfigurationValue && d.Span.Line == 1 && d.Message.Contains("at most 1"));
    }

    [Fact]
    public void AFloorAboveTheCap_IsAnError()
    {
        var (_, diagnostics) = ReviewerConfigurationReader.Parse("rules:\n  TM001: { minimum: high, maximum: low }\n", "review.yaml", RuleIds);

        diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.ConfigurationValue && d.Message.Contains("minimum must not be above the maximum"));
    }

    [Fact]
    public void AYamlSyntaxError_IsReportedWithItsPosition()
    {
        var (configuration, diagnostics) = ReviewerConfigurationReader.Parse("rules: [TM001\n", "review.yaml", RuleIds);

        configuration.Should().BeNull();
        diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Syntax && d.Span.Line > 0);
    }

    [Fact]
    public void FailOnNone_MeansNeverFail()
    {
        var configuration = Config("failOn: none\n");

        configuration.FailOnSet.Should().BeTrue();
        configuration.FailOn.Should().BeNull();
    }

    [Fact]
    public void AnAcceptanceOfARuleTurnedOff_IsNotReportedAsStale()
    {
        var design = Scoring.Replace(
            "  - { id: scoring, type: process, organization: bureau }",
            "  - { id: scoring, type: process, organization: bureau, accepts: [{ rule: TM001, justification: reviewed }] }",
            StringComparison.Ordinal);

        var result = Analyzer.Analyze(GateDesigns.Read(design), Config("rules: { TM001: off }").ApplyTo(AnalyzerOptions.Default));

        result.UnusedAcceptances.Should().BeEmpty();
    }
}
