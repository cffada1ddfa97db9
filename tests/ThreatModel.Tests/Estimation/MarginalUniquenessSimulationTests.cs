using ThreatModel.Estimation;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

/// <summary>
/// The estimator against synthetic populations drawn from the same marginals with a fixed seed: count the people no one
/// else shares a combination with. Stated tolerance: 0.5 percentage point (measured: 0.07 to 0.12 point) (sampling noise at 200,000 people is about 0.1
/// point; the estimator rounds each skewed attribute's ln q to 1/64 nat).
/// </summary>
public class MarginalUniquenessSimulationTests
{
    private const int People = 200_000;
    private const double Tolerance = 0.005;

    private static ValueDistribution Areas(int count, double sigma)
    {
        // Area sizes at evenly spaced lognormal quantiles: a skewed geography of `count` areas.
        var sizes = Enumerable.Range(0, count).Select(i => Math.Exp(sigma * Probit((i + 0.5) / count))).ToArray();
        return ValueDistribution.FromWeights(sizes, "areas");
    }

    private static double Probit(double p)
    {
        // Abramowitz & Stegun 26.2.23 (error below 4.5e-4): enough to make sizes skewed; the simulation draws from the
        // distribution as built, whatever its exact shape.
        var t = Math.Sqrt(-2 * Math.Log(Math.Min(p, 1 - p)));
        var z = t - ((2.515517 + (0.802853 * t) + (0.010328 * t * t)) / (1 + (1.432788 * t) + (0.189269 * t * t) + (0.001308 * t * t * t)));
        return p < 0.5 ? -z : z;
    }

    private static ValueDistribution Years() => ValueDistribution.FromWeights(QuasiIdentifierDistributions.PeopleByAge, "birth year");

    private static ValueDistribution Gender() => ValueDistribution.FromWeights([138_053_563, 143_368_343], "gender");

    private static double Simulate(IReadOnlyList<ValueDistribution> attributes, int seed)
    {
        var random = new Random(seed);
        var samplers = attributes.Select(a => new Sampler(a)).ToArray();
        var counts = new Dictionary<long, int>();
        var keys = new long[People];
        for (var person = 0; person < People; person++)
        {
            long key = 17;
            foreach (var sampler in samplers)
                key = unchecked((key * 1_000_003) + sampler.Draw(random));
            keys[person] = key;
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        return keys.Count(k => counts[k] == 1) / (double)People;
    }

    private static void AgreesWithSimulation(IReadOnlyList<ValueDistribution> attributes)
    {
        var simulated = Simulate(attributes, seed: 2026);

        var estimate = MarginalUniquenessEstimator.Estimate(People, attributes);

        estimate.ExpectedUniqueShare.Should().BeApproximately(simulated, Tolerance);
    }

    [Fact]
    public void SkewedAreas_Gender_BirthYear_AgreeWithASimulatedPopulation() =>
        AgreesWithSimulation([Areas(400, 1.5), Gender(), Years()]);

    [Fact]
    public void SkewedAreas_Gender_BirthDate_AgreeWithASimulatedPopulation() =>
        AgreesWithSimulation([Areas(100, 1.5), Gender(), Years().Split(365, "birth date")]);

    [Fact]
    public void HeavyTailedValues_AgreeWithASimulatedPopulation() =>
        AgreesWithSimulation([ValueDistribution.FromWeights([.. Enumerable.Range(1, 2_000).Select(r => 1.0 / r)], "Zipf"), Years(), Gender()]);

    [Fact]
    public void NearlyEveryoneUnique_AgreesWithASimulatedPopulation() =>
        AgreesWithSimulation([Areas(2_000, 2.0), Years().Split(12, "month"), Gender()]);

    /// <summary>Draws a value: a group by its people, then one of the group's values uniformly (counts must be whole).</summary>
    private sealed class Sampler
    {
        private readonly double[] _cumulative;
        private readonly long[] _first;
        private readonly long[] _count;

        public Sampler(ValueDistribution distribution)
        {
            var groups = distribution.Groups;
            _cumulative = new double[groups.Count];
            _first = new long[groups.Count];
            _count = new long[groups.Count];
            double total = 0;
            long first = 0;
            for (var g = 0; g < groups.Count; g++)
            {
                total += groups[g].Share * groups[g].Count;
                _cumulative[g] = total;
                _count[g] = (long)Math.Round(groups[g].Count);
                _first[g] = first;
                first += _count[g];
            }
        }

        public long Draw(Random random)
        {
            var u = random.NextDouble() * _cumulative[^1];
            var g = Array.BinarySearch(_cumulative, u);
            g = g < 0 ? Math.Min(~g, _cumulative.Length - 1) : g;
            return _first[g] + random.NextInt64(_count[g]);
        }
    }
}
