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
    public abstract long Weight { get; }

    /// <summary>True when a problem with the node was already reported, so binding skips it quietly.</summary>
    public bool Invalid { get; set; }

    /// <summary>What the node is, for messages: "a mapping", "a list", "text 'abc'", "the number 12".</summary>
    public abstract string Describe();
}

/// <summary>A single value. <see cref="Quoted"/> is true for text that must stay text (quoted YAML, JSON strings, <c>!!str</c>).</summary>
internal sealed class ScalarNode(string value, bool quoted, SourceSpan span) : DesignNode(span)
{
    /// <summary>The value as written (unescaped).</summary>
    public string Value { get; private set; } = value;

    /// <summary>True when the value is text whatever it looks like; false for plain YAML scalars and JSON numbers, booleans and null.</summary>
    public bool Quoted { get; private set; } = quoted;

    /// <summary>Makes a recycled node stand for another value (see <see cref="TreeBuilder"/>).</summary>
    public void Reset(string value, bool quoted, SourceSpan span, bool invalid)
    {
        Value = value;
        Quoted = quoted;
        Span = span;
        Invalid = invalid;
    }

    public override long Weight => 1;

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

/// <summary>A mapping or a list: a node that holds others and counts what they stand for.</summary>
internal abstract class ContainerNode(SourceSpan span) : DesignNode(span)
{
    private long _weight = 1;

    public override long Weight => _weight;

    /// <summary>Counts a child (with everything an alias child expands to).</summary>
    public void AddWeight(long weight) => _weight += weight;

    /// <summary>Empties a recycled node for reuse at another place (see <see cref="TreeBuilder"/>).</summary>
    public virtual void Reset(SourceSpan span)
    {
        _weight = 1;
        Span = span;
        Invalid = false;
    }
}

/// <summary>A list of nodes.</summary>
internal sealed class SequenceNode(SourceSpan span) : ContainerNode(span)
{
    public List<DesignNode> Items { get; } = [];

    /// <summary>True when the entries went one by one to an <see cref="IDesignSink"/> and <see cref="Items"/> stays empty.</summary>
    public bool Streamed { get; set; }

    public override void Reset(SourceSpan span)
    {
        base.Reset(span);
        Items.Clear();
        Streamed = false;
    }

    public override string Describe() => "a list";
}

/// <summary>A mapping of field names to nodes, in file order, without duplicate names.</summary>
internal sealed class MappingNode(SourceSpan span) : ContainerNode(span)
{
    public List<MappingEntry> Entries { get; } = [];

    public override string Describe() => "a mapping";

    private Dictionary<string, int>? _index;

    public override void Reset(SourceSpan span)
    {
        base.Reset(span);
        Entries.Clear();
        _index = null;
    }

    /// <summary>The entry with this field name, or null. Large mappings get an index on first use.</summary>
    public MappingEntry? Find(string key)
    {
        var entries = Entries;
        if (entries.Count > 16)
        {
            if (_index is null || _index.Count != entries.Count)
            {
                _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
                for (var i = 0; i < entries.Count; i++)
                    _index.TryAdd(entries[i].Key.Value, i);
            }

            return _index.TryGetValue(key, out var at) ? entries[at] : null;
        }

        foreach (var entry in entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry;
        }

        return null;
    }
}

/// <summary>One field of a mapping.</summary>
internal readonly record struct MappingEntry(FieldKey Key, DesignNode Value);

/// <summary>A field name and where it stands; kept inline in its mapping rather than as a node of its own.</summary>
internal readonly record struct FieldKey(string Value, SourceSpan Span);
