using System.Buffers;
using System.Text;
using System.Text.Json;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Reads JSON into the same node tree as YAML, with System.Text.Json's forward-only <see cref="Utf8JsonReader"/>:
/// one pass over the stream in chunks (never the whole file in memory), no recursion, positions computed from
/// byte offsets as the reader moves.
/// </summary>
internal static class JsonTreeReader
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>
    /// The root node, or null when the JSON could not be parsed (diagnostics say why). Reads from the stream's
    /// position to its end; the stream must be seekable (a message about a syntax error reads the line again).
    /// </summary>
    public static DesignNode? Read(Stream stream, string file, ReaderLimits limits, DiagnosticBag diagnostics, IDesignSink? sink = null)
    {
        var bodyStart = stream.Position;
        var builder = new TreeBuilder(file, limits, diagnostics, sink);
        var options = new JsonReaderOptions
        {
            // The tree builder reports depth itself, with a better message; the reader only needs room for one more level.
            MaxDepth = limits.MaxDepth >= int.MaxValue - 1 ? int.MaxValue : limits.MaxDepth + 1,
            CommentHandling = JsonCommentHandling.Disallow,
            AllowTrailingCommas = false,
        };
        var state = new JsonReaderState(options);
        var strings = new Utf8StringCache();
        var cursor = new PositionCursor();
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var filled = 0;
        long chunkStart = 0; // offset in the text of buffer[0]
        long tokenStart = 0;
        var end = false;
        try
        {
            while (true)
            {
                if (!end)
                {
                    var read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                    end = filled + read < buffer.Length;
                    filled += read;
                }

                var chunk = buffer.AsSpan(0, filled);
                var reader = new Utf8JsonReader(chunk, isFinalBlock: end, state);
                while (reader.Read())
                {
                    var start = (int)reader.TokenStartIndex;
                    tokenStart = chunkStart + start;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.StartObject:
                            cursor.MoveTo(chunk, chunkStart, tokenStart);
                            builder.StartMapping(cursor.Line, cursor.Column, null);
                            break;
                        case JsonTokenType.StartArray:
                            cursor.MoveTo(chunk, chunkStart, tokenStart);
                            builder.StartSequence(cursor.Line, cursor.Column, null);
                            break;
                        case JsonTokenType.EndObject or JsonTokenType.EndArray:
                            cursor.MoveTo(chunk, chunkStart, tokenStart + 1);
                            builder.End(cursor.Line, cursor.Column);
                            break;
                        case JsonTokenType.PropertyName or JsonTokenType.String:
                            var length = reader.ValueSpan.Length;
                            var span = Span(ref cursor, chunk, chunkStart, file, start, start + length + 2);
                            if (length > limits.MaxScalarLength)
                                builder.OversizedScalar(length, span);
                            else
                                builder.Scalar(Text(ref reader, strings), quoted: true, span, null);
                            break;
                        case JsonTokenType.Number:
                            var raw = reader.ValueSpan;
                            var numberSpan = Span(ref cursor, chunk, chunkStart, file, start, start + raw.Length);
                            if (raw.Length > limits.MaxScalarLength)
                                builder.OversizedScalar(raw.Length, numberSpan);
                            else
                                builder.Scalar(strings.Get(raw), quoted: false, numberSpan, null);
                            break;
                        case JsonTokenType.True:
                            builder.Scalar("true", quoted: false, Span(ref cursor, chunk, chunkStart, file, start, start + 4), null);
                            break;
                        case JsonTokenType.False:
                            builder.Scalar("false", quoted: false, Span(ref cursor, chunk, chunkStart, file, start, start + 5), null);
                            break;
                        case JsonTokenType.Null:
                            builder.Scalar("null", quoted: false, Span(ref cursor, chunk, chunkStart, file, start, start + 4), null);
                            break;
                    }

                    if (builder.Stopped)
                        return null;
                }

                if (end)
                    break;

                // Keep the bytes of the token the reader could not finish; a token longer than the buffer grows it.
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                cursor.MoveTo(chunk, chunkStart, chunkStart + consumed);
                chunk[consumed..].CopyTo(buffer);
                filled -= consumed;
                chunkStart += consumed;
                if (filled == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }
            }
        }
        catch (JsonException ex)
        {
            var line = (int)Math.Clamp((ex.LineNumber ?? 0) + 1, 1, int.MaxValue);
            var column = ColumnAt(stream, bodyStart, line, ex.BytePositionInLine ?? 0);
            diagnostics.Error(DiagnosticCodes.Syntax, $"The JSON is not well formed: {CleanMessage(ex.Message)} Check the line and the lines just before it.", SourceSpan.At(file, line, column));
            return null;
        }
        catch (InvalidOperationException ex)
        {
            cursor.MoveTo(buffer.AsSpan(0, filled), chunkStart, tokenStart);
            diagnostics.Error(DiagnosticCodes.Syntax, $"The JSON is not well formed: {CleanMessage(ex.Message)}", SourceSpan.At(file, cursor.Line, cursor.Column));
            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return builder.Root;
    }

    /// <summary>The string value; a short one seen before (every field name, most values) is not allocated again.</summary>
    private static string Text(ref Utf8JsonReader reader, Utf8StringCache strings) =>
        reader.ValueIsEscaped ? reader.GetString() ?? string.Empty : strings.Get(reader.ValueSpan);

    private static SourceSpan Span(ref PositionCursor cursor, ReadOnlySpan<byte> chunk, long chunkStart, string file, int start, int end)
    {
        cursor.MoveTo(chunk, chunkStart, chunkStart + start);
        var (line, column) = (cursor.Line, cursor.Column);
        cursor.MoveTo(chunk, chunkStart, chunkStart + Math.Min(end, chunk.Length));
        return new SourceSpan(file, line, column, cursor.Line, cursor.Column);
    }

    /// <summary>The 1-based column (in characters) of a byte position within a 1-based line, read again from the stream.</summary>
    private static int ColumnAt(Stream stream, long bodyStart, int line, long bytePositionInLine)
    {
        stream.Position = bodyStart;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            // Find where the line starts: after the (line - 1)th line break, or after the last one if there are fewer.
            long offset = 0, lineStart = 0;
            var breaks = 1;
            var read = 0;
            while (breaks < line && (read = stream.Read(buffer, 0, ChunkSize)) > 0)
            {
                var chunk = buffer.AsSpan(0, read);
                var at = 0;
                while (breaks < line && chunk[at..].IndexOf((byte)'\n') is var next and >= 0)
                {
                    at += next + 1;
                    lineStart = offset + at;
                    breaks++;
                }

                offset += read;
            }

            // Count the characters from there up to the position.
            stream.Position = bodyStart + lineStart;
            var remaining = bytePositionInLine;
            var characters = 0;
            while (remaining > 0 && (read = stream.Read(buffer, 0, (int)Math.Min(ChunkSize, remaining))) > 0)
            {
                characters += PositionCursor.CountCharacters(buffer.AsSpan(0, read));
                remaining -= read;
            }

            return characters + 1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string CleanMessage(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var text = (cut >= 0 ? message[..cut] : message).Trim();
        return text.EndsWith('.') ? text : text + ".";
    }
}
