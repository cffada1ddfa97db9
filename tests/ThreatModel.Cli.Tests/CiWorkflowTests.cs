using System.CommandLine;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// examples/ci/threatmodel.yml works as copied: it is valid YAML, builds the tool from source instead of installing a
/// package no feed has, passes --baseline only when the file exists, and every threatmodel command it runs is one
/// the command line accepts.
/// </summary>
public partial class CiWorkflowTests
{
    /// <summary>
    /// Flags the workflow uses that the gate's branch adds to <c>diff</c>. Until the command knows one of them, the test
    /// takes it out before parsing (with its value); once the command knows it, it is parsed like any other flag.
    /// </summary>
    private static readonly Dictionary<string, bool> PendingFlags = new(StringComparer.Ordinal)
    {
        ["--old-baseline"] = true,            // takes a file
        ["--allow-new-acceptances"] = false,  // a switch
    };

    private static readonly string WorkflowPath = RepositoryPaths.Path("examples", "ci", "threatmodel.yml");

    [Fact]
    public void TheWorkflow_IsYamlWithJobsAndSteps()
    {
        var root = LoadWorkflow();

        var jobs = (YamlMappingNode)root.Children[new YamlScalarNode("jobs")];
        jobs.Children.Should().NotBeEmpty();
        RunScripts(root).Should().NotBeEmpty();
    }

    [Fact]
    public void TheWorkflow_BuildsTheToolFromSource_InsteadOfInstallingAPackage()
    {
        var scripts = string.Join('\n', RunScripts(LoadWorkflow()));

        scripts.Should().NotContain("dotnet tool install", "ThreatModel.Tool is not published on a public feed");
        scripts.Should().Contain("dotnet publish .threatmodel-source/src/ThreatModel.Cli ");
        File.Exists(RepositoryPaths.Path("src", "ThreatModel.Cli", "ThreatModel.Cli.csproj")).Should().BeTrue();
    }

    [Fact]
    public void TheWorkflow_PassesABaseline_OnlyWhenTheFileExists()
    {
        var scripts = RunScripts(LoadWorkflow()).SelectMany(s => Lines(s)).ToList();

        Invocations(scripts).Should().NotContain(i => i.Contains("--baseline", StringComparer.Ordinal) || i.Contains("--old-baseline", StringComparer.Ordinal));
        var depth = 0; // open "if" blocks
        var appends = 0;
        foreach (var line in scripts.Select(l => l.Trim()))
        {
            var oneLine = line.StartsWith("if ", StringComparison.Ordinal) && line.EndsWith("fi", StringComparison.Ordinal);
            if (line.Contains("+=(--baseline", StringComparison.Ordinal) || line.Contains("+=(--old-baseline", StringComparison.Ordinal))
            {
                appends++;
                (oneLine || depth > 0).Should().BeTrue($"'{line}' must stand under a test that the file exists");
            }

            if (line.StartsWith("if ", StringComparison.Ordinal) && !oneLine)
                depth++;
            else if (line == "fi")
                depth--;
        }

        appends.Should().BeGreaterThan(0);
    }

    [Fact]
    public void TheWorkflow_RunsCheckForSarif_AndDiffAgainstTheBaseBranchWithBothBaselines()
    {
        var invocations = ExpandedInvocations().ToList();

        invocations.Should().Contain(i => i[0] == "check" && i.Contains("sarif") && i.Contains("--fail-on"));
        invocations.Should().Contain(i => i[0] == "diff" && i.Contains("--old-baseline") && i.Contains("--baseline") && i.Contains("--fail-on"));
    }

