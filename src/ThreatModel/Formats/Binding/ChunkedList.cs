namespace ThreatModel.Formats.Binding;

/// <summary>
/// A list that grows by adding chunks instead of copying into ever larger arrays: while a large design is read, its
/// objects are gathered without the large-object-heap arrays a growing <see cref="List{T}"/> leaves behind (each of
/// which can set off a full garbage collection), and handed over once, as an array of the exact size.
/// </summary>
internal sealed class ChunkedList<T>
{
    // Chunks double from 16 up to 8,192 references (64 KiB), below the large-object threshold.
    private const int FirstChunk = 16;
    private const int LargestChunk = 8192;

    private readonly List<T[]> _chunks = [];
    private int _inLast;

    /// <summary>The number of items.</summary>
    public int Count { get; private set; }

    /// <summary>Adds an item at the end.</summary>
    public void Add(T item)
    {
        if (_chunks.Count == 0 || _inLast == _chunks[^1].Length)
        {
            _chunks.Add(new T[_chunks.Count == 0 ? FirstChunk : Math.Min(_chunks[^1].Length * 2, LargestChunk)]);
            _inLast = 0;
        }

        _chunks[^1][_inLast++] = item;
        Count++;
    }

    /// <summary>Forgets the items after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        var items = ToArray();
        _chunks.Clear();
        _inLast = 0;
        Count = 0;
        for (var i = 0; i < count; i++)
            Add(items[i]);
    }

    /// <summary>The items, in order, as a new array.</summary>
    public T[] ToArray()
    {
        if (Count == 0)
            return [];
        var items = new T[Count];
        var at = 0;
        foreach (var chunk in _chunks)
        {
            var length = Math.Min(chunk.Length, Count - at);
            chunk.AsSpan(0, length).CopyTo(items.AsSpan(at));
            at += length;
        }

        return items;
    }
}
