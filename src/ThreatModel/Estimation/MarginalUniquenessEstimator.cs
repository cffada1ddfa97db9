using System.Buffers;
using System.Runtime.CompilerServices;
using ThreatModel.Model;

namespace ThreatModel.Estimation;

/// <summary>
/// Estimates how many people a set of quasi-identifiers singles out when their values are not equally common: the
/// expected share of population uniques under the product of the attributes' marginal distributions.
/// <para>
/// Model (the multinomial / Poisson super-population model of statistical disclosure control: Bethlehem, Keller &amp;
/// Pannekoek 1990, "Disclosure control of microdata", JASA 85(409):38-45; Skinner &amp; Elliot 2002, JRSS B 64(4):855-867):
/// each of the N people draws each attribute's value independently from that attribute's distribution, so a combination
/// of values c has probability p_c = q_1(v_1) x ... x q_m(v_m). A person whose combination has probability p is unique
/// when none of the N - 1 others has it, with probability (1 - p)^(N-1). A person drawn at random has combination c with
/// probability p_c (size weighting: people sit mostly in the big ZIP areas and the common birth years), so
/// </para>
/// <code>
/// expected share unique    u = sum over c of p_c (1 - p_c)^(N-1) = E[(1 - P)^(N-1)],  P the size-weighted combination probability
/// expected anonymity set   k = 1 + (N-1) E[P] = 1 + (N-1) x product over attributes of (sum of q^2)
/// </code>
/// With one uniform attribute of K values this is the cell model of <see cref="ReidentificationEstimator"/> exactly.
/// <para>
/// Computation: log P is a sum of independent terms, one per attribute, each drawn size-weighted from ln q. Uniform
/// attributes add a constant (kept exactly); the others are convolved as histograms of ln q on a grid of 1/64 nat (values
/// rounded to the nearest grid point: the combination probabilities are off by at most a factor e^(m/128) for m skewed
/// attributes). Mass that falls below ln P = -ln(N-1) - 36 is unique for certain (adding attributes only lowers P) and is
/// set aside, so the cost is the grid (about 3,500 points) times the distinct grid offsets of the skewed attributes, and a
/// long list of attributes stops as soon as everyone is unique. Monotone: another attribute never lowers u, merging values
/// of an attribute (coarsening) never raises it.
/// </para>
/// <para>
/// Assumptions (docs/estimation.md): attributes independent (no correlation between ZIP and age, age and marital status;
/// Rocher, Hendrickx &amp; de Montjoye 2019, Nat. Commun. 10:3069, model it with a copula); every person's values drawn
/// from the population's marginals (the prosecutor's view: the adversary knows the target is in the population).
/// </para>
/// </summary>
public static class MarginalUniquenessEstimator
{
    /// <summary>Grid step for ln P, in nats.</summary>
    private const double Step = 1.0 / 64;

    /// <summary>How far below -ln(N-1) mass is set aside as unique: (1 - e^-36/(N-1))^(N-1) = 1 - 2e-16.</summary>
    private const double Margin = 36;

    private static readonly ConditionalWeakTable<ValueDistribution, Offsets> Binned = [];

