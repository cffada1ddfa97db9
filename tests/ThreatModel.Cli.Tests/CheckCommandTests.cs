using System.Text.Json;

namespace ThreatModel.Cli.Tests;

public class CheckCommandTests
{
    [Fact]
    public void ExitsOne_WhenAHighFindingStands_AndPrintsTextToStdout()
    {
        using var temp = new TempFolder();
        var design = temp.File("scoring.yaml", "scoring");

        var run = CliHarness.Run("check", design);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().StartWith("scoring: 1 finding (1 high)").And.Contain("HIGH TM001 cross-context-linkage");
        run.Err.Should().BeEmpty();
    }

    [Fact]
    public void ExitsZero_WhenTheMitigatedDesignHasNoFindings()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("clean.yaml", "clean"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("0 findings");
    }

    [Theory]
    [InlineData("info", 1)]
    [InlineData("medium", 1)]
    [InlineData("high", 1)]
    [InlineData("critical", 0)]
    [InlineData("none", 0)]
    public void AppliesTheFailOnThreshold(string threshold, int expected)
    {
        using var temp = new TempFolder();

        CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--fail-on", threshold).ExitCode.Should().Be(expected);
    }

    [Fact]
    public void ExitsZero_AndShowsTheAcceptance_WhenTheDesignAcceptsTheFindingInline()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("a.yaml", "accepted"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("0 findings, 1 accepted").And.Contain("accepted (inline").And.Contain("Scoring is required by city law");
    }

    [Fact]
    public void ExitsTwo_AndPrintsEveryDiagnostic_WhenTheDesignHasErrors()
    {
        using var temp = new TempFolder();
        var design = temp.File("bad.yaml", "invalid");

        var run = CliHarness.Run("check", design);

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"{design}:3:5: error TM1003: Flow 'f1' has no 'purpose'.\n")
            .And.Contain($"{design}:4:9: error TM1006: Flow 'f1' goes to 'bnak'. Did you mean 'bank'?\n")
            .And.NotContain("   at ");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void PrintsWarnings_AndStillAnalyses()
    {
        using var temp = new TempFolder();
        var design = temp.File("w.yaml", "warning");

        var run = CliHarness.Run("check", design);

        run.ExitCode.Should().Be(1);
        run.Err.Should().Contain($"{design}:7:3: warning TM2000:");
    }

    [Fact]
    public void ExitsTwo_NamingThePath_WhenTheFileIsMissing()
    {
        var run = CliHarness.Run("check", "no/such/design.yaml");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("'no/such/design.yaml' does not exist");
    }

    [Fact]
    public void ExitsTwo_SayingItIsNotAnOption_WhenAnUnknownOptionStandsWhereTheDesignGoes()
    {
        var run = CliHarness.Run("check", "--bogus");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("'--bogus' is not an option of this command");
    }

