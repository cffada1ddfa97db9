using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>
/// A reviewer's configuration file (<c>threatmodel.config.yaml</c>, see docs/config.md): rules turned off or re-rated,
/// review thresholds and the <c>--fail-on</c> severity. It belongs to whoever runs the review, not to the design under
/// review: a design cannot turn a rule off or loosen a threshold through it. Read with
/// <see cref="ReviewerConfigurationReader"/>.
/// </summary>
public sealed record ReviewerConfiguration
{
    /// <summary>The file the configuration was read from, as given; reports name it.</summary>
    public required string Source { get; init; }

    /// <summary>The rules turned off or re-rated, in the order written.</summary>
    public IReadOnlyList<RuleSetting> Rules { get; init; } = [];

    /// <summary>The review thresholds the file sets, when it sets any (unset ones keep their defaults).</summary>
    public AnalysisSettings? Thresholds { get; init; }

    /// <summary>True when the file sets <c>failOn</c>.</summary>
    public bool FailOnSet { get; init; }

    /// <summary>The <c>failOn</c> severity, or null for <c>none</c> (never fail) or when <see cref="FailOnSet"/> is false.</summary>
    public Severity? FailOn { get; init; }

    /// <summary>The analyzer options with this configuration's rules and thresholds (the reviewer's), keeping the rest of <paramref name="options"/>.</summary>
    public AnalyzerOptions ApplyTo(AnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var applied = options with { Rules = [.. options.Rules, .. Rules], ReviewerSource = Source };
        return Thresholds is { } thresholds
            ? applied with { Thresholds = thresholds, ThresholdsFromReviewer = true }
            : applied;
    }
}
