using System.Text.Json;

namespace ThreatModel.Cli.Tests;

public class DiffCommandTests
{
    [Fact]
    public void ExitsOne_AndListsTheIntroducedFinding_WhenTheNewVersionAddsAHarm()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "clean"), temp.File("new.yaml", "scoring"));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("1 introduced, 0 worsened, 0 improved, 0 resolved, 0 newly accepted, 0 thresholds relaxed, 0 unchanged").And.Contain("  + HIGH TM001");
    }

    [Fact]
    public void ExitsZero_WhenTheNewVersionOnlyResolvesFindings()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "scoring"), temp.File("new.yaml", "clean"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("0 introduced, 0 worsened, 0 improved, 1 resolved, 0 newly accepted, 0 thresholds relaxed, 0 unchanged").And.Contain("  - HIGH TM001");
    }

    [Fact]
    public void ExitsZero_WhenFindingsAreUnchanged_EvenIfTheyAreHigh()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "scoring"), temp.File("new.yaml", "scoring"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("0 introduced, 0 worsened, 0 improved, 0 resolved, 0 newly accepted, 0 thresholds relaxed, 1 unchanged");
    }

    [Fact]
    public void AppliesFailOn_ToIntroducedFindingsOnly()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "scoring"), temp.File("new.yaml", "scoring-and-health"), "--format", "json", "--fail-on", "critical");

        using var json = JsonDocument.Parse(run.Out);
        var introduced = json.RootElement.GetProperty("introduced").EnumerateArray().Select(f => f.GetProperty("severity").GetString()).ToList();
        introduced.Should().NotBeEmpty();
        run.ExitCode.Should().Be(introduced.Contains("critical") ? 1 : 0);
        json.RootElement.GetProperty("summary").GetProperty("unchanged").GetInt32().Should().Be(1);
    }

    [Fact]
    public void ExitsTwo_WhenEitherDesignIsInvalid()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "scoring"), temp.File("new.yaml", "invalid"));

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("error TM1003");
    }

    [Fact]
    public void WritesSarif_WithBaselineStates()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diff", temp.File("old.yaml", "clean"), temp.File("new.yaml", "scoring"), "--format", "sarif");

        run.Out.Should().Contain("\"baselineState\": \"new\"");
    }
}
