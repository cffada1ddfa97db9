using System.Text.Json;

namespace ThreatModel.Cli.Tests;

/// <summary><c>threatmodel plan</c> and <c>threatmodel explain &lt;fingerprint&gt; &lt;design&gt;</c> with the real reader and rules.</summary>
public class PlanCommandTests
{
    private static CliEnvironment Real => CliEnvironment.Fixed(CliHarness.Today);

    private static string Example(string name) => RepositoryPaths.Path("examples", name, "design.yaml");

    [Fact]
    public void Plan_ExitsZero_AndApplyWritesADesignThatCheckPasses()
    {
        using var temp = new TempFolder();
        var fixedDesign = System.IO.Path.Combine(temp.Path, "fixed.yaml");

        var plan = CliHarness.Run(Real, "plan", Example("payments-release"), "--apply", "-o", fixedDesign);
        var check = CliHarness.Run(Real, "check", fixedDesign);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Out.Should().Contain("clear the review");
        check.ExitCode.Should().Be(0, check.ToString());
    }

    /// <summary>Every example design on disk (each example's design.yaml, mitigated.yaml, redesign.yaml; not the imports or the CI setup).</summary>
    public static TheoryData<string> ExampleDesigns()
    {
        var designs = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(RepositoryPaths.Path("examples")).Order(StringComparer.Ordinal))
        {
            var name = System.IO.Path.GetFileName(folder);
            if (name is "imports" or "ci")
                continue;
            foreach (var file in Directory.GetFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
                designs.Add(name + "/" + System.IO.Path.GetFileName(file));
        }

        return designs;
    }

    [Theory]
    [MemberData(nameof(ExampleDesigns))]
    public void PlanApply_OnEveryExample_WritesADesignThatCheckPassesAtHigh(string example)
    {
        using var temp = new TempFolder();
        var fixedDesign = System.IO.Path.Combine(temp.Path, "fixed.yaml");

        var plan = CliHarness.Run(Real, "plan", RepositoryPaths.Path(["examples", .. example.Split('/')]), "--apply", "-o", fixedDesign);
        var check = CliHarness.Run(Real, "check", fixedDesign, "--fail-on", "high");

        plan.ExitCode.Should().Be(0, plan.ToString());
        check.ExitCode.Should().Be(0, check.ToString());
    }

    [Fact]
    public void Plan_ExitsOne_WhenTheBudgetIsTooSmall()
    {
        var run = CliHarness.Run(Real, "plan", Example("debtor-map"), "--budget", "1");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Out.Should().Contain("do not clear the review").And.Contain("Still at or above high");
    }

    [Fact]
    public void Plan_ExitsTwo_WhenApplyHasNoOutputFile()
    {
        var run = CliHarness.Run(Real, "plan", Example("debtor-map"), "--apply");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("--apply needs -o FILE");
    }

    [Fact]
    public void Plan_ExitsTwo_WhenFailOnIsNone()
    {
        var run = CliHarness.Run(Real, "plan", Example("debtor-map"), "--fail-on", "none");

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("--fail-on none leaves nothing to plan");
    }

    [Fact]
    public void Plan_AsJson_ListsEachEditWithTheFindingsItRemoves()
    {
        var run = CliHarness.Run(Real, "plan", Example("payments-release"), "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        json.RootElement.GetProperty("clears").GetBoolean().Should().BeTrue();
        var step = json.RootElement.GetProperty("steps")[0];
        step.GetProperty("edit").GetProperty("kind").GetString().Should().NotBeNullOrEmpty();
        step.GetProperty("removes")[0].GetProperty("ruleId").GetString().Should().Be("TM002");
        step.GetProperty("removes")[0].GetProperty("estimates").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public void CheckJson_CarriesEachFindingsRemediesAndRootCause()
    {
        var run = CliHarness.Run(Real, "check", Example("debtor-map"), "--format", "json");

        using var json = JsonDocument.Parse(run.Out);
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        findings.Should().Contain(f => f.GetProperty("remedies").GetArrayLength() > 0 && f.GetProperty("rootCause").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public void ExplainFingerprint_WalksTheEvidenceRoutes_WithTheEstimateInputs()
    {
        var check = CliHarness.Run(Real, "check", Example("payments-release"), "--format", "json");
        using var json = JsonDocument.Parse(check.Out);
        var fingerprint = json.RootElement.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("ruleId").GetString() == "TM002").GetProperty("fingerprint").GetString()!;

        var run = CliHarness.Run(Real, "explain", fingerprint[..10], Example("payments-release"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain(fingerprint).And.Contain("Route 1:").And.Contain("Estimates:").And.Contain("population N");
    }

    [Fact]
    public void ExplainFingerprint_ExitsTwo_WhenNoFindingHasIt()
    {
        var run = CliHarness.Run(Real, "explain", "0123456789abcdef", Example("payments-release"));

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain("no finding");
    }

    [Fact]
    public void ExplainRule_StillPrintsTheRulePage()
    {
        var run = CliHarness.Run(Real, "explain", "TM001");

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain("TM001");
    }
}
