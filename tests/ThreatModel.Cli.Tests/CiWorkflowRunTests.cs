using System.Diagnostics;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// The shell steps of action.yml (the composite action examples/ci/threatmodel.yml uses), run as GitHub runs them
/// (bash -e, each step's env with its expressions filled in from the inputs examples/ci/threatmodel.yml gives, a
/// GITHUB_OUTPUT file per step, GITHUB_ACTION_PATH at this repository) against a temporary git repository with a base
/// and a head commit, with the built threatmodel on the PATH.
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
    private readonly Dictionary<string, string> _runner;
    private readonly Dictionary<string, string> _context;
    private readonly string _repo;
    private readonly string _runnerTemp;

    public CiWorkflowRunTests()
    {
        _repo = Directory.CreateDirectory(Path.Combine(_temp.Path, "repo")).FullName;
        _runnerTemp = Directory.CreateDirectory(Path.Combine(_temp.Path, "runner-temp")).FullName;
        var bin = Directory.CreateDirectory(Path.Combine(_temp.Path, "bin")).FullName;
        WriteExecutable(Path.Combine(bin, "threatmodel"), $"#!/bin/sh\nexec \"{ProcessRunner.Dotnet}\" \"{Path.Combine(AppContext.BaseDirectory, "ThreatModel.Cli.dll")}\" \"$@\"\n");
        WriteExecutable(Path.Combine(bin, "gh"), FakeGh);

        _runner = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["RUNNER_TEMP"] = _runnerTemp,
            ["GITHUB_ACTION_PATH"] = RepositoryPaths.Root,
            ["GITHUB_STEP_SUMMARY"] = Path.Combine(_runnerTemp, "step-summary.md"),
            ["GITHUB_EVENT_NAME"] = "pull_request",
            ["GITHUB_BASE_REF"] = "main",
            ["GITHUB_REPOSITORY"] = "octo/app",
            ["DOTNET_ROOT"] = Path.GetDirectoryName(ProcessRunner.Dotnet)!,
            ["FAKE_GH_COMMENTS"] = Path.Combine(_runnerTemp, "comments.json"),
            ["FAKE_GH_LOG"] = Path.Combine(_runnerTemp, "gh.log"),
        };
        _context = CiAction.WorkflowInputs().ToDictionary(p => "inputs." + p.Key, p => p.Value, StringComparer.Ordinal);
        _context["github.event_name"] = "pull_request";
        _context["github.base_ref"] = "main";
        _context["github.event.pull_request.number"] = "7";
        _context["inputs.github-token"] = "token-for-the-test";
        File.WriteAllText(_runner["GITHUB_STEP_SUMMARY"], string.Empty);
        File.WriteAllText(_runner["FAKE_GH_COMMENTS"], "[]");
        Git("init", "-q", "-b", "main");
    }

    /// <summary>
    /// The part of the GitHub CLI the comment step uses, over a JSON file of the pull request's comments: GET lists
    /// them (through the --jq filter, with jq), POST adds one, PATCH replaces a body. Every call is logged.
    /// </summary>
    private const string FakeGh = """
        #!/usr/bin/env bash
        set -euo pipefail
        echo "gh $*" >> "$FAKE_GH_LOG"
        method=GET; jq_filter=.; body=; url=
        shift # api
        while [ $# -gt 0 ]; do
          case "$1" in
            --method) method=$2; shift 2 ;;
            --jq) jq_filter=$2; shift 2 ;;
            --paginate) shift ;;
            -F) body=$(cat "${2#body=@}"); shift 2 ;;
            *) url=$1; shift ;;
          esac
        done
        comments=$FAKE_GH_COMMENTS
        case "$method" in
          GET) jq -r "$jq_filter" "$comments" ;;
          POST) jq --arg body "$body" '. + [{id: (length + 100), body: $body}]' "$comments" > "$comments.new"; mv "$comments.new" "$comments" ;;
          PATCH) id=${url##*/}; jq --arg body "$body" --argjson id "$id" 'map(if .id == $id then .body = $body else . end)' "$comments" > "$comments.new"; mv "$comments.new" "$comments" ;;
        esac
        """;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void AFirstRunWithoutABaselineFile_ChecksTheDesign_InsteadOfFailingOnTheMissingFile()
    {
        PushTo("main");
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration").ExitCode.Should().Be(0);
        var check = Step("Check the design");
        var gate = Step("Gate");

        File.Exists(Path.Combine(_repo, _context["inputs.baseline"])).Should().BeFalse("the example names a baseline this repository does not have yet");
        check.ExitCode.Should().Be(0, check.ToString());
        Output("check", "exit-code").Should().Be("1");
        check.Out.Should().Contain("TM001");
        (check.Out + check.Err).Should().NotContain("error TM");
        gate.ExitCode.Should().Be(1, gate.ToString());
    }

    [Fact]
    public void APullRequestThatJoinsRecords_FailsTheGate_WithoutABaselineAnywhere()
    {
        Commit(("docs/design/system.yaml", Before));
        MarkBase();
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration").ExitCode.Should().Be(0);
        var check = Step("Check the design");
        var compare = Step("Compare with the base branch");
        var gate = Step("Gate");

        check.ExitCode.Should().Be(0, check.ToString());
        compare.ExitCode.Should().Be(0, compare.ToString());
        Output("check", "exit-code").Should().Be("1");
        Output("compare", "exit-code").Should().Be("1");
        gate.ExitCode.Should().Be(1, gate.ToString());
        File.ReadAllText(_runner["GITHUB_STEP_SUMMARY"]).Should().Contain("TM001");
        (check.Err + compare.Err).Should().NotContain("error TM");
    }

    [Fact]
    public void APullRequestThatChangesNothingInTheDesign_PassesTheGate_ThoughFindingsStand()
    {
        Commit(("docs/design/system.yaml", After));
        MarkBase();
        Commit(("README.md", "docs only\n"));

        Step("Reviewer configuration");
        Step("Check the design");
        Step("Compare with the base branch").ExitCode.Should().Be(0);
        var gate = Step("Gate");

        Output("check", "exit-code").Should().Be("1");
        Output("compare", "exit-code").Should().Be("0");
        gate.ExitCode.Should().Be(0, gate.ToString());
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
        var gate = Step("Gate");

        compare.ExitCode.Should().Be(0, compare.ToString());
        compare.Out.Should().Contain("The design is new in this pull request");
        gate.ExitCode.Should().Be(1, gate.ToString());
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
        Output("config", "path").Should().Be("none");
        Step("Check the design");
        Step("Compare with the base branch");
        var gate = Step("Gate");

        Output("check", "exit-code").Should().Be("1");
        gate.ExitCode.Should().Be(1, gate.ToString());
    }

    [Fact]
    public void TheBaseBranchsConfiguration_IsTheOneInForce()
    {
        Commit(("docs/design/system.yaml", Before), ("threatmodel.config.yaml", "rules: { TM001: off, TM011: off, TM012: { maximum: medium } }\n"));
        MarkBase();
        Commit(("docs/design/system.yaml", After));

        Step("Reviewer configuration");
        var check = Step("Check the design");
        Step("Compare with the base branch");
        var gate = Step("Gate");

        Output("check", "exit-code").Should().Be("0", check.ToString());
        gate.ExitCode.Should().Be(0, gate.ToString());
        File.ReadAllText(_runner["GITHUB_STEP_SUMMARY"]).Should().Contain("TM001 off");
    }

    [SkippableFact]
    public void ThePullRequestGetsOneComment_WithTheComparison_UpdatedOnTheNextPush()
    {
        // The fake gh applies the --jq filter the real one has built in with jq; .ci/run installs it and requires it.
        Skip.If(!OnPath("jq") && Environment.GetEnvironmentVariable("THREATMODEL_REQUIRE_TOOLS") != "1",
            "jq is not installed (apt-get install jq); the fake gh needs it to answer --jq like the real one.");
        File.WriteAllText(_runner["FAKE_GH_COMMENTS"], """[{ "id": 1, "body": "Looks good to me" }]""");
        Commit(("docs/design/system.yaml", Before));
        MarkBase();
        Commit(("docs/design/system.yaml", After));
        RunActionOnPullRequest();
        var first = Comments();
        Commit(("docs/design/system.yaml", Before));

        RunActionOnPullRequest();

        var comments = Comments();
        first.Should().HaveCount(2);
        first[1].Body.Should().Contain("TM001");
        comments.Should().HaveCount(2, "the second run updates the comment the first one posted");
        comments[0].Body.Should().Be("Looks good to me");
        comments[1].Id.Should().Be(first[1].Id);
        comments[1].Body.Should().NotBe(first[1].Body).And.NotContain("TM001");
        File.ReadAllText(_runner["FAKE_GH_LOG"]).Should().Contain("repos/octo/app/issues/7/comments");
    }

    [Fact]
    public void ACommentTheTokenMayNotPost_IsAWarning_NotAFailure()
    {
        File.WriteAllText(_runner["FAKE_GH_COMMENTS"], "not json: the fake answers as an API that refuses");
        Commit(("docs/design/system.yaml", Before));
        MarkBase();
        Commit(("README.md", "docs only\n"));

        var results = RunActionOnPullRequest();

        results["Comment on the pull request"].ExitCode.Should().Be(0);
        results["Comment on the pull request"].Out.Should().Contain("::warning::");
        results["Gate"].ExitCode.Should().Be(0);
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    private Dictionary<string, CliRun> RunActionOnPullRequest() =>
        new[] { "Reviewer configuration", "Check the design", "Compare with the base branch", "Comment on the pull request", "Gate" }
            .ToDictionary(name => name, Step, StringComparer.Ordinal);

    private List<(long Id, string Body)> Comments()
    {
        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_runner["FAKE_GH_COMMENTS"]));
        return [.. document.RootElement.EnumerateArray().Select(c => (c.GetProperty("id").GetInt64(), c.GetProperty("body").GetString()!))];
    }

    private void PushTo(string branch)
    {
        _runner["GITHUB_EVENT_NAME"] = "push";
        _runner["GITHUB_BASE_REF"] = string.Empty;
        _context["github.event_name"] = "push";
        _context["github.base_ref"] = string.Empty;
        _context["github.event.pull_request.number"] = string.Empty;
        _runner["GITHUB_REF_NAME"] = branch;
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

    private string? Output(string stepId, string name) =>
        _context.TryGetValue($"steps.{stepId}.outputs.{name}", out var value) ? value : null;

    /// <summary>
    /// Runs one step of action.yml as the runner runs a composite step with <c>shell: bash</c>
    /// (<c>bash --noprofile --norc -eo pipefail</c>), and records its outputs for the steps after it.
    /// </summary>
    private CliRun Step(string name)
    {
        var step = CiAction.Step(name);
        CiAction.Scalar(step, "shell").Should().Be("bash");
        var id = CiAction.Scalar(step, "id");
        var output = Path.Combine(_runnerTemp, $"output-{Guid.NewGuid():N}");
        File.WriteAllText(output, string.Empty);
        var environment = new Dictionary<string, string>(_runner, StringComparer.Ordinal) { ["GITHUB_OUTPUT"] = output };
        foreach (var (key, value) in CiAction.StepEnvironment(step, _context))
            environment[key] = value;

        var run = Run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", CiAction.Scalar(step, "run")!], environment);

        foreach (var pair in File.ReadAllLines(output).Select(l => l.Split('=', 2)).Where(p => p.Length == 2))
        {
            if (id is not null)
                _context[$"steps.{id}.outputs.{pair[0]}"] = pair[1];
        }

        return run;
    }

    private void Git(params string[] arguments)
    {
        var run = Run("git", arguments, _runner);
        run.ExitCode.Should().Be(0, run.ToString());
    }

    private CliRun Run(string fileName, string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = _repo, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("GIT_", StringComparison.Ordinal) || k.StartsWith("GITHUB_", StringComparison.Ordinal)).ToList())
            info.Environment.Remove(name);
        foreach (var (key, value) in environment)
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

    private static void WriteExecutable(string path, string text)
    {
        File.WriteAllText(path, text);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
