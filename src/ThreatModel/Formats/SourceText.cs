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

    /// <summary>The offset where the UTF-8 text starts (after a byte-order mark), or -1 after reporting why the bytes are not usable text.</summary>
    public static int CheckBytes(ReadOnlySpan<byte> bytes, string file, DiagnosticBag diagnostics)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
            return Unusable(diagnostics, file, "is encoded as UTF-32 (it starts with a UTF-32 byte-order mark). Save it as UTF-8.", 1, 1);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
            return Unusable(diagnostics, file, "is encoded as UTF-16 (it starts with a UTF-16 byte-order mark). Save it as UTF-8.", 1, 1);
        var start = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var body = bytes[start..];

        if (!Utf8.IsValid(body))
        {
            var offset = FirstInvalidUtf8(body);
            var cursor = new PositionCursor();
            cursor.MoveTo(body, offset);
            return Unusable(
                diagnostics,
                file,
                $"is not valid UTF-8: the byte 0x{body[offset]:X2} at line {cursor.Line}, column {cursor.Column} does not belong to a UTF-8 character. Save the file as UTF-8 (it may be Latin-1 or Windows-1252, or not a text file at all).",
                cursor.Line,
                cursor.Column);
        }

        var binary = body.IndexOfAny(BinaryBytes);
        if (binary >= 0)
        {
            var cursor = new PositionCursor();
            cursor.MoveTo(body, binary);
            var utf16 = body[binary] == 0 && (bytes.Length > 1 && (bytes[0] == 0 || bytes[1] == 0));
            return Unusable(diagnostics, file, BinaryMessage(body[binary], cursor.Line, cursor.Column, utf16), cursor.Line, cursor.Column);
        }

        return start;
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

    /// <summary>True when the bytes hold nothing but spaces, tabs and line breaks.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> utf8) => utf8.IndexOfAnyExcept(Whitespace) < 0;

    /// <summary>True when the first character that is not white space is '{'.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> utf8)
    {
        var first = utf8.IndexOfAnyExcept(Whitespace);
        return first >= 0 && utf8[first] == (byte)'{';
    }

    /// <summary>Reports a file that cannot be read as text; returns -1.</summary>
    public static int Unusable(DiagnosticBag diagnostics, string file, string problem, int line, int column)
    {
        diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The design file '{file}' {problem}", SourceSpan.At(file, line, column));
        return -1;
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
