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
    /// <summary>True when the acceptance no longer holds on <paramref name="today"/>.</summary>
    public bool IsExpiredOn(DateOnly today) => Expires is { } last && today > last;
}
