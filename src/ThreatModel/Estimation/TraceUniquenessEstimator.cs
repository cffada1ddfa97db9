namespace ThreatModel.Estimation;

/// <summary>
/// Estimates the unicity of traces: the share of people whom <c>p</c> points of their trace, known to an adversary (a
/// receipt, a geotagged photo, home and work), single out in a released data set of traces.
/// <para>
/// Anchors: with one location an hour at antenna resolution, 4 points single out 95% of 1.5 million people and 2 points more
/// than 50%, and unicity falls only as about the 1/10 power of coarser resolution (de Montjoye, Hidalgo, Verleysen and Blondel
/// 2013, "Unique in the Crowd", Sci. Rep. 3:1376); with card payments at (shop, day), 4 points single out 90% of 1.1 million
/// people (de Montjoye, Radaelli, Singh and Pentland 2015, "Unique in the shopping mall", Science 347:536). Unicity barely
/// falls with data-set size (Farzanehfar, Houssiau and de Montjoye 2021, Patterns 2:100204), so size is not an input.
/// </para>
/// <para>
/// Formula (an engineering approximation tied to those anchors, not the papers' own fit; docs/research/traces.md):
/// <code>
///   epsilon0(p) = 1 - exp(-c p^a)            a, c fitted so that mobility gives 0.50 at p = 2 and 0.95 at p = 4,
///                                            transactions 0.90 at p = 4 (same a)
///   beta(p)     = max(0.02, 0.157 - 0.007 p) the 2013 paper's coarsening exponent
///   raw(p)      = epsilon0(p) (s t)^-beta(p) s = released cell / base cell, t = released time bin / base bin, both >= 1
///   epsilon(p)  = max over q &lt;= p of raw(q)  an adversary may ignore points, so more points never lower it
/// </code>
/// Mobility: base cell 1.5 km² (the geometric mean of the 0.15-15 km² antenna range), base bin 1 hour. Transactions: base
/// cell one shop (taken as a 100 m radius), base bin one day. Resolutions finer than the base are taken at the base (a lower
/// bound: finer traces are at least as unique). When the price of a purchase is known, 22% of the remaining non-uniqueness is
/// removed (the paper's "+22%", read mildly). The result is capped at 0.999.
/// </para>
/// Monotone: more points never lower it; coarser resolution never raises it.
/// </summary>
public static class TraceUniquenessEstimator
{
    /// <summary>Points an adversary is assumed to know when the design says nothing else: 4, as in both studies.</summary>
    public const int DefaultKnownPoints = 4;

    /// <summary>The base spatial cell of mobility traces: 1.5 km².</summary>
    public const double MobilityBaseCellSquareKilometres = 1.5;

    /// <summary>The radius taken for one shop, the base spatial cell of transaction traces: 100 m.</summary>
    public const double ShopRadiusMetres = 100;

    /// <summary>The share of remaining non-uniqueness a known price removes (de Montjoye et al. 2015: 22%).</summary>
    public const double PriceEffect = 0.22;

    /// <summary>The largest estimate: certainty is never claimed.</summary>
    public const double Cap = 0.999;

    // epsilon0(p) = 1 - exp(-c p^a): a from the two mobility anchors, c per kind from its 4-point anchor.
    private static readonly double Shape = Math.Log(Math.Log(1 - 0.95) / Math.Log(1 - 0.50)) / Math.Log(2);
    private static readonly double MobilityScale = -Math.Log(1 - 0.95) / Math.Pow(4, Shape);
    private static readonly double TransactionScale = -Math.Log(1 - 0.90) / Math.Pow(4, Shape);

    /// <summary>The points an adversary uses: <paramref name="adversaryPoints"/>, but never more than the <paramref name="pointsHeld"/> per person, and at least 1.</summary>
    public static int KnownPoints(int pointsHeld, int adversaryPoints = DefaultKnownPoints) =>
        Math.Max(1, Math.Min(adversaryPoints, pointsHeld));

