using System.Text;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// A <see cref="BoundedTextReader"/> that decodes UTF-8 from a stream as the scanner asks for text, so a design
/// file is never held whole in memory, neither as bytes nor as a string. The stream must be seekable (positions
/// for messages are found by reading it again) and already checked to be valid UTF-8.
/// </summary>
internal sealed class Utf8StreamReader : BoundedTextReader
{
    // 32 KiB of bytes decode into at most as many characters (64 KiB): both buffers stay off the large-object heap.
    private const int BufferSize = 32 * 1024;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly long _bodyStart;
    private readonly StreamReader _reader;

    /// <summary>A reader of the text that starts at <paramref name="bodyStart"/> (after any byte-order mark).</summary>
    public Utf8StreamReader(Stream stream, long bodyStart, long gapLimit)
        : base(gapLimit)
    {
        _stream = stream;
        _bodyStart = bodyStart;
        stream.Position = bodyStart;
        _reader = Open(stream);
    }

    public override int Peek() => _reader.Peek();

    public override (int Line, int Column) PositionOf(long index)
    {
        _stream.Position = _bodyStart;
        using var reader = Open(_stream);
        var buffer = new char[BufferSize];
        long seen = 0;
        var line = 1;
        long lineStart = 0;
        while (seen < index)
        {
            var read = reader.Read(buffer, 0, (int)Math.Min(buffer.Length, index - seen));
            if (read == 0)
                break;
            var chunk = buffer.AsSpan(0, read);
            var lastBreak = chunk.LastIndexOf('\n');
            if (lastBreak >= 0)
            {
                line += chunk.Count('\n');
                lineStart = seen + lastBreak + 1;
            }

            seen += read;
        }

        return (line, (int)(seen - lineStart) + 1);
    }

    protected override int Fill(Span<char> buffer) => _reader.ReadBlock(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _reader.Dispose();
        base.Dispose(disposing);
    }

    private static StreamReader Open(Stream stream) =>
        new(stream, Utf8, detectEncodingFromByteOrderMarks: false, BufferSize, leaveOpen: true);
}
