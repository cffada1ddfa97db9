using System.Collections;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// The witness path of a holding the graph made: read-only, one flow longer than the path of the state it came from,
/// which it shares instead of copying. The graph keeps one per holding state, so the paths of a design cost one small
/// node per state rather than an array per holding; the flow ids are kept once asked, because rules compare
/// witnesses by their ids many times (<see cref="Holding.PathIds"/>).
/// </summary>
/// <remarks>
/// A positional read walks back from the end: witness paths are short (a handful of flows), so the walk is shorter
/// than an array would be to make. A path longer than <see cref="WalkLimit"/> makes its array on the first positional
/// read and keeps it, so reading a long path flow by flow stays linear.
/// </remarks>
internal sealed class FlowPath : IList<Flow>, IReadOnlyList<Flow>
{
    private const int WalkLimit = 16;

    private readonly FlowPath? _prefix;
    private readonly Flow? _last;
    private Flow[]? _flows;
    private IReadOnlyList<string>? _ids;

    private FlowPath(FlowPath? prefix, Flow? last, int count)
    {
        _prefix = prefix;
        _last = last;
        Count = count;
    }

    /// <summary>The path with no flows: the holding at an item's origin.</summary>
    public static FlowPath None { get; } = new(null, null, 0);

    /// <summary>The number of flows.</summary>
    public int Count { get; }

    /// <summary>This path, then <paramref name="flow"/>.</summary>
    public FlowPath Then(Flow flow) => new(Count == 0 ? null : this, flow, Count + 1);

    /// <summary>The flow at a position.</summary>
    public Flow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (Count > WalkLimit)
                return Flows()[index];
            var node = this;
            for (var k = Count - 1; k > index; k--)
                node = node._prefix!;
            return node._last!;
        }
    }

    /// <summary>The flow ids, in order.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            if (_ids is { } ids)
                return ids;
            var result = new string[Count];
            CopyIdsTo(result);
            return _ids = Array.AsReadOnly(result);
        }
    }

    /// <summary>Writes the flow ids into <paramref name="ids"/> from its start, without keeping them.</summary>
    public void CopyIdsTo(string[] ids)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ids.Length, Count);
        var node = this;
        for (var k = Count - 1; k >= 0; k--, node = node._prefix!)
            ids[k] = node._last!.Id;
    }

    bool ICollection<Flow>.IsReadOnly => true;

    Flow IList<Flow>.this[int index]
    {
        get => this[index];
        set => throw ReadOnly();
    }

    /// <summary>Walks the path from its first flow.</summary>
    public IEnumerator<Flow> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
            yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(Flow item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (EqualityComparer<Flow>.Default.Equals(this[i], item))
                return i;
        }

        return -1;
    }

    public bool Contains(Flow item) => IndexOf(item) >= 0;

    public void CopyTo(Flow[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, array.Length - arrayIndex);
        var node = this;
        for (var k = Count - 1; k >= 0; k--, node = node._prefix!)
            array[arrayIndex + k] = node._last!;
    }

    void ICollection<Flow>.Add(Flow item) => throw ReadOnly();

    void ICollection<Flow>.Clear() => throw ReadOnly();

    void IList<Flow>.Insert(int index, Flow item) => throw ReadOnly();

    bool ICollection<Flow>.Remove(Flow item) => throw ReadOnly();

    void IList<Flow>.RemoveAt(int index) => throw ReadOnly();

    private Flow[] Flows()
    {
        if (_flows is { } flows)
            return flows;
        var result = new Flow[Count];
        CopyTo(result, 0);
        return _flows = result;
    }

    private static NotSupportedException ReadOnly() => new("A witness path is read-only.");
}
