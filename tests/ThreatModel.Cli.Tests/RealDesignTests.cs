using System.Text.Json;
using NJsonSchema;
using ThreatModel.Findings;
using ThreatModel.Rules;

namespace ThreatModel.Cli.Tests;

/// <summary>The command with the real design-file reader and the built-in rules, on YAML written here and on the examples.</summary>
public class RealDesignTests
{
    private static CliEnvironment Real => CliEnvironment.Fixed(CliHarness.Today);

    private static CliEnvironment OnlyTm001 => Real with { CreateRules = () => [new CrossContextLinkageRule()] };

    /// <summary>A bank and a social network send records keyed by national ID to one bureau.</summary>
    private const string Scoring = """
        name: Scoring
        subjects:
          - id: citizens
            population: 10000000
        items:
          - id: national-id
            kind: direct-identifier
            subject: citizens
          - id: loans
            kind: financial
            subject: citizens
          - id: posts
            kind: behavioural
            subject: citizens
            context: social
        elements:
          - id: citizen
            type: person
            subject: citizens
          - id: bank
            type: process
            organization: bank-co
          - id: social-app
            type: process
            organization: social-co
          - id: scoring
            type: process
            organization: bureau
        flows:
          - id: f-bank-in
            from: citizen
            to: bank
            items: [national-id, loans]
            purpose: payment
          - id: f-social-in
            from: citizen
            to: social-app
            items: [national-id, posts]
            purpose: social-networking
          - id: f-bank-score
            from: bank
            to: scoring
            items: [national-id, loans]
            purpose: social-scoring
          - id: f-social-score
            from: social-app
            to: scoring
            items: [national-id, posts]
            purpose: social-scoring
        """;

    /// <summary>The same design: sections and entries in another order, other indentation, flow style, comments.</summary>
    private const string ScoringReordered = """
        # the same design, written differently
        flows:
            -   id: f-social-score
                purpose: social-scoring
                items: [ national-id , posts ]
                to: scoring
                from: social-app
            -   { id: f-bank-score, from: bank, to: scoring, items: [national-id, loans], purpose: social-scoring }
            -   id: f-social-in
                from: citizen
                to: social-app
                items:
                    - national-id
                    - posts
                purpose: social-networking
            -   { id: f-bank-in, from: citizen, to: bank, items: [national-id, loans], purpose: payment }
        elements:
            - { id: scoring, type: process, organization: bureau }
            - { id: social-app, type: process, organization: social-co }
            - { id: bank, type: process, organization: bank-co }
            - { id: citizen, type: person, subject: citizens }
        items:
            - { id: posts, kind: behavioural, subject: citizens, context: social }
            - { id: loans, kind: financial, subject: citizens }
            - { id: national-id, kind: direct-identifier, subject: citizens }
        subjects: [ { id: citizens, population: 10000000 } ]
        name: Scoring
        """;

