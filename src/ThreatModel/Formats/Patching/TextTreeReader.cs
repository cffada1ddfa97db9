using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThreatModel.Formats.Patching;

/// <summary>
/// Reads a design's text into <see cref="TextNode"/>s with exact offsets: YAML through YamlDotNet's parser events (whose
/// marks are character offsets), JSON through <see cref="Utf8JsonReader"/> (whose byte offsets are turned into
/// character offsets). Like the design reader, nothing is instantiated: only the three shapes are built.
/// </summary>
internal static class TextTreeReader
{
    /// <summary>The root node, or null when the text is not one well-formed document.</summary>
    public static TextNode? Read(string text, DesignFormat format)
    {
        try
        {
            return format == DesignFormat.Json ? ReadJson(text) : ReadYaml(text);
        }
        catch (Exception ex) when (ex is YamlException or JsonException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static TextNode? ReadYaml(string text)
    {
        var offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        using var reader = new StringReader(offset == 0 ? text : text[offset..]);
        var parser = new Parser(new Scanner(reader, skipComments: true));
        var stack = new Stack<Open>();
        TextNode? root = null;
        var documents = 0;
        while (parser.MoveNext())
        {
            TextNode? complete = null;
            switch (parser.Current)
            {
                case DocumentStart:
                    if (++documents > 1)
                        return null;
                    break;
                case Scalar scalar:
                    {
                        var start = (int)scalar.Start.Index + offset;
                        var end = (int)scalar.End.Index + offset;
                        var empty = scalar.Value.Length == 0 && scalar.Style == ScalarStyle.Plain && end == start;
                        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                        {
                            while (end > start && char.IsWhiteSpace(text[end - 1]))
                                end--;
                        }

                        complete = new TextScalar { Start = start, End = end, Value = scalar.Value, Empty = empty, Anchor = AnchorOf(scalar) };
                        break;
                    }

                case AnchorAlias alias:
                    complete = new TextAlias { Start = (int)alias.Start.Index + offset, End = (int)alias.End.Index + offset };
                    break;
                case MappingStart mapping:
                    stack.Push(new Open(new TextMapping { Start = (int)mapping.Start.Index + offset, Flow = mapping.Style == MappingStyle.Flow, Anchor = AnchorOf(mapping) }));
                    break;
                case SequenceStart sequence:
                    stack.Push(new Open(new TextSequence { Start = (int)sequence.Start.Index + offset, Flow = sequence.Style == SequenceStyle.Flow, Anchor = AnchorOf(sequence) }));
                    break;
                case MappingEnd or SequenceEnd:
                    {
                        var open = stack.Pop();
                        var container = open.Node;
                        if (container.Flow)
                        {
                            container.Close = (int)parser.Current.Start.Index + offset;
                            container.End = container.Close + 1;
                        }
                        else
                        {
                            container.End = open.LastEnd;
                        }

                        complete = container;
                        break;
                    }
            }

            if (complete is null)
                continue;
            if (stack.Count == 0)
            {
                root = complete;
                continue;
            }

            stack.Peek().Add(complete);
        }

        return root;
    }

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static TextNode? ReadJson(string text)
    {
        var offset = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var bytes = Encoding.UTF8.GetBytes(text, offset, text.Length - offset);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4096 });
        var positions = new CharacterOffsets(bytes, offset);
        var stack = new Stack<Open>();
        TextNode? root = null;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            TextNode? complete = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push(new Open(new TextMapping { Start = positions.At(start), Flow = true }));
                    break;
                case JsonTokenType.StartArray:
                    stack.Push(new Open(new TextSequence { Start = positions.At(start), Flow = true }));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    {
                        var container = stack.Pop().Node;
                        container.Close = positions.At(start);
                        container.End = container.Close + 1;
                        complete = container;
                        break;
                    }

                case JsonTokenType.PropertyName or JsonTokenType.String:
                    {
                        // The token starts at the opening quote; the value span leaves out both quotes.
                        var length = reader.ValueSpan.Length;
                        var scalar = new TextScalar { Start = positions.At(start), End = positions.At(start + length + 2), Value = reader.GetString() ?? string.Empty };
                        if (reader.TokenType == JsonTokenType.PropertyName)
                            stack.Peek().Key = scalar;
                        else
                            complete = scalar;
                        break;
                    }

                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                    {
                        var raw = Encoding.UTF8.GetString(reader.ValueSpan);
                        complete = new TextScalar { Start = positions.At(start), End = positions.At(start + reader.ValueSpan.Length), Value = raw };
                        break;
                    }
            }

            if (complete is null)
                continue;
            if (stack.Count == 0)
                root = complete;
            else
                stack.Peek().Add(complete);
        }

        return root;
    }

    /// <summary>A container being read: the key waiting for its value, and where its last child ended.</summary>
    private sealed class Open(TextContainer node)
    {
        public TextContainer Node { get; } = node;

        public TextScalar? Key { get; set; }

        public int LastEnd { get; private set; } = node.Start;

        public void Add(TextNode child)
        {
            // An empty value has no characters: the entry ends with its field name.
            var end = child is TextScalar { Empty: true } && Node is TextMapping && Key is not null ? Key.End : child.End;
            LastEnd = Math.Max(LastEnd, end);
            switch (Node)
            {
                case TextSequence sequence:
                    sequence.Items.Add(child);
                    break;
                case TextMapping when Key is null:
                    Key = child as TextScalar ?? throw new InvalidOperationException("A field name is not text.");
                    break;
                case TextMapping mapping:
                    mapping.Entries.Add(new TextEntry(Key, child));
                    Key = null;
                    break;
            }
        }
    }

    /// <summary>Turns increasing byte offsets of UTF-8 text into character offsets, counting only the bytes in between.</summary>
    private sealed class CharacterOffsets(byte[] bytes, int first)
    {
        private readonly int _first = first;
        private int _byte;
        private int _char = first;

        public int At(int byteOffset)
        {
            if (byteOffset < _byte)
            {
                _byte = 0;
                _char = _first;
            }

            for (; _byte < byteOffset && _byte < bytes.Length; _byte++)
            {
                var b = bytes[_byte];
                if ((b & 0xC0) != 0x80)
                    _char += b >= 0xF0 ? 2 : 1; // a four-byte sequence is a surrogate pair: two chars
            }

            return _char;
        }
    }
}
