namespace ThreatModel.Cli.Tests;

public class CliInputErrorTests
{
    private static CliEnvironment Real => CliEnvironment.Fixed(CliHarness.Today);

    [Fact]
    public void AMisspeltOption_GetsTheOptionItWasMeantToBe()
    {
        var run = CliHarness.Run(Real, "check", "design.yaml", "--fromat", "json");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("'--fromat' is not an option of 'check'; did you mean '--format'?");
    }

    [Fact]
    public void AMisspeltOptionBeforeTheDesign_GetsTheSuggestionToo()
    {
        var run = CliHarness.Run(Real, "check", "--fromat", "json", "design.yaml");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("'--fromat' is not an option of 'check'; did you mean '--format'?");
    }

    [Fact]
    public void AMisspeltOptionWithItsValue_GetsTheSuggestionToo()
    {
        var run = CliHarness.Run(Real, "diff", "a.yaml", "b.yaml", "--fail-no=high");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("'--fail-no' is not an option of 'diff'; did you mean '--fail-on'?");
    }

    [Fact]
    public void AMisspeltCommand_GetsTheCommandItWasMeantToBe()
    {
        var run = CliHarness.Run(Real, "chek", "design.yaml");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("'chek' is not a command of 'threatmodel'; did you mean 'check'?");
    }

    [Fact]
    public void AnOptionFarFromEveryOption_GetsNoGuess()
    {
        var run = CliHarness.Run(Real, "check", "design.yaml", "--zzzzzzzz");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().NotContain("did you mean");
    }

    [Fact]
    public void CheckOfAMarkdownFile_SaysItIsNotADesign_InsteadOfAYamlAliasError()
    {
        using var temp = new TempFolder();
        var readme = temp.File("README.md", "# ThreatModel\n\n**Privacy-harm threat modeling** for system designs.\n\n- one\n- two\n");

        var run = CliHarness.Run(Real, "check", readme);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().StartWith($"{readme}:1:1: error TM1200: '{readme}' is not a design file").And.NotContain("alias");
    }

    [Fact]
    public void ValidateOfAPlainTextFile_SaysItIsNotADesign()
    {
        using var temp = new TempFolder();
        var notes = temp.File("notes.txt", "remember to ask about retention\n");

        var run = CliHarness.Run(Real, "validate", notes);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("error TM1200").And.Contain("A design is a YAML or JSON file");
    }

    [Fact]
    public void AYamlDesignWithASyntaxError_KeepsItsOwnError()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", "name: x\nelements: [a\n");

        var run = CliHarness.Run(Real, "validate", design);

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("error TM1001").And.NotContain("TM1200");
    }

    [Fact]
    public void AMissingDesign_NamesTheFile_AtLineOne_AndExits2()
    {
        var run = CliHarness.Run(Real, "check", "docs/design/missing.yaml");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().StartWith("docs/design/missing.yaml:1:1: error TM1000: The design file 'docs/design/missing.yaml' does not exist.");
        run.Err.Should().NotContain(" at ThreatModel");
    }
}
