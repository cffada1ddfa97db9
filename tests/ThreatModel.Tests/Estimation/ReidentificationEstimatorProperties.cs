using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Estimation;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Estimation;

public class ReidentificationEstimatorProperties
{
    private static long Population(PositiveInt n) => 1 + (n.Get % 50_000_000);

    private static double[] Cardinalities(NonEmptyArray<PositiveInt> values) => [.. values.Get.Select(v => 1.0 + (v.Get % 100_000))];

    [Property]
    public bool CoarseningAnAttribute_NeverRaisesUniquenessNorShrinksTheAnonymitySet(PositiveInt n, NonEmptyArray<PositiveInt> values, PositiveInt which, PositiveInt divisor)
    {
        var population = Population(n);
        var cardinalities = Cardinalities(values);
        var coarser = (double[])cardinalities.Clone();
        var i = which.Get % coarser.Length;
        coarser[i] = Math.Max(1, coarser[i] / (1 + (divisor.Get % 1000)));

        var before = ReidentificationEstimator.Estimate(population, cardinalities);
        var after = ReidentificationEstimator.Estimate(population, coarser);
        return after.ExpectedUniqueShare <= before.ExpectedUniqueShare + 1e-12 && after.ExpectedAnonymitySet >= before.ExpectedAnonymitySet - 1e-9;
    }

    [Property]
    public bool DroppingAnAttribute_NeverRaisesUniqueness(PositiveInt n, NonEmptyArray<PositiveInt> values, PositiveInt which)
    {
        var population = Population(n);
        var cardinalities = Cardinalities(values);
        var i = which.Get % cardinalities.Length;
        var dropped = cardinalities.Where((_, index) => index != i).ToArray();

        var before = ReidentificationEstimator.Estimate(population, cardinalities);
        var after = ReidentificationEstimator.Estimate(population, dropped);
        return after.ExpectedUniqueShare <= before.ExpectedUniqueShare + 1e-12 && after.ExpectedAnonymitySet >= before.ExpectedAnonymitySet - 1e-9;
    }

    [Property]
    public bool AddingAnAttribute_NeverLowersUniqueness(PositiveInt n, NonEmptyArray<PositiveInt> values, PositiveInt added)
    {
        var population = Population(n);
        var cardinalities = Cardinalities(values);

        var before = ReidentificationEstimator.Estimate(population, cardinalities);
        var after = ReidentificationEstimator.Estimate(population, [.. cardinalities, 1.0 + (added.Get % 100_000)]);
        return after.ExpectedUniqueShare >= before.ExpectedUniqueShare - 1e-12 && after.ExpectedAnonymitySet <= before.ExpectedAnonymitySet + 1e-9;
    }

    [Property]
    public bool Protection_NeverRaisesUniquenessNorShrinksTheAnonymitySet(PositiveInt n, NonEmptyArray<PositiveInt> values, PositiveInt k, PositiveInt epsilonTenths)
    {
        var population = Population(n);
        var cardinalities = Cardinalities(values);
        var records = ReidentificationEstimator.ForRelease(population, cardinalities, ReleaseProtection.None);
        var threshold = 1 + (k.Get % 100);
        var epsilon = (epsilonTenths.Get % 200) / 10.0 + 0.05;

        return new[] { new ReleaseProtection(threshold, null), new ReleaseProtection(null, epsilon), new ReleaseProtection(threshold, epsilon) }
            .Select(p => ReidentificationEstimator.ForRelease(population, cardinalities, p))
            .All(p => p.ExpectedUniqueShare <= records.ExpectedUniqueShare + 1e-12 && p.ExpectedAnonymitySet >= records.ExpectedAnonymitySet - 1e-9);
    }

    [Property]
    public bool LargerEpsilon_NeverProtectsMore(PositiveInt n, NonEmptyArray<PositiveInt> values, PositiveInt a, PositiveInt b)
    {
        var population = Population(n);
        var cardinalities = Cardinalities(values);
        var small = Math.Min(a.Get % 200, b.Get % 200) / 10.0 + 0.05;
        var large = Math.Max(a.Get % 200, b.Get % 200) / 10.0 + 0.05;

        var strong = ReidentificationEstimator.ForRelease(population, cardinalities, new ReleaseProtection(null, small));
        var weak = ReidentificationEstimator.ForRelease(population, cardinalities, new ReleaseProtection(null, large));
        return (!strong.RecordLevelApplies || strong.ExpectedUniqueShare <= weak.ExpectedUniqueShare + 1e-12)
            && (weak.RecordLevelApplies || !strong.RecordLevelApplies);
    }
}
