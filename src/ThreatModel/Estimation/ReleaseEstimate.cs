namespace ThreatModel.Estimation;

/// <summary>How well a release singles people out once its protections are taken into account.</summary>
/// <param name="Records">The record-level estimate from the attributes alone (what the data would give without aggregation or noise).</param>
/// <param name="Protection">The protections applied.</param>
/// <param name="RecordLevelApplies">False when the release is under strong differential privacy, so record-level estimates say nothing about it.</param>
/// <param name="ExpectedUniqueShare">Expected share of people the release singles out, after protections.</param>
/// <param name="ExpectedAnonymitySet">Expected number of people a released value hides each person among, after protections.</param>
public sealed record ReleaseEstimate(
    UniquenessEstimate Records,
    ReleaseProtection Protection,
    bool RecordLevelApplies,
    double ExpectedUniqueShare,
    double ExpectedAnonymitySet)
{
    /// <summary>Rounding slack for comparisons with thresholds, relative to the threshold.</summary>
    internal const double Tolerance = 1e-9;

    /// <summary>
    /// True when the release stays within the thresholds: at most <paramref name="uniquenessThreshold"/> unique and an anonymity
    /// set of at least <paramref name="minimumAnonymitySet"/> (up to rounding), or when record-level estimates do not apply.
    /// </summary>
    public bool Meets(double uniquenessThreshold, double minimumAnonymitySet) =>
        !RecordLevelApplies
        || (ExpectedUniqueShare <= uniquenessThreshold * (1 + Tolerance) && ExpectedAnonymitySet >= minimumAnonymitySet * (1 - Tolerance));
}
