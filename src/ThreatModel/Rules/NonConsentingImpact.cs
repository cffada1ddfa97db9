using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Knowledge;

namespace ThreatModel.Rules;

/// <summary>
/// The scale of the people a harm reaches who never consented (<see cref="NonConsentingScale"/>), as rules grade it:
/// impact one step higher at a million such people or more, never to Severe (scale makes a harm societal; it does not
/// endanger each person more). See docs/severity.md.
/// </summary>
internal static class NonConsentingImpact
{
    /// <summary><paramref name="impact"/>, one step higher (up to Major) when <paramref name="people"/> never consented and are many.</summary>
    public static Impact Raise(Impact impact, long people) =>
        NonConsentingScale.IsLarge(people) && impact < Impact.Major ? impact + 1 : impact;

    /// <summary>A sentence for the finding's message when the scale raised (or would raise) its impact; empty otherwise.</summary>
    public static string Sentence(long people) =>
        NonConsentingScale.IsLarge(people)
            ? $" It reaches about {Millions(people)} people who never consented to it, too many for the harm to stay a private matter between a person and a service."
            : string.Empty;

    private static string Millions(long people) =>
        people >= 10_000_000
            ? string.Create(CultureInfo.InvariantCulture, $"{people / 1_000_000d:0} million")
            : string.Create(CultureInfo.InvariantCulture, $"{people / 1_000_000d:0.#} million");
}
