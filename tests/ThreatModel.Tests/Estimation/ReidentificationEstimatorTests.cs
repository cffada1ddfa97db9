using ThreatModel.Estimation;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class ReidentificationEstimatorTests
{
    private static double Cardinality(string preset, long population) => QuasiIdentifierPresets.Resolve(preset)!.CardinalityIn(population);

    [Fact]
    public void ReproducesSweeney_ZipGenderBirthDate_US1990_IsMostlyUnique()
    {
        const long us1990 = 248_000_000;

        var estimate = ReidentificationEstimator.Estimate(us1990, [Cardinality("zip5", us1990), Cardinality("gender", us1990), Cardinality("birth-date", us1990)]);

        // Sweeney (2000) reported 87%; Golle (2006) 63% on the 2000 census. The uniform model lands near Sweeney.
        estimate.ExpectedUniqueShare.Should().BeInRange(0.80, 0.95);
        estimate.ExpectedAnonymitySet.Should().BeInRange(1.0, 1.3);
    }

    [Fact]
    public void ReproducesTheSimulatedZipSexBirthdateCase()
    {
        // N = 9,330 in one ZIP, K = 365 x 78 x 2: simulations gave 84.3-85.7% (J. D. Cook 2018); closed form 84.9%.
        var estimate = ReidentificationEstimator.Estimate(9_330, [365 * 78, 2]);

        estimate.ExpectedUniqueShare.Should().BeApproximately(0.849, 0.002);
    }

    [Fact]
    public void CountyInsteadOfZip_SinglesOutFarFewer()
    {
        const long us1990 = 248_000_000;
        var zip = ReidentificationEstimator.Estimate(us1990, [Cardinality("zip5", us1990), 2, Cardinality("birth-date", us1990)]);
        var county = ReidentificationEstimator.Estimate(us1990, [Cardinality("county", us1990), 2, Cardinality("birth-date", us1990)]);

        // Sweeney reported 18% with county; the uniform model gives about 17%.
        county.ExpectedUniqueShare.Should().BeLessThan(zip.ExpectedUniqueShare).And.BeInRange(0.10, 0.25);
    }

    [Fact]
    public void AggregationThreshold_LeavesNoUniqueRecordAndAnAnonymitySetOfAtLeastK()
    {
        var release = ReidentificationEstimator.ForRelease(1_000_000, [29_220, 2, 126], new ReleaseProtection(20, null));

        release.RecordLevelApplies.Should().BeTrue();
        release.ExpectedUniqueShare.Should().Be(0);
        release.ExpectedAnonymitySet.Should().BeGreaterThanOrEqualTo(20);
        release.Records.ExpectedUniqueShare.Should().BeGreaterThan(0.8);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    public void StrongDifferentialPrivacy_MakesRecordLevelEstimatesInapplicable(double epsilon)
    {
        var release = ReidentificationEstimator.ForRelease(1_000_000, [29_220, 2, 126], new ReleaseProtection(null, epsilon));

        release.RecordLevelApplies.Should().BeFalse();
        release.Meets(0.05, 10).Should().BeTrue();
    }

    [Theory]
    [InlineData(2.0, 0.7616)]
    [InlineData(6.0, 0.9951)]
    public void WeakDifferentialPrivacy_CapsSinglingOutAtTheAdvantageBound(double epsilon, double bound)
    {
        var release = ReidentificationEstimator.ForRelease(1_000_000, [29_220, 2, 126], new ReleaseProtection(null, epsilon));

        release.RecordLevelApplies.Should().BeTrue();
        release.ExpectedUniqueShare.Should().BeApproximately(Math.Min(bound, release.Records.ExpectedUniqueShare), 1e-4);
        release.Meets(0.05, 10).Should().BeFalse();
    }

    [Fact]
    public void DifferentialPrivacyBound_GrowsWithEpsilon()
    {
        DifferentialPrivacy.AdvantageBound(0.1).Should().BeLessThan(DifferentialPrivacy.AdvantageBound(1));
        DifferentialPrivacy.AdvantageBound(1).Should().BeApproximately(0.4621, 1e-4);
        DifferentialPrivacy.OddsBound(1).Should().BeApproximately(Math.E, 1e-12);
        DifferentialPrivacy.PosteriorBound(0.5, Math.Log(3)).Should().BeApproximately(0.75, 1e-12);
    }

    [Fact]
    public void MaximumCombinedCardinality_IsTheEdgeOfTheThresholds()
    {
        const long population = 1_000_000;
        var max = ReidentificationEstimator.MaximumCombinedCardinality(population, 0.05, 10);

        ReidentificationEstimator.FromLogCardinality(population, Math.Log(max)).Should().Match<UniquenessEstimate>(e => e.ExpectedUniqueShare <= 0.05 + 1e-9 && e.ExpectedAnonymitySet >= 10 - 1e-9);
        var beyond = ReidentificationEstimator.FromLogCardinality(population, Math.Log(max * 1.01));
        (beyond.ExpectedUniqueShare > 0.05 || beyond.ExpectedAnonymitySet < 10).Should().BeTrue();
    }

    [Fact]
    public void ProtectionsCombineToTheStrongerAlongOnePath()
    {
        var combined = new ReleaseProtection(5, 4).Combine(new ReleaseProtection(20, null)).Combine(new ReleaseProtection(null, 0.5));

        combined.Should().Be(new ReleaseProtection(20, 0.5));
    }

    [Fact]
    public void LongAttributeLists_DoNotOverflow()
    {
        var estimate = ReidentificationEstimator.Estimate(1_000, Enumerable.Repeat(1e30, 40));

        estimate.ExpectedUniqueShare.Should().Be(1);
        double.IsFinite(estimate.ExpectedAnonymitySet).Should().BeTrue();
    }
}
