using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Estimation;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Estimation;

public class TraceUniquenessEstimatorProperties
{
    private static TraceKind Kind(bool transactions) => transactions ? TraceKind.Transactions : TraceKind.Mobility;

    private static double? Metres(NonNegativeInt value) => value.Get % 7 == 0 ? null : 1 + (value.Get % 50_000);

    private static double Minutes(PositiveInt value) => value.Get % 100_000;

    [Property]
    public bool MorePoints_NeverLowerUnicity(bool transactions, PositiveInt points, PositiveInt more, NonNegativeInt spatial, PositiveInt temporal, bool price)
    {
        var p = points.Get % 40 + 1;
        var fewer = TraceUniquenessEstimator.Estimate(Kind(transactions), p, Metres(spatial), Minutes(temporal), price);
        var moreKnown = TraceUniquenessEstimator.Estimate(Kind(transactions), p + more.Get % 40, Metres(spatial), Minutes(temporal), price);
        return moreKnown.ExpectedUniqueShare >= fewer.ExpectedUniqueShare - 1e-12;
    }

    [Property]
    public bool CoarserSpace_NeverRaisesUnicity(bool transactions, PositiveInt points, PositiveInt metres, PositiveInt factor, PositiveInt temporal)
    {
        var p = points.Get % 40 + 1;
        var fine = 1.0 + metres.Get % 50_000;
        var coarse = fine * (1 + factor.Get % 100);
        var a = TraceUniquenessEstimator.Estimate(Kind(transactions), p, fine, Minutes(temporal));
        var b = TraceUniquenessEstimator.Estimate(Kind(transactions), p, coarse, Minutes(temporal));
        return b.ExpectedUniqueShare <= a.ExpectedUniqueShare + 1e-12;
    }

    [Property]
    public bool CoarserTime_NeverRaisesUnicity(bool transactions, PositiveInt points, NonNegativeInt spatial, PositiveInt minutes, PositiveInt factor)
    {
        var p = points.Get % 40 + 1;
        var fine = 1.0 + minutes.Get % 100_000;
        var a = TraceUniquenessEstimator.Estimate(Kind(transactions), p, Metres(spatial), fine);
        var b = TraceUniquenessEstimator.Estimate(Kind(transactions), p, Metres(spatial), fine * (1 + factor.Get % 100));
        return b.ExpectedUniqueShare <= a.ExpectedUniqueShare + 1e-12;
    }

    [Property]
    public bool StaysAShare(bool transactions, PositiveInt points, NonNegativeInt spatial, PositiveInt temporal, bool price)
    {
        var u = TraceUniquenessEstimator.Estimate(Kind(transactions), points.Get, Metres(spatial), Minutes(temporal), price).ExpectedUniqueShare;
        return u is >= 0 and <= TraceUniquenessEstimator.Cap;
    }
}
