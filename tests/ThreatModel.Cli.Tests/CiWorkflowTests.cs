using System.CommandLine;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// examples/ci/threatmodel.yml and the composite action it uses (action.yml) work as copied: both are valid YAML, the
/// workflow gives the action only inputs it declares, the action runs scripts that exist, builds the tool from its own
/// source instead of installing a package no feed has, passes --baseline only when the file exists, never
/// interpolates an expression into a shell script, and every threatmodel command it runs is one the command line
/// accepts.
/// </summary>
public partial class CiWorkflowTests
{
    /// <summary>
    /// Flags the action uses that the gate's branch adds to <c>diff</c>. Until the command knows one of them, the test
    /// takes it out before parsing (with its value); once the command knows it, it is parsed like any other flag.
    /// </summary>
    private static readonly Dictionary<string, bool> PendingFlags = new(StringComparer.Ordinal)
    {
        ["--old-baseline"] = true,            // takes a file
        ["--allow-new-acceptances"] = false,  // a switch
    };

    [Fact]
    public void TheAction_IsACompositeActionWithInputsAndSteps()
    {
        var action = CiAction.Action();

        CiAction.Scalar(CiAction.Child(action, "runs")!, "using").Should().Be("composite");
        CiAction.InputDefaults().Keys.Should().Contain(["design", "fail-on", "baseline", "config", "upload-sarif", "comment"]);
        CiAction.Steps(action).Should().Contain(s => CiAction.Scalar(s, "uses") != null && CiAction.Scalar(s, "uses")!.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSarifUploadAndTheComment_RunOnlyWhenTheirInputsAreTrue()
    {
        var steps = CiAction.Steps(CiAction.Action());
        var upload = steps.Single(s => CiAction.Scalar(s, "uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        var comment = steps.Single(s => CiAction.Scalar(s, "run")?.Contains("scripts/ci/comment.sh", StringComparison.Ordinal) == true);

        CiAction.Scalar(upload, "if").Should().StartWith("inputs.upload-sarif == 'true' &&");
        CiAction.Scalar(comment, "if").Should().StartWith("inputs.comment == 'true' &&").And.Contain("github.event_name == 'pull_request'");
    }

    [Fact]
    public void TheWorkflow_UsesTheActionFromACheckoutOfTheBaseCommit_WithInputsTheActionDeclares()
    {
        var step = CiAction.WorkflowActionStep();
        var folder = CiAction.Scalar(step, "uses")!["./".Length..];
        var checkouts = ((YamlSequenceNode)CiAction.Child(((YamlMappingNode)CiAction.Child(CiAction.Workflow(), "jobs")!).Children.Values.Single(), "steps")!).Children
            .Where(s => CiAction.Scalar(s, "uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true)
            .Select(s => CiAction.Child(s, "with")!)
            .ToList();
        var declared = CiAction.InputDefaults().Keys;
        var given = ((YamlMappingNode)CiAction.Child(step, "with")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

        checkouts.Should().Contain(w => CiAction.Scalar(w, "path") == folder && CiAction.Scalar(w, "ref")!.Contains("github.event.pull_request.base.sha", StringComparison.Ordinal),
            "the action and the tool it builds come from a commit the pull request cannot change");
        given.Should().BeSubsetOf(declared);
        var required = ((YamlMappingNode)CiAction.Child(CiAction.Action(), "inputs")!).Children
            .Where(e => CiAction.Scalar(e.Value, "required") == "true").Select(e => ((YamlScalarNode)e.Key).Value!);
        given.Should().Contain(required);
    }

    [Fact]
    public void EveryFileTheActionRuns_Exists_AndEveryInputItReads_IsDeclared()
    {
        var action = CiAction.Action();
        var declared = CiAction.InputDefaults().Keys.ToHashSet(StringComparer.Ordinal);
        var scripts = CiAction.Steps(action).Select(s => CiAction.Scalar(s, "run")).OfType<string>().SelectMany(CiAction.ScriptsOf).ToList();
        var read = CiAction.ExpressionPattern().Matches(File.ReadAllText(CiAction.ActionPath))
            .Select(m => m.Groups[1].Value).Where(e => e.StartsWith("inputs.", StringComparison.Ordinal)).Select(e => e["inputs.".Length..]);

        scripts.Should().NotBeEmpty();
        scripts.Should().OnlyContain(p => File.Exists(RepositoryPaths.Path(p)), "every script the action runs is in the repository");
        read.Should().OnlyContain(i => declared.Contains(i));
        foreach (var referenced in scripts.SelectMany(p => CiAction.ScriptsOf(File.ReadAllText(RepositoryPaths.Path(p)))))
            Path.Exists(RepositoryPaths.Path(referenced)).Should().BeTrue($"'{referenced}' is used by a script");
    }

    [Fact]
    public void TheActionsShellSteps_InterpolateNoExpressions_IntoScripts()
    {
        foreach (var step in CiAction.Steps(CiAction.Action()))
        {
            if (CiAction.Scalar(step, "run") is { } run)
            {
                run.Should().NotContain("${{", "expressions reach the shell as environment variables, never as script text");
                CiAction.Scalar(step, "shell").Should().Be("bash", "a composite step names its shell");
            }
        }
    }

    [Fact]
    public void TheAction_BuildsTheToolFromItsOwnSource_InsteadOfInstallingAPackage()
    {
        var scripts = string.Join('\n', RunScripts());

        scripts.Should().NotContain("dotnet tool install", "ThreatModel.Tool is not published on a public feed");
        scripts.Should().Contain("dotnet publish \"${GITHUB_ACTION_PATH}/src/ThreatModel.Cli\"");
        File.Exists(RepositoryPaths.Path("src", "ThreatModel.Cli", "ThreatModel.Cli.csproj")).Should().BeTrue();
    }

    [Fact]
    public void TheAction_PassesABaseline_OnlyWhenTheFileExists()
    {
        var scripts = RunScripts().SelectMany(s => Lines(s)).ToList();

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
    public void TheAction_RunsCheckForSarif_AndDiffAgainstTheBaseBranchWithBothBaselines()
    {
        var invocations = ExpandedInvocations().ToList();

        invocations.Should().Contain(i => i[0] == "check" && i.Contains("sarif") && i.Contains("--fail-on"));
        invocations.Should().Contain(i => i[0] == "diff" && i.Contains("--old-baseline") && i.Contains("--baseline") && i.Contains("--fail-on"));
    }

    [Fact]
    public void EveryThreatmodelCommandInTheAction_ParsesWithoutErrors()
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

    /// <summary>The text of every script the action's steps run.</summary>
    private static IEnumerable<string> RunScripts() =>
        CiAction.Steps(CiAction.Action()).Select(s => CiAction.Scalar(s, "run")).OfType<string>()
            .SelectMany(CiAction.ScriptsOf).Select(p => File.ReadAllText(RepositoryPaths.Path(p)));

    /// <summary>The variables the action's steps set, with the inputs the example workflow gives.</summary>
    private static Dictionary<string, string> WorkflowEnvironment()
    {
        var context = CiAction.WorkflowInputs().ToDictionary(p => "inputs." + p.Key, p => p.Value, StringComparer.Ordinal);
        context["github.event.pull_request.number"] = "7";
        context["github.token"] = "token";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in CiAction.Steps(CiAction.Action()))
        {
            foreach (var (key, value) in CiAction.StepEnvironment(step, context).Where(e => e.Value.Length > 0))
                environment[key] = value;
        }

        return environment;
    }

    /// <summary>Script lines with backslash continuations joined.</summary>
    private static IEnumerable<string> Lines(string script) =>
        ContinuationPattern().Replace(script, " ").Split('\n');

    /// <summary>The threatmodel invocations as written (tokens after "threatmodel").</summary>
    private static IEnumerable<List<string>> Invocations(IEnumerable<string> lines) =>
        lines.Select(l => l.Trim()).Where(l => l.StartsWith("threatmodel ", StringComparison.Ordinal)).Select(l => Tokens(l).Skip(1).ToList());

    /// <summary>
    /// The invocations with shell arrays expanded to everything appended to them (every optional flag present) and
    /// variables replaced by the values the action's steps give them (or a path where the runner sets them).
    /// </summary>
    private static IEnumerable<string[]> ExpandedInvocations()
    {
        var environment = WorkflowEnvironment();
        foreach (var script in RunScripts())
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
