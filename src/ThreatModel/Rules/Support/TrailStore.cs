using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>
/// Trails of flows kept as predecessor links: a trail is its last flow and the trail before it, so extending a trail
/// by one flow costs one entry, however long it is, and trails share their common beginnings. A trail is spelled out
/// as flow ids only when a finding needs it.
/// </summary>
/// <remarks>
/// Trails are numbered from 0; -1 is the empty trail. Flows are positions in <see cref="SystemModel.Flows"/>.
/// Trails are ordered as <see cref="IndividualHoldings.ComparePaths"/> orders their flow ids: shorter first, then
/// flow id by flow id (ordinal) from the first flow.
/// </remarks>
internal sealed class TrailStore
{
    private readonly IReadOnlyList<Flow> _flows;
    private int[] _flow = new int[256];
    private int[] _previous = new int[256];
    private int[] _length = new int[256];
    private int _count;

    public TrailStore(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _flows = model.Flows;
    }

    /// <summary>The trail <paramref name="previous"/> (or -1 for none) followed by flow <paramref name="flow"/>.</summary>
    public int Extend(int previous, int flow)
    {
        if (_count == _flow.Length)
        {
            Array.Resize(ref _flow, _count * 2);
            Array.Resize(ref _previous, _count * 2);
            Array.Resize(ref _length, _count * 2);
        }

        _flow[_count] = flow;
        _previous[_count] = previous;
        _length[_count] = previous < 0 ? 1 : _length[previous] + 1;
        return _count++;
    }

    /// <summary>The number of flows in <paramref name="trail"/>.</summary>
    public int Length(int trail) => trail < 0 ? 0 : _length[trail];

    /// <summary>The last flow of <paramref name="trail"/>.</summary>
    public int Last(int trail) => _flow[trail];

    /// <summary>The trail before the last flow of <paramref name="trail"/>, or -1.</summary>
    public int Previous(int trail) => _previous[trail];

    /// <summary>The first flow of <paramref name="trail"/>.</summary>
    public int First(int trail)
    {
        while (_previous[trail] >= 0)
            trail = _previous[trail];
        return _flow[trail];
    }

    /// <summary>Orders trail <paramref name="a"/> against trail <paramref name="b"/>: shorter first, then by flow ids from the first flow.</summary>
    public int Compare(int a, int b)
    {
        var lengths = Length(a).CompareTo(Length(b));
        return lengths != 0 ? lengths : CompareSameLength(a, b);
    }

    /// <summary>Orders trail <paramref name="a"/> against trail <paramref name="previous"/> followed by flow <paramref name="last"/>, without making the latter.</summary>
    public int CompareWithExtended(int a, int previous, int last)
    {
        var lengths = Length(a).CompareTo(Length(previous) + 1);
        if (lengths != 0)
            return lengths;
        var before = CompareSameLength(_previous[a], previous);
        return before != 0 ? before : CompareFlows(_flow[a], last);
    }

    /// <summary>Orders trail <paramref name="a"/> followed by flow <paramref name="lastA"/> against <paramref name="b"/> followed by <paramref name="lastB"/>.</summary>
    public int CompareExtended(int a, int lastA, int b, int lastB)
    {
        var lengths = Length(a).CompareTo(Length(b));
        if (lengths != 0)
            return lengths;
        var before = CompareSameLength(a, b);
        return before != 0 ? before : CompareFlows(lastA, lastB);
    }

    /// <summary>True when a flow of <paramref name="trail"/> after its first has purpose number <paramref name="purpose"/> in <paramref name="flows"/>.</summary>
    public bool LaterFlowHasPurpose(int trail, int purpose, FlowTable flows)
    {
        for (var t = trail; t >= 0 && _previous[t] >= 0; t = _previous[t])
        {
            if (flows.Purpose(_flow[t]) == purpose)
                return true;
        }

        return false;
    }

    /// <summary>The flow ids of <paramref name="trail"/> in order, then <paramref name="last"/>'s id when it is 0 or more.</summary>
    public string[] Ids(int trail, int last = -1)
    {
        var length = Length(trail);
        var ids = new string[last >= 0 ? length + 1 : length];
        if (last >= 0)
            ids[^1] = _flows[last].Id;
        for (var (t, k) = (trail, length - 1); t >= 0; t = _previous[t], k--)
            ids[k] = _flows[_flow[t]].Id;
        return ids;
    }

    // Two trails of one length: walk back from the ends in step until they meet in a shared beginning (or both end);
    // the difference nearest the first flow decides, so it is the last one met on the way back.
    private int CompareSameLength(int a, int b)
    {
        var result = 0;
        while (a != b)
        {
            var c = CompareFlows(_flow[a], _flow[b]);
            if (c != 0)
                result = c;
            a = _previous[a];
            b = _previous[b];
        }

        return result;
    }

    private int CompareFlows(int a, int b) => a == b ? 0 : string.CompareOrdinal(_flows[a].Id, _flows[b].Id);
}
