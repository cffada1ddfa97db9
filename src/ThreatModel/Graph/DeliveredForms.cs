using System.Collections;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// The items and forms one flow delivers, read from the delivery table the graph's search fills
/// (<see cref="HoldingIndex.DeliveredBy"/>): a window on shared arrays, so asking costs no copy and the graph keeps
/// two integers per delivery instead of a list per flow.
/// </summary>
internal sealed class DeliveredForms(HoldingIndex holdings, int start, int end) : IList<(DataItem Item, ItemForm Form)>, IReadOnlyList<(DataItem Item, ItemForm Form)>
{
    public int Count => end - start;

    public bool IsReadOnly => true;

    public (DataItem Item, ItemForm Form) this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return (holdings.DeliveredItem(start + index), holdings.DeliveredForm(start + index));
        }
        set => throw ReadOnly();
    }

    public Enumerator GetEnumerator() => new(holdings, start, end);

    IEnumerator<(DataItem Item, ItemForm Form)> IEnumerable<(DataItem Item, ItemForm Form)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public int IndexOf((DataItem Item, ItemForm Form) item)
    {
        for (var i = 0; i < Count; i++)
        {
            if (EqualityComparer<(DataItem, ItemForm)>.Default.Equals(this[i], item))
                return i;
        }

        return -1;
    }

    public bool Contains((DataItem Item, ItemForm Form) item) => IndexOf(item) >= 0;

    public void CopyTo((DataItem Item, ItemForm Form)[] array, int arrayIndex)
    {
        ArgumentNullException.ThrowIfNull(array);
        ArgumentOutOfRangeException.ThrowIfNegative(arrayIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Count, array.Length - arrayIndex);
        for (var i = 0; i < Count; i++)
            array[arrayIndex + i] = (holdings.DeliveredItem(start + i), holdings.DeliveredForm(start + i));
    }

    public void Add((DataItem Item, ItemForm Form) item) => throw ReadOnly();

    public void Clear() => throw ReadOnly();

    public void Insert(int index, (DataItem Item, ItemForm Form) item) => throw ReadOnly();

    public bool Remove((DataItem Item, ItemForm Form) item) => throw ReadOnly();

    public void RemoveAt(int index) => throw ReadOnly();

    private static NotSupportedException ReadOnly() => new("The forms a flow delivers are read-only.");

    /// <summary>Walks the window.</summary>
    public struct Enumerator(HoldingIndex holdings, int start, int end) : IEnumerator<(DataItem Item, ItemForm Form)>
    {
        private int _position = start - 1;

        public readonly (DataItem Item, ItemForm Form) Current => (holdings.DeliveredItem(_position), holdings.DeliveredForm(_position));

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => _position < end && ++_position < end;

        public void Reset() => _position = start - 1;

        public readonly void Dispose()
        {
        }
    }
}
