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
}

/// <summary>What the <c>settings:</c> of the design under review may do to the reviewer's thresholds.</summary>
public enum DesignSettingsPolicy
{
    /// <summary>A design setting applies only when it is stricter than the reviewer's; a looser one is ignored with a warning.</summary>
    TightenOnly,

    /// <summary>Every design setting applies, looser ones too (the CLI's <c>--allow-design-settings</c>).</summary>
    Allow,
}