    [Fact]
    public void EveryThreatmodelCommandInTheWorkflow_ParsesWithoutErrors()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, CliHarness.Environment());
        var invocations = ExpandedInvocations().ToList();

        invocations.Should().NotBeEmpty();
        foreach (var invocation in invocations)
        {
            var root = CliApplication.CreateRoot(context);
            var command = root.Subcommands.SingleOrDefault(c => c.Name == invocation[0]);
            command.Should().NotBeNull($"'threatmodel {invocation[0]}' is a command");
            var arguments = WithoutPendingFlags(command!, invocation);

            var parse = root.Parse(arguments);

            parse.Errors.Select(e => e.Message).Should().BeEmpty($"'threatmodel {string.Join(' ', invocation)}' must parse");
        }
    }

    private static YamlMappingNode LoadWorkflow()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(WorkflowPath)))
            stream.Load(reader);
        stream.Documents.Should().ContainSingle();
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> RunScripts(YamlMappingNode root)
    {
        foreach (var job in ((YamlMappingNode)root.Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>())
        {
            foreach (var step in ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
            {
                if (step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
                    yield return ((YamlScalarNode)run).Value!;
            }
        }
    }

    private static Dictionary<string, string> WorkflowEnvironment() =>
        ((YamlMappingNode)LoadWorkflow().Children[new YamlScalarNode("env")]).Children
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    /// <summary>Script lines with backslash continuations joined.</summary>
    private static IEnumerable<string> Lines(string script) =>
        ContinuationPattern().Replace(script, " ").Split('\n');

    /// <summary>The threatmodel invocations as written (tokens after "threatmodel").</summary>
    private static IEnumerable<List<string>> Invocations(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.StartsWith("threatmodel ", StringComparison.Ordinal)).Select(l => Tokens(l).Skip(1).ToList());

    /// <summary>
    /// The invocations with shell arrays expanded to everything appended to them (every optional flag present) and
    /// variables replaced by the workflow's env values (or a path where the runner sets them).
    /// </summary>
    private static IEnumerable<string[]> ExpandedInvocations()
    {
        var environment = WorkflowEnvironment();
        foreach (var script in RunScripts(LoadWorkflow()))
        {
            var lines = Lines(script).ToList();
            var arrays = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (Match append in ArrayAppendPattern().Matches(string.Join('\n', lines)))
            {
                if (!arrays.TryGetValue(append.Groups[1].Value, out var items))
                    arrays[append.Groups[1].Value] = items = [];
                items.AddRange(Tokens(append.Groups[2].Value));
            }

            foreach (var invocation in Invocations(lines))
            {
                yield return [.. invocation.SelectMany(token =>
                    ArrayUsePattern().Match(token) is { Success: true } use
                        ? arrays.GetValueOrDefault(use.Groups[1].Value, [])
                        : [token]).Select(token => Substitute(token, environment))];
            }
        }
    }

    private static string Substitute(string token, Dictionary<string, string> environment) =>
        VariablePattern().Replace(token, m => environment.TryGetValue(m.Groups[1].Value, out var value)
            ? (m.Groups[2].Success ? Path.GetExtension(value).TrimStart('.') : value)
            : "/runner/temp");

    private static string[] WithoutPendingFlags(Command command, IReadOnlyList<string> invocation)
    {
        var known = command.Options.SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal);
        var kept = new List<string>();
        for (var i = 0; i < invocation.Count; i++)
        {
            if (PendingFlags.TryGetValue(invocation[i], out var takesValue) && !known.Contains(invocation[i]))
            {
                if (takesValue)
                    i++;
                continue;
            }

            kept.Add(invocation[i]);
        }

        return [.. kept];
    }

    /// <summary>Splits a shell command into words: double and single quotes grouped and removed.</summary>
    private static List<string> Tokens(string line)
    {
        var tokens = new List<string>();
        var current = new System.Text.StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                    quote = null;
                else
                    current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                    tokens.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord)
            tokens.Add(current.ToString());
        return tokens;
    }

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuationPattern();

    [GeneratedRegex(@"(\w+)\+=\(([^)]*)\)")]
    private static partial Regex ArrayAppendPattern();

    [GeneratedRegex(@"^\$\{(\w+)\[@\]\}$")]
    private static partial Regex ArrayUsePattern();

    [GeneratedRegex(@"\$\{?([A-Z_][A-Z0-9_]*)(##\*\.)?\}?")]
    private static partial Regex VariablePattern();
}
