using ThreatModel.Estimation;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class ProximityEstimatorTests
{
    [Theory]
    [InlineData(50, 1_000, 157)]
    [InlineData(1_500, 500, 1_178)]
    [InlineData(7_000, 100, 220)]
    [InlineData(20_000, 500, 15_708)]
    [InlineData(27_000, 1_000, 84_823)]
    [InlineData(130_000, 100, 4_084)]
    public void AnonymitySet_IsDensityTimesPiRSquared(double density, double radius, double expected) =>
        ProximityEstimator.AnonymitySet(density, radius).Should().BeApproximately(expected, 1);

    [Fact]
    public void AnonymitySet_IsNeverBelowOne()
    {
        ProximityEstimator.AnonymitySet(50, 10).Should().Be(1);
    }

    [Theory]
    [InlineData(50, 50, 1_000)]
    [InlineData(20_000, 50, 50)]
    public void GridCell_HoldsTheRequiredPeople(double density, double people, double side) =>
        ProximityEstimator.GridCellFor(density, people).Should().BeApproximately(side, 0.01);

    [Fact]
    public void QuerierChosenWithinRadius_CollapsesToTheStoredPrecision()
    {
        var estimate = ProximityEstimator.Estimate(new ProximityExposure(7_000, 10, ProximityAnswer.WithinRadius, RadiusMetres: 500, QuerierChoosesPosition: true));

        estimate.Trilateration.Should().BeTrue();
        estimate.EffectivePrecisionMetres.Should().BeApproximately(10, 1e-9);
        estimate.ExpectedAnonymitySet.Should().BeApproximately(2.2, 0.01);
    }

    [Fact]
    public void QuerierChosenRoundedDistance_StillCollapses_NeverFinerThanFiveMetres()
    {
        var estimate = ProximityEstimator.Estimate(new ProximityExposure(7_000, 1, ProximityAnswer.Distance, DisplayedPrecisionMetres: 1_000, QuerierChoosesPosition: true));

        estimate.Trilateration.Should().BeTrue();
        estimate.EffectivePrecisionMetres.Should().BeApproximately(ProximityEstimator.TrilaterationResolutionMetres, 1e-9);
    }

    [Fact]
    public void GridSnappedBeforeDistances_BoundsTheRegionByTheCell()
    {
        var estimate = ProximityEstimator.Estimate(new ProximityExposure(7_000, 10, ProximityAnswer.WithinRadius, RadiusMetres: 500, QuerierChoosesPosition: true, SnapToGridMetres: 1_000));

        estimate.Trilateration.Should().BeFalse();
        estimate.GridSnapped.Should().BeTrue();
        estimate.AreaSquareKilometres.Should().BeApproximately(1, 1e-12);
        estimate.ExpectedAnonymitySet.Should().BeApproximately(7_000, 1e-6);
    }

    [Fact]
    public void VerifiedPositionWithinRadius_PlacesThePersonInTheDisk()
    {
        var estimate = ProximityEstimator.Estimate(new ProximityExposure(20_000, 10, ProximityAnswer.WithinRadius, RadiusMetres: 500));

        estimate.Trilateration.Should().BeFalse();
        estimate.ExpectedAnonymitySet.Should().BeApproximately(15_708, 1);
    }

    [Fact]
    public void RateLimit_DoesNotChangeTheEstimate()
    {
        var open = new ProximityExposure(7_000, 10, ProximityAnswer.WithinRadius, RadiusMetres: 500, QuerierChoosesPosition: true);

        ProximityEstimator.Estimate(open with { RateLimitPerDay = 50 }).Should().Be(ProximityEstimator.Estimate(open));
    }

    [Fact]
    public void ShownLocation_IsTakenAtItsDisplayedPrecision()
    {
        var estimate = ProximityEstimator.Estimate(new ProximityExposure(7_000, 10, ProximityAnswer.Location, DisplayedPrecisionMetres: 1_000));

        estimate.ExpectedAnonymitySet.Should().BeApproximately(21_991, 1);
    }
}
