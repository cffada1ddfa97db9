namespace ThreatModel.Estimation;

/// <summary>The expected share of people a few points of their trace single out, with the terms that produced it.</summary>
/// <param name="Kind">Which study the estimate follows.</param>
/// <param name="KnownPoints">Points the adversary is assumed to know (p).</param>
/// <param name="SpatialFactor">How many base cells one released place merges (s, at least 1).</param>
/// <param name="TemporalFactor">How many base time bins one released time merges (t, at least 1).</param>
/// <param name="BaseUniqueness">Unicity at the study's base resolution for p points, epsilon0(p).</param>
/// <param name="Exponent">The coarsening exponent beta(p): unicity falls as (s t)^-beta.</param>
/// <param name="ExpectedUniqueShare">The estimate, between 0 and 0.999.</param>
/// <param name="FinerThanStudied">True when the trace is finer than the study's base resolution: the estimate is then a lower bound.</param>
/// <param name="CoarserThanStudied">True when s x t exceeds 25 (5 cells x 5 hours, the coarsest the 2013 paper reports): the estimate is extrapolated.</param>
public readonly record struct TraceUniquenessEstimate(
    TraceKind Kind,
    int KnownPoints,
    double SpatialFactor,
    double TemporalFactor,
    double BaseUniqueness,
    double Exponent,
    double ExpectedUniqueShare,
    bool FinerThanStudied,
    bool CoarserThanStudied);
