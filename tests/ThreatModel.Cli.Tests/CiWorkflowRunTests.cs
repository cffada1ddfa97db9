using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// The shell steps of examples/ci/threatmodel.yml, run as GitHub runs them (bash -eo pipefail, the workflow's env,
/// GITHUB_ENV/GITHUB_OUTPUT files) against a temporary git repository with a base and a head commit, with the built
/// threatmodel on the PATH.
/// </summary>
public sealed class CiWorkflowRunTests : IDisposable
{
    private const string Before = """
        name: Scoring
        subjects:
          - { id: citizens, population: 10000000 }
        items:
          - { id: national-id, kind: direct-identifier, subject: citizens }
          - { id: loans, kind: financial, subject: citizens }
          - { id: posts, kind: behavioural, subject: citizens, context: social }
        elements:
          - { id: bank, type: process, organization: bank-co }
          - { id: social-app, type: process, organization: social-co }
          - { id: scoring, type: process, organization: bureau }
        flows:
          - { id: f1, from: bank, to: scoring, items: [loans], purpose: credit-scoring, protections: { legalBasis: contract } }

        """;

    /// <summary>The pull request sends national IDs with loans and posts to the bureau: TM001, TM011 and TM012, high.</summary>
    private const string After = """
        name: Scoring
        subjects:
          - { id: citizens, population: 10000000 }
        items:
          - { id: national-id, kind: direct-identifier, subject: citizens }
          - { id: loans, kind: financial, subject: citizens }
          - { id: posts, kind: behavioural, subject: citizens, context: social }
        elements:
          - { id: bank, type: process, organization: bank-co }
          - { id: social-app, type: process, organization: social-co }
          - { id: scoring, type: process, organization: bureau }
        flows:
          - { id: f1, from: bank, to: scoring, items: [national-id, loans], purpose: social-scoring }
          - { id: f2, from: social-app, to: scoring, items: [national-id, posts], purpose: social-scoring }

        """;

    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string> _env;
    private readonly string _repo;

