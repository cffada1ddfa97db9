using System.Text;

namespace ThreatModel.Reporting;

/// <summary>
/// A write-only stream that decodes the UTF-8 written to it into a <see cref="TextWriter"/>, a buffer at a time, so the
/// JSON writers can stream to a text writer as they do to a file. Invalid bytes become U+FFFD, as
/// <see cref="Encoding.UTF8"/> decodes them. The text writer is neither flushed nor closed.
/// </summary>
internal sealed class Utf8TextWriterStream(TextWriter output) : Stream
{
    private readonly Decoder _decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetDecoder();
    private readonly char[] _chars = new char[8 * 1024];

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => Decode(buffer, flush: false);

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Nothing to do: decoded characters go to the text writer as they come; only an incomplete sequence waits.</summary>
    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Decode([], flush: true); // a sequence cut off at the end becomes U+FFFD, as Encoding.UTF8.GetString does
        base.Dispose(disposing);
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        bool completed;
        do
        {
            _decoder.Convert(bytes, _chars, flush, out var bytesUsed, out var charsUsed, out completed);
            output.Write(_chars, 0, charsUsed);
            bytes = bytes[bytesUsed..];
        }
        while (!completed || bytes.Length > 0);
    }
}