    [Fact]
    public void ExitsTwo_NamingThePath_WhenGivenADirectory()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.Path);

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"'{temp.Path}' is a directory");
    }

    [Fact]
    public void ExitsThree_WithOneLineAndNoStackTrace_OnAnInternalError()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("c.yaml", "crash"));

        run.ExitCode.Should().Be(3);
        run.Err.Should().StartWith("threatmodel: internal error: InvalidOperationException: reader blew up second line").And.NotContain("   at ");
        run.Err.TrimEnd('\n').Should().NotContain("\n");
    }

    [Fact]
    public void WritesSeveralFormats_IntoTheOutputDirectory_NamedAfterTheDesign()
    {
        using var temp = new TempFolder();
        var design = temp.File("scoring.yaml", "scoring");
        var reports = Path.Combine(temp.Path, "reports");

        var run = CliHarness.Run("check", design, "--format", "sarif", "--format", "markdown", "--format", "json", "--output", reports);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().BeEmpty();
        Directory.GetFiles(reports).Select(Path.GetFileName).Should().BeEquivalentTo(["scoring.sarif", "scoring.md", "scoring.json"]);
        File.ReadAllText(Path.Combine(reports, "scoring.md")).Should().StartWith("## Privacy threat model: scoring");
        using var sarif = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "scoring.sarif")));
        sarif.RootElement.GetProperty("version").GetString().Should().Be("2.1.0");
    }

    [Fact]
    public void InfersTheFormat_FromTheOutFileExtension()
    {
        using var temp = new TempFolder();
        var sarif = Path.Combine(temp.Path, "out", "report.sarif");
        var mermaid = Path.Combine(temp.Path, "graph.mmd");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", sarif, "--out", mermaid);

        run.ExitCode.Should().Be(1, run.ToString());
        File.ReadAllText(sarif).Should().Contain("\"$schema\"");
        File.ReadAllText(mermaid).Should().StartWith("flowchart LR\n");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void ExitsTwo_WhenTheOutExtensionNamesNoFormat()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", Path.Combine(temp.Path, "report.xlsx"));

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("Cannot tell the format of");
    }

    [Fact]
    public void ExitsTwo_WhenSeveralFormatsWouldGoToStandardOutput()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "-f", "json", "-f", "sarif");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("--output");
    }

    [Fact]
    public void WritesByteIdenticalReports_OnTwoRuns()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");

        foreach (var format in new[] { "text", "json", "markdown", "sarif", "mermaid", "dot" })
        {
            var first = CliHarness.Run("check", design, "--format", format, "--source-root", temp.Path).Out;
            var second = CliHarness.Run("check", design, "--format", format, "--source-root", temp.Path).Out;

            second.Should().Be(first, format).And.NotBeEmpty();
        }
    }

    [Fact]
    public void UsesColour_OnlyOnATerminalWithoutNoColor()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var terminal = CliHarness.Environment() with { StdoutIsTerminal = true };
        var noColor = terminal with { GetVariable = name => name == "NO_COLOR" ? "1" : null };

        CliHarness.Run(terminal, "check", design).Out.Should().Contain("\u001b[");
        CliHarness.Run(noColor, "check", design).Out.Should().NotContain("\u001b[");
        CliHarness.Run(terminal, "check", design, "--no-color").Out.Should().NotContain("\u001b[");
        CliHarness.Run("check", design).Out.Should().NotContain("\u001b[");
    }

    [Fact]
    public void PassesTheMaxFileSize_ToTheReader()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--max-file-size", "3");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("larger than 3 bytes");
    }

    [Theory]
    [InlineData("4k", 4096L)]
    [InlineData("2m", 2097152L)]
    [InlineData("100", 100L)]
    [InlineData("1KB", 1024L)]
    public void ParsesSizes(string text, long bytes)
    {
        ReaderLimitOptions.ParseSize(text, "--max-file-size").Should().Be(bytes);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("lots")]
    [InlineData("0")]
    public void RejectsSizesThatAreNotSizes(string text)
    {
        using var temp = new TempFolder();

        CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--max-file-size", text).ExitCode.Should().Be(2);
    }

    [Theory]
    [InlineData("--max-depth", "2")]
    [InlineData("--max-nodes", "5")]
    [InlineData("--max-collection-size", "1")]
    [InlineData("--max-scalar-length", "3")]
    public void LowersEveryReaderLimit_WithTheOptionTheLimitMessageNames(string option, string value)
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", "name: limits\nsubjects:\n  - { id: people, population: 100 }\n  - { id: others, population: 10 }\nelements:\n  - { id: app, type: process, organization: org }\n");

        var run = CliHarness.Run(CliHarness.Environment(DesignReading.Read), "validate", design, option, value);

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("TM1011").And.Contain(option);
    }

    [Fact]
    public void RejectsALimitThatIsNotACount()
    {
        using var temp = new TempFolder();

        CliHarness.Run("validate", temp.File("s.yaml", "scoring"), "--max-depth", "deep").ExitCode.Should().Be(2);
    }
}
