using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>The outcome of analysing one design.</summary>
/// <param name="Model">The design analysed.</param>
/// <param name="Rules">The rules that ran, by id.</param>
/// <param name="Findings">Findings that stand, most severe first, in a stable order.</param>
/// <param name="Suppressed">Findings the design accepts inline, with the suppression that accepts each.</param>
public sealed record AnalysisResult(
    SystemModel Model,
    IReadOnlyList<RuleMetadata> Rules,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<SuppressedFinding> Suppressed)
{
    private IReadOnlyList<ThresholdInForce>? _thresholds;

    /// <summary>
    /// The review thresholds the analysis used, where each came from, and any design value ignored. Set by
    /// <see cref="Analyzer"/>; for a result made otherwise, read from the model's settings.
    /// </summary>
    public IReadOnlyList<ThresholdInForce> Thresholds
    {
        get => _thresholds ??= ThresholdInForce.Describe(Model.Settings);
        init => _thresholds = value;
    }

    /// <summary>Inline acceptances (<c>accepts:</c>) that cover no finding: stale, misspelled or aimed at the wrong element.</summary>
    public IReadOnlyList<UnusedAcceptance> UnusedAcceptances { get; init; } = [];

    /// <summary>The reviewer's rule settings in force (rules turned off or re-rated), by rule id; empty when none.</summary>
    public IReadOnlyList<RuleSetting> RuleSettings { get; init; } = [];

    /// <summary>Where the reviewer's settings came from (a configuration file), or null.</summary>
    public string? ReviewerSource { get; init; }

    /// <summary>Findings at or above a severity.</summary>
    public IEnumerable<Finding> AtOrAbove(Severity threshold) => Findings.Where(f => f.Severity >= threshold);
}

/// <summary>A finding accepted by the design or a baseline.</summary>
/// <param name="Finding">The finding.</param>
/// <param name="Justification">Why it is accepted.</param>
/// <param name="Source">Where the acceptance is written (a design-file location or a baseline file).</param>
public sealed record SuppressedFinding(Finding Finding, string Justification, string Source)
{
    /// <summary>Whether the design (inline <c>accepts:</c>) or a baseline file accepts the finding.</summary>
    public SuppressionKind Kind { get; init; } = SuppressionKind.InSource;

    /// <summary>The baseline entry that accepts the finding, when a baseline does.</summary>
    public BaselineEntry? Entry { get; init; }
}

/// <summary>An inline acceptance that covers no finding: it should be removed, or it will silently accept a future finding.</summary>
/// <param name="Acceptance">The acceptance.</param>
/// <param name="Owner">The id of the element or flow it is written on.</param>
public sealed record UnusedAcceptance(Suppression Acceptance, string Owner)
{
    /// <summary>What to tell the reader.</summary>
    public string Message
    {
        get
        {
            var what = Acceptance.Finding is { } fingerprint
                ? $"of finding {fingerprint}"
                : $"of {Acceptance.RuleId}";
            return $"The acceptance {what} on '{Owner}' at {Acceptance.Span} covers no finding; remove it (an acceptance covers only findings that land on its element or flow).";
        }
    }
}
