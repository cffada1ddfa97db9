using System.Text.Json;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// A pull request that makes the design worse fails `diff`, and nothing inside the design or the pull request lowers
/// the bar without a flag a reviewer gives (issue 10). Every test reads real design files.
/// </summary>
public class GateCommandTests
{
    private static CliRun Run(params string[] args) => CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), args);

    /// <summary>A bank and a social network send the national ID with their records to the city's scoring bureau.</summary>
    private static string Scoring(string scoringAccepts = "", string bankFlowAccepts = "", bool withSocial = true) => $$"""
        name: Scoring
        subjects:
          - id: citizens
            population: 10000000
        items:
          - { id: national-id, kind: direct-identifier, subject: citizens }
          - { id: loans, kind: financial, subject: citizens }
          - { id: posts, kind: behavioural, subject: citizens, context: social }
        elements:
          - { id: citizen, type: person, subject: citizens }
          - { id: bank, type: process, organization: bank-co }
          - { id: social-app, type: process, organization: social-co }
          - id: scoring
            type: process
            organization: city
            {{scoringAccepts}}
        flows:
          - id: f-bank-in
            from: citizen
            to: bank
            items: [national-id, loans]
            purpose: payment
            {{bankFlowAccepts}}
          - { id: f-social-in, from: citizen, to: social-app, items: [national-id, posts], purpose: social-networking }
          - { id: f-bank-score, from: bank, to: scoring, items: [national-id, loans], purpose: social-scoring }
        {{(withSocial ? "  - { id: f-social-score, from: social-app, to: scoring, items: [national-id, posts], purpose: social-scoring }" : string.Empty)}}
        """;

    private static string Accepts(string rule) => $"accepts: [{{ rule: {rule}, justification: Reviewed at the design review }}]";

    [Fact]
    public void Diff_FailsOnAFindingThatWorsens_WhenTheMitigatedSocialScoringDesignLosesItsPseudonyms()
    {
        using var temp = new TempFolder();
        var mitigated = RepositoryPaths.Path("examples", "social-scoring", "mitigated.yaml");
        var text = File.ReadAllText(mitigated);
        const string Protection = "      pseudonymized: { keyHolder: id-broker, perContext: true }\n";
        text.Should().Contain(Protection);
        var worse = temp.File("worse.yaml", text.Replace(Protection, string.Empty, StringComparison.Ordinal));

        var diff = Run("diff", mitigated, worse, "--fail-on", "high");
        var check = Run("check", worse, "--fail-on", "high");

        check.ExitCode.Should().Be(1, check.ToString());
        diff.ExitCode.Should().Be(1, diff.ToString());
        diff.Out.Should().Contain("0 introduced, 1 worsened").And.Contain("Worsened (1):").And.Contain("  ^ HIGH TM011").And.Contain("severity medium -> high");
    }

    [Fact]
    public void Diff_ListsANewInlineAcceptanceAsNewlyAccepted_AndFails_UnlessNewAcceptancesAreAllowed()
    {
        using var temp = new TempFolder();
        var old = temp.File("old.yaml", Scoring());
        var @new = temp.File("new.yaml", Scoring(scoringAccepts: Accepts("TM001")));

        var run = Run("diff", old, @new);
        var allowed = Run("diff", old, @new, "--allow-new-acceptances");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain(" 0 resolved, 1 newly accepted").And.Contain("Newly accepted (1):").And.Contain("accepted: Reviewed at the design review");
        allowed.ExitCode.Should().Be(0, allowed.ToString());
    }

    [Fact]
    public void Diff_FailsOnANewCriticalFinding_HiddenByABaselineRegeneratedInThePullRequest()
    {
        using var temp = new TempFolder();
        var old = temp.File("old.yaml", Scoring(withSocial: false));
        var @new = temp.File("new.yaml", Scoring());
        var oldBaseline = temp.File("base-baseline.json");
        var newBaseline = temp.File("baseline.json");
        Run("baseline", old, "-o", oldBaseline, "-j", "Reviewed", "--accepted-by", "privacy-team").ExitCode.Should().Be(0);
        Run("baseline", @new, "-o", newBaseline, "-j", "Regenerated", "--accepted-by", "author", "--expires", "9999-12-31").ExitCode.Should().Be(0);

        var run = Run("diff", old, @new, "--old-baseline", oldBaseline, "--baseline", newBaseline, "--format", "json");
        var allowed = Run("diff", old, @new, "--old-baseline", oldBaseline, "--baseline", newBaseline, "--allow-new-acceptances");

        run.ExitCode.Should().Be(1, run.ToString());
        using var json = JsonDocument.Parse(run.Out);
        json.RootElement.GetProperty("summary").GetProperty("introduced").GetInt32().Should().Be(0);
        var accepted = json.RootElement.GetProperty("newlyAccepted").EnumerateArray().ToList();
        accepted.Should().Contain(a => a.GetProperty("ruleId").GetString() == "TM001" && a.GetProperty("suppression").GetProperty("kind").GetString() == "baseline");
        allowed.ExitCode.Should().Be(0, allowed.ToString());
    }

    [Fact]
    public void Check_DoesNotAcceptAFindingAboveTheSeverityItsBaselineEntryAccepted()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring());
        var baseline = temp.File("baseline.json");
        Run("baseline", design, "-o", baseline, "-j", "Reviewed", "--accepted-by", "privacy-team").ExitCode.Should().Be(0);
        var entries = JsonDocument.Parse(File.ReadAllText(baseline)).RootElement.GetProperty("entries").EnumerateArray().ToList();
        var linkage = entries.Single(e => e.GetProperty("ruleId").GetString() == "TM001");
        var severity = linkage.GetProperty("severity").GetString();
        severity.Should().BeOneOf("high", "critical");
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace($"\"severity\": \"{severity}\"", "\"severity\": \"low\"", StringComparison.Ordinal));

        var run = Run("check", design, "--baseline", baseline);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().Contain($"accepted at low, now {severity}");
        run.Out.Should().Contain($"accepted at low, now {severity}");
    }

    [Fact]
    public void Check_IgnoresADesignSettingThatLoosensAThreshold_WithAWarningNamingTheSettingAndBothValues()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", "settings: { uniquenessThreshold: 1, minimumAnonymitySet: 1 }\n" + File.ReadAllText(RepositoryPaths.Path("examples", "payments-release", "design.yaml")));

        var run = Run("check", design, "--fail-on", "none");
        var allowed = Run("check", design, "--fail-on", "none", "--allow-design-settings");

        run.Err.Should().Contain("warning: The design sets uniquenessThreshold: 1, looser than the default 0.05; ignored, 0.05 is in force.")
            .And.Contain("minimumAnonymitySet: 1, looser than the default 10; ignored, 10 is in force.");
        run.Out.Should().Contain("TM002").And.Contain("Thresholds: uniquenessThreshold 0.05 (default; the design's 1 ignored)");
        allowed.Err.Should().NotContain("looser than");
        allowed.Out.Should().Contain("Thresholds: uniquenessThreshold 1 (design), minimumAnonymitySet 1 (design)");
    }

    [Fact]
    public void Diff_FailsWhenTheNewDesignDropsATighterThreshold_UnlessDesignSettingsAreAllowed()
    {
        using var temp = new TempFolder();
        var release = File.ReadAllText(RepositoryPaths.Path("examples", "payments-release", "design.yaml"));
        var old = temp.File("old.yaml", "settings: { minimumAnonymitySet: 50 }\n" + release);
        var @new = temp.File("new.yaml", release);

        var run = Run("diff", old, @new, "--fail-on", "critical");
        var allowed = Run("diff", old, @new, "--fail-on", "critical", "--allow-design-settings");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("Thresholds relaxed (1):").And.Contain("  ~ minimumAnonymitySet 50 (design) -> 10 (default)");
        allowed.ExitCode.Should().Be(0, allowed.ToString());
    }

    [Fact]
    public void Check_KeepsTheLinkage_WhenTheOnlyAcceptanceIsOnTheBanksOwnPaymentFlow_AndReportsTheUnusedAcceptance()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring(bankFlowAccepts: Accepts("TM001")));

        var run = Run("check", design);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("TM001 cross-context-linkage").And.Contain("The acceptance of TM001 on 'f-bank-in' at ").And.Contain("covers no finding");
    }

    [Fact]
    public void Check_RefusesAnAcceptanceThatNamesARuleByItsName_WithTheIdToUse()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", Scoring(scoringAccepts: Accepts("purpose-creep")));

        var run = Run("check", design);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().MatchRegex(@"design\.yaml:16:23: error TM1006: The acceptance names the rule 'purpose-creep', which does not exist\. Did you mean TM006\?")
            .And.NotContain("   at ");
    }
}
