namespace ThreatModel.Analysis;

/// <summary>Something applying a baseline found worth saying: an expired acceptance, a finding now above the severity accepted, or an entry that matches nothing.</summary>
/// <param name="Message">What happened and what to do.</param>
/// <param name="Fingerprint">The fingerprint the note is about.</param>
/// <param name="Expired">True when an expired acceptance let the finding fail again.</param>
public sealed record BaselineNote(string Message, string Fingerprint, bool Expired)
{
    /// <summary>True when the finding is now more severe than the entry accepted, so it is not accepted and fails again.</summary>
    public bool Escalated { get; init; }
}
