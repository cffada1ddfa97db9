namespace ThreatModel.Graph;

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
        return ComparePaths(x.Path, y.Path);
    }

    /// <summary>As <see cref="IndividualHoldings.ComparePaths"/> on the flow ids, without building lists of them.</summary>
    public static int ComparePaths(IReadOnlyList<Model.Flow> a, IReadOnlyList<Model.Flow> b)
    {
        if (a.Count != b.Count)
            return a.Count.CompareTo(b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            var c = string.CompareOrdinal(a[i].Id, b[i].Id);
            if (c != 0)
                return c;
        }

        return 0;
    }
}
