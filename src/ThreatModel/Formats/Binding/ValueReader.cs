using System.Globalization;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Reads typed values out of nodes and reports what is wrong with them: wrong type (TM1002), a missing required
/// field (TM1003), an unknown field (TM1004), a number that cannot be represented (TM1007), an unknown word (TM1008).
/// Every report marks the field in the source map so the semantic checks that follow stay quiet about it.
/// Null (an empty value, <c>~</c>, <c>null</c>) reads as "not given".
/// </summary>
internal sealed class ValueReader(DiagnosticBag diagnostics, DesignSourceMap map)
{
    private const int SharedLength = 48;
    private const int SharedCapacity = 1_000_000;
    private const int Shards = 64;

    // One instance of each id and reference (element ids in every flow's from and to, item ids in its items, purposes,
    // organizations): a large design repeats them hundreds of thousands of times. The table is split in shards so
    // that none grows onto the large-object heap (where each new array can set off a full garbage collection).
    private readonly HashSet<string>?[] _shared = new HashSet<string>?[Shards];
    private int _sharedCount;

    public DiagnosticBag Diagnostics => diagnostics;

    public DesignSourceMap Map => map;

    /// <summary>
    /// True when a scalar gives no value: null ("not given"), or invalid (already reported by the tree; the field is
    /// marked so later checks stay quiet about it).
    /// </summary>
    private bool IsAbsent(ScalarNode scalar, in BindingContext ctx, string field)
    {
        if (scalar.Invalid)
            Mark(ctx, field);
        return scalar.Invalid || scalar.IsNull;
    }

    /// <summary>Text from any non-null scalar.</summary>
    public string? Text(DesignNode node, in BindingContext ctx, string field)
    {
        if (node is ScalarNode scalar)
            return IsAbsent(scalar, ctx, field) ? null : scalar.Value;

        WrongType(node, ctx, field, "text");
        return null;
    }

    /// <summary>
    /// Text that names something (an id, a reference to one, a word used again and again), kept as one shared instance;
    /// one with an invisible character is reported (<see cref="CheckName"/>) and kept, so references to it still bind.
    /// </summary>
    public string? Reference(DesignNode node, in BindingContext ctx, string field)
    {
        if (Text(node, ctx, field) is not { } text)
            return null;
        CheckName(node.Span, ctx, field, text);
        return Share(text);
    }

    /// <summary>
    /// Reports (TM1020) an id or reference that holds a Unicode format character (bidi, zero-width, tag) or a control
    /// character: it would print like another id, or reorder the text around it.
    /// </summary>
    public void CheckName(SourceSpan span, in BindingContext ctx, string field, string text)
    {
        if (InvisibleCharacters.First(text) is not { } character)
            return;
        Mark(ctx, field);
        diagnostics.Error(
            DiagnosticCodes.InvisibleCharacter,
            $"{ctx.Label()}, field '{ctx.Path(field)}': '{ScalarNode.Shorten(text)}' contains {character}, which does not show when printed (it would print like another id, or reorder the text around it). Remove it: ids and references may hold no Unicode format or control characters.",
            span);
    }

    /// <summary>The shared instance of a short text.</summary>
    public string Share(string value)
    {
        if (value.Length is 0 or > SharedLength)
            return value;
        var shard = _shared[(value[^1] ^ (value[value.Length / 2] << 3) ^ value.Length) & (Shards - 1)] ??= new HashSet<string>(StringComparer.Ordinal);
        if (shard.TryGetValue(value, out var shared))
            return shared;
        if (_sharedCount < SharedCapacity)
        {
            shard.Add(value);
            _sharedCount++;
        }

        return value;
    }

    /// <summary>A number, including .inf and .nan (range checks come later).</summary>
    public double? Number(DesignNode node, in BindingContext ctx, string field, string expected)
    {
        if (node is ScalarNode scalar)
        {
            if (IsAbsent(scalar, ctx, field))
                return null;
            if (!scalar.Quoted && ScalarValues.TryParseNumber(scalar.Value, out var value))
                return value;
        }

        WrongType(node, ctx, field, expected);
        return null;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/> as far as representation goes; finer range checks come later.</summary>
    public long? Whole(DesignNode node, in BindingContext ctx, string field, string expected, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is ScalarNode scalar)
        {
            if (IsAbsent(scalar, ctx, field))
                return null;
            if (!scalar.Quoted && ScalarValues.IsIntegerText(scalar.Value))
            {
                if (long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) && whole >= min && whole <= max)
                    return whole;
                OutOfRange(scalar, ctx, field, $"{expected}, at most {max.ToString("N0", CultureInfo.InvariantCulture)}");
                return null;
            }

            if (!scalar.Quoted && ScalarValues.TryParseNumber(scalar.Value, out var number))
            {
                if (!double.IsFinite(number) || number < min || number > max)
                {
                    OutOfRange(scalar, ctx, field, expected);
                    return null;
                }

                if (Math.Floor(number) != number)
                {
                    WrongType(node, ctx, field, expected);
                    return null;
                }

                return (long)number;
            }
        }

