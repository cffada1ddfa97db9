using ThreatModel.Model;
using ThreatModel.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Reads YAML text into the node tree through YamlDotNet's low-level event parser. Nothing is deserialized
/// into objects; type tags are refused; the tree builder enforces depth and alias-expansion limits while the
/// parser streams, so a hostile file stops after a bounded amount of work.
/// </summary>
internal static class YamlTreeReader
{
    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The root node, or null when the file holds no document or could not be parsed (diagnostics say why).</summary>
    public static DesignNode? Read(string text, string file, ReaderLimits limits, DiagnosticBag diagnostics, IDesignSink? sink = null) =>
        Read(new BoundedStringReader(text, GapLimit(limits)), file, limits, diagnostics, sink);

    /// <summary>
    /// How far the scanner may read past the end of the last parse event: it may read one value plus the space and
    /// comments around it; far more than the value-length limit means one value too long to be worth scanning to its end.
    /// </summary>
    public static long GapLimit(ReaderLimits limits) => (2L * limits.MaxScalarLength) + (64 * 1024);

    /// <summary>The root node read from <paramref name="reader"/>, or null when the file holds no document or could not be parsed (diagnostics say why).</summary>
    public static DesignNode? Read(BoundedTextReader reader, string file, ReaderLimits limits, DiagnosticBag diagnostics, IDesignSink? sink = null)
    {
        var builder = new TreeBuilder(file, limits, diagnostics, sink);
        var scanner = new Scanner(reader, skipComments: true);
        var parser = new Parser(scanner);
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case Scalar scalar:
                        var quoted = scalar.Style != ScalarStyle.Plain;
                        var span = Span(file, scalar.Start, scalar.End);
                        var allowed = scalar.Tag.IsEmpty || ApplyTag(scalar, builder, span, ref quoted);
                        builder.Scalar(scalar.Value, quoted, span, AnchorOf(scalar), invalid: !allowed);
                        break;
                    case MappingStart mapping:
                        CheckContainerTag(mapping, builder, "map");
                        builder.StartMapping(Line(mapping.Start), Column(mapping.Start), AnchorOf(mapping));
                        break;
                    case SequenceStart sequence:
                        CheckContainerTag(sequence, builder, "seq");
                        builder.StartSequence(Line(sequence.Start), Column(sequence.Start), AnchorOf(sequence));
                        break;
                    case MappingEnd or SequenceEnd:
                        builder.End(Line(parser.Current.End), Column(parser.Current.End));
                        break;
                    case AnchorAlias alias:
                        builder.Alias(alias.Value.Value, Span(file, alias.Start, alias.End));
                        break;
                    case DocumentStart start:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Error(
                                DiagnosticCodes.Syntax,
                                "The file holds more than one YAML document; a design is one document. Remove the second '---' and what follows, or split it into its own file.",
                                SourceSpan.At(file, Line(start.Start), Column(start.Start)));
                            return null;
                        }

                        break;
                }

                if (builder.Stopped)
                    return null;
                reader.Mark = parser.Current!.End.Index;
            }
        }
        catch (GapLimitExceededException)
        {
            var position = reader.PositionOf(reader.Mark);
            diagnostics.Error(
                DiagnosticCodes.LimitExceeded,
                $"After line {position.Line}, column {position.Column} comes a single value (or comment) longer than the limit of {limits.MaxScalarLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters. Shorten it, or raise the limit with --max-scalar-length.",
                SourceSpan.At(file, position.Line, position.Column));
            return null;
        }
        catch (YamlException ex)
        {
            diagnostics.Error(DiagnosticCodes.Syntax, $"The YAML is not well formed: {Sentence(ex.Message)} Check the line and the lines just before it.", SourceSpan.At(file, Line(ex.Start), Column(ex.Start)));
            return null;
        }
#pragma warning disable CA1031 // The YAML parser can fail on malformed input with exceptions other than YamlException; the reader must never throw for bad input.
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException or FormatException or OverflowException)
#pragma warning restore CA1031
        {
            var position = scanner.CurrentPosition;
            diagnostics.Error(DiagnosticCodes.Syntax, "The YAML is not well formed here (the parser could not go on). Check for an unclosed bracket or quote, or an indentation mistake, at or before this point.", SourceSpan.At(file, Line(position), Column(position)));
            return null;
        }

        return builder.Root;
    }

    /// <summary>Applies a core-schema tag; reports any other tag and returns false.</summary>
    private static bool ApplyTag(Scalar scalar, TreeBuilder builder, SourceSpan span, ref bool quoted)
    {
        var tag = scalar.Tag;
        if (tag.IsNonSpecific)
        {
            quoted = true; // "!" marks plain text
            return true;
        }

        switch (tag.Value)
        {
            case CoreTagPrefix + "str":
                quoted = true;
                return true;
            case CoreTagPrefix + "int" or CoreTagPrefix + "float" or CoreTagPrefix + "bool" or CoreTagPrefix + "null":
                quoted = false;
                return true;
            default:
                builder.ForbiddenTag(ShortTag(tag.Value), span);
                return false;
        }
    }

    /// <summary>Reports a tag on a mapping or list other than the plain core one. The contents are still read: only the tag is refused.</summary>
    private static void CheckContainerTag(NodeEvent node, TreeBuilder builder, string allowed)
    {
        if (node.Tag.IsEmpty || node.Tag.IsNonSpecific || node.Tag.Value == CoreTagPrefix + allowed)
            return;
        builder.ForbiddenTag(ShortTag(node.Tag.Value), SourceSpan.At(builder.File, Line(node.Start), Column(node.Start)));
    }

    private static string ShortTag(string tag) =>
        tag.StartsWith(CoreTagPrefix, StringComparison.Ordinal) ? "!!" + tag[CoreTagPrefix.Length..] : tag;

    private static string? AnchorOf(NodeEvent node) => node.Anchor.IsEmpty ? null : node.Anchor.Value;

    private static SourceSpan Span(string file, Mark start, Mark end) =>
        new(file, Line(start), Column(start), Line(end), Column(end));

    private static int Line(Mark mark) => (int)Math.Clamp(mark.Line, 1, int.MaxValue);

    private static int Column(Mark mark) => (int)Math.Clamp(mark.Column, 1, int.MaxValue);

    private static string Sentence(string message)
    {
        var trimmed = message.Trim();
        if (trimmed.Length == 0)
            return "the parser stopped.";
        if (char.IsLower(trimmed[0]))
            trimmed = char.ToUpperInvariant(trimmed[0]) + trimmed[1..];
        return trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }
}
