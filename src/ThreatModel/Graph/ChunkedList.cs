namespace ThreatModel.Graph;

/// <summary>
/// An append-only list of structs in fixed-size chunks: growing never copies, so a list of millions of holding states
/// costs its size once rather than the sum of every doubling (and no large array is copied at the end).
/// </summary>
internal sealed class ChunkedList<T>
    where T : struct
{
    private const int ChunkBits = 15;
    private const int ChunkSize = 1 << ChunkBits;
    private const int ChunkMask = ChunkSize - 1;

    private T[][] _chunks = new T[4][];

    public int Count { get; private set; }

    public ref T this[int index] => ref _chunks[index >> ChunkBits][index & ChunkMask];

    public int Add(T value)
    {
        var index = Count;
        var chunk = index >> ChunkBits;
        if (chunk == _chunks.Length)
            Array.Resize(ref _chunks, _chunks.Length * 2);
        (_chunks[chunk] ??= new T[ChunkSize])[index & ChunkMask] = value;
        Count = index + 1;
        return index;
    }
}
