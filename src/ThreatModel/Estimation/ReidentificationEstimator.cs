namespace ThreatModel.Estimation;

/// <summary>
/// Estimates how many records a set of quasi-identifiers singles out, by the uniform cell (Poisson) model:
/// N people fall independently and uniformly into K = c1 x c2 x ... cells, one per combination of values.
/// A given person shares their cell with Binomial(N-1, 1/K) others, so
/// <list type="bullet">
/// <item>the expected share of unique people is (1 - 1/K)^(N-1), about exp(-(N-1)/K);</item>
/// <item>the expected anonymity-set size is 1 + (N-1)/K.</item>
/// </list>
/// With Sweeney's inputs (US 1990: 248 million people, 5-digit ZIP of about 9,810 people, gender, full birth date over
/// 100 years) it gives about 87% unique against the 87% she reported (Sweeney 2000, CMU Data Privacy Working Paper 3);
/// Golle (2006, ACM WPES) measured 63% on the 2000 census. Real attributes are not uniform or independent: skew makes
/// rare values more identifying and correlation makes K smaller than the product; <see cref="MarginalUniquenessEstimator"/>
/// takes the skew into account and is what TM002 uses. The model is a screening estimate,
/// monotone in every input: more or finer attributes never lower it, coarser or fewer never raise it.
/// <para>
/// Protections: generalisation and suppression act through the cardinalities (a coarser value has fewer values; a suppressed
/// attribute is left out). Aggregation to cells of at least k people and differential privacy act on the release as a whole:
/// see <see cref="Protect"/>. Sources and limits: docs/estimation.md, docs/research/reidentification.md.
/// </para>
/// </summary>
public static class ReidentificationEstimator
{
    /// <summary>The estimate for attributes with these cardinalities in a population of <paramref name="population"/>.</summary>
    public static UniquenessEstimate Estimate(long population, IEnumerable<double> cardinalities)
    {
        ArgumentNullException.ThrowIfNull(cardinalities);
        var n = Math.Max(1, population);
        return FromLogCardinality(n, LogCardinality(cardinalities));
    }

    /// <summary>The estimate for a combined cardinality given as its natural logarithm.</summary>
    public static UniquenessEstimate FromLogCardinality(long population, double logCardinality)
    {
        var n = Math.Max(1, population);
        var k = CombinedCardinality(logCardinality);
        var others = n - 1.0;
        // (1 - 1/K)^(N-1) = exp((N-1) * log1p(-1/K)); exact for small K, equal to exp(-(N-1)/K) for large K.
        var unique = k <= 1 ? (others == 0 ? 1.0 : 0.0) : Math.Exp(others * LogOneMinusInverse(k));
        var anonymitySet = 1.0 + others / k;
        return new UniquenessEstimate(n, k, Math.Clamp(unique, 0, 1), anonymitySet);
    }

    /// <summary>
    /// The estimate for a release of records with these attribute cardinalities under <paramref name="protection"/>.
    /// Generalised attributes enter with their coarser cardinality; suppressed attributes are left out.
    /// </summary>
    public static ReleaseEstimate ForRelease(long population, IEnumerable<double> cardinalities, ReleaseProtection protection) =>
        Protect(Estimate(population, cardinalities), protection);

    /// <summary>
    /// Applies aggregation and differential privacy to a record-level estimate:
    /// <list type="bullet">
    /// <item>differential privacy with epsilon &lt;= <see cref="DifferentialPrivacy.StrongEpsilon"/>: record-level estimates do not apply
    /// (no one is singled out; the anonymity set is the population);</item>
    /// <item>differential privacy with a larger epsilon: the unique share is capped at the advantage bound tanh(epsilon/2) and the
    /// anonymity set raised to the Poisson-equivalent 1 - ln(share) (see <see cref="DifferentialPrivacy"/>);</item>
    /// <item>aggregation threshold k &gt; 1: no released value is about fewer than k people, so the unique share is 0 and the
    /// anonymity set at least k.</item>
    /// </list>
    /// </summary>
    public static ReleaseEstimate Protect(UniquenessEstimate records, ReleaseProtection protection)
    {
        if (protection.StrongDifferentialPrivacy)
            return new ReleaseEstimate(records, protection, RecordLevelApplies: false, 0, records.Population);

        var unique = records.ExpectedUniqueShare;
        var anonymitySet = records.ExpectedAnonymitySet;
        if (protection.DifferentialPrivacyEpsilon is { } epsilon)
        {
            var bound = DifferentialPrivacy.AdvantageBound(epsilon);
            if (unique > bound)
            {
                unique = bound;
                anonymitySet = Math.Max(anonymitySet, 1 - Math.Log(Math.Max(bound, double.Epsilon)));
            }
        }

        if (protection.AggregationThreshold is { } k && k > 1)
        {
            unique = 0;
            anonymitySet = Math.Max(anonymitySet, k);
        }

        return new ReleaseEstimate(records, protection, RecordLevelApplies: true, unique, anonymitySet);
    }

    /// <summary>
    /// The largest combined cardinality K at which a population of <paramref name="population"/> stays at or under
    /// <paramref name="uniquenessThreshold"/> unique and keeps an expected anonymity set of at least <paramref name="minimumAnonymitySet"/>:
    /// min(1 / (1 - u^(1/(N-1))), (N-1) / (k - 1)). Below 1 when no record-level release can meet both (fewer than k people).
    /// </summary>
    public static double MaximumCombinedCardinality(long population, double uniquenessThreshold, double minimumAnonymitySet)
    {
        var others = Math.Max(1, population) - 1.0;
        if (others <= 0)
            return 0;
        var byUniqueness = uniquenessThreshold >= 1
            ? double.PositiveInfinity
            : uniquenessThreshold <= 0 ? 1 : 1 / -double.ExpM1(Math.Log(uniquenessThreshold) / others);
        var bySet = minimumAnonymitySet <= 1 ? double.PositiveInfinity : others / (minimumAnonymitySet - 1);
        return Math.Min(byUniqueness, bySet);
    }

    /// <summary>The natural logarithm of the product of the cardinalities, each at least 1; non-finite values count as 1.</summary>
    public static double LogCardinality(IEnumerable<double> cardinalities)
    {
        ArgumentNullException.ThrowIfNull(cardinalities);
        // Multiply in log space: a long attribute list must not overflow to infinity.
        var logK = 0.0;
        foreach (var cardinality in cardinalities)
            logK += Math.Log(Math.Max(1, double.IsFinite(cardinality) ? cardinality : 1));
        return logK;
    }

    /// <summary>The largest log K an estimate distinguishes: beyond it K is taken as e^700 (everyone unique in any population).</summary>
    internal const double MaximumLogCardinality = 700;

    /// <summary>K from log K as the estimates take it: at least 1, at most e^<see cref="MaximumLogCardinality"/>, NaN as 1.</summary>
    internal static double CombinedCardinality(double logCardinality) =>
        Math.Exp(Math.Min(double.IsNaN(logCardinality) ? 0 : Math.Max(0, logCardinality), MaximumLogCardinality));

    private static double LogOneMinusInverse(double k) => k > 1e15 ? -1.0 / k : Math.Log(1.0 - 1.0 / k);
}
