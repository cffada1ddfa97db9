using System.CommandLine;
using System.Globalization;
using ThreatModel.Analysis;

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

    public static Option<string?> MaxFileSize() => new("--max-file-size")
    {
        Description = "The largest design file read, in bytes, or with a unit: 512k, 4m (default: the reader's limit).",
        HelpName = "size",
    };

    public static Option<string?> SourceRoot() => new("--source-root")
    {
        Description = "The directory report paths are relative to, usually the repository root (default: the current directory).",
        HelpName = "dir",
    };

    public static Option<bool> NoColor() => new("--no-color")
    {
        Description = "Plain text output even on a terminal (colour is also off when output is redirected or NO_COLOR is set).",
    };

    /// <summary>Parses 1048576, 512k, 4m, 1g (binary units).</summary>
    public static long? ParseSize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var text = value.Trim().ToLowerInvariant();
        long multiplier = 1;
        if (text.EndsWith("b", StringComparison.Ordinal) && text.Length > 1 && !char.IsDigit(text[^2]))
            text = text[..^1];
        switch (text[^1])
        {
            case 'k': multiplier = 1024; text = text[..^1]; break;
            case 'm': multiplier = 1024 * 1024; text = text[..^1]; break;
            case 'g': multiplier = 1024 * 1024 * 1024; text = text[..^1]; break;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0 || number > long.MaxValue / multiplier)
            throw new UsageException($"--max-file-size '{value}' is not a size; expected a positive number of bytes, optionally with k, m or g (e.g. 4m).");
        return number * multiplier;
    }

    /// <summary>The source root: the option, or the current directory.</summary>
    public static string Root(string? option) => Path.GetFullPath(string.IsNullOrWhiteSpace(option) ? "." : option);
}
