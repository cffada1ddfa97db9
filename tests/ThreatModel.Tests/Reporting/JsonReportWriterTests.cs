using System.Text.Json;
using NJsonSchema;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class JsonReportWriterTests
{
    private static readonly JsonReportWriter Writer = new();

    private static async Task<ICollection<NJsonSchema.Validation.ValidationError>> ValidateAsync(string json)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.Path("docs/schema/report.schema.json"));
        return schema.Validate(json);
    }

    [Fact]
    public async Task Output_ValidatesAgainstThePublishedSchema()
    {
        var result = ReportFixtures.Rich();
        var json = WriterHarness.Render(Writer, result, new ReportOptions { Notes = [new ReportNote("expired", result.Findings[0].Fingerprint), new ReportNote("general")] });

        (await ValidateAsync(json)).Should().BeEmpty();
    }

    [Theory]
    [InlineData(ReportGrouping.Rule)]
    [InlineData(ReportGrouping.Element)]
    public async Task CappedAndGroupedOutput_ValidatesAgainstThePublishedSchema(ReportGrouping by)
    {
        var json = WriterHarness.Render(Writer, ReportFixtures.Rich(), new ReportOptions { MaxResults = 1, GroupBy = by });

        json.Should().Contain("\"resultsCap\"").And.Contain("\"groups\"");
        (await ValidateAsync(json)).Should().BeEmpty();
    }

    [Fact]
    public async Task Output_ValidatesAgainstThePublishedSchema_ForAnEmptyResultBuiltInCode()
    {
        var clean = ReportFixtures.Analyze(ReportFixtures.Scoring()) with { Findings = [], Suppressed = [] };

        (await ValidateAsync(WriterHarness.Render(Writer, clean))).Should().BeEmpty();
    }

    [Fact]
    public async Task Schema_RejectsAReportWithAnUnknownSeverity()
    {
        var json = WriterHarness.Render(Writer, ReportFixtures.Rich()).Replace("\"severity\": \"high\"", "\"severity\": \"severe\"", StringComparison.Ordinal);

        (await ValidateAsync(json)).Should().NotBeEmpty();
    }

    [Fact]
    public void WritesEveryFindingField_AndTheFingerprint()
    {
        var result = ReportFixtures.Rich();
        using var document = JsonDocument.Parse(WriterHarness.Render(Writer, result));
        var root = document.RootElement;

        var medium = root.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("severity").GetString() == "medium");
        medium.GetProperty("fingerprint").GetString().Should().Be(Fingerprints.Of("TM001", "score-db|public"));
        medium.GetProperty("evidencePath").EnumerateArray().Select(e => e.GetString()).Should().Equal("f-store", "f-publish");
        medium.GetProperty("location").GetProperty("line").GetInt32().Should().Be(88);
        medium.GetProperty("estimates")[0].GetProperty("value").GetDouble().Should().Be(0.873);
        medium.GetProperty("estimates")[0].GetProperty("inputs")[1].GetProperty("value").GetString().Should().Be("birth-date + postcode");
        root.GetProperty("summary").GetProperty("bySeverity").GetProperty("high").GetInt32().Should().Be(1);
        root.GetProperty("rules")[0].GetProperty("linddun").GetString().Should().Be("linking");
    }

    [Fact]
    public void WritesAcceptedFindings_WithKindJustificationAndSource()
    {
        using var document = JsonDocument.Parse(WriterHarness.Render(Writer, ReportFixtures.Rich()));

        var suppression = document.RootElement.GetProperty("suppressed")[0].GetProperty("suppression");
        suppression.GetProperty("kind").GetString().Should().Be("inline");
        suppression.GetProperty("justification").GetString().Should().Be("Scores are published by law");
        suppression.GetProperty("source").GetString().Should().Be("designs/scoring.yaml:91:7");
    }

    [Fact]
    public void MakesAbsolutePathsRelativeToTheSourceRoot_WithForwardSlashes()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");
        var file = Path.Combine(root, "designs", "scoring.yaml");
        var result = ReportFixtures.Rich();
        result = result with { Findings = [.. result.Findings.Select(f => f with { Location = f.Location with { File = file } })] };

        var json = WriterHarness.Render(Writer, result, new ReportOptions { SourceRoot = root });

        json.Should().Contain("\"file\": \"designs/scoring.yaml\"").And.NotContain(root);
    }

    [Fact]
    public void UsesLineFeedsOnly_AndEndsWithANewline()
    {
        var json = WriterHarness.Render(Writer, ReportFixtures.Rich());

        json.Should().NotContain("\r").And.EndWith("}\n");
    }
}
