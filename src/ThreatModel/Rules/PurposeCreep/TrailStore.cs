using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Rules.PurposeCreep;

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
    private readonly FlowTable _table;
    private readonly bool _exactPurposeMasks;
    // Nodes in fixed-size chunks: growing never copies, and a small design pays for one small chunk.
    private const int ChunkBits = 11;
    private const int ChunkMask = (1 << ChunkBits) - 1;
    private Node[][] _chunks = new Node[8][];
    private int _count;

    public TrailStore(FlowTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _exactPurposeMasks = table.PurposeNames.Count <= 32;
    }

    /// <summary>The trail <paramref name="previous"/> (or -1 for none) followed by flow <paramref name="flow"/>.</summary>
    public int Extend(int previous, int flow)
    {
        var chunk = _count >> ChunkBits;
        if (chunk == _chunks.Length)
            Array.Resize(ref _chunks, _chunks.Length * 2);
        Node node;
        if (previous < 0)
        {
            node = new Node(flow, -1, 1, 0u);
        }
        else
        {
            ref readonly var before = ref Nodes(previous);
            node = new Node(flow, previous, before.Length + 1, before.LaterPurposes | PurposeBit(_table.Purpose(flow)));
        }

        (_chunks[chunk] ??= new Node[1 << ChunkBits])[_count & ChunkMask] = node;
        return _count++;
    }

    /// <summary>The number of flows in <paramref name="trail"/>.</summary>
    public int Length(int trail) => trail < 0 ? 0 : Nodes(trail).Length;

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
        var before = CompareSameLength(Nodes(a).Previous, previous);
        return before != 0 ? before : CompareFlows(Nodes(a).Flow, last);
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

    /// <summary>
    /// The purposes of the flows of <paramref name="trail"/> after its first, as bits (purpose number modulo 32): exact
    /// while a design has at most 32 purposes, otherwise a filter in front of a walk back along the trail.
    /// </summary>
    public uint LaterPurposes(int trail) => trail < 0 ? 0 : Nodes(trail).LaterPurposes;

    /// <summary>True when a flow of <paramref name="trail"/> after its first has purpose number <paramref name="purpose"/>; <paramref name="laterPurposes"/> is the trail's <see cref="LaterPurposes"/>.</summary>
    public bool LaterFlowHasPurpose(int trail, uint laterPurposes, int purpose)
    {
        if ((laterPurposes & PurposeBit(purpose)) == 0)
            return false;
        if (_exactPurposeMasks)
            return true;
        for (var t = trail; Nodes(t).Previous >= 0; t = Nodes(t).Previous)
        {
            if (_table.Purpose(Nodes(t).Flow) == purpose)
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
            ids[^1] = _table.Id(last);
        for (var (t, k) = (trail, length - 1); t >= 0; t = Nodes(t).Previous, k--)
            ids[k] = _table.Id(Nodes(t).Flow);
        return ids;
    }

    private static uint PurposeBit(int purpose) => 1u << (purpose & 31);

    private ref readonly Node Nodes(int trail) => ref _chunks[trail >> ChunkBits][trail & ChunkMask];

    // Two trails of one length: walk back from the ends in step until they meet in a shared beginning (or both end);
    // the difference nearest the first flow decides, so it is the last one met on the way back.
    private int CompareSameLength(int a, int b)
    {
        var result = 0;
        while (a != b)
        {
            var c = CompareFlows(Nodes(a).Flow, Nodes(b).Flow);
            if (c != 0)
                result = c;
            a = Nodes(a).Previous;
            b = Nodes(b).Previous;
        }

        return result;
    }

    private int CompareFlows(int a, int b) => a == b ? 0 : string.CompareOrdinal(_table.Id(a), _table.Id(b));

    /// <param name="Flow">The last flow.</param>
    /// <param name="Previous">The trail before it, or -1.</param>
    /// <param name="Length">The number of flows.</param>
    /// <param name="LaterPurposes">The purposes of the flows after the first, as bits (purpose number modulo 32).</param>
    private readonly record struct Node(int Flow, int Previous, int Length, uint LaterPurposes);
}
