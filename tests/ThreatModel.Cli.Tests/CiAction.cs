using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ThreatModel.Cli.Tests;

/// <summary>action.yml (the composite action at the repository root) and examples/ci/threatmodel.yml, read as YAML.</summary>
internal static partial class CiAction
{
    public static readonly string ActionPath = RepositoryPaths.Path("action.yml");

    public static readonly string WorkflowPath = RepositoryPaths.Path("examples", "ci", "threatmodel.yml");

    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path)))
            stream.Load(reader);
        stream.Documents.Should().ContainSingle();
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlMappingNode Action() => Load(ActionPath);

    public static YamlMappingNode Workflow() => Load(WorkflowPath);

    public static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static string? Scalar(YamlNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlMappingNode> Steps(YamlMappingNode action) =>
        [.. ((YamlSequenceNode)Child(Child(action, "runs")!, "steps")!).Children.Cast<YamlMappingNode>()];

    public static YamlMappingNode Step(string name) =>
        Steps(Action()).Single(s => Scalar(s, "name") == name);

    /// <summary>The action's inputs: name to default ("" when none).</summary>
    public static Dictionary<string, string> InputDefaults() =>
        ((YamlMappingNode)Child(Action(), "inputs")!).Children.ToDictionary(
            e => ((YamlScalarNode)e.Key).Value!,
            e => Scalar(e.Value, "default") ?? string.Empty,
            StringComparer.Ordinal);

    /// <summary>The workflow's step that runs the action from a folder of the checkout (<c>uses: ./…</c>).</summary>
    public static YamlMappingNode WorkflowActionStep() =>
        ((YamlSequenceNode)Child(((YamlMappingNode)Child(Workflow(), "jobs")!).Children.Values.Single(), "steps")!).Children
            .Cast<YamlMappingNode>()
            .Single(s => Scalar(s, "uses")?.StartsWith("./", StringComparison.Ordinal) == true);

    /// <summary>The inputs the workflow gives the action, over the action's defaults.</summary>
    public static Dictionary<string, string> WorkflowInputs()
    {
        var inputs = InputDefaults();
        if (Child(WorkflowActionStep(), "with") is YamlMappingNode with)
        {
            foreach (var (key, value) in with.Children)
                inputs[((YamlScalarNode)key).Value!] = ((YamlScalarNode)value).Value!;
        }

        return inputs;
    }

    /// <summary>
    /// The environment a step's <c>env:</c> gives its shell, every <c>${{ expression }}</c> looked up in
    /// <paramref name="context"/> (inputs.x, github.x, steps.id.outputs.x); a step output it lacks is empty, any other
    /// expression it lacks is an error.
    /// </summary>
    public static Dictionary<string, string> StepEnvironment(YamlMappingNode step, IReadOnlyDictionary<string, string> context)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Child(step, "env") is not YamlMappingNode env)
            return environment;
        foreach (var (key, value) in env.Children)
            environment[((YamlScalarNode)key).Value!] = Evaluate(((YamlScalarNode)value).Value!, context);
        return environment;
    }

    public static string Evaluate(string text, IReadOnlyDictionary<string, string> context) =>
        ExpressionPattern().Replace(text, m => context.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : m.Groups[1].Value.StartsWith("steps.", StringComparison.Ordinal)
            ? string.Empty // the output of a step that did not run, or did not set it, is empty
            : throw new KeyNotFoundException($"The test gives no value for the expression '{m.Groups[1].Value}'."));

    /// <summary>The scripts a step runs as <c>bash "$GITHUB_ACTION_PATH/…"</c>, as paths below the repository root.</summary>
    public static IEnumerable<string> ScriptsOf(string run) =>
        ScriptPattern().Matches(run).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"\$\{\{\s*(.+?)\s*\}\}")]
    public static partial Regex ExpressionPattern();

    [GeneratedRegex(@"\$\{?GITHUB_ACTION_PATH\}?/([\w./-]+)")]
    private static partial Regex ScriptPattern();
}