    /// <summary>
    /// The expected unique share of people when an adversary knows <paramref name="knownPoints"/> points of each trace,
    /// released at <paramref name="spatialResolutionMetres"/> (radius of a released place; null for the base resolution) and
    /// <paramref name="temporalResolutionMinutes"/>.
    /// </summary>
    public static TraceUniquenessEstimate Estimate(TraceKind kind, int knownPoints, double? spatialResolutionMetres, double temporalResolutionMinutes, bool priceKnown = false)
    {
        var p = Math.Max(1, knownPoints);
        var (spatialRaw, spatial) = SpatialFactor(kind, spatialResolutionMetres);
        var (temporalRaw, temporal) = TemporalFactor(kind, temporalResolutionMinutes);
        var resolution = spatial * temporal;

        var best = 0.0;
        // Beyond 64 points every term has long reached the cap.
        for (var q = 1; q <= Math.Min(p, 64); q++)
            best = Math.Max(best, Raw(kind, q, resolution, priceKnown));

        return new TraceUniquenessEstimate(
            kind, p, spatial, temporal, BaseUniqueness(kind, p), Exponent(p), Math.Clamp(best, 0, Cap),
            FinerThanStudied: spatialRaw < 1 || temporalRaw < 1,
            CoarserThanStudied: resolution > 25);
    }

    /// <summary>Unicity at the base resolution for p points: 1 - exp(-c p^a).</summary>
    public static double BaseUniqueness(TraceKind kind, int points) =>
        1 - Math.Exp(-(kind == TraceKind.Mobility ? MobilityScale : TransactionScale) * Math.Pow(Math.Max(1, points), Shape));

    /// <summary>The coarsening exponent beta(p) = max(0.02, 0.157 - 0.007 p) (de Montjoye et al. 2013).</summary>
    public static double Exponent(int points) => Math.Max(0.02, 0.157 - 0.007 * Math.Max(1, points));

    /// <summary>
    /// The factor s x t by which the resolution must be coarsened (at least 1) for <paramref name="knownPoints"/> points to
    /// single out no more than <paramref name="target"/> of people; infinity when no coarsening can.
    /// </summary>
    public static double CoarseningNeeded(TraceKind kind, int knownPoints, double target, bool priceKnown = false)
    {
        if (target >= Cap)
            return 1;
        if (target <= 0)
            return double.PositiveInfinity;
        var needed = 1.0;
        for (var q = 1; q <= Math.Min(Math.Max(1, knownPoints), 64); q++)
        {
            var atBase = Raw(kind, q, 1, priceKnown);
            if (atBase <= target)
                continue;
            // Solve raw(q) at factor x = target. With a known price, 1 - (1 - e x^-b)(1 - d) = target gives e x^-b = (target - d) / (1 - d).
            var plain = priceKnown ? (target - PriceEffect) / (1 - PriceEffect) : target;
            if (plain <= 0)
                return double.PositiveInfinity;
            var x = Math.Pow(BaseUniqueness(kind, q) / plain, 1 / Exponent(q));
            needed = Math.Max(needed, x);
        }

        return needed;
    }

    private static double Raw(TraceKind kind, int points, double resolution, bool priceKnown)
    {
        var unique = BaseUniqueness(kind, points) * Math.Pow(Math.Max(1, resolution), -Exponent(points));
        if (priceKnown)
            unique = 1 - (1 - unique) * (1 - PriceEffect);
        return unique;
    }

    private static (double Raw, double Factor) SpatialFactor(TraceKind kind, double? radiusMetres)
    {
        if (radiusMetres is not { } r || !double.IsFinite(r) || r <= 0)
            return (1, 1);
        var raw = kind == TraceKind.Mobility
            ? Math.PI * Math.Pow(r / 1000, 2) / MobilityBaseCellSquareKilometres
            : Math.Pow(r / ShopRadiusMetres, 2);
        return (raw, Math.Max(1, raw));
    }

    private static (double Raw, double Factor) TemporalFactor(TraceKind kind, double minutes)
    {
        if (!double.IsFinite(minutes) || minutes <= 0)
            return (1, 1);
        var raw = minutes / (kind == TraceKind.Mobility ? 60 : 1440);
        return (raw, Math.Max(1, raw));
    }
}
