using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Estimation;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Estimation;

public class ProximityEstimatorProperties
{
    private static readonly ProximityAnswer[] Answers = [ProximityAnswer.Location, ProximityAnswer.Distance, ProximityAnswer.WithinRadius];

    private static ProximityExposure Exposure(PositiveInt density, PositiveInt precision, NonNegativeInt answer, NonNegativeInt displayed, NonNegativeInt radius, bool querier, NonNegativeInt grid) =>
        new(
            1 + density.Get % 200_000,
            1 + precision.Get % 20_000,
            Answers[answer.Get % Answers.Length],
            displayed.Get % 3 == 0 ? null : 1 + displayed.Get % 20_000,
            radius.Get % 3 == 0 ? null : 1 + radius.Get % 20_000,
            querier,
            grid.Get % 2 == 0 ? null : 1 + grid.Get % 20_000);

    [Property]
    public bool LargerRadius_NeverShrinksTheAnonymitySet(PositiveInt density, PositiveInt precision, NonNegativeInt answer, NonNegativeInt displayed, NonNegativeInt radius, bool querier, NonNegativeInt grid, PositiveInt more)
    {
        var exposure = Exposure(density, precision, answer, displayed, radius, querier, grid);
        var wider = exposure with { RadiusMetres = (exposure.RadiusMetres ?? 0) + more.Get % 20_000 };
        return ProximityEstimator.Estimate(wider).ExpectedAnonymitySet >= ProximityEstimator.Estimate(exposure).ExpectedAnonymitySet - 1e-9;
    }

    [Property]
    public bool LowerPrecision_NeverShrinksTheAnonymitySet(PositiveInt density, PositiveInt precision, NonNegativeInt answer, NonNegativeInt displayed, NonNegativeInt radius, bool querier, NonNegativeInt grid, PositiveInt more)
    {
        var exposure = Exposure(density, precision, answer, displayed, radius, querier, grid);
        var coarser = exposure with { LocationPrecisionMetres = exposure.LocationPrecisionMetres + more.Get % 20_000 };
        var shownCoarser = exposure with { DisplayedPrecisionMetres = (exposure.DisplayedPrecisionMetres ?? 0) + more.Get % 20_000 };
        var gridCoarser = exposure.SnapToGridMetres is { } g ? exposure with { SnapToGridMetres = g + more.Get % 20_000 } : exposure;
        var before = ProximityEstimator.Estimate(exposure).ExpectedAnonymitySet - 1e-9;
        return ProximityEstimator.Estimate(coarser).ExpectedAnonymitySet >= before
            && ProximityEstimator.Estimate(shownCoarser).ExpectedAnonymitySet >= before
            && ProximityEstimator.Estimate(gridCoarser).ExpectedAnonymitySet >= before;
    }

    [Property]
    public bool LargerDensity_NeverShrinksTheAnonymitySet(PositiveInt density, PositiveInt precision, NonNegativeInt answer, NonNegativeInt displayed, NonNegativeInt radius, bool querier, NonNegativeInt grid, PositiveInt more)
    {
        var exposure = Exposure(density, precision, answer, displayed, radius, querier, grid);
        var denser = exposure with { DensityPerSquareKilometre = exposure.DensityPerSquareKilometre + more.Get % 200_000 };
        return ProximityEstimator.Estimate(denser).ExpectedAnonymitySet >= ProximityEstimator.Estimate(exposure).ExpectedAnonymitySet - 1e-9;
    }

    [Property]
    public bool SnappingToAGrid_NeverShrinksTheAnonymitySet(PositiveInt density, PositiveInt precision, NonNegativeInt answer, NonNegativeInt displayed, NonNegativeInt radius, bool querier, PositiveInt cell)
    {
        var exposure = Exposure(density, precision, answer, displayed, radius, querier, NonNegativeInt.NewNonNegativeInt(0));
        var snapped = exposure with { SnapToGridMetres = 1 + cell.Get % 20_000 };
        return ProximityEstimator.Estimate(snapped).ExpectedAnonymitySet >= ProximityEstimator.Estimate(exposure).ExpectedAnonymitySet - 1e-9;
    }
}
