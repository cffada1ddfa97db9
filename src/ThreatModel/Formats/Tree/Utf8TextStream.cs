using System.Text;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// The UTF-8 bytes of text already in memory, encoded as they are read instead of copied whole into an array first.
/// Seeking is allowed (the JSON reader reads a line again for a message) and starts encoding over from the beginning.
/// </summary>
internal sealed class Utf8TextStream(string text) : Stream
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly byte[] _pending = new byte[8];
    private int _pendingStart;
    private int _pendingEnd;
    private int _next;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingStart < _pendingEnd)
            {
                var count = Math.Min(_pendingEnd - _pendingStart, buffer.Length - written);
                _pending.AsSpan(_pendingStart, count).CopyTo(buffer[written..]);
                _pendingStart += count;
                written += count;
                continue;
            }

            if (_next == text.Length)
                break;
            var room = buffer.Length - written;
            if (room >= _pending.Length)
            {
                // A character takes at most four bytes (a surrogate pair, two characters, four): encode no more than surely fit.
                var characters = Math.Min(text.Length - _next, room / 4);
                _encoder.Convert(text.AsSpan(_next, characters), buffer[written..], _next + characters == text.Length, out var used, out var bytes, out _);
                _next += used;
                written += bytes;
            }
            else
            {
                // Too little room for sure: encode one or two characters aside and hand out what fits.
                var characters = Math.Min(text.Length - _next, 2);
                _encoder.Convert(text.AsSpan(_next, characters), _pending, _next + characters == text.Length, out var used, out var bytes, out _);
                _next += used;
                _pendingStart = 0;
                _pendingEnd = bytes;
            }
        }

        _position += written;
        return written;
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (origin != SeekOrigin.Begin || offset < 0)
            throw new NotSupportedException();
        _encoder.Reset();
        _next = 0;
        _position = 0;
        _pendingStart = _pendingEnd = 0;
        Span<byte> skipped = stackalloc byte[256];
        while (_position < offset && Read(skipped[..(int)Math.Min(skipped.Length, offset - _position)]) > 0)
        {
        }

        return _position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
