using ThreatModel.Findings;

namespace ThreatModel.Analysis;

/// <summary>
/// One accepted finding in a baseline file. Construct with an object initializer: the required properties first; the
/// others have defaults, so new facts can be added without breaking callers.
/// </summary>
public sealed record BaselineEntry
{
    /// <summary>The finding's <see cref="Finding.Fingerprint"/>.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The rule that found it (for readers; the fingerprint already includes it).</summary>
    public required string RuleId { get; init; }

    /// <summary>The finding's title when accepted (for readers).</summary>
    public string? Title { get; init; }

    /// <summary>Why the finding is accepted.</summary>
    public required string Justification { get; init; }

    /// <summary>Who accepted it.</summary>
    public required string AcceptedBy { get; init; }

    /// <summary>When it was accepted, if recorded.</summary>
    public DateOnly? AcceptedOn { get; init; }

    /// <summary>The last day the acceptance holds; after it the finding fails again. Null: no end.</summary>
    public DateOnly? Expires { get; init; }

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