        WrongType(node, ctx, field, expected);
        return null;
    }

    /// <summary>A whole number that fits in 32 bits.</summary>
    public int? Int32(DesignNode node, in BindingContext ctx, string field, string expected) =>
        (int?)Whole(node, ctx, field, expected, int.MinValue, int.MaxValue);

    /// <summary>true or false.</summary>
    public bool? Boolean(DesignNode node, in BindingContext ctx, string field)
    {
        if (node is ScalarNode scalar)
        {
            if (IsAbsent(scalar, ctx, field))
                return null;
            if (!scalar.Quoted && ScalarValues.IsBoolean(scalar.Value, out var value))
                return value;
        }

        WrongType(node, ctx, field, "true or false");
        return null;
    }

    /// <summary>One of the allowed words; the index of the word, or -1.</summary>
    public int Word(DesignNode node, in BindingContext ctx, string field, string[] words, string what)
    {
        var text = Text(node, ctx, field);
        if (text is null)
            return -1;
        var index = DesignVocabulary.IndexOf(words, text);
        if (index < 0)
            UnknownWord(node, ctx, field, text, what, words);
        return index;
    }

    /// <summary>A list, or null when not given.</summary>
    public SequenceNode? List(DesignNode node, in BindingContext ctx, string field)
    {
        switch (node)
        {
            case SequenceNode sequence when !sequence.Invalid:
                return sequence;
            case ScalarNode { IsNull: true, Invalid: false }:
                return null;
            case { Invalid: true }:
                Mark(ctx, field);
                return null;
            default:
                WrongType(node, ctx, field, "a list");
                return null;
        }
    }

    /// <summary>A mapping, or null when not given.</summary>
    public MappingNode? Mapping(DesignNode node, in BindingContext ctx, string field, string expected)
    {
        switch (node)
        {
            case MappingNode mapping when !mapping.Invalid:
                return mapping;
            case ScalarNode { IsNull: true, Invalid: false }:
                return null;
            case { Invalid: true }:
                Mark(ctx, field);
                return null;
            default:
                WrongType(node, ctx, field, expected);
                return null;
        }
    }

    /// <summary>A list of texts (ids, words), shared like <see cref="Reference"/>; entries of the wrong type are reported and left out.</summary>
    public IReadOnlyList<string> TextList(DesignNode node, in BindingContext ctx, string field)
    {
        var sequence = List(node, ctx, field);
        if (sequence is null || sequence.Items.Count == 0)
            return [];

        // An array of the exact size (the usual case: every entry is text), cut when some were left out.
        var values = new string[sequence.Items.Count];
        var count = 0;
        foreach (var entry in sequence.Items)
        {
            if (entry is ScalarNode { IsNull: false } scalar)
            {
                if (!scalar.Invalid)
                {
                    CheckName(scalar.Span, ctx, field, scalar.Value);
                    values[count++] = Share(scalar.Value);
                }

                continue;
            }

            if (!entry.Invalid)
            {
                diagnostics.Error(
                    DiagnosticCodes.WrongType,
                    $"{ctx.Label()}, field '{ctx.Path(field)}': expected a list of names, found {entry.Describe()} in it.",
                    entry.Span);
            }
        }

        return count == values.Length ? values : count == 0 ? [] : values[..count];
    }

    /// <summary>Reports a value of the wrong type.</summary>
    public void WrongType(DesignNode node, in BindingContext ctx, string field, string expected)
    {
        Mark(ctx, field);
        if (node.Invalid)
            return;
        diagnostics.Error(
            DiagnosticCodes.WrongType,
            $"{ctx.Label()}, field '{ctx.Path(field)}': expected {expected}, found {node.Describe()}.",
            node.Span);
    }

    /// <summary>Reports a number that cannot stand for what the field means.</summary>
    public void OutOfRange(ScalarNode node, in BindingContext ctx, string field, string expected)
    {
        Mark(ctx, field);
        diagnostics.Error(
            DiagnosticCodes.OutOfRange,
            $"{ctx.Label()}, field '{ctx.Path(field)}': expected {expected}, found {ScalarNode.Shorten(node.Value)}.",
            node.Span);
    }

    /// <summary>Reports a word that is not among the allowed ones.</summary>
    public void UnknownWord(DesignNode node, in BindingContext ctx, string field, string value, string what, IReadOnlyList<string> words)
    {
        Mark(ctx, field);
        diagnostics.Error(
            DiagnosticCodes.UnknownValue,
            $"{ctx.Label()}, field '{ctx.Path(field)}': '{ScalarNode.Shorten(value)}' is not a known {what}.{NameSuggester.Hint(value, words)} Allowed: {string.Join(", ", words)}.",
            node.Span);
    }

    /// <summary>Reports a required field that is absent or empty.</summary>
    public void Missing(in BindingContext ctx, MappingNode mapping, string field, string expected, DesignNode? present)
    {
        if (map.IsReported(ctx.Part, ctx.Index, ctx.Path(field)))
            return;
        Mark(ctx, field);
        if (present is { Invalid: true })
            return;
        var message = present is null
            ? $"{ctx.Label()} is missing the required field '{ctx.Path(field)}'; expected {expected}."
            : $"{ctx.Label()}, field '{ctx.Path(field)}' is empty; expected {expected}.";
        diagnostics.Error(DiagnosticCodes.MissingField, message, present?.Span ?? mapping.Span);
    }

    /// <summary>Reports a field the format does not know, with the closest known name.</summary>
    public void UnknownField(FieldKey key, in BindingContext ctx, string[] known)
    {
        if (key.Value == "<<")
        {
            diagnostics.Error(
                DiagnosticCodes.UnknownField,
                $"{ctx.Label()} uses a YAML merge key '<<', which designs do not support (it is not part of YAML 1.2). Write the fields out instead.",
                key.Span);
            return;
        }

        var where = ctx.Prefix.Length == 0 ? string.Empty : $" in '{ctx.Prefix.TrimEnd('.')}'";
        diagnostics.Error(
            DiagnosticCodes.UnknownField,
            $"{ctx.Label()} has an unknown field '{ScalarNode.Shorten(key.Value)}'{where}.{NameSuggester.Hint(key.Value, known)} Known fields here: {string.Join(", ", known)}.",
            key.Span);
    }

    /// <summary>Marks a field as reported.</summary>
    public void Mark(in BindingContext ctx, string field) => map.MarkReported(ctx.Part, ctx.Index, ctx.Path(field));
}
