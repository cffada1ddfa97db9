using ThreatModel.Model;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// A node of the untyped tree a design file parses into before it is bound to the model: a mapping, a list or a
/// scalar, with where it stands in the file. Nothing is instantiated from the file beyond these three shapes.
/// </summary>
internal abstract class DesignNode
{
    protected DesignNode(SourceSpan span) => Span = span;

    /// <summary>Where the node stands; containers get their end when they close.</summary>
    public SourceSpan Span { get; set; }

    /// <summary>How many nodes this one stands for once aliases are expanded, itself included.</summary>
    public long Weight { get; set; } = 1;

    /// <summary>True when a problem with the node was already reported, so binding skips it quietly.</summary>
    public bool Invalid { get; set; }

    /// <summary>What the node is, for messages: "a mapping", "a list", "text 'abc'", "the number 12".</summary>
    public abstract string Describe();
}

/// <summary>A single value. <see cref="Quoted"/> is true for text that must stay text (quoted YAML, JSON strings, <c>!!str</c>).</summary>
internal sealed class ScalarNode(string value, bool quoted, SourceSpan span) : DesignNode(span)
{
    /// <summary>The value as written (unescaped).</summary>
    public string Value { get; } = value;

    /// <summary>True when the value is text whatever it looks like; false for plain YAML scalars and JSON numbers, booleans and null.</summary>
    public bool Quoted { get; } = quoted;

    /// <summary>True for a plain null: empty, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => !Quoted && ScalarValues.IsNull(Value);

    public override string Describe()
    {
        if (IsNull)
            return "nothing (null)";
        if (!Quoted && ScalarValues.IsBoolean(Value, out _))
            return $"the boolean {Value}";
        if (!Quoted && ScalarValues.LooksNumeric(Value))
            return $"the number {Shorten(Value)}";
        return $"text '{Shorten(Value)}'";
    }

    /// <summary>A value cut to a length that fits a message.</summary>
    public static string Shorten(string value) => value.Length <= 60 ? value : string.Concat(value.AsSpan(0, 57), "...");
}

/// <summary>A list of nodes.</summary>
internal sealed class SequenceNode(SourceSpan span) : DesignNode(span)
{
    public List<DesignNode> Items { get; } = [];

    public override string Describe() => "a list";
}

/// <summary>A mapping of field names to nodes, in file order, without duplicate names.</summary>
internal sealed class MappingNode(SourceSpan span) : DesignNode(span)
{
    public List<MappingEntry> Entries { get; } = [];

    public override string Describe() => "a mapping";

    /// <summary>The entry with this field name, or null.</summary>
    public MappingEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry;
        }

        return null;
    }
}

/// <summary>One field of a mapping.</summary>
internal sealed record MappingEntry(ScalarNode Key, DesignNode Value);
