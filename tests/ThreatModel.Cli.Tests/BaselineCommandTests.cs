using ThreatModel.Analysis;

namespace ThreatModel.Cli.Tests;

public class BaselineCommandTests
{
    [Fact]
    public void WritesABaseline_ThatMakesCheckPass()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = Path.Combine(temp.Path, "threatmodel-baseline.json");

        var write = CliHarness.Run("baseline", design, "-o", baseline, "--justification", "Pilot approved by the DPO", "--accepted-by", "dpo@example.org");
        var check = CliHarness.Run("check", design, "--baseline", baseline);

        write.ExitCode.Should().Be(0, write.ToString());
        File.ReadAllText(baseline).Should().Contain("\"justification\": \"Pilot approved by the DPO\"").And.Contain("\"acceptedBy\": \"dpo@example.org\"").And.Contain("\"acceptedOn\": \"2026-06-01\"");
        check.ExitCode.Should().Be(0, check.ToString());
        check.Out.Should().Contain("0 findings, 1 accepted").And.Contain("accepted (baseline,").And.Contain("Pilot approved by the DPO (accepted by dpo@example.org)");
    }

    [Fact]
    public void CheckFailsAgain_WithANote_WhenTheAcceptanceHasExpired()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = Path.Combine(temp.Path, "b.json");
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "Temporary", "--accepted-by", "me", "--expires", "2026-05-31").ExitCode.Should().Be(0);

        var check = CliHarness.Run("check", design, "--baseline", baseline);

        check.ExitCode.Should().Be(1, check.ToString());
        check.Out.Should().Contain("note: The acceptance of TM001 finding").And.Contain("expired on 2026-05-31");
        check.Err.Should().Contain("warning: The acceptance of TM001");
    }

    [Fact]
    public void BaselineSuppressions_AreExternalInSarif()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = Path.Combine(temp.Path, "b.json");
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "ok", "--accepted-by", "me");

        var sarif = CliHarness.Run("check", design, "--baseline", baseline, "--format", "sarif").Out;

        sarif.Should().Contain("\"kind\": \"external\"").And.Contain("\"justification\": \"ok (accepted by me)\"");
    }

    [Fact]
    public void KeepsExistingJustifications_WhenRewritten()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");
        var baseline = Path.Combine(temp.Path, "b.json");
        CliHarness.Run("baseline", design, "-o", baseline, "-j", "first reason", "--accepted-by", "alice");

        var run = CliHarness.Run("baseline", design, "-o", baseline, "-j", "second reason", "--accepted-by", "bob");

        run.ExitCode.Should().Be(0);
        var (read, _) = BaselineSerializer.ReadFile(baseline);
        read!.Entries.Should().ContainSingle().Which.Justification.Should().Be("first reason");
    }

    [Theory]
    [InlineData("--expires", "31.12.2026")]
    [InlineData("--justification", " ")]
    public void ExitsTwo_OnBadValues(string option, string value)
    {
        using var temp = new TempFolder();
        var args = new List<string> { "baseline", temp.File("s.yaml", "scoring"), "-o", Path.Combine(temp.Path, "b.json"), "--accepted-by", "me", "-j", "why" };
        args.AddRange([option, value]);

        CliHarness.Run([.. args]).ExitCode.Should().Be(2);
    }

    [Fact]
    public void CheckExitsTwo_WhenTheBaselineIsNotValid()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", temp.File("b.json", "{ not json"));

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("b.json:1:").And.Contain("error TM1001");
    }

    [Fact]
    public void CheckExitsTwo_WhenTheBaselineIsMissing()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--baseline", Path.Combine(temp.Path, "missing.json"));

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("missing.json' does not exist");
    }
}
