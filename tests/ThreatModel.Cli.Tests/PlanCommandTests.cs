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

    public static TheoryData<string> BundledDesigns() =>
    [
        .. Directory.GetFiles(RepositoryPaths.Path("examples"), "design.yaml", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(f))!)
            .Where(name => name is not ("imports" or "ci"))
            .Order(StringComparer.Ordinal),
    ];

    [Theory]
    [MemberData(nameof(BundledDesigns))]
    public void PlanApply_KeepsEveryCommentLineOfTheDesign_AndWritesExactlyThePlannedDesign(string example)
    {
        using var temp = new TempFolder();
        var yaml = System.IO.Path.Combine(temp.Path, "fixed.yaml");
        var json = System.IO.Path.Combine(temp.Path, "fixed.json");

        var plan = CliHarness.Run(Real, "plan", Example(example), "--apply", "-o", yaml);
        var whole = CliHarness.Run(Real, "plan", Example(example), "--apply", "-o", json);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Err.Should().NotContain("not kept");
        var original = File.ReadAllText(Example(example));
        var written = File.ReadAllText(yaml);
        CommentLines(written).Should().Equal(CommentLines(original));
        // The JSON file is the planned design written whole (its format differs from the design's): the YAML must say the same.
        whole.Err.Should().Contain("wrote the whole design anew");
        Formats.DesignWriter.ToJson(Formats.DesignReader.ReadFile(yaml).GetModelOrThrow()).Should().Be(File.ReadAllText(json));
        CliHarness.Run(Real, "check", yaml, "--fail-on", "high").ExitCode.Should().Be(0);
    }

    [Fact]
    public void PlanApply_WritesTheWholeDesign_AndSaysWhichEditCouldNotBePlaced()
    {
        using var temp = new TempFolder();
        var design = temp.File("design.yaml", File.ReadAllText(Example("payments-release")).Replace("    protections:\n      suppress: [card-number, customer-name]", "    protections: &released\n      suppress: [card-number, customer-name]", StringComparison.Ordinal));
        var fixedDesign = System.IO.Path.Combine(temp.Path, "fixed.yaml");

        var plan = CliHarness.Run(Real, "plan", design, "--apply", "-o", fixedDesign);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Err.Should().Contain("the change to flow 'f-publish' (protections) could not be placed in the text: the value is anchored")
            .And.Contain("(edit add-protection|f-publish|aggregation|10)")
            .And.Contain("so the comments and layout of " + design + " were not kept");
        File.ReadAllText(fixedDesign).Should().NotContain("#");
        CliHarness.Run(Real, "check", fixedDesign).ExitCode.Should().Be(0);
    }

    [Fact]
    public void PlanApply_OnAJsonDesign_EditsItsTextWithItsOwnIndentation()
    {
        using var temp = new TempFolder();
        var canonical = Formats.DesignWriter.ToJson(Formats.DesignReader.ReadFile(Example("payments-release")).GetModelOrThrow());
        var fourSpaces = string.Join('\n', canonical.Split('\n').Select(l => new string(' ', 2 * (l.Length - l.TrimStart(' ').Length)) + l.TrimStart(' ')));
        var design = temp.File("design.json", fourSpaces);
        var fixedDesign = System.IO.Path.Combine(temp.Path, "fixed.json");

        var plan = CliHarness.Run(Real, "plan", design, "--apply", "-o", fixedDesign);

        plan.ExitCode.Should().Be(0, plan.ToString());
        plan.Err.Should().NotContain("not kept");
        var written = File.ReadAllText(fixedDesign);
        written.Should().Contain("\n                \"aggregationThreshold\": 10\n");
        written.Split('\n').Except(fourSpaces.Split('\n')).Should().HaveCount(2, "one field is added and the line before it gains a comma");
        CliHarness.Run(Real, "check", fixedDesign).ExitCode.Should().Be(0);
    }

    private static List<string> CommentLines(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.TrimStart().StartsWith('#'))];

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
