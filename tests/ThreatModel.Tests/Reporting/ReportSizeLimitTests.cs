using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

/// <summary>Reports of large designs fit where they go: a pull-request comment, a code-scanning upload.</summary>
public class ReportSizeLimitTests
{
    private static readonly Lazy<AnalysisResult> Large = new(() => Analyzer.CreateDefault().Analyze(DesignGenerator.Generate(1_000)));

    [Fact]
    public void MarkdownOfALargeDesign_FitsAPullRequestComment_AndSaysWhatItLeftOut()
    {
        var result = Large.Value;
        var full = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { MaxMarkdownCharacters = 0 });
        full.Length.Should().BeGreaterThan(65_536, "the generated design must be large enough to need shortening");

        var markdown = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { FullReport = "design.json" });

        markdown.Length.Should().BeLessThanOrEqualTo(MarkdownReportWriter.DefaultMaxCharacters);
        markdown.Should().Contain("Shortened to fit a pull-request comment").And.Contain("The full report: design.json.");
        var shown = markdown.Split("\n#### ").Length - 1;
        shown.Should().BeGreaterThan(0);
        markdown.Should().Contain($"{shown} of {result.Findings.Count} findings in full, most severe first; {result.Findings.Count - shown} left out");
        markdown.Should().Contain("### Left out").And.Contain("| Rule | Critical | High | Medium | Low | Info | Accepted |");
    }

    [Fact]
    public void ShortenedMarkdown_ShowsTheMostSevereFindings_AndCountsEveryOtherOneByRule()
    {
        var result = Large.Value;

        var markdown = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { MaxMarkdownCharacters = 20_000 });

        markdown.Length.Should().BeLessThanOrEqualTo(20_000);
        var shown = markdown.Split("\n#### ").Skip(1).Select(s => s[..s.IndexOf(':', StringComparison.Ordinal)]).ToList();
        var expected = result.Findings.Take(shown.Count).Select(f => ReportText.CapitalizedName(f.Severity));
        shown.Should().Equal(expected);
        var table = markdown[markdown.IndexOf("### Left out", StringComparison.Ordinal)..].Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal));
        var counted = table.Sum(row => row.Split('|', StringSplitOptions.TrimEntries).Skip(2).Take(5).Sum(int.Parse));
        counted.Should().Be(result.Findings.Count - shown.Count);
    }

    [Fact]
    public void MarkdownThatFits_IsTheSameAsWithNoLimit()
    {
        var result = Analyzer.CreateDefault().Analyze(DesignGenerator.Generate(20));

        var limited = WriterHarness.Render(new MarkdownReportWriter(), result);
        var unlimited = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { MaxMarkdownCharacters = 0 });

        unlimited.Length.Should().BeLessThan(MarkdownReportWriter.DefaultMaxCharacters, "the case is a report that fits");
        limited.Should().Be(unlimited).And.NotContain("Shortened");
    }

    [Fact]
    public void SarifOfALargeDesign_KeepsTheMostSevereResults_AndRecordsTheCapInTheRun()
    {
        var result = Large.Value;
        result.Findings.Count.Should().BeGreaterThan(200);

        using var document = JsonDocument.Parse(WriterHarness.Render(new SarifReportWriter(), result, new ReportOptions { MaxSarifResults = 200 }));

        var run = document.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        results.Should().HaveCount(200);
        results.Select(r => r.GetProperty("properties").GetProperty("severity").GetString())
            .Should().Equal(result.Findings.Take(200).Select(f => ReportText.Name(f.Severity)));
        var cap = run.GetProperty("properties").GetProperty("resultsCap");
        cap.GetProperty("limit").GetInt32().Should().Be(200);
        cap.GetProperty("total").GetInt32().Should().Be(result.Findings.Count + result.Suppressed.Count);
        cap.GetProperty("omitted").GetInt32().Should().Be(result.Findings.Count + result.Suppressed.Count - 200);
        var notification = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        notification.GetProperty("level").GetString().Should().Be("warning");
        notification.GetProperty("message").GetProperty("text").GetString().Should().StartWith($"This log holds 200 of {result.Findings.Count + result.Suppressed.Count:N0} results, the most severe findings first");
    }

    [Fact]
    public void SarifUnderTheCap_HasEveryResult_AndNoCapNote()
    {
        var result = Analyzer.CreateDefault().Analyze(DesignGenerator.Generate(40));

        using var document = JsonDocument.Parse(WriterHarness.Render(new SarifReportWriter(), result));

        var run = document.RootElement.GetProperty("runs")[0];
        run.GetProperty("results").GetArrayLength().Should().Be(result.Findings.Count + result.Suppressed.Count);
        run.GetProperty("properties").TryGetProperty("resultsCap", out _).Should().BeFalse();
    }

    [Fact]
    public void TheDefaultSarifCap_IsWhatCodeScanningShows()
    {
        ReportOptions.Default.MaxSarifResults.Should().Be(5_000);
        ReportOptions.Default.MaxMarkdownCharacters.Should().BeLessThan(65_536);
    }
}
