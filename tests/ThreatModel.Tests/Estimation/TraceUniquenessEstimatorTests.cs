using ThreatModel.Estimation;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Estimation;

public class TraceUniquenessEstimatorTests
{
    [Fact]
    public void Mobility_HitsTheUniqueInTheCrowdAnchors()
    {
        // de Montjoye et al. 2013: one location an hour at antenna level; 4 points single out 95%, 2 points more than 50%.
        TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, null, 60).ExpectedUniqueShare.Should().BeApproximately(0.95, 0.001);
        TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 2, null, 60).ExpectedUniqueShare.Should().BeApproximately(0.50, 0.001);
    }

    [Fact]
    public void Transactions_HitTheShoppingMallAnchors()
    {
        // de Montjoye et al. 2015: 4 (shop, day) points single out 90%; 2 points more than 40%.
        TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 4, null, 1440).ExpectedUniqueShare.Should().BeApproximately(0.90, 0.001);
        TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 2, null, 1440).ExpectedUniqueShare.Should().BeGreaterThan(0.40);
    }

    [Fact]
    public void HalvingTheResolution_CostsAboutNinePercent()
    {
        // de Montjoye et al. 2013: at p = 4, halving the resolution lowers unicity by only about 9.3%.
        var fine = TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, null, 60).ExpectedUniqueShare;
        var coarse = TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, null, 120).ExpectedUniqueShare;

        (fine / coarse - 1).Should().BeApproximately(0.093, 0.002);
    }

    [Fact]
    public void FiveAntennasAndFiveHours_StillSingleOutMoreThanHalf()
    {
        // 5 antenna areas of 1.5 km² merged: a disk of 7.5 km², radius about 1,545 m.
        var radius = Math.Sqrt(7.5 / Math.PI) * 1000;

        var estimate = TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, radius, 300);

        estimate.ExpectedUniqueShare.Should().BeGreaterThan(0.5).And.BeLessThan(0.7);
        estimate.CoarserThanStudied.Should().BeFalse();
    }

    [Fact]
    public void GpsTraces_AreTakenAtTheStudiedResolution_AsALowerBound()
    {
        var estimate = TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, 10, 5);

        estimate.FinerThanStudied.Should().BeTrue();
        estimate.ExpectedUniqueShare.Should().BeApproximately(0.95, 0.001);
    }

    [Theory]
    [InlineData(200, 4)]
    [InlineData(3, 3)]
    [InlineData(1, 1)]
    [InlineData(0, 1)]
    public void KnownPoints_AreNeverMoreThanThePointsHeld(int held, int expected) =>
        TraceUniquenessEstimator.KnownPoints(held).Should().Be(expected);

    [Fact]
    public void KnownPrice_RaisesUnicity()
    {
        var without = TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 2, null, 1440).ExpectedUniqueShare;
        var with = TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 2, null, 1440, priceKnown: true).ExpectedUniqueShare;

        with.Should().BeApproximately(1 - (1 - without) * 0.78, 1e-12);
    }

    [Fact]
    public void CoarseningNeeded_ReachesTheTarget_AndIsHuge()
    {
        var factor = TraceUniquenessEstimator.CoarseningNeeded(TraceKind.Transactions, 4, 0.05);
        var radius = TraceUniquenessEstimator.ShopRadiusMetres * Math.Sqrt(factor);

        factor.Should().BeGreaterThan(1e6, "unicity falls only as about the 1/10 power of resolution");
        TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 4, radius, 1440).ExpectedUniqueShare.Should().BeLessThanOrEqualTo(0.05 + 1e-9);
    }

    [Fact]
    public void NeverClaimsCertainty()
    {
        TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 500, null, 1).ExpectedUniqueShare.Should().Be(TraceUniquenessEstimator.Cap);
    }
}
