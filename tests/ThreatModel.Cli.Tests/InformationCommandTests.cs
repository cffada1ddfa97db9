using ThreatModel.Findings;
using ThreatModel.Rules;

namespace ThreatModel.Cli.Tests;

public class InformationCommandTests
{
    private static CliEnvironment AllRules => CliHarness.Environment() with { CreateRules = BuiltInRules.Create };

    [Fact]
    public void Rules_ListsEveryBuiltInRule_WithCategoryAndSeverity()
    {
        var run = CliHarness.Run(AllRules, "rules");

        run.ExitCode.Should().Be(0);
        var lines = run.Out.TrimEnd('\n').Split('\n');
        lines[0].Should().MatchRegex("^ID +NAME +LINDDUN +SOLOVE +SEVERITY +TITLE$");
        lines.Skip(1).Select(l => l.Split(' ')[0]).Should().Equal(BuiltInRules.Create().Select(r => r.Metadata.Id));
        lines.Should().Contain(l => l.StartsWith("TM001  cross-context-linkage", StringComparison.Ordinal) && l.Contains(" linking ", StringComparison.Ordinal) && l.Contains(" high ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TM001")]
    [InlineData("tm001")]
    [InlineData("cross-context-linkage")]
    public void Explain_PrintsTheRulePage_ByIdOrName(string rule)
    {
        var run = CliHarness.Run(AllRules, "explain", rule);

        run.ExitCode.Should().Be(0);
        run.Out.Should().StartWith("# TM001").And.Be(RuleDocumentation.Explain(new CrossContextLinkageRule().Metadata));
    }

    [Fact]
    public void Explain_ExitsTwo_WithASuggestion_ForAnUnknownRule()
    {
        var run = CliHarness.Run(AllRules, "explain", "TM01");

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain("unknown rule 'TM01'").And.Contain("Did you mean 'TM001'?");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Validate_ExitsZero_AndSummarisesAValidDesign()
    {
        using var temp = new TempFolder();
        var design = temp.File("s.yaml", "scoring");

        var run = CliHarness.Run("validate", design);

        run.ExitCode.Should().Be(0);
        run.Out.Should().Be($"{design}: valid: scoring (1 subject, 3 items, 4 elements, 4 flows)\n");
    }

    [Fact]
    public void Validate_ExitsTwo_WithDiagnostics_ForAnInvalidDesign()
    {
        using var temp = new TempFolder();
        var design = temp.File("bad.yaml", "invalid");

        var run = CliHarness.Run("validate", design);

        run.ExitCode.Should().Be(2);
        run.Err.Should().Contain($"{design}:3:5: error TM1003");
    }

    [Fact]
    public void Validate_DoesNotFail_OnFindings()
    {
        using var temp = new TempFolder();

        CliHarness.Run("validate", temp.File("s.yaml", "scoring")).ExitCode.Should().Be(0);
    }

    [Theory]
    [InlineData("mermaid", "flowchart LR\n")]
    [InlineData("dot", "digraph \"scoring\" {\n")]
    public void Diagram_DrawsTheDesign(string format, string start)
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diagram", temp.File("s.yaml", "scoring"), "--format", format);

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().StartWith(start).And.Contain("d00000");
    }

    [Fact]
    public void Diagram_WritesToTheOutFile()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "graph.dot");

        var run = CliHarness.Run("diagram", temp.File("s.yaml", "scoring"), "--format", "dot", "--out", file);

        run.ExitCode.Should().Be(0);
        File.ReadAllText(file).Should().StartWith("digraph");
    }
}
