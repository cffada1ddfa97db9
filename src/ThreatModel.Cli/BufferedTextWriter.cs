using System.Text;

namespace ThreatModel.Cli;

/// <summary>
/// Gathers characters and passes them to the writer underneath a block at a time. Standard output flushes on every
/// write, so a report written piece by piece straight to it would cost a system call per piece; through this it costs
/// one per block. Flushing passes what is gathered on and flushes the writer underneath; disposing flushes.
/// </summary>
internal sealed class BufferedTextWriter(TextWriter inner, int size = 16 * 1024) : TextWriter(inner.FormatProvider)
{
    private readonly char[] _buffer = new char[size];
    private int _count;

    public override Encoding Encoding => inner.Encoding;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string NewLine
    {
        get => inner.NewLine;
        set => inner.NewLine = value;
    }

    public override void Write(char value)
    {
        if (_count == _buffer.Length)
            PassOn();
        _buffer[_count++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.Length > _buffer.Length - _count)
        {
            PassOn();
            if (buffer.Length >= _buffer.Length)
            {
                inner.Write(buffer);
                return;
            }
        }

        buffer.CopyTo(_buffer.AsSpan(_count));
        _count += buffer.Length;
    }

    public override void Flush()
    {
        PassOn();
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Flush();
        base.Dispose(disposing);
    }

    private void PassOn()
    {
        if (_count == 0)
            return;
        inner.Write(_buffer, 0, _count);
        _count = 0;
    }
}
