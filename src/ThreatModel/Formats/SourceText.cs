using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats;

/// <summary>
/// Checks that a design file is text the parsers may see: UTF-8 (a UTF-8 byte-order mark is skipped), no
/// UTF-16 or UTF-32, no binary control characters. Problems are TM1000 diagnostics naming the file and position.
/// </summary>
internal static class SourceText
{
    // C0 controls other than tab, line feed and carriage return, and DEL: no design file contains them; binary files do.
    private static readonly SearchValues<byte> BinaryBytes = SearchValues.Create(
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 127]);

    private static readonly SearchValues<char> BinaryChars = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

    private static readonly SearchValues<byte> Whitespace = SearchValues.Create(" \t\r\n"u8);

    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// Reads a design's bytes once, from the stream's position to its end, in chunks: checks that they are UTF-8 text
    /// (a UTF-8 byte-order mark is skipped; UTF-16, UTF-32, invalid UTF-8 and binary control characters are reported,
    /// in that order of precedence) and notes whether the text is blank and whether it starts like JSON. Nothing is
    /// kept but a chunk at a time. Leaves the stream anywhere.
    /// </summary>
    /// <returns>What was found, or null after reporting why the bytes are not usable text; <paramref name="size"/> is
    /// the number of bytes read, and reading stops (with null and nothing reported) once it is over <paramref name="maxSize"/>.</returns>
    public static SourceInfo? CheckStream(Stream stream, string file, long maxSize, DiagnosticBag diagnostics, out long size)
    {
        var origin = stream.Position;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var filled = stream.ReadAtLeast(buffer.AsSpan(0, ChunkSize), 4, throwOnEndOfStream: false);
            size = filled;
            var first = buffer.AsSpan(0, filled);
            if (first.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) || first.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
                return Refused(diagnostics, file, "is encoded as UTF-32 (it starts with a UTF-32 byte-order mark). Save it as UTF-8.");
            if (first.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || first.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
                return Refused(diagnostics, file, "is encoded as UTF-16 (it starts with a UTF-16 byte-order mark). Save it as UTF-8.");
            var bom = first.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
            var startsWithZero = filled > 1 && (first[0] == 0 || first[1] == 0);

            // The body is checked chunk by chunk; a character cut by the end of a chunk is carried to the next one.
            long chunkStart = 0; // offset in the body of buffer[0]
            var count = filled - bom;
            buffer.AsSpan(bom, count).CopyTo(buffer);
            long binary = -1, firstText = -1;
            var binaryByte = 0;
            var firstTextByte = 0;
            var end = filled < 4;
            while (true)
            {
                if (!end)
                {
                    var read = stream.ReadAtLeast(buffer.AsSpan(count, ChunkSize - count), ChunkSize - count, throwOnEndOfStream: false);
                    size += read;
                    count += read;
                    end = count < ChunkSize;
                    if (size > maxSize)
                        return null;
                }

                var chunk = buffer.AsSpan(0, count);
                var whole = end ? count : count - CutCharacter(chunk);
                var part = chunk[..whole];
                if (!Utf8.IsValid(part))
                {
                    var offset = FirstInvalidUtf8(part);
                    var (line, column) = PositionAt(stream, origin + bom, chunkStart + offset);
                    return Refused(
                        diagnostics,
                        file,
                        $"is not valid UTF-8: the byte 0x{part[offset]:X2} at line {line}, column {column} does not belong to a UTF-8 character. Save the file as UTF-8 (it may be Latin-1 or Windows-1252, or not a text file at all).",
                        line,
                        column);
                }

                if (binary < 0 && part.IndexOfAny(BinaryBytes) is var found and >= 0)
                {
                    binary = chunkStart + found;
                    binaryByte = part[found];
                }

                if (firstText < 0 && part.IndexOfAnyExcept(Whitespace) is var text and >= 0)
                {
                    firstText = chunkStart + text;
                    firstTextByte = part[text];
                }

                if (end)
                    break;
                chunk[whole..].CopyTo(buffer);
                count -= whole;
                chunkStart += whole;
            }

            if (binary >= 0)
            {
                var (line, column) = PositionAt(stream, origin + bom, binary);
                var utf16 = binaryByte == 0 && startsWithZero;
                return Refused(diagnostics, file, BinaryMessage(binaryByte, line, column, utf16), line, column);
            }

            return new SourceInfo(origin + bom, Blank: firstText < 0, LooksLikeJson: firstTextByte == '{');
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>How many bytes at the end of <paramref name="utf8"/> start a character that continues past it (0 to 3).</summary>
    private static int CutCharacter(ReadOnlySpan<byte> utf8)
    {
        for (var back = 1; back <= Math.Min(3, utf8.Length); back++)
        {
            var b = utf8[^back];
            if ((b & 0xC0) == 0x80)
                continue;
            var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? back : 0;
        }

        return 0;
    }

    /// <summary>The line and column of a byte offset in the body that starts at <paramref name="bodyStart"/>, read again from the stream.</summary>
    public static (int Line, int Column) PositionAt(Stream stream, long bodyStart, long offset)
    {
        stream.Position = bodyStart;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            var cursor = new PositionCursor();
            long chunkStart = 0;
            while (chunkStart < offset)
            {
                var read = stream.Read(buffer, 0, (int)Math.Min(ChunkSize, offset - chunkStart));
                if (read == 0)
                    break;
                cursor.MoveTo(buffer.AsSpan(0, read), chunkStart, chunkStart + read);
                chunkStart += read;
            }

            return (cursor.Line, cursor.Column);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The offset where the text starts (after a byte-order mark character), or -1 after reporting a binary character.</summary>
    public static int CheckText(string text, string file, DiagnosticBag diagnostics)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var binary = text.AsSpan(start).IndexOfAny(BinaryChars);
        if (binary < 0)
            return start;
        var index = start + binary;
        var before = text.AsSpan(start, binary);
        var line = before.Count('\n') + 1;
        var column = binary - (before.LastIndexOf('\n') + 1) + 1;
        return Unusable(diagnostics, file, BinaryMessage(text[index], line, column, utf16: false), line, column);
    }

    /// <summary>Reports a file that cannot be read as text; returns -1.</summary>
    public static int Unusable(DiagnosticBag diagnostics, string file, string problem, int line, int column)
    {
        diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The design file '{file}' {problem}", SourceSpan.At(file, line, column));
        return -1;
    }

    private static SourceInfo? Refused(DiagnosticBag diagnostics, string file, string problem, int line = 1, int column = 1)
    {
        Unusable(diagnostics, file, problem, line, column);
        return null;
    }

    private static string BinaryMessage(int character, int line, int column, bool utf16)
    {
        var hint = utf16
            ? " It looks like UTF-16 without a byte-order mark; save it as UTF-8."
            : " Design files are plain text; this looks like a binary file, or text damaged in transfer.";
        return $"contains the control character U+{character.ToString("X4", CultureInfo.InvariantCulture)} at line {line}, column {column}.{hint}";
    }

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> utf8)
    {
        var offset = 0;
        while (offset < utf8.Length)
        {
            if (Rune.DecodeFromUtf8(utf8[offset..], out _, out var consumed) != OperationStatus.Done)
                return offset;
            offset += consumed;
        }

        return Math.Max(0, utf8.Length - 1);
    }
}