    private static string Fingerprints(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join(",", document.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("fingerprint").GetString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Fingerprints_AreStable_WhenTheDesignIsReorderedAndReformatted()
    {
        using var temp = new TempFolder();
        var first = CliHarness.Run(Real, "check", temp.File("a.yaml", Scoring), "--format", "json");
        var second = CliHarness.Run(Real, "check", temp.File("b.yaml", ScoringReordered), "--format", "json");

        first.ExitCode.Should().Be(1, first.ToString());
        second.ExitCode.Should().Be(1, second.ToString());
        Fingerprints(first.Out).Should().NotBeEmpty().And.Be(Fingerprints(second.Out));
    }

    [Fact]
    public void Diff_FindsNothingIntroducedOrResolved_BetweenReformattedVersions()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run(Real, "diff", temp.File("a.yaml", Scoring), temp.File("b.yaml", ScoringReordered));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain(": 0 introduced, 0 worsened, 0 improved, 0 resolved, 0 newly accepted, 0 thresholds relaxed, ");
    }

    [Fact]
    public void Reports_PointAtTheLineOfTheFlowInTheDesignFile()
    {
        using var temp = new TempFolder();
        var design = temp.File("scoring.yaml", Scoring);

        var run = CliHarness.Run(OnlyTm001, "check", design, "--source-root", temp.Path);

        run.Out.Should().Contain("  at scoring.yaml:");
        var line = int.Parse(run.Out.Split("  at scoring.yaml:")[1].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture);
        Scoring.Split('\n')[line - 1].Should().Contain("- id: f-");
    }

    [Fact]
    public void InlineAcceptance_InTheDesign_SuppressesTheFinding_AndIsReportedAsInSource()
    {
        using var temp = new TempFolder();
        var accepted = Scoring.Replace(
            "    type: process\n    organization: bureau",
            "    type: process\n    organization: bureau\n    accepts:\n      - rule: TM001\n        justification: Required by the city's scoring law",
            StringComparison.Ordinal);
        accepted.Should().NotBe(Scoring);
        var design = temp.File("accepted.yaml", accepted);

        var text = CliHarness.Run(OnlyTm001, "check", design);
        var sarif = CliHarness.Run(OnlyTm001, "check", design, "--format", "sarif");

        text.ExitCode.Should().Be(0, text.ToString());
        text.Out.Should().Contain("0 findings, 1 accepted").And.Contain("Required by the city's scoring law");
        sarif.Out.Should().Contain("\"kind\": \"inSource\"");
    }

    [Theory]
    [InlineData("debtor-map")]
    [InlineData("social-scoring")]
    [InlineData("payments-release")]
    public async Task Sarif_ForTheExamples_ValidatesAgainstTheOfficialSchema_WithRepositoryRelativeUris(string example)
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.SharedSchema("sarif-schema-2.1.0.json"));
        var design = RepositoryPaths.Path("examples", example, "design.yaml");

        var run = CliHarness.Run(Real, "check", design, "--format", "sarif", "--source-root", RepositoryPaths.Root);

        run.ExitCode.Should().Be(1, run.ToString());
        schema.Validate(run.Out).Should().BeEmpty();
        run.Out.Should().Contain($"\"uri\": \"examples/{example}/design.yaml\"").And.Contain("\"uriBaseId\": \"%SRCROOT%\"");
    }

    [Fact]
    public async Task Json_ForAnExample_ValidatesAgainstThePublishedReportSchema()
    {
        var schema = await JsonSchema.FromFileAsync(RepositoryPaths.Path("docs", "schema", "report.schema.json"));

        var run = CliHarness.Run(Real, "check", RepositoryPaths.Path("examples", "debtor-map", "design.yaml"), "--format", "json", "--source-root", RepositoryPaths.Root);

        schema.Validate(run.Out).Should().BeEmpty();
    }

    [Fact]
    public void EveryFormat_IsByteIdentical_OnTwoRuns_OfAnExample()
    {
        var design = RepositoryPaths.Path("examples", "social-scoring", "design.yaml");
        foreach (var format in new[] { "text", "json", "markdown", "sarif", "mermaid", "dot" })
        {
            var first = CliHarness.Run(Real, "check", design, "--format", format, "--source-root", RepositoryPaths.Root);
            var second = CliHarness.Run(Real, "check", design, "--format", format, "--source-root", RepositoryPaths.Root);

            first.Out.Should().NotBeEmpty().And.Be(second.Out, format);
        }
    }

    [Fact]
    public void MitigatedExamples_PassTheDefaultGate()
    {
        foreach (var example in new[] { "debtor-map", "payments-release", "social-scoring" })
        {
            var run = CliHarness.Run(Real, "check", RepositoryPaths.Path("examples", example, "mitigated.yaml"));

            run.ExitCode.Should().Be(0, $"{example}: {run}");
        }
    }

    [Fact]
    public void MaxFileSize_RejectsALargerDesign_WithTheLimitInTheMessage()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run(Real, "check", temp.File("s.yaml", Scoring), "--max-file-size", "100");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("error TM1011");
    }
}
