namespace ThreatModel.Estimation;

/// <summary>How a release is protected beyond the attributes it keeps: aggregation and differential privacy.</summary>
/// <param name="AggregationThreshold">Only aggregates over at least this many people are released (k); null or 1 for record-level data.</param>
/// <param name="DifferentialPrivacyEpsilon">The privacy-loss budget when released under differential privacy; null when not.</param>
public readonly record struct ReleaseProtection(int? AggregationThreshold, double? DifferentialPrivacyEpsilon)
{
    /// <summary>A record-level release with no aggregation and no differential privacy.</summary>
    public static ReleaseProtection None => default;

    /// <summary>True when only aggregates over more than one person are released.</summary>
    public bool Aggregated => AggregationThreshold is > 1;

    /// <summary>True when released under differential privacy with epsilon at or below <see cref="DifferentialPrivacy.StrongEpsilon"/>.</summary>
    public bool StrongDifferentialPrivacy => DifferentialPrivacyEpsilon is { } e && DifferentialPrivacy.IsStrong(e);

    /// <summary>The stronger of two protections applied one after the other: the larger threshold and the smaller epsilon.</summary>
    public ReleaseProtection Combine(ReleaseProtection other) => new(
        AggregationThreshold is { } a && other.AggregationThreshold is { } b ? Math.Max(a, b) : AggregationThreshold ?? other.AggregationThreshold,
        DifferentialPrivacyEpsilon is { } x && other.DifferentialPrivacyEpsilon is { } y ? Math.Min(x, y) : DifferentialPrivacyEpsilon ?? other.DifferentialPrivacyEpsilon);
}
