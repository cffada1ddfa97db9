using ThreatModel.Graph;

namespace ThreatModel.Rules.Support;

/// <summary>Orders holdings by their witness path: shorter first, equally short ones by flow id, flow by flow.</summary>
internal sealed class WitnessOrder : IComparer<Holding>
{
    /// <summary>The one instance.</summary>
    public static WitnessOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Holding? x, Holding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return IndividualHoldings.ComparePaths(x.PathIds, y.PathIds);
    }
}
