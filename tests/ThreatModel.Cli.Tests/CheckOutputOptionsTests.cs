using System.Text.Json;

namespace ThreatModel.Cli.Tests;

/// <summary><c>check --max-results</c>, <c>--group-by</c> and the progress line, from the command line.</summary>
public class CheckOutputOptionsTests
{
    /// <summary>A bank and a social network send records keyed by national ID to one bureau: high TM001, TM011 and TM012.</summary>
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

    private static CliRun Run(params string[] args) => CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), args);

    [Fact]
    public void MaxResults_ListsOneFinding_ButTheExitCodeStillCountsEveryFailingFinding()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);

        var capped = Run("check", design, "--max-results", "1", "--fail-on", "high");
        var uncapped = Run("check", design, "--fail-on", "high");

        capped.ExitCode.Should().Be(1, capped.ToString());
        capped.ExitCode.Should().Be(uncapped.ExitCode);
        capped.Out.Should().Contain("3 findings (3 high)").And.Contain("\n2 more findings left out (at most 1 listed, most severe first): 2 high.\n");
        capped.Out.Split("fingerprint: ").Should().HaveCount(2, "one finding is listed");
    }

    [Fact]
    public void MaxResults_InJson_ListsOneFinding_AndTheSummaryCountsAll()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);

        var run = Run("check", design, "--max-results", "1", "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        json.RootElement.GetProperty("summary").GetProperty("findings").GetInt32().Should().Be(3);
        json.RootElement.GetProperty("findings").GetArrayLength().Should().Be(1);
        json.RootElement.GetProperty("resultsCap").GetProperty("omitted").GetInt32().Should().Be(2);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void MaxResultsBelowOne_IsRefused_WithExitTwo(string value)
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("design.yaml", Scoring), "--max-results", value);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("--max-results must be 1 or more.").And.NotContain("   at ");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void GroupByRule_PutsEachRulesFindingsUnderAHeadingWithItsCount()
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("design.yaml", Scoring), "--group-by", "rule");

        run.Out.Should().Contain("\nRule TM001 cross-context-linkage (1 finding):\n\nHIGH TM001")
            .And.Contain("\nRule TM011 identifier-tracking (1 finding):\n\nHIGH TM011");
    }

    [Fact]
    public void GroupByElement_InMarkdown_PutsTheFindingsUnderTheElementTheyLandOn()
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("design.yaml", Scoring), "--group-by", "element", "--format", "markdown");

        run.Out.Should().MatchRegex(@"\n### Element [a-z-]+ \(\d findings?\)\n");
        run.Out.Should().NotContain("### Findings\n");
    }

    [Fact]
    public void GroupByAnUnknownKey_IsRefused_WithExitTwo()
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("design.yaml", Scoring), "--group-by", "severity");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("severity").And.Contain("rule").And.Contain("element");
    }

    [Fact]
    public void RedirectedStandardError_GetsNoProgressLine()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today) with { ProgressDelay = TimeSpan.Zero }, "check", temp.File("design.yaml", Scoring));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true, false, null, null, true)]
    [InlineData(false, false, null, null, false)]
    [InlineData(true, true, null, null, false)]
    [InlineData(true, false, "CI", "true", false)]
    [InlineData(true, false, "NO_COLOR", "1", false)]
    [InlineData(true, false, "TERM", "dumb", false)]
    public void ProgressIsShown_OnlyOnATerminal_OutsideCi_AndWithoutPlainOutput(bool terminal, bool noColor, string? variable, string? value, bool expected)
    {
        var variables = variable is null ? null : new Dictionary<string, string> { [variable] = value! };
        var environment = CliEnvironment.Fixed(CliHarness.Today, variables) with { StderrIsTerminal = terminal };

        environment.ShowProgress(noColor).Should().Be(expected);
    }
}
