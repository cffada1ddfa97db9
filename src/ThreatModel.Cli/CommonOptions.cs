using System.CommandLine;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Cli;

/// <summary>Options several commands share, spelled the same everywhere.</summary>
internal static class CommonOptions
{
    public static readonly string[] FailOnValues = ["info", "low", "medium", "high", "critical", "none"];

    public static Argument<string> Design(string name = "design", string description = "The design file (.yaml, .yml or .json).") =>
        new(name) { Description = description };

    public static Option<string> FailOn()
    {
        var option = new Option<string>("--fail-on")
        {
            Description = "Exit with 1 when a finding at or above this severity stands: info, low, medium, high, critical, or none to never fail.",
            DefaultValueFactory = _ => "high",
            HelpName = "severity",
        };
        option.AcceptOnlyFromAmong(FailOnValues);
        return option;
    }

    /// <summary>The threshold, or null for "none".</summary>
    public static Severity? Threshold(string value) => value.ToLowerInvariant() switch
    {
        "info" => Severity.Info,
        "low" => Severity.Low,
        "medium" => Severity.Medium,
        "high" => Severity.High,
        "critical" => Severity.Critical,
        "none" => null,
        _ => throw new UsageException($"Unknown severity '{value}'; expected one of {string.Join(", ", FailOnValues)}."),
    };

    public static Option<string?> Baseline() => new("--baseline", "-b")
    {
        Description = "A baseline file of accepted findings (threatmodel baseline writes one); expired acceptances fail again.",
        HelpName = "file",
    };

    public static Option<bool> AllowDesignSettings() => new("--allow-design-settings")
    {
        Description = "Let the design's settings loosen the review thresholds (by default a design may only tighten them; looser values are ignored with a warning).",
    };

    /// <summary>The analyzer options for the --allow-design-settings flag.</summary>
    public static AnalyzerOptions Analysis(bool allowDesignSettings) =>
        allowDesignSettings ? AnalyzerOptions.Default with { DesignSettings = DesignSettingsPolicy.Allow } : AnalyzerOptions.Default;

    public static Option<string?> SourceRoot() => new("--source-root")
    {
        Description = "The directory report paths are relative to, usually the repository root (default: the current directory).",
        HelpName = "dir",
    };

    public static Option<bool> Strict() => new("--strict")
    {
        Description = "Treat the design's warnings (TM2xxx) as errors: print them as errors and exit 2.",
    };

    public static Option<bool> NoColor() => new("--no-color")
    {
        Description = "Plain text output even on a terminal (colour is also off when output is redirected or NO_COLOR is set).",
    };

    /// <summary>The source root: the option, or the current directory.</summary>
    public static string Root(string? option) => Path.GetFullPath(string.IsNullOrWhiteSpace(option) ? "." : option);
}
