using System.Collections;

namespace ThreatModel.Graph;

/// <summary>
/// Holdings of a run of holding states (an element's, an item's...), made as they are read and not kept: the graph
/// keeps the states, compact, and a rule pays only for the holdings it reads, which die young unless it keeps them.
/// </summary>
internal sealed class HoldingList(HoldingIndex holdings, int[] states, int start, int count) : IList<Holding>, IReadOnlyList<Holding>
{
    public int Count => count;

    public bool IsReadOnly => true;

    public Holding this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
            return holdings.ToHolding(states[start + index]);
        }
        set => throw ReadOnly();
    }

    public IEnumerator<Holding> GetEnumerator()
    {
        for (var i = 0; i < count; i++)
            yield return holdings.ToHolding(states[start + i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf(Holding item)
    {
        for (var i = 0; i < count; i++)
        {
            if (EqualityComparer<Holding>.Default.Equals(this[i], item))
                return i;
        }

        return -1;
    }

    public bool Contains(Holding item) => IndexOf(item) >= 0;

    public void CopyTo(Holding[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, array.Length - arrayIndex);
        for (var i = 0; i < count; i++)
            array[arrayIndex + i] = holdings.ToHolding(states[start + i]);
    }

    public void Add(Holding item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, Holding item) => throw ReadOnly();

    public bool Remove(Holding item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("Holdings are read-only.");
}
