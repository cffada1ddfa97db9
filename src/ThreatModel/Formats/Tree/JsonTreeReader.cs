using System.Text;
using System.Text.Json;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Reads JSON into the same node tree as YAML, with System.Text.Json's forward-only <see cref="Utf8JsonReader"/>:
/// one pass, no recursion, positions computed from byte offsets as the reader moves.
/// </summary>
internal static class JsonTreeReader
{
    /// <summary>The root node, or null when the JSON could not be parsed (diagnostics say why).</summary>
    public static DesignNode? Read(ReadOnlySpan<byte> utf8, string file, ReaderLimits limits, DiagnosticBag diagnostics, IDesignSink? sink = null)
    {
        var builder = new TreeBuilder(file, limits, diagnostics, sink);
        var options = new JsonReaderOptions
        {
            // The tree builder reports depth itself, with a better message; the reader only needs room for one more level.
            MaxDepth = limits.MaxDepth >= int.MaxValue - 1 ? int.MaxValue : limits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };
        var reader = new Utf8JsonReader(utf8, isFinalBlock: true, new JsonReaderState(options));
        var cursor = new PositionCursor();
        var strings = new Dictionary<string, string>(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        try
        {
            while (reader.Read())
            {
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        cursor.MoveTo(utf8, start);
                        builder.StartMapping(cursor.Line, cursor.Column, null);
                        break;
                    case JsonTokenType.StartArray:
                        cursor.MoveTo(utf8, start);
                        builder.StartSequence(cursor.Line, cursor.Column, null);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        cursor.MoveTo(utf8, start + 1);
                        builder.End(cursor.Line, cursor.Column);
                        break;
                    case JsonTokenType.PropertyName or JsonTokenType.String:
                        var length = reader.ValueSpan.Length;
                        var span = Span(ref cursor, utf8, file, start, start + length + 2);
                        if (length > limits.MaxScalarLength)
                            builder.OversizedScalar(length, span);
                        else
                            builder.Scalar(Text(ref reader, strings), quoted: true, span, null);
                        break;
                    case JsonTokenType.Number:
                        var raw = reader.ValueSpan;
                        var numberSpan = Span(ref cursor, utf8, file, start, start + raw.Length);
                        if (raw.Length > limits.MaxScalarLength)
                            builder.OversizedScalar(raw.Length, numberSpan);
                        else
                            builder.Scalar(Encoding.UTF8.GetString(raw), quoted: false, numberSpan, null);
                        break;
                    case JsonTokenType.True:
                        builder.Scalar("true", quoted: false, Span(ref cursor, utf8, file, start, start + 4), null);
                        break;
                    case JsonTokenType.False:
                        builder.Scalar("false", quoted: false, Span(ref cursor, utf8, file, start, start + 5), null);
                        break;
                    case JsonTokenType.Null:
                        builder.Scalar("null", quoted: false, Span(ref cursor, utf8, file, start, start + 4), null);
                        break;
                }

                if (builder.Stopped)
                    return null;
            }
        }
        catch (JsonException ex)
        {
            var line = (int)Math.Clamp((ex.LineNumber ?? 0) + 1, 1, int.MaxValue);
            var column = ColumnAt(utf8, line, ex.BytePositionInLine ?? 0);
            diagnostics.Error(DiagnosticCodes.Syntax, $"The JSON is not well formed: {CleanMessage(ex.Message)} Check the line and the lines just before it.", SourceSpan.At(file, line, column));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            cursor.MoveTo(utf8, (int)reader.TokenStartIndex);
            diagnostics.Error(DiagnosticCodes.Syntax, $"The JSON is not well formed: {CleanMessage(ex.Message)}", SourceSpan.At(file, cursor.Line, cursor.Column));
            return null;
        }

        return builder.Root;
    }

    /// <summary>
    /// The string value; a short one seen before (every field name, most values) is not allocated again.
    /// </summary>
    private static string Text(ref Utf8JsonReader reader, Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> strings)
    {
        const int StackLimit = 128;
        const int SharedLength = 48;
        const int SharedCapacity = 200_000;
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (length > StackLimit)
            return reader.GetString() ?? string.Empty;
        Span<char> buffer = stackalloc char[StackLimit];
        var written = reader.CopyString(buffer);
        var chars = buffer[..written];
        if (chars.Length > SharedLength)
            return new string(chars);
        if (strings.TryGetValue(chars, out var shared))
            return shared;
        var text = new string(chars);
        if (strings.Dictionary.Count < SharedCapacity)
            strings.Dictionary.Add(text, text);
        return text;
    }

    private static SourceSpan Span(ref PositionCursor cursor, ReadOnlySpan<byte> utf8, string file, int start, int end)
    {
        cursor.MoveTo(utf8, start);
        var (line, column) = (cursor.Line, cursor.Column);
        cursor.MoveTo(utf8, Math.Min(end, utf8.Length));
        return new SourceSpan(file, line, column, cursor.Line, cursor.Column);
    }

    /// <summary>The 1-based column (in characters) of a byte position within a 1-based line.</summary>
    private static int ColumnAt(ReadOnlySpan<byte> utf8, int line, long bytePositionInLine)
    {
        var lineStart = 0;
        for (var current = 1; current < line; current++)
        {
            var next = utf8[lineStart..].IndexOf((byte)'\n');
            if (next < 0)
                break;
            lineStart += next + 1;
        }

        var end = (int)Math.Min(lineStart + bytePositionInLine, utf8.Length);
        return PositionCursor.CountCharacters(utf8[lineStart..end]) + 1;
    }

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.EndsWith('.') ? text : text + ".";
    }
}

/// <summary>Turns increasing byte offsets into 1-based line and column, scanning each byte once.</summary>
internal struct PositionCursor
{
    private int _offset;

    public PositionCursor()
    {
        Line = 1;
        Column = 1;
    }

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>Moves forward to <paramref name="offset"/>; a smaller offset is ignored.</summary>
    public void MoveTo(ReadOnlySpan<byte> utf8, int offset)
    {
        if (offset <= _offset)
            return;
        var segment = utf8[_offset..offset];
        var lastBreak = segment.LastIndexOf((byte)'\n');
        if (lastBreak >= 0)
        {
            Line += segment[..lastBreak].Count((byte)'\n') + 1;
            Column = 1;
            segment = segment[(lastBreak + 1)..];
        }

        Column += CountCharacters(segment);
        _offset = offset;
    }

    /// <summary>Characters in UTF-8 bytes: every byte that does not continue a multi-byte sequence.</summary>
    public static int CountCharacters(ReadOnlySpan<byte> utf8)
    {
        var count = 0;
        foreach (var b in utf8)
        {
            if ((b & 0xC0) != 0x80)
                count++;
        }

        return count;
    }
}
