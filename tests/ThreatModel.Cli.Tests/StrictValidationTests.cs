namespace ThreatModel.Cli.Tests;

/// <summary>Design warnings on standard error, and <c>--strict</c>, which makes them errors.</summary>
public class StrictValidationTests
{
    // A flow whose purpose is misspelt: a warning, not an error.
    private const string MisspeltPurpose = """
        name: scoring
        subjects:
          - { id: residents, population: 1000 }
        items:
          - { id: payments, kind: financial, subject: residents }
        elements:
          - { id: resident, type: person, subject: residents }
          - { id: bank, type: process, organization: bank-co }
        flows:
          - { id: f-pay, from: resident, to: bank, items: [payments], purpose: paymnet }
        """;

    private static CliRun Run(params string[] args) => CliHarness.Run(CliHarness.Environment(DesignReading.Read), args);

    [Fact]
    public void Validate_PrintsTheWarningWithItsPosition_AndStillExitsZero()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", MisspeltPurpose);

        var run = Run("validate", design);

        run.ExitCode.Should().Be(0);
        run.Err.Should().Contain($"{design}:10:72: warning TM2003:").And.Contain("Did you mean 'payment'?");
        run.Out.Should().Contain("valid: scoring");
    }

    [Fact]
    public void ValidateStrict_TurnsTheWarningIntoAnError_AndExitsTwo()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", MisspeltPurpose);

        var run = Run("validate", design, "--strict");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"{design}:10:72: error TM2003:").And.Contain("1 error (warnings count as errors under --strict)");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void ValidateStrict_ExitsZero_ForADesignWithoutWarnings()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", MisspeltPurpose.Replace("paymnet", "payment", StringComparison.Ordinal));

        var run = Run("validate", design, "--strict");

        run.ExitCode.Should().Be(0);
        run.Err.Should().BeEmpty();
    }

    [Fact]
    public void Check_PrintsTheWarningOnStandardError_AndKeepsItsExitCode()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", MisspeltPurpose);

        var run = Run("check", design, "--fail-on", "none");

        run.ExitCode.Should().Be(0);
        run.Err.Should().Contain($"{design}:10:72: warning TM2003:");
    }

    [Fact]
    public void CheckStrict_RefusesADesignWithWarnings()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", MisspeltPurpose);

        var run = Run("check", design, "--fail-on", "none", "--strict");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("error TM2003:");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Validate_RefusesAnAcceptanceOfAnUnknownRule_AsCheckDoes()
    {
        using var temp = new TempFolder();
        var design = temp.File("d.yaml", """
            name: scoring
            subjects:
              - { id: residents, population: 1000 }
            items:
              - { id: payments, kind: financial, subject: residents }
            elements:
              - { id: resident, type: person, subject: residents }
              - id: bank
                type: process
                organization: bank-co
                accepts:
                  - { rule: purpose-creep, justification: reviewed }
            flows:
              - { id: f-pay, from: resident, to: bank, items: [payments], purpose: payment }
            """);

        // Every built-in rule, so that the misnamed rule has a near match to suggest.
        var allRules = CliHarness.Environment(DesignReading.Read) with { CreateRules = Rules.BuiltInRules.Create };
        var validate = CliHarness.Run(allRules, "validate", design);
        var check = CliHarness.Run(allRules, "check", design);

        validate.ExitCode.Should().Be(2);
        validate.Err.Should().Contain("error TM1006").And.Contain("'purpose-creep'");
        validate.Out.Should().NotContain("valid:");
        check.ExitCode.Should().Be(2);
    }
}