    public CiWorkflowRunTests()
    {
        _repo = Directory.CreateDirectory(Path.Combine(_temp.Path, "repo")).FullName;
        var runnerTemp = Directory.CreateDirectory(Path.Combine(_temp.Path, "runner-temp")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_temp.Path, "bin")).FullName;
        var tool = Path.Combine(bin, "threatmodel");
        File.WriteAllText(tool, $"#!/bin/sh\nexec \"{ProcessRunner.Dotnet}\" \"{Path.Combine(AppContext.BaseDirectory, "ThreatModel.Cli.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        _env = WorkflowEnvironment();
        _env["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        _env["RUNNER_TEMP"] = runnerTemp;
        _env["GITHUB_ENV"] = Path.Combine(runnerTemp, "github-env");
        _env["GITHUB_OUTPUT"] = Path.Combine(runnerTemp, "github-output");
        _env["GITHUB_STEP_SUMMARY"] = Path.Combine(runnerTemp, "step-summary.md");
        _env["GITHUB_EVENT_NAME"] = "pull_request";
        _env["GITHUB_BASE_REF"] = "main";
        _env["DOTNET_ROOT"] = Path.GetDirectoryName(ProcessRunner.Dotnet)!;
        foreach (var file in new[] { "GITHUB_ENV", "GITHUB_OUTPUT", "GITHUB_STEP_SUMMARY" })
            File.WriteAllText(_env[file], string.Empty);
        Git("init", "-q", "-b", "main");
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void APullRequestThatJoinsRecords_FailsTheGate_WithoutABaselineAnywhere()
    {
        Commit(("docs/design/system.yaml", Before));
        MarkBase();
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration").ExitCode.Should().Be(0);
        var check = Step("Check the design");
        var compare = Step("Compare with the base branch");

        check.ExitCode.Should().Be(0, check.ToString());
        Output("exit-code").Should().Be("1");
        compare.ExitCode.Should().Be(1, compare.ToString());
        File.ReadAllText(_env["GITHUB_STEP_SUMMARY"]).Should().Contain("TM001");
        (check.Err + compare.Err).Should().NotContain("error TM");
    }

    [Fact]
    public void ADesignNewInThePullRequest_IsGatedByTheCheck()
    {
        Commit(("README.md", "a repository without a design yet\n"));
        MarkBase();
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration");
        Step("Check the design").ExitCode.Should().Be(0);
        var compare = Step("Compare with the base branch");

        compare.ExitCode.Should().Be(1, compare.ToString());
        compare.Out.Should().Contain("The design is new in this pull request");
    }

    [Fact]
    public void APullRequestCannotTurnRulesOff_WithAConfigurationOfItsOwn()
    {
        Commit(("docs/design/system.yaml", Before));
        MarkBase();
        Commit(
            ("docs/design/system.yaml", After),
            ("threatmodel.config.yaml", "rules: { TM001: off, TM011: off, TM012: off }\nfailOn: none\n"));

        Step("Reviewer configuration");
        File.ReadAllText(_env["GITHUB_ENV"]).Should().Contain("THREATMODEL_CONFIG=none");
        Step("Check the design");
        var compare = Step("Compare with the base branch");

        Output("exit-code").Should().Be("1");
        compare.ExitCode.Should().Be(1, compare.ToString());
    }

    [Fact]
    public void TheBaseBranchsConfiguration_IsTheOneInForce()
    {
        Commit(("docs/design/system.yaml", Before), ("threatmodel.config.yaml", "rules: { TM001: off, TM011: off, TM012: { maximum: medium } }\n"));
        MarkBase();
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration");
        var check = Step("Check the design");
        var compare = Step("Compare with the base branch");

        Output("exit-code").Should().Be("0", check.ToString());
        compare.ExitCode.Should().Be(0, compare.ToString());
        File.ReadAllText(_env["GITHUB_STEP_SUMMARY"]).Should().Contain("TM001 off");
    }

    private void Commit(params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(_repo, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git("add", "-A");
        Git("-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "change");
    }

    /// <summary>The current commit becomes origin/main, as actions/checkout with fetch-depth 0 leaves it.</summary>
    private void MarkBase() => Git("update-ref", "refs/remotes/origin/main", "HEAD");

    private string? Output(string name) =>
        File.ReadAllLines(_env["GITHUB_OUTPUT"]).Select(l => l.Split('=', 2)).LastOrDefault(p => p[0] == name)?[1];

    private CliRun Step(string name)
    {
        var script = WorkflowSteps()[name]
            .Replace("${{ steps.check.outputs.exit-code }}", Output("exit-code") ?? string.Empty, StringComparison.Ordinal);
        var run = Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", script]);
        foreach (var line in File.ReadAllLines(_env["GITHUB_ENV"]))
        {
            var pair = line.Split('=', 2);
            if (pair.Length == 2)
                _env[pair[0]] = pair[1];
        }

        return run;
    }

    private void Git(params string[] arguments)
    {
        var run = Run("git", arguments);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    private CliRun Run(string fileName, string[] arguments)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        foreach (var (key, value) in _env)
            info.Environment[key] = value;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish within 2 minutes.");
        }

        process.WaitForExit();
        return new CliRun(process.ExitCode, output.Result, error.Result);
    }

    private static YamlMappingNode Workflow()
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(RepositoryPaths.Path("examples", "ci", "threatmodel.yml"))))
            stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static Dictionary<string, string> WorkflowEnvironment() =>
        ((YamlMappingNode)Workflow().Children[new YamlScalarNode("env")]).Children
            .Where(e => !((YamlScalarNode)e.Value).Value!.Contains("${{", StringComparison.Ordinal))
            .ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value!, StringComparer.Ordinal);

    private static Dictionary<string, string> WorkflowSteps()
    {
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in ((YamlMappingNode)Workflow().Children[new YamlScalarNode("jobs")]).Children.Values.Cast<YamlMappingNode>())
        {
            foreach (var step in ((YamlSequenceNode)job.Children[new YamlScalarNode("steps")]).Children.Cast<YamlMappingNode>())
            {
                if (step.Children.TryGetValue(new YamlScalarNode("name"), out var name) && step.Children.TryGetValue(new YamlScalarNode("run"), out var run))
                    steps[((YamlScalarNode)name).Value!] = ((YamlScalarNode)run).Value!;
            }
        }

        return steps;
    }
}
