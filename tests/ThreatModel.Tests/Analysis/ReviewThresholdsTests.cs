using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Analysis;

public class ReviewThresholdsTests
{
    private const string Loosening = "settings: { uniquenessThreshold: 1, minimumAnonymitySet: 1 }";

    private static AnalysisResult Analyze(string settings, AnalyzerOptions? options = null) =>
        Analyzer.CreateDefault().Analyze(GateDesigns.Read(GateDesigns.PaymentsRelease(settings)), options ?? AnalyzerOptions.Default);

    [Fact]
    public void ADesignThatLoosensTheThresholds_StillGetsItsReidentificationFinding()
    {
        var result = Analyze(Loosening);

        result.Findings.Should().Contain(f => f.RuleId == "TM002" && f.Severity >= Severity.High);
        var uniqueness = result.Thresholds.Single(t => t.Name == "uniquenessThreshold");
        uniqueness.Value.Should().Be(0.05);
        uniqueness.Source.Should().Be(ThresholdSource.Default);
        uniqueness.DesignValue.Should().Be(1);
        uniqueness.DesignValueIgnored.Should().BeTrue();
        result.Thresholds.Single(t => t.Name == "minimumAnonymitySet").Value.Should().Be(10);
    }

    [Fact]
    public void TheSameDesign_LosesTheFinding_OnlyWhenTheCallerAllowsDesignSettings()
    {
        var result = Analyze(Loosening, AnalyzerOptions.Default with { DesignSettings = DesignSettingsPolicy.Allow });

        result.Findings.Should().NotContain(f => f.RuleId == "TM002");
        result.Thresholds.Single(t => t.Name == "uniquenessThreshold").Source.Should().Be(ThresholdSource.Design);
    }

    [Fact]
    public void ADesignMayTightenAThreshold()
    {
        var result = Analyze("settings: { minimumAnonymitySet: 50 }");

        var k = result.Thresholds.Single(t => t.Name == "minimumAnonymitySet");
        k.Value.Should().Be(50);
        k.Source.Should().Be(ThresholdSource.Design);
        k.DesignValueIgnored.Should().BeFalse();
    }

    [Fact]
    public void AReviewersThresholds_AreWhatADesignIsComparedWith()
    {
        var reviewer = AnalyzerOptions.Default with { Thresholds = new Model.AnalysisSettings(0.01, 10, 0.5), ThresholdsFromReviewer = true };

        var result = Analyze("settings: { uniquenessThreshold: 0.03 }", reviewer);

        var uniqueness = result.Thresholds.Single(t => t.Name == "uniquenessThreshold");
        uniqueness.Value.Should().Be(0.01);
        uniqueness.Source.Should().Be(ThresholdSource.Reviewer);
        uniqueness.DesignValueIgnored.Should().BeTrue();
    }

    [Fact]
    public void EveryReport_PrintsTheThresholdsInForce_AndWarnsAboutTheIgnoredSetting()
    {
        var result = Analyze(Loosening);

        string Render(IReportWriter writer)
        {
            using var output = new StringWriter();
            writer.Write(result, output, ReportOptions.Default);
            return output.ToString();
        }

        const string Warning = "The design sets uniquenessThreshold: 1, looser than the default 0.05; ignored, 0.05 is in force.";
        Render(new TextReportWriter()).Should().Contain("Thresholds: uniquenessThreshold 0.05 (default; the design's 1 ignored)").And.Contain(Warning);
        Render(new MarkdownReportWriter()).Should().Contain("Thresholds: uniquenessThreshold 0.05 (default; the design").And.Contain("minimumAnonymitySet: 1, looser than the default 10");
        using var json = JsonDocument.Parse(Render(new JsonReportWriter()));
        var threshold = json.RootElement.GetProperty("thresholds")[0];
        threshold.GetProperty("name").GetString().Should().Be("uniquenessThreshold");
        threshold.GetProperty("source").GetString().Should().Be("default");
        threshold.GetProperty("designValue").GetDouble().Should().Be(1);
        json.RootElement.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("message").GetString()).Should().Contain(m => m!.StartsWith(Warning, StringComparison.Ordinal));
        using var sarif = JsonDocument.Parse(Render(new SarifReportWriter()));
        sarif.RootElement.GetProperty("runs")[0].GetProperty("properties").GetProperty("thresholds")[1].GetProperty("value").GetDouble().Should().Be(10);
    }
}
