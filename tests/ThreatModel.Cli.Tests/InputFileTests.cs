namespace ThreatModel.Cli.Tests;

/// <summary>
/// Every file the command reads (designs and baselines) goes through one size-limited reader: a device or a link to
/// one stops at the limit with exit 2, naming the file, the limit and the option that raises it (issue 10).
/// </summary>
public class InputFileTests
{
    [SkippableOnWindowsFact]
    public void CheckBaselineDevZero_ExitsTwo_NamingTheFileTheLimitAndTheOption()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", "/dev/zero", "--max-file-size", "1m");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("/dev/zero:1:1: error TM1011").And.Contain("1048576 bytes").And.Contain("--max-file-size").And.NotContain("internal error");
    }

    [SkippableOnWindowsFact]
    public void ACommittedBaselineThatIsASymbolicLinkToDevZero_StopsAtTheDefaultLimit()
    {
        using var temp = new TempFolder();
        var baseline = temp.File("threatmodel-baseline.json");
        File.CreateSymbolicLink(baseline, "/dev/zero");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", baseline);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"{baseline}:1:1: error TM1011").And.Contain("67108864 bytes").And.Contain("--max-file-size");
    }

    [SkippableOnWindowsFact]
    public void DiffBaselineDevZero_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("a.yaml", "clean"), temp.File("b.yaml", "scoring"), "--baseline", "/dev/zero", "--max-file-size", "64k");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("error TM1011");
    }

    [SkippableOnWindowsFact]
    public void ADesignThatIsASymbolicLinkToDevZero_StopsAtTheLimit()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml");
        File.CreateSymbolicLink(design, "/dev/zero");

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", design, "--max-file-size", "1m");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"{design}:1:1: error TM1011").And.Contain("--max-file-size");
    }

    [Fact]
    public void ABaselineOverTheLimit_IsRefused_AndMaxFileSizeRaisesTheLimit()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = temp.File("baseline.json");
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "reviewed on 2026-05-01, ticket PRIV-42", "--accepted-by", "privacy").ExitCode.Should().Be(0);
        var size = new FileInfo(baseline).Length;

        var refused = CliHarness.Run("check", design, "--baseline", baseline, "--max-file-size", (size - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var accepted = CliHarness.Run("check", design, "--baseline", baseline, "--max-file-size", size.ToString(System.Globalization.CultureInfo.InvariantCulture));

        refused.ExitCode.Should().Be(2, refused.ToString());
        refused.Err.Should().Contain($"larger than the limit of {size - 1} bytes. Raise the limit with --max-file-size");
        accepted.ExitCode.Should().Be(0, accepted.ToString());
    }

    [Fact]
    public void AMissingBaseline_ExitsTwo_NamingTheFile()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "threatmodel-baseline.json");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", missing);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"{missing}:1:1: error TM1000: The baseline file '{missing}' does not exist.");
    }

    [Fact]
    public void ABaselineThatIsADirectory_ExitsTwo_NamingIt()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", temp.Path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"The baseline '{temp.Path}' is a directory");
    }

    [Fact]
    public void AMissingDesign_ExitsTwo_WithAFileLineColumnErrorNamingIt()
    {
        using var temp = new TempFolder();
        var missing = Path.Combine(temp.Path, "docs", "design.yaml");

        var run = CliHarness.Run("diff", temp.File("old.yaml", "clean"), missing);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"{missing}:1:1: error TM1000: The design file '{missing}' does not exist.").And.NotContain("internal error");
    }

    public static TheoryData<string, string, int> HostileBaselines()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var line in File.ReadAllLines(RepositoryPaths.Path("tests", "corpus", "baselines", "expected.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], int.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileBaselines))]
    public void AHostileBaseline_ExitsTwo_WithTheExpectedErrorAndLine_AndNoStackTrace(string file, string code, int line)
    {
        using var temp = new TempFolder();
        var baseline = RepositoryPaths.Path("tests", "corpus", "baselines", file);

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", baseline);

        run.ExitCode.Should().Be(2, run.ToString());
        var where = line > 0 ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[0-9]+";
        run.Err.Should().MatchRegex($"(?m)^{System.Text.RegularExpressions.Regex.Escape(baseline)}:{where}:[0-9]+: error {code}: ").And.NotContain("   at ");
        run.Out.Should().BeEmpty();
    }
}
