using ThreatModel.Rules;

namespace ThreatModel.Cli.Tests;

/// <summary>Commands on models of other formats: <c>--input-format</c>, <c>--overlay</c>, the overlay beside the model, exit codes.</summary>
public class ImportCommandTests
{
    // A Threat Dragon v2 model: a shop's web server sends something to an ad network's tracker (line 6).
    private const string Shop = """
        { "summary": { "title": "Shop" }, "detail": { "diagrams": [ { "cells": [
          { "id": "b1", "shape": "trust-boundary-box", "position": { "x": 0, "y": 0 }, "size": { "width": 100, "height": 100 }, "data": { "type": "tm.BoundaryBox", "name": "Shop Ltd" } },
          { "id": "b2", "shape": "trust-boundary-box", "position": { "x": 200, "y": 0 }, "size": { "width": 100, "height": 100 }, "data": { "type": "tm.BoundaryBox", "name": "Ad network" } },
          { "id": "p1", "shape": "process", "position": { "x": 10, "y": 10 }, "size": { "width": 20, "height": 20 }, "data": { "type": "tm.Process", "name": "Web server" } },
          { "id": "p2", "shape": "process", "position": { "x": 210, "y": 10 }, "size": { "width": 20, "height": 20 }, "data": { "type": "tm.Process", "name": "Tracker" } },
          { "id": "f1", "shape": "flow", "source": { "cell": "p1" }, "target": { "cell": "p2" }, "data": { "type": "tm.Flow", "name": "Pixel", "protocol": "HTTPS" } } ] } ] } }
        """;

    // What the diagram cannot say: customers' e-mail addresses go to the ad network for advertising, with no legal basis.
    private const string Overlay = """
        subjects:
          - { id: customers, population: 100000 }
        items:
          - { id: email, kind: direct-identifier, subject: customers }
          - { id: basket, kind: behavioural, subject: customers }
        flows:
          - { ref: Pixel, items: [email, basket], purpose: advertising }
        """;

    private static CliEnvironment Real => CliHarness.Environment(DesignReading.Read) with { CreateRules = BuiltInRules.Create };

    private static CliRun Run(params string[] args) => CliHarness.Run(Real, args);

    [Fact]
    public void Check_OnAThreatDragonModelWithItsOverlayBesideIt_ReportsFindingsAtTheModelsLines_AndExitsOne()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        temp.File("shop.privacy.yaml", Overlay);

