using ThreatModel.Findings;

namespace ThreatModel.Analysis;

/// <summary>One accepted finding in a baseline file.</summary>
/// <param name="Fingerprint">The finding's <see cref="Finding.Fingerprint"/>.</param>
/// <param name="RuleId">The rule that found it (for readers; the fingerprint already includes it).</param>
/// <param name="Title">The finding's title when accepted (for readers).</param>
/// <param name="Justification">Why the finding is accepted.</param>
/// <param name="AcceptedBy">Who accepted it.</param>
/// <param name="AcceptedOn">When it was accepted, if recorded.</param>
/// <param name="Expires">The last day the acceptance holds; after it the finding fails again. Null: no end.</param>
public sealed record BaselineEntry(
    string Fingerprint,
    string RuleId,
    string? Title,
    string Justification,
    string AcceptedBy,
    DateOnly? AcceptedOn,
    DateOnly? Expires)
{
    /// <summary>
    /// The severity the finding had when it was accepted: the entry accepts the finding at this severity or below, never
    /// above. Null for entries written before severities were recorded; those are read as accepting
    /// <see cref="Findings.Severity.Low"/> (see <see cref="AcceptedSeverity"/>).
    /// </summary>
    public Severity? Severity { get; init; }

    /// <summary>The highest severity this entry accepts: <see cref="Severity"/>, or low when none is recorded.</summary>
    public Severity AcceptedSeverity => Severity ?? Findings.Severity.Low;

    /// <summary>True when the acceptance no longer holds on <paramref name="today"/>.</summary>
    public bool IsExpiredOn(DateOnly today) => Expires is { } last && today > last;
}
