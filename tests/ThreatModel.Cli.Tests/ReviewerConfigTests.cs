namespace ThreatModel.Cli.Tests;

public class ReviewerConfigTests
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

    private static CliEnvironment Real => CliEnvironment.Fixed(CliHarness.Today);

    [Fact]
    public void Check_WithAConfigThatTurnsTheRuleOff_PassesAndSaysWhichFileDidIt()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);
        var config = temp.File("review.yaml", "rules:\n  TM001: off\n  TM011: off\n  TM012: { maximum: medium }\n");

        CliHarness.Run(Real, "check", design, "--config", "none").ExitCode.Should().Be(ExitCodes.Findings);
        var run = CliHarness.Run(Real, "check", design, "--config", config, "--format", "markdown");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Out.Should().NotContain("TM001 cross").And.Contain("review.yaml").And.Contain("TM001 off, TM011 off, TM012 at most medium");
    }

    [Fact]
    public void Check_FindsThreatmodelConfigYaml_InTheWorkingDirectory()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);
        temp.File("threatmodel.config.yaml", "rules:\n  TM001: { severity: low }\n");

        var run = CliHarness.Run(Real with { ConfigSearchFrom = temp.Path }, "check", design, "--fail-on", "none");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Out.Should().Contain("LOW TM001");
        run.Err.Should().Contain("using the reviewer configuration ").And.Contain("threatmodel.config.yaml (--config none to ignore it)");
        run.Out.Should().Contain("TM001 severity low");
    }

    [Fact]
    public void Check_FindsTheConfig_InAParentDirectory_ButNotAboveTheRepositoryRoot()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);
        temp.File("threatmodel.config.yaml", "failOn: none\n");
        var inside = temp.File("repo/docs/placeholder.txt", "x");
        Directory.CreateDirectory(Path.Combine(temp.Path, "repo", ".git"));

        var fromParent = CliHarness.Run(Real with { ConfigSearchFrom = temp.File("sub/placeholder.txt", "x").Replace("placeholder.txt", string.Empty, StringComparison.Ordinal) }, "check", design);
        var fromRepo = CliHarness.Run(Real with { ConfigSearchFrom = Path.GetDirectoryName(inside) }, "check", design);

        fromParent.ExitCode.Should().Be(ExitCodes.Success, fromParent.ToString());
        fromRepo.ExitCode.Should().Be(ExitCodes.Findings, fromRepo.ToString());
        fromRepo.Err.Should().NotContain("reviewer configuration");
    }

    [Fact]
    public void Check_TakesFailOnFromTheConfig_UnlessTheCommandLineGivesIt()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);
        var config = temp.File("review.yaml", "failOn: none\n");

        CliHarness.Run(Real, "check", design, "--config", config).ExitCode.Should().Be(ExitCodes.Success);
        CliHarness.Run(Real, "check", design, "--config", config, "--fail-on", "high").ExitCode.Should().Be(ExitCodes.Findings);
    }

    [Fact]
    public void Check_WithAMissingConfig_NamesTheFile_AndExits2()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);

        var run = CliHarness.Run(Real, "check", design, "--config", "no-such-config.yaml");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().StartWith("no-such-config.yaml:1:1: error TM1201: The reviewer configuration file 'no-such-config.yaml' does not exist.");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Check_WithAMisspeltRuleInTheConfig_PointsAtItsLine_AndExits2()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring);
        var config = temp.File("review.yaml", "# the team's settings\nrules:\n  TM0001: off\n");

        var run = CliHarness.Run(Real, "check", design, "--config", config);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("review.yaml:3:3: error TM1203: The configuration names the rule 'TM0001', which does not exist. Did you mean TM001?");
    }

    [Fact]
    public void ADesign_CannotTurnARuleOffItself()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring + "\nrules:\n  TM001: off\n");

        var run = CliHarness.Run(Real, "check", design);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("design.yaml:15:1: error TM1004");
    }

    [Fact]
    public void Diff_AppliesTheOneConfig_ToBothVersions()
    {
        using var temp = new TempFolder();
        var before = temp.File("before.yaml", Scoring.Replace("  - { id: f2,", "  - { id: f0, from: bank, to: social-app, items: [loans], purpose: payment }\n  - { id: f2,", StringComparison.Ordinal));
        var after = temp.File("after.yaml", Scoring);
        var config = temp.File("review.yaml", "rules:\n  TM001: off\n");

        var run = CliHarness.Run(Real, "diff", before, after, "--config", config);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Out.Should().Contain("TM001 off");
    }
}
