using System.Text.Json;
using NJsonSchema;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class SarifReportWriterTests
{
    private static readonly SarifReportWriter Writer = new();

    private static AnalysisResult WithBaselineSuppression()
    {
        var result = ReportFixtures.Rich();
        var extra = result.Suppressed[0].Finding with { Key = "baseline|key", Title = "Accepted by baseline" };
        return result with { Suppressed = [.. result.Suppressed, new SuppressedFinding(extra, "Legacy flow, removed in Q3", "threatmodel-baseline.json") { Kind = SuppressionKind.Baseline }] };
    }

    [Fact]
    public async Task Output_ValidatesAgainstTheOfficialSarif210Schema()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.SharedSchema("sarif-schema-2.1.0.json"));
        var sarif = WriterHarness.Render(Writer, WithBaselineSuppression(), new ReportOptions { Notes = [new ReportNote("a note")] });

        schema.Validate(sarif).Should().BeEmpty();
    }

    [Fact]
    public void MessageText_EscapesTheBracketsOfALinkInTheDesign_SoItIsNoEmbeddedLink()
    {
        var sarif = WriterHarness.Render(Writer, ReportFixtures.Rich());

        using var log = JsonDocument.Parse(sarif);
        var texts = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("message").GetProperty("text").GetString()).ToList();
        texts.Should().Contain(t => t!.Contains(@"\[link\](x)", StringComparison.Ordinal));
        texts.Should().NotContain(t => t!.Contains("[link](x)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_ValidatesAgainstTheOfficialSarif210Schema_WhenThereAreNoLocations()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.SharedSchema("sarif-schema-2.1.0.json"));
        var sarif = WriterHarness.Render(Writer, ReportFixtures.Analyze(ReportFixtures.Scoring()));

        schema.Validate(sarif).Should().BeEmpty();
    }

    [Fact]
    public void DescribesEachRule_WithHelpLevelAndTaxonomyTags()
    {
        using var document = JsonDocument.Parse(WriterHarness.Render(Writer, ReportFixtures.Rich()));
        var rule = document.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0];

        rule.GetProperty("id").GetString().Should().Be("TM001");
        rule.GetProperty("name").GetString().Should().Be("cross-context-linkage");
        rule.GetProperty("shortDescription").GetProperty("text").GetString().Should().NotBeNullOrEmpty();
        rule.GetProperty("help").GetProperty("markdown").GetString().Should().StartWith("# TM001");
        rule.GetProperty("defaultConfiguration").GetProperty("level").GetString().Should().Be("error");
        rule.GetProperty("properties").GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Contain(["privacy", "linddun/linking", "solove/aggregation"]);
    }

    [Fact]
    public void WritesResults_WithRuleIndexLevelRepositoryRelativeLocationAndFingerprint()
    {
        var result = ReportFixtures.Rich();
        using var document = JsonDocument.Parse(WriterHarness.Render(Writer, result));
        var results = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        results.Select(r => r.GetProperty("level").GetString()).Should().Equal("error", "warning", "note");
        var medium = results[1];
        medium.GetProperty("ruleId").GetString().Should().Be("TM001");
        medium.GetProperty("ruleIndex").GetInt32().Should().Be(0);
        var location = medium.GetProperty("locations")[0].GetProperty("physicalLocation");
        location.GetProperty("artifactLocation").GetProperty("uri").GetString().Should().Be("designs/scoring.yaml");
        location.GetProperty("artifactLocation").GetProperty("uriBaseId").GetString().Should().Be("%SRCROOT%");
        location.GetProperty("region").GetProperty("startLine").GetInt32().Should().Be(88);
        location.GetProperty("region").GetProperty("startColumn").GetInt32().Should().Be(3);
        location.GetProperty("region").GetProperty("endColumn").GetInt32().Should().Be(20);
        medium.GetProperty("partialFingerprints").GetProperty("threatmodel/v1").GetString().Should().Be(result.Findings[1].Fingerprint);
    }

    [Fact]
    public void MarksInlineAcceptancesInSource_AndBaselineAcceptancesExternal()
    {
        using var document = JsonDocument.Parse(WriterHarness.Render(Writer, WithBaselineSuppression()));
        var suppressions = document.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Where(r => r.TryGetProperty("suppressions", out _))
            .Select(r => r.GetProperty("suppressions")[0])
            .ToList();

        suppressions.Select(s => s.GetProperty("kind").GetString()).Should().BeEquivalentTo(["inSource", "external"]);
        suppressions.Select(s => s.GetProperty("justification").GetString()).Should().Contain("Legacy flow, removed in Q3");
    }

    [Theory]
    [InlineData(Severity.Critical, "error")]
    [InlineData(Severity.High, "error")]
    [InlineData(Severity.Medium, "warning")]
    [InlineData(Severity.Low, "note")]
    [InlineData(Severity.Info, "note")]
    public void MapsSeverityToLevel(Severity severity, string level)
    {
        SarifReportWriter.Level(severity).Should().Be(level);
    }

    [Fact]
    public void EscapesSpacesInUris()
    {
        var result = ReportFixtures.Rich();
        result = result with { Findings = [.. result.Findings.Select(f => f with { Location = f.Location with { File = "my designs/a b.yaml" } })] };

        WriterHarness.Render(Writer, result).Should().Contain("\"uri\": \"my%20designs/a%20b.yaml\"");
    }
}
