namespace ThreatModel.Cli.Tests;

public class ParseErrorTests
{
    [Theory]
    [InlineData]
    [InlineData("frobnicate")]
    [InlineData("check")]
    [InlineData("check", "a.yaml", "--bogus")]
    [InlineData("check", "a.yaml", "--fail-on", "severe")]
    [InlineData("check", "a.yaml", "--format", "pdf")]
    [InlineData("diagram", "a.yaml", "--format", "png")]
    [InlineData("diff", "a.yaml")]
    [InlineData("baseline", "a.yaml", "-o", "b.json")]
    public void ExitsTwo_OnArgumentsThatDoNotParse(params string[] args)
    {
        var run = CliHarness.Run(args);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("threatmodel: error:").And.NotContain("   at ");
    }

    [Fact]
    public void PrintsHelp_AndExitsZero()
    {
        var run = CliHarness.Run("--help");

        run.ExitCode.Should().Be(0);
        run.Out.Should().Contain("threatmodel [command] [options]").And.Contain("check <design>").And.Contain("baseline <design>");
    }

    [Fact]
    public void PrintsCommandHelp_EvenWithoutItsRequiredArgument()
    {
        var run = CliHarness.Run("check", "--help");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("--fail-on <severity>");
    }
}
