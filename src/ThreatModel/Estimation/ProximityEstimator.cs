using System.Globalization;

namespace ThreatModel.Estimation;

/// <summary>
/// Estimates among how many people a disclosed position hides a subject: the anonymity set k = density x area, with the area
/// pi r^2 for a precision (radius) r and g^2 for a grid cell of side g (docs/research/proximity.md section 3).
/// <para>
/// Effective precision. Rounding a distance or answering only "within R metres" does not hide a position from a caller who
/// chooses where to query from: moving a spoofed position and watching the answer change (a rounding class flips, a person
/// enters or leaves the disk) locates the target by trilateration in a number of queries that grows with the logarithm of
/// the precision wanted. Polakis et al. ("Where's Wally? Precise User Discovery Attacks in Location Proximity Services",
/// ACM CCS 2015) located Facebook users within 5 m and 90% of Foursquare users within 15 m in 3-7 seconds; Li et al. ("All
/// Your Location are Belong to Us", HotMobile 2014) used WeChat, Skout and Momo as location oracles with spoofed positions;
/// randomised distances fell the same way (Check Point Research on Hornet, 2024: 10 m). So when the querier chooses the
/// position and distances or within-radius membership come back, the effective precision collapses to the stored precision
/// (never finer than <see cref="TrilaterationResolutionMetres"/>), regardless of rounding or radius.
/// The defence that holds is snapping positions to a fixed grid before any distance is computed: then nothing finer than the
/// cell can be learnt, and the effective region is the cell (spatial cloaking, adopted by Facebook and Foursquare after
/// Polakis et al.). Rate limits raise the attacker's cost, lower likelihood, and do not change the estimate.
/// </para>
/// Monotone: a larger radius, coarser precision, coarser grid or higher density never shrinks the anonymity set.
/// </summary>
public static class ProximityEstimator
{
    /// <summary>The precision trilateration reaches when the stored position is finer: 5 m (Polakis et al. 2015, Facebook).</summary>
    public const double TrilaterationResolutionMetres = 5;

    /// <summary>The precision assumed for a position whose design declares none: 10 m, a phone's GPS fix or a street address.</summary>
    public const double DefaultLocationPrecisionMetres = 10;

    /// <summary>The expected number of people within <paramref name="radiusMetres"/> at <paramref name="densityPerSquareKilometre"/>: density x pi r^2, at least 1.</summary>
    public static double AnonymitySet(double densityPerSquareKilometre, double radiusMetres) =>
        AnonymitySetOfArea(densityPerSquareKilometre, DiskArea(radiusMetres));

    /// <summary>The expected number of people in a square grid cell of side <paramref name="cellMetres"/>: density x g^2, at least 1.</summary>
    public static double AnonymitySetOfCell(double densityPerSquareKilometre, double cellMetres) =>
        AnonymitySetOfArea(densityPerSquareKilometre, CellArea(cellMetres));

    /// <summary>The smallest grid cell side, in metres, at which a cell holds at least <paramref name="people"/> people: sqrt(k / density).</summary>
    public static double GridCellFor(double densityPerSquareKilometre, double people) =>
        Math.Sqrt(Math.Max(1, people) / Math.Max(densityPerSquareKilometre, 1e-9)) * 1000;

    /// <summary>The region another person can place the subject in, given how the position is exposed.</summary>
    public static ProximityEstimate Estimate(ProximityExposure exposure)
    {
        ArgumentNullException.ThrowIfNull(exposure);
        var held = Positive(exposure.LocationPrecisionMetres) ?? TrilaterationResolutionMetres;
        var displayed = Positive(exposure.DisplayedPrecisionMetres);
        var radius = Positive(exposure.RadiusMetres);
        var grid = Positive(exposure.SnapToGridMetres);
        var isQuery = exposure.Answer is ProximityAnswer.Distance or ProximityAnswer.WithinRadius;
        var trilateration = isQuery && exposure.QuerierChoosesPosition && grid is null;

        double area;
        string basis;
        if (trilateration)
        {
            // Rounding and radius do not survive queries from chosen positions: the stored precision remains.
            area = DiskArea(Math.Max(held, TrilaterationResolutionMetres));
            basis = $"queries from chosen positions trilaterate the stored position ({Metres(held)}); the displayed {(exposure.Answer == ProximityAnswer.WithinRadius ? "radius" : "rounding")} does not protect";
        }
        else
        {
            area = DiskArea(held);
            basis = "the position as stored";
            if (displayed is { } d && DiskArea(d) > area)
            {
                area = DiskArea(d);
                basis = $"shown at {Metres(d)} precision";
            }

            // Answers about the caller's own (verified) position: one answer places the subject within the radius.
            if (exposure.Answer == ProximityAnswer.WithinRadius && !exposure.QuerierChoosesPosition && radius is { } r && DiskArea(r) > area)
            {
                area = DiskArea(r);
                basis = $"within {Metres(r)} of the caller's verified position";
            }

            if (grid is { } g && CellArea(g) > area)
            {
                area = CellArea(g);
                basis = $"snapped to a fixed {Metres(g)} grid before any distance is computed";
            }
        }

        var set = AnonymitySetOfArea(exposure.DensityPerSquareKilometre, area);
        var effective = Math.Sqrt(area / Math.PI) * 1000;
        return new ProximityEstimate(effective, area, set, trilateration, grid is not null, basis);
    }

    private static double AnonymitySetOfArea(double density, double areaSquareKilometres) =>
        Math.Max(1, Math.Max(0, double.IsFinite(density) ? density : 0) * areaSquareKilometres);

    private static double DiskArea(double radiusMetres) => Math.PI * Math.Pow(radiusMetres / 1000, 2);

    private static double CellArea(double sideMetres) => Math.Pow(sideMetres / 1000, 2);

    private static double? Positive(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : null;

    private static string Metres(double metres) => metres.ToString(metres >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture) + " m";
}
