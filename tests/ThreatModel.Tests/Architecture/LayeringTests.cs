using System.Reflection;
using NetArchTest.Rules;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Architecture;

/// <summary>
/// The one-way pipeline of docs/architecture (Formats -> Model -> Validation -> Graph -> Rules -> Findings -> Analysis ->
/// Reporting), stated as sentences over the compiled library. Each test is one sentence; a failure names every type
/// that breaks it. A sentence that selects no types fails too: the namespace it speaks of has moved.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly Library = typeof(Finding).Assembly;

    /// <summary>The stages: every top-level namespace below the root (its nested namespaces belong to it).</summary>
    private static readonly string[] Stages =
    [
        "ThreatModel.Model", "ThreatModel.Formats", "ThreatModel.Validation", "ThreatModel.Estimation", "ThreatModel.Graph",
        "ThreatModel.Knowledge", "ThreatModel.Findings", "ThreatModel.Rules", "ThreatModel.Analysis", "ThreatModel.Reporting",
    ];

    [Fact]
    public void Model_DependsOnNoOtherThreatModelNamespace_NorOnQuikGraph() =>
        Sentence("The model depends on no other ThreatModel namespace and not on QuikGraph",
            "ThreatModel.Model",
            [.. Stages.Where(s => s != "ThreatModel.Model"), "ThreatModel.Cli", "ThreatModel.Testing", "QuikGraph"]);

    [Fact]
    public void FormatsAndValidation_DoNotUseGraphRulesAnalysisOrReporting()
    {
        string[] downstream = ["ThreatModel.Graph", "ThreatModel.Rules", "ThreatModel.Analysis", "ThreatModel.Reporting"];
        Sentence("Reading designs does not use the graph, the rules, the analysis or the reports", "ThreatModel.Formats", downstream);
        Sentence("Validation does not use the graph, the rules, the analysis or the reports", "ThreatModel.Validation", downstream);
    }

    [Fact]
    public void GraphAndEstimation_DoNotUseRulesAnalysisReportingOrFormats()
    {
        string[] forbidden = ["ThreatModel.Rules", "ThreatModel.Analysis", "ThreatModel.Reporting", "ThreatModel.Formats"];
        Sentence("The graph does not use the rules, the analysis, the reports or the file formats", "ThreatModel.Graph", forbidden);
        Sentence("Estimation does not use the rules, the analysis, the reports or the file formats", "ThreatModel.Estimation", forbidden);
    }

    [Fact]
    public void Findings_TheRuleContract_UsesNoneOfRulesAnalysisReportingOrFormats() =>
        Sentence("The rule contract (ThreatModel.Findings) uses none of the rules, the analysis, the reports or the file formats",
            "ThreatModel.Findings",
            ["ThreatModel.Rules", "ThreatModel.Analysis", "ThreatModel.Reporting", "ThreatModel.Formats", "ThreatModel.Knowledge"]);

    [Fact]
    public void Knowledge_UsesOnlyTheModel() =>
        Sentence("Domain knowledge (ThreatModel.Knowledge) uses only the model",
            "ThreatModel.Knowledge",
            [.. Stages.Where(s => s is not "ThreatModel.Model" and not "ThreatModel.Knowledge")]);

    [Fact]
    public void Rules_DoNotUseAnalysisReportingOrFormats() =>
        Sentence("Rules do not use the analysis, the reports or the file formats",
            "ThreatModel.Rules",
            ["ThreatModel.Analysis", "ThreatModel.Reporting", "ThreatModel.Formats"]);

    [Fact]
    public void Reporting_DoesNotUseRules() =>
        Sentence("Reports do not use the rules (what they need about a rule is in the contract)",
            "ThreatModel.Reporting",
            ["ThreatModel.Rules"]);

    [Fact]
    public void NothingInTheLibrary_UsesTheCommandLineTool()
    {
        var result = Types.InAssembly(Library).ShouldNot().HaveDependencyOn("ThreatModel.Cli").GetResult();

        Library.GetReferencedAssemblies().Select(a => a.Name).Should().NotContain("ThreatModel.Cli");
        Assert.True(result.IsSuccessful, Violations("Nothing in the library uses the command-line tool", result));
    }

    [Fact]
    public void TopLevelNamespaces_HaveNoDependencyCycle()
    {
        var uses = Stages.ToDictionary(s => s, s => Stages.Where(t => t != s && Uses(s, t)).ToList());

        var cycle = FindCycle(uses);

        Assert.True(cycle is null, $"The library's namespaces form no cycle, but {string.Join(" -> ", cycle ?? [])} does. Dependencies:\n"
            + string.Join("\n", uses.Select(u => $"  {u.Key} -> {string.Join(", ", u.Value)}")));
    }

    private static void Sentence(string sentence, string stage, IEnumerable<string> forbidden)
    {
        var forbiddenList = forbidden.ToArray();
        var selected = Types.InAssembly(Library).That().ResideInNamespace(stage).GetTypes().ToList();
        Assert.True(selected.Count > 0, $"{sentence}: but no type resides in {stage}, so the sentence tests nothing (was the namespace renamed?).");

        var result = Types.InAssembly(Library).That().ResideInNamespace(stage).ShouldNot().HaveDependencyOnAny(forbiddenList).GetResult();

        Assert.True(result.IsSuccessful, Violations(sentence, result));
    }

    private static string Violations(string sentence, TestResult result)
    {
        var names = (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal).ToList();
        return $"{sentence}, because the pipeline runs one way; {names.Count} type(s) break it:\n  " + string.Join("\n  ", names);
    }

    private static bool Uses(string from, string to) =>
        !Types.InAssembly(Library).That().ResideInNamespace(from).ShouldNot().HaveDependencyOn(to).GetResult().IsSuccessful;

    private static List<string>? FindCycle(Dictionary<string, List<string>> uses)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var stack = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in uses[node])
            {
                if (state.GetValueOrDefault(next) == 1)
                    return [.. stack.Skip(stack.IndexOf(next)), next];
                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                    return found;
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var stage in uses.Keys)
        {
            if (state.GetValueOrDefault(stage) == 0 && Visit(stage) is { } cycle)
                return cycle;
        }

        return null;
    }
}
