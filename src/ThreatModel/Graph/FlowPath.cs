using System.Collections;
using System.Runtime.CompilerServices;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// The witness path of a holding the graph made: read-only, and read from the holding search itself by following the
/// predecessor of each state back to the origin, so the graph keeps no list of flows per holding. Two paths are equal
/// when they are the witness of the same holding state (as the one kept list per state used to be); the flow ids are
/// kept once asked, because rules compare witnesses by their ids many times (<see cref="Holding.PathIds"/>).
/// </summary>
/// <remarks>
/// A positional read walks back from the end: witness paths are short (a handful of flows), so the walk is shorter
/// than an array would be to make. A path longer than <see cref="WalkLimit"/> makes its array on the first positional
/// read and keeps it, so reading a long path flow by flow stays linear.
/// </remarks>
internal sealed class FlowPath : IList<Flow>, IReadOnlyList<Flow>
{
    private const int WalkLimit = 16;

    private readonly HoldingIndex? _holdings;
    private readonly int _state;
    private Flow[]? _flows;
    private IReadOnlyList<string>? _ids;

    /// <summary>The path by which the search first reached <paramref name="state"/>.</summary>
    public FlowPath(HoldingIndex holdings, int state)
    {
        _holdings = holdings;
        _state = state;
        Count = holdings[state].Depth;
    }

    private FlowPath()
    {
    }

    /// <summary>The path with no flows: the holding at an item's origin.</summary>
    public static FlowPath None { get; } = new();

    /// <summary>The number of flows.</summary>
    public int Count { get; }

    /// <summary>The flow at a position.</summary>
    public Flow this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            if (Count > WalkLimit)
                return Flows()[index];
            var state = _state;
            for (var k = Count - 1; k > index; k--)
                state = _holdings![state].Predecessor;
            return _holdings!.ViaFlow(state);
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

    /// <summary>Writes the flow ids into <paramref name="ids"/> from its start.</summary>
    public void CopyIdsTo(string[] ids)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ids.Length, Count);
        var state = _state;
        for (var k = Count - 1; k >= 0; k--, state = _holdings![state].Predecessor)
            ids[k] = _holdings!.ViaFlow(state).Id;
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

    /// <summary>True for the witness of the same holding state.</summary>
    public override bool Equals(object? obj) =>
        ReferenceEquals(this, obj) || obj is FlowPath other && Count > 0 && ReferenceEquals(_holdings, other._holdings) && _state == other._state;

    /// <inheritdoc />
    public override int GetHashCode() => Count == 0 ? 0 : HashCode.Combine(RuntimeHelpers.GetHashCode(_holdings), _state);

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
        var state = _state;
        for (var k = Count - 1; k >= 0; k--, state = _holdings![state].Predecessor)
            array[arrayIndex + k] = _holdings!.ViaFlow(state);
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
