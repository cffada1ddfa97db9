using ThreatModel.Estimation;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

/// <summary>
/// The size-weighted estimator against published figures it was not fitted to. Nothing here was tuned: the distributions
/// come from census marginals (docs/estimation.md), the tolerances are stated per check.
/// </summary>
public class MarginalUniquenessEstimatorTests
{
    private const long Us1990 = 248_709_873;
    private const long Us2000 = 281_421_906;

    private static ValueDistribution Preset(string name, long population) => QuasiIdentifierDistributions.Of(QuasiIdentifierPresets.Resolve(name)!, population);

    [Fact]
    public void ZipGenderBirthDate_2000Census_IsNearGolles63Percent()
    {
        // Golle (2006): 63% of the 2000 population unique on ZIP (33,233 ZCTAs), gender and full date of birth.
        // Tolerance: 8 percentage points (the ZCTA sizes are a lognormal fitted to 2010 median and mean, not the 2000 counts).
        var zip = QuasiIdentifierDistributions.ZipAreas(Us2000 / 33_233.0, Us2000);

        var estimate = MarginalUniquenessEstimator.Estimate(Us2000, [zip, Preset("gender", Us2000), Preset("birth-date", Us2000)]);

        estimate.ExpectedUniqueShare.Should().BeApproximately(0.63, 0.08);
    }

    [Fact]
    public void ZipGenderBirthDate_1990Census_IsBelowSweeneysUniform87PercentAndNearGollesRerun()
    {
        // Sweeney (2000) reported 87% for 1990 with averages; Golle re-ran the 1990 data and found about 61%.
        var estimate = MarginalUniquenessEstimator.Estimate(Us1990, [Preset("zip5", Us1990), Preset("gender", Us1990), Preset("birth-date", Us1990)]);

        estimate.ExpectedUniqueShare.Should().BeApproximately(0.61, 0.08);
        estimate.ExpectedUniqueShare.Should().BeLessThan(0.87 - 0.1);
    }

    [Fact]
    public void CountyGenderBirthDate_1990Census_IsNearSweeneys18Percent()
    {
        // Sweeney (2000): 18% unique on county, gender and date of birth in 1990, with 3,141 counties.
        // Tolerance: a factor of 1.5 either way (9% to 27%): county sizes are the 2020 shape scaled to the 1990 mean.
        var counties = QuasiIdentifierDistributions.Counties(Us1990 / 3_141.0, Us1990);

        var estimate = MarginalUniquenessEstimator.Estimate(Us1990, [counties, Preset("gender", Us1990), Preset("birth-date", Us1990)]);

        estimate.ExpectedUniqueShare.Should().BeInRange(0.18 / 1.5, 0.18 * 1.5);
    }

    [Fact]
    public void ZipGenderBirthYear_IsSmallButNotNil()
    {
        // The uniform model says 3.6e-22 % for 1990; Golle (2006) counted a small share unique on ZIP, gender and year of
        // birth. Stated band: between 0.01% and 2%.
        var estimate = MarginalUniquenessEstimator.Estimate(Us1990, [Preset("zip5", Us1990), Preset("gender", Us1990), Preset("birth-year", Us1990)]);

        estimate.ExpectedUniqueShare.Should().BeInRange(0.0001, 0.02);
    }

    [Fact]
    public void AddingNationality_MovesUniquenessByLittle_NotTo95Percent()
    {
        // Issue 13: a uniform nationality of 195 values turned ZIP + gender + birth year + marital status from 0.005% into 95%.
        // With one nationality holding most people the rare ones still stand out, but most people do not.
        IReadOnlyList<ValueDistribution> without = [Preset("zip5", Us1990), Preset("gender", Us1990), Preset("birth-year", Us1990), Preset("marital-status", Us1990)];
        var before = MarginalUniquenessEstimator.Estimate(Us1990, without);
        var after = MarginalUniquenessEstimator.Estimate(Us1990, [.. without, Preset("nationality", Us1990)]);

        after.ExpectedUniqueShare.Should().BeGreaterThan(before.ExpectedUniqueShare).And.BeLessThan(0.2);
    }

    [Fact]
    public void EquallyCommonValues_GiveTheUniformCellModelExactly()
    {
        var marginal = MarginalUniquenessEstimator.Estimate(9_330, [ValueDistribution.Uniform(365 * 78), ValueDistribution.Uniform(2)]);
        var uniform = ReidentificationEstimator.Estimate(9_330, [365 * 78, 2]);

        marginal.ExpectedUniqueShare.Should().Be(uniform.ExpectedUniqueShare);
        marginal.ExpectedAnonymitySet.Should().BeApproximately(uniform.ExpectedAnonymitySet, 1e-9);
    }

    [Fact]
    public void SkewedAttribute_RaisesTheAnonymitySetAboveTheUniformOne()
    {
        // Most people share the common values: the size-weighted crowd a record hides in is larger than N/K.
        var skewed = MarginalUniquenessEstimator.Estimate(1_000_000, [ValueDistribution.FromWeights([.. Enumerable.Range(1, 100).Select(r => 1.0 / r)], "Zipf")]);
        var uniform = MarginalUniquenessEstimator.Estimate(1_000_000, [ValueDistribution.Uniform(100)]);

        skewed.ExpectedAnonymitySet.Should().BeGreaterThan(uniform.ExpectedAnonymitySet);
    }

    [Fact]
    public void ThousandsOfSkewedAttributes_AreEstimatedQuickly()
    {
        var attributes = Enumerable.Range(0, 4_000).Select(i => Preset(i % 2 == 0 ? "birth-date" : "zip5", 50_000_000)).ToList();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var estimate = MarginalUniquenessEstimator.Estimate(50_000_000, attributes);

        clock.Stop();
        estimate.ExpectedUniqueShare.Should().BeApproximately(1, 1e-9);
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void CountyPreset_ReproducesThePublishedCountyQuartilesItWasNotFittedTo()
    {
        // The county shape was fitted to the 2020 median (25,705) and mean (105,535); the quartiles (10,930 and 68,928) were not used.
        // Check: the people living in counties below the first quartile are a few percent of the population, not a quarter.
        var counties = QuasiIdentifierDistributions.Counties(105_535, 331_449_281);

        var people = counties.Groups.Where(g => g.Share * 331_449_281 < 10_930).Sum(g => g.Share * g.Count);

        // A quarter of the counties below 10,930 people hold at most 0.25 x 10,930 x 3,143 / 331 million = 2.6% of the people.
        people.Should().BeLessThan(0.026);
    }
}