        var run = Run("check", model);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("TM012").And.Contain($"at {model}:6:");
    }

    [Fact]
    public void Check_WithAnOverlayOption_UsesThatOverlay()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        var overlay = temp.File("privacy/facts.yaml", Overlay);

        var run = Run("check", model, "--overlay", overlay, "--input-format", "threat-dragon", "--format", "json");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("\"ruleId\": \"TM012\"");
    }

    [Fact]
    public void Validate_OnABareImportedModel_PrintsItsGapsAsWarnings_AndExitsZero()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);

        var run = Run("validate", model);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Err.Should().Contain($"{model}:6:3: warning TM2101:").And.Contain($"{model}:6:3: warning TM2102:").And.Contain("warning TM2104:");
    }

    [Fact]
    public void ValidateStrict_OnABareImportedModel_ExitsTwo()
    {
        using var temp = new TempFolder();

        var run = Run("validate", temp.File("shop.json", Shop), "--strict");

        run.ExitCode.Should().Be(2);
    }

    [Fact]
    public void Check_WithAMisspeltRefInTheOverlay_PrintsTheOverlaysLineAndColumn_AndExitsTwo()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        var overlay = temp.File("shop.privacy.yaml", "flows:\n  - { ref: Pixle, purpose: advertising }\n");

        var run = Run("check", model);

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"{overlay}:2:12: error TM1101:").And.Contain("Did you mean 'Pixel'?").And.NotContain("   at ");
    }

    [Fact]
    public void Check_AskedForOtm_OnAThreatDragonFile_SaysItIsNotOtm_AndExitsTwo()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);

        var run = Run("check", model, "--input-format", "otm");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"{model}:1:1: error TM1100:").And.Contain("not an Open Threat Model file");
    }

    [Fact]
    public void Check_WithAnUnknownInputFormat_IsAUsageError()
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("shop.json", Shop), "--input-format", "visio");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("visio");
    }

    [Fact]
    public void Check_WithAnOverlayForADesign_IsAUsageError()
    {
        using var temp = new TempFolder();

        var run = Run("check", temp.File("d.yaml", "name: x\n"), "--input-format", "design", "--overlay", temp.File("o.yaml", "subjects: []\n"));

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("--overlay adds facts to an imported model");
    }

    [Fact]
    public void Diagram_DrawsAnImportedModel()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        temp.File("shop.privacy.yaml", Overlay);

        var run = Run("diagram", model);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("web-server").And.Contain("tracker");
    }

    [Fact]
    public void Diff_BetweenTwoVersionsOfAnImportedModel_ReportsTheFindingTheNewOverlayIntroduces()
    {
        using var temp = new TempFolder();
        var before = temp.File("v1/shop.json", Shop);
        temp.File("v1/shop.privacy.yaml", Overlay.Replace("items: [email, basket]", "items: [basket]", StringComparison.Ordinal));
        var after = temp.File("v2/shop.json", Shop);
        temp.File("v2/shop.privacy.yaml", Overlay);

        var run = Run("diff", before, after);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("introduced");
    }

    [Fact]
    public void Import_WritesTheModelAndOverlayAsADesign_ThatChecksToTheSameFindings()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        temp.File("shop.privacy.yaml", Overlay);
        var design = temp.File("out/design.yaml");

        var import = Run("import", model, "-o", design);
        var original = Run("check", model, "--format", "json");
        var switched = Run("check", design, "--format", "json");

        import.ExitCode.Should().Be(0, import.ToString());
        File.ReadAllText(design).Should().Contain("id: pixel").And.Contain("purpose: advertising");
        Fingerprints(switched.Out).Should().NotBeEmpty().And.Equal(Fingerprints(original.Out));
    }

    [Fact]
    public void Import_OfAModelWithErrors_WritesNothing_AndExitsTwo()
    {
        using var temp = new TempFolder();
        var model = temp.File("shop.json", Shop);
        temp.File("shop.privacy.yaml", "flows: [{ ref: nope }]\n");
        var design = temp.File("design.yaml");

        var run = Run("import", model, "-o", design);

        run.ExitCode.Should().Be(2);
        File.Exists(design).Should().BeFalse();
    }

    private static List<string> Fingerprints(string json) =>
        [.. System.Text.RegularExpressions.Regex.Matches(json, "\"fingerprint\": \"([0-9a-f]+)\"").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];

    [Theory]
    [InlineData("web-shop.json", "TM006", "TM011", "TM013")]
    [InlineData("fitness-app.otm.yaml", "TM002", "TM003", "TM012")]
    [InlineData("fides", "TM006", "TM007", "TM013")]
    public void TheBundledImportExamples_ReadWithoutGaps_AndFindTheHarmsTheirReadmeExplains(string example, string ruleA, string ruleB, string ruleC)
    {
        var run = Run("check", RepositoryPaths.Path("examples", "imports", example));

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().NotContain("warning").And.NotContain("error");
        run.Out.Should().Contain(ruleA).And.Contain(ruleB).And.Contain(ruleC);
    }

    // A Fides manifest: the shop's checkout collects customers' e-mail and purchase history and scores them for credit.
    private const string FidesShop = """
        system:
          - fides_key: checkout
            name: Checkout
            system_type: Service
            ingress:
              - fides_key: user
                type: user
                data_categories: [user.contact.email, user.behavior.purchase_history, user.financial]
            privacy_declarations:
              - name: Sell and offer invoice payment
                data_use: essential.service
                data_categories: [user]
                data_subjects: [customer]
        """;

    [Fact]
    public void Check_OnAFidesFolderWithAPrivacyYamlSayingCheckoutDecidesCredit_ReportsTheDecisionWithoutAppeal()
    {
        using var temp = new TempFolder();
        var manifest = temp.File("fides/systems.yml", FidesShop);
        temp.File("fides/privacy.yaml", """
            subjects:
              - { ref: customer, population: 80000 }
            elements:
              - ref: checkout
                decision: { affects: [credit], subject: customer, automated: true }
            """);

        var run = Run("check", Path.GetDirectoryName(manifest)!);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("TM007");
        run.Err.Should().NotContain("TM2152").And.NotContain("TM2159");
    }

    [Fact]
    public void Check_OnAFidesManifestWithAnOverlayOptionNamingAnUnknownSystem_ExitsTwoWithTheOverlaysLineAndColumn()
    {
        using var temp = new TempFolder();
        var manifest = temp.File("systems.yml", FidesShop);
        var overlay = temp.File("facts.yaml", """
            elements:
              - ref: chekout
                decision: { affects: [credit], automated: true }
            """);

        var run = Run("check", manifest, "--overlay", overlay);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain($"{overlay}:2:10: error TM1101").And.Contain("checkout");
        run.Err.Should().NotContain("   at ");
    }
}
