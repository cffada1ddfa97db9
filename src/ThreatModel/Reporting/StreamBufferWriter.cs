using System.Buffers;

namespace ThreatModel.Reporting;

/// <summary>
/// The buffer a <see cref="System.Text.Json.Utf8JsonWriter"/> writes into: one pooled block that is passed on to the
/// stream whenever the JSON writer needs more room than is left, so a report of any size is written through the same
/// 64 KB. (Over a stream directly the JSON writer gathers everything until it is flushed, and clears what it flushed.)
/// </summary>
internal sealed class StreamBufferWriter(Stream output) : IBufferWriter<byte>, IDisposable
{
    private const int BlockSize = 64 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BlockSize);
    private int _written;

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _written);
        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        MakeRoom(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Writes what has been advanced over to the stream.</summary>
    public void PassOn()
    {
        if (_written == 0)
            return;
        output.Write(_buffer, 0, _written);
        _written = 0;
    }

    public void Dispose()
    {
        PassOn();
        var buffer = _buffer;
        _buffer = [];
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void MakeRoom(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
            return;
        PassOn();
        if (_buffer.Length < needed)
        {
            // One value longer than the block (a huge string): a block big enough for it, returned to the pool.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }
    }
}