    /// <summary>
    /// The estimate for attributes with these value distributions in a population of <paramref name="population"/>.
    /// <see cref="UniquenessEstimate.CombinedCardinality"/> is the product of the attributes' numbers of values.
    /// </summary>
    public static UniquenessEstimate Estimate(long population, IEnumerable<ValueDistribution> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var list = attributes as IReadOnlyList<ValueDistribution> ?? [.. attributes];
        var n = Math.Max(1, population);
        var others = n - 1.0;

        // The uniform attributes' exact share of ln P, the product of the numbers of values and of the collision chances.
        var shift = 0.0;
        var logK = 0.0;
        var logCollision = 0.0;
        var skewed = 0;
        foreach (var attribute in list)
        {
            ArgumentNullException.ThrowIfNull(attribute);
            logK += Math.Log(attribute.Cardinality);
            logCollision += Math.Log(attribute.CollisionProbability);
            if (attribute.IsUniform)
                shift -= Math.Log(attribute.Cardinality);
            else
                skewed++;
        }

        var combined = ReidentificationEstimator.CombinedCardinality(logK);
        var anonymitySet = 1 + others * Math.Exp(logCollision);
        if (others == 0)
            return new UniquenessEstimate(n, combined, 1, 1);
        if (skewed == 0)
            return ReidentificationEstimator.FromLogCardinality(n, -shift);

        // Grid index j stands for ln P = shift - j Step; mass past the last index is unique for certain.
        var floor = -Math.Log(others) - Margin - shift;
        if (floor >= 0)
            return new UniquenessEstimate(n, combined, UniqueGiven(shift, others), anonymitySet);
        var size = (int)Math.Ceiling(-floor / Step) + 1;
        // Two grids of a few thousand values per estimate, and a rule estimates every release: borrowed, not made.
        var rentedMass = ArrayPool<double>.Shared.Rent(size);
        var rentedNext = ArrayPool<double>.Shared.Rent(size);
        try
        {
            return Convolve(list, n, others, shift, combined, anonymitySet, size, rentedMass, rentedNext);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rentedMass);
            ArrayPool<double>.Shared.Return(rentedNext);
        }
    }

    /// <summary>Convolves the skewed attributes' size-weighted ln q on a grid of <paramref name="size"/> steps and sums the uniques.</summary>
    private static UniquenessEstimate Convolve(IReadOnlyList<ValueDistribution> list, long n, double others, double shift, double combined,
        double anonymitySet, int size, double[] mass, double[] next)
    {
        Array.Clear(mass, 0, size);
        Array.Clear(next, 0, size);
        mass[0] = 1;
        int low = 0, high = 0;
        var certain = 0.0;
        foreach (var attribute in list)
        {
            if (attribute.IsUniform)
                continue;
            var offsets = Binned.GetValue(attribute, Offsets.Of);
            int newLow = size, newHigh = -1;
            for (var j = low; j <= high; j++)
            {
                var m = mass[j];
                if (m == 0)
                    continue;
                for (var o = 0; o < offsets.Index.Length; o++)
                {
                    var t = j + offsets.Index[o];
                    var add = m * offsets.Mass[o];
                    if (t >= size)
                    {
                        certain += add;
                        continue;
                    }

                    next[t] += add;
                    if (t < newLow)
                        newLow = t;
                    if (t > newHigh)
                        newHigh = t;
                }
            }

            (mass, next) = (next, mass);
            Array.Clear(next, low, high - low + 1);
            if (newHigh < 0)
            {
                low = high = 0;
                mass[0] = 0;
                break;
            }

            low = newLow;
            high = newHigh;
        }

        var unique = certain;
        for (var j = low; j <= high; j++)
        {
            if (mass[j] > 0)
                unique += mass[j] * UniqueGiven(shift - j * Step, others);
        }

        return new UniquenessEstimate(n, combined, Math.Clamp(unique, 0, 1), anonymitySet);
    }

    /// <summary>(1 - P)^(N-1) for ln P = <paramref name="logP"/>: the chance that no one else has a combination of probability P.</summary>
    private static double UniqueGiven(double logP, double others)
    {
        if (logP >= 0)
            return 0;
        var p = Math.Exp(logP);
        // log(1 - p), by its series for small p, where 1 - p loses digits (the remainder p^4/4 is below 3e-17).
        var log = p < 1e-4 ? -p - (p * p / 2) - (p * p * p / 3) : Math.Log(1 - p);
        return Math.Exp(others * log);
    }

    /// <summary>An attribute's size-weighted ln q on the grid: distinct offsets (in steps below 0) and the people at each.</summary>
    private sealed class Offsets
    {
        public required int[] Index { get; init; }

        public required double[] Mass { get; init; }

        public static Offsets Of(ValueDistribution distribution)
        {
            var byIndex = new SortedDictionary<int, double>();
            var total = 0.0;
            foreach (var group in distribution.Groups)
            {
                var people = group.Share * group.Count;
                var index = (int)Math.Round(-Math.Log(Math.Min(1, group.Share)) / Step, MidpointRounding.AwayFromZero);
                byIndex[index] = byIndex.GetValueOrDefault(index) + people;
                total += people;
            }

            return new Offsets
            {
                Index = [.. byIndex.Keys],
                Mass = [.. byIndex.Values.Select(m => m / total)],
            };
        }
    }
}
