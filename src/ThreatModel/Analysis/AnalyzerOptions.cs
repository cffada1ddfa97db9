using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>How an analysis treats the review thresholds: the reviewer's, and what the design under review may change.</summary>
public sealed record AnalyzerOptions
{
    /// <summary>The documented default thresholds; a design may only tighten them.</summary>
    public static AnalyzerOptions Default { get; } = new();

    /// <summary>The reviewer's thresholds (default: <see cref="AnalysisSettings.Default"/>).</summary>
    public AnalysisSettings Thresholds { get; init; } = AnalysisSettings.Default;

    /// <summary>
    /// True when <see cref="Thresholds"/> were set by the caller (the CLI or a host) rather than left at the defaults;
    /// reports then name their source "reviewer" instead of "default".
    /// </summary>
    public bool ThresholdsFromReviewer { get; init; }

    /// <summary>What a design's <c>settings:</c> may do (default: <see cref="DesignSettingsPolicy.TightenOnly"/>).</summary>
    public DesignSettingsPolicy DesignSettings { get; init; } = DesignSettingsPolicy.TightenOnly;

    /// <summary>
    /// The reviewer's decisions about rules: turned off or re-rated (see <see cref="RuleSetting"/>). Only the caller
    /// sets them (the CLI reads them from a reviewer's configuration file); a design has no way to.
    /// </summary>
    public IReadOnlyList<RuleSetting> Rules { get; init; } = [];

    /// <summary>Where the reviewer's settings come from (a configuration file's path), named in every report; null when none.</summary>
    public string? ReviewerSource { get; init; }

    /// <summary>
    /// Told what the analysis is doing, for a progress display: "building graph", then "rule TM006 (7/16)" as each rule
    /// finishes. Rules run in parallel, so reports may come from several threads at once. Null (the default): nothing
    /// is told. Progress never changes the result.
    /// </summary>
    public IProgress<string>? Progress { get; init; }
}

/// <summary>What the <c>settings:</c> of the design under review may do to the reviewer's thresholds.</summary>
public enum DesignSettingsPolicy
{
    /// <summary>A design setting applies only when it is stricter than the reviewer's; a looser one is ignored with a warning.</summary>
    TightenOnly,

    /// <summary>Every design setting applies, looser ones too (the CLI's <c>--allow-design-settings</c>).</summary>
    Allow,
}
