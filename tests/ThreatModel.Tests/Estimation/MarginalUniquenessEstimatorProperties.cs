using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Estimation;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class MarginalUniquenessEstimatorProperties
{
    private static long Population(PositiveInt n) => 1 + (n.Get % 5_000_000);

    private static double[] Weights(NonEmptyArray<PositiveInt> values) => [.. values.Get.Take(60).Select(v => 1.0 + (v.Get % 1000))];

    private static ValueDistribution Skewed(double[] weights) => ValueDistribution.FromWeights(weights, "generated");

    [Property]
    public bool AddingAQuasiIdentifier_NeverLowersTheUniqueShare(PositiveInt n, NonEmptyArray<PositiveInt> a, NonEmptyArray<PositiveInt> b, NonEmptyArray<PositiveInt> added)
    {
        var population = Population(n);
        ValueDistribution[] before = [Skewed(Weights(a)), ValueDistribution.Uniform(1 + (b.Get[0].Get % 500)), Skewed(Weights(b))];

        var without = MarginalUniquenessEstimator.Estimate(population, before);
        var with = MarginalUniquenessEstimator.Estimate(population, [.. before, Skewed(Weights(added))]);

        return with.ExpectedUniqueShare >= without.ExpectedUniqueShare - 1e-12 && with.ExpectedAnonymitySet <= without.ExpectedAnonymitySet + 1e-9;
    }

    [Property]
    public bool MergingTwoValuesOfAnAttribute_NeverRaisesTheUniqueShare(PositiveInt n, NonEmptyArray<PositiveInt> a, NonEmptyArray<PositiveInt> b, PositiveInt first, PositiveInt second)
    {
        var population = Population(n);
        var weights = Weights(a);
        if (weights.Length < 2)
            return true;
        var i = first.Get % weights.Length;
        var j = second.Get % weights.Length;
        if (i == j)
            j = (j + 1) % weights.Length;
        var merged = weights.Where((_, k) => k != j).ToArray();
        merged[i < j ? i : i - 1] = weights[i] + weights[j];
        var other = Skewed(Weights(b));

        var fine = MarginalUniquenessEstimator.Estimate(population, [Skewed(weights), other]);
        var coarse = MarginalUniquenessEstimator.Estimate(population, [Skewed(merged), other]);

        return coarse.ExpectedUniqueShare <= fine.ExpectedUniqueShare + 1e-12 && coarse.ExpectedAnonymitySet >= fine.ExpectedAnonymitySet - 1e-9;
    }

    [Property]
    public bool TheUniqueShare_IsAShare(PositiveInt n, NonEmptyArray<PositiveInt> a, NonEmptyArray<PositiveInt> b)
    {
        var estimate = MarginalUniquenessEstimator.Estimate(Population(n), [Skewed(Weights(a)), Skewed(Weights(b))]);

        return estimate.ExpectedUniqueShare is >= 0 and <= 1 && estimate.ExpectedAnonymitySet >= 1;
    }
}

public class PresetLadderTests
{
    [Theory]
    [InlineData("birth-date", "birth-month-year", "birth-year", "age-band-5y", "age-band-10y")]
    [InlineData("zip5", "county", "zip3")]
    [InlineData("street-address", "street", "city-block", "zip5")]
    public void EachStepDownAPresetLadder_NeverRaisesTheUniqueShare(params string[] ladder)
    {
        foreach (var population in new long[] { 50_000, 1_100_000, 248_709_873 })
        {
            var others = new[] { "gender", "birth-year", "zip5" }.Where(o => !ladder.Contains(o))
                .Select(o => Knowledge.QuasiIdentifierDistributions.Of(Model.QuasiIdentifierPresets.Resolve(o)!, population)).ToList();
            var previous = double.PositiveInfinity;
            foreach (var step in ladder)
            {
                var spec = Model.QuasiIdentifierPresets.Resolve(step)!;
                var share = ThreatModel.Estimation.MarginalUniquenessEstimator.Estimate(population, [.. others, Knowledge.QuasiIdentifierDistributions.Of(spec, population)]).ExpectedUniqueShare;
                share.Should().BeLessThanOrEqualTo(previous + 1e-12, $"{step} is coarser than the step before it at {population:N0} people");
                previous = share;
            }
        }
    }
}
