using System.Globalization;
using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>Where a review threshold in force came from.</summary>
public enum ThresholdSource
{
    /// <summary>The documented default.</summary>
    Default,

    /// <summary>The reviewer: the caller's <see cref="AnalyzerOptions.Thresholds"/>.</summary>
    Reviewer,

    /// <summary>The design's <c>settings:</c>.</summary>
    Design,
}

/// <summary>One review threshold an analysis used, where it came from, and what the design asked for.</summary>
/// <param name="Name">The setting's name in the design format, such as <c>uniquenessThreshold</c>.</param>
/// <param name="Value">The value in force.</param>
/// <param name="Source">Where the value in force came from.</param>
/// <param name="DesignValue">The value the design set, when it set one (equal to <paramref name="Value"/> unless ignored).</param>
public sealed record ThresholdInForce(string Name, double Value, ThresholdSource Source, double? DesignValue)
{
    /// <summary>True when the design set a looser value that was ignored.</summary>
    public bool DesignValueIgnored => DesignValue is { } asked && asked != Value && Source != ThresholdSource.Design;

    /// <summary>The source as written in reports: default, reviewer or design.</summary>
    public string SourceName => Source switch
    {
        ThresholdSource.Reviewer => "reviewer",
        ThresholdSource.Design => "design",
        _ => "default",
    };

    /// <summary>A number as reports write it: invariant culture, shortest round-trip form.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The thresholds of these settings in the order of the design format: "design" where they differ from the defaults.</summary>
    internal static IReadOnlyList<ThresholdInForce> Describe(AnalysisSettings settings)
    {
        var defaults = AnalysisSettings.Default;
        return
        [
            Of(Thresholds.Uniqueness, settings.UniquenessThreshold, defaults.UniquenessThreshold),
            Of(Thresholds.AnonymitySet, settings.MinimumAnonymitySet, defaults.MinimumAnonymitySet),
            Of(Thresholds.Linkage, settings.LinkageUniquenessThreshold, defaults.LinkageUniquenessThreshold),
        ];

        static ThresholdInForce Of(string name, double value, double fallback) =>
            value == fallback ? new(name, value, ThresholdSource.Default, null) : new(name, value, ThresholdSource.Design, value);
    }
}
