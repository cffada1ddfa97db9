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
}
