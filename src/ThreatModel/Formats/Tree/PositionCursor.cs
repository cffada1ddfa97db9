using System.Text;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Turns increasing byte offsets of UTF-8 text into 1-based line and column, scanning each byte once. The text may
/// come in chunks: each call gives the chunk that holds the bytes between the last offset and the new one.
/// </summary>
internal struct PositionCursor
{
    private long _offset;

    public PositionCursor()
    {
        Line = 1;
        Column = 1;
    }

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>Moves forward to <paramref name="offset"/> in text held whole by <paramref name="utf8"/>; a smaller offset is ignored.</summary>
    public void MoveTo(ReadOnlySpan<byte> utf8, long offset) => MoveTo(utf8, 0, offset);

    /// <summary>
    /// Moves forward to <paramref name="offset"/>; <paramref name="chunk"/> holds the text from offset
    /// <paramref name="chunkStart"/> on, and must cover the bytes from the current offset. A smaller offset is ignored.
    /// </summary>
    public void MoveTo(ReadOnlySpan<byte> chunk, long chunkStart, long offset)
    {
        if (offset <= _offset)
            return;
        var segment = chunk[(int)(_offset - chunkStart)..(int)(offset - chunkStart)];
        _offset = offset;
        if (segment.Length <= 32)
        {
            // Most moves cross a field name, a short value or the space between two: one plain pass beats vector set-up.
            foreach (var b in segment)
            {
                if (b == '\n')
                {
                    Line++;
                    Column = 1;
                }
                else if ((b & 0xC0) != 0x80)
                {
                    Column++;
                }
            }

            return;
        }

        var lastBreak = segment.LastIndexOf((byte)'\n');
        if (lastBreak >= 0)
        {
            Line += segment[..lastBreak].Count((byte)'\n') + 1;
            Column = 1;
            segment = segment[(lastBreak + 1)..];
        }

        Column += CountCharacters(segment);
    }

    /// <summary>Characters in UTF-8 bytes: every byte that does not continue a multi-byte sequence.</summary>
    public static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        if (Ascii.IsValid(utf8))
            return utf8.Length;
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
                count++;
        }

        return count;
    }
}
