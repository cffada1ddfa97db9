using System.CommandLine;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>
/// Finds and reads the reviewer's configuration for a command: <c>--config FILE</c>, or <c>threatmodel.config.yaml</c>
/// in the working directory or a parent up to the repository root; <c>--config none</c> reads none. The design under
/// review has no say in it.
/// </summary>
internal static class ReviewerConfigLoader
{
    /// <summary>The value of <c>--config</c> that turns discovery off.</summary>
    public const string None = "none";

    public static Option<string?> Option() => new("--config")
    {
        Description = $"The reviewer's configuration: rules turned off or re-rated, review thresholds, failOn (docs/config.md). Default: {ReviewerConfigurationReader.DefaultFileName} in the current directory or a parent, up to the repository root; '{None}' reads none.",
        HelpName = "file",
    };

    /// <summary>
    /// The configuration in force (null when none is given or found), or <c>Ok: false</c> after printing why it cannot
    /// be used (<c>file:line:column: error TM12xx: ...</c>).
    /// </summary>
    public static (bool Ok, ReviewerConfiguration? Configuration) Load(CliContext context, string? option)
    {
        string? path;
        if (string.Equals(option, None, StringComparison.OrdinalIgnoreCase))
            return (true, null);
        if (option is not null)
        {
            path = option;
        }
        else
        {
            path = Discover(context.Environment.ConfigSearchFrom);
            if (path is null)
                return (true, null);
        }

        context.Inputs.Add(path);
        var (configuration, diagnostics) = ReviewerConfigurationReader.ReadFile(path, context.Analyzer.Rules.Select(r => r.Metadata.Id));
        foreach (var diagnostic in diagnostics)
            context.Error.Line(diagnostic.ToString());
        if (configuration is null)
        {
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            context.Error.Line($"{path}: {(errors == 1 ? "1 error" : $"{errors} errors")}; the reviewer configuration cannot be used.");
            return (false, null);
        }

        if (option is null)
            context.Error.Line($"threatmodel: using the reviewer configuration {path} (--config {None} to ignore it)");
        return (true, configuration);
    }

    /// <summary>The analyzer options with the configuration applied, if any.</summary>
    public static AnalyzerOptions Apply(ReviewerConfiguration? configuration, AnalyzerOptions options) =>
        configuration is null ? options : configuration.ApplyTo(options);

    /// <summary>The --fail-on threshold: the option when given on the command line, else the configuration's failOn, else the option's default.</summary>
    public static Severity? Threshold(ParseResult parse, Option<string> failOn, ReviewerConfiguration? configuration)
    {
        var given = parse.GetResult(failOn) is { Implicit: false };
        if (!given && configuration is { FailOnSet: true })
            return configuration.FailOn;
        return CommonOptions.Threshold(parse.GetValue(failOn)!);
    }

    /// <summary>The configuration file in <paramref name="start"/> or the nearest parent, stopping at the repository root (a directory with .git).</summary>
    private static string? Discover(string? start)
    {
        if (start is null)
            return null;
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ReviewerConfigurationReader.DefaultFileName);
            if (File.Exists(candidate))
                return Path.GetFullPath(start) == Directory.GetCurrentDirectory() ? Path.GetRelativePath(start, candidate) : candidate;
            if (Directory.Exists(Path.Combine(directory.FullName, ".git")) || File.Exists(Path.Combine(directory.FullName, ".git")))
                return null;
        }

        return null;
    }
}
