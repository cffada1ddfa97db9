namespace ThreatModel.Knowledge;

/// <summary>
/// How many people who never chose anything a harm must reach before its scale alone makes it graver: the friends of an
/// app's users read through an API, the contacts in an uploaded address book, the bystanders on a camera. One person's
/// consent does not cover them, and at this scale a harm is no longer a private matter between a person and a service:
/// 87 million friends of about 270,000 quiz takers were profiled for political campaigns (Facebook, 4 April 2018;
/// ICO, 2018). See docs/severity.md ("Scale of the people who never consented").
/// </summary>
internal static class NonConsentingScale
{
    /// <summary>
    /// One million people: the scale at which rules raise impact one step (never to Severe). A judgement, not a figure
    /// from a study: GDPR Art. 35(3) and the EDPB's DPIA guidelines (WP248 rev.01) call processing "large scale" without a
    /// number; one million is the population of a large city, three orders of magnitude above a neighbourhood and 87 times
    /// below the Cambridge Analytica friends.
    /// </summary>
    public const long LargeScale = 1_000_000;

    /// <summary>True when <paramref name="people"/> who never consented are enough to raise impact.</summary>
    public static bool IsLarge(long people) => people >= LargeScale;
}
