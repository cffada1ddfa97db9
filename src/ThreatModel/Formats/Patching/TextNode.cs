namespace ThreatModel.Formats.Patching;

/// <summary>
/// A node of a design's text with exact character offsets, for editing the text in place (<see cref="DesignPatcher"/>).
/// Unlike the reader's tree it keeps where every key, value and bracket stands, and whether a container is written in
/// flow style (<c>{ }</c>, <c>[ ]</c>, JSON) or block style (indented YAML).
/// </summary>
internal abstract class TextNode
{
    /// <summary>The offset of the node's first character.</summary>
    public int Start { get; init; }

    /// <summary>The offset just after the node's last character (a block scalar's trailing line breaks not included).</summary>
    public int End { get; set; }

    /// <summary>The YAML anchor declared on the node (<c>&amp;name</c>), or null.</summary>
    public string? Anchor { get; init; }
}

/// <summary>A single value as written.</summary>
internal sealed class TextScalar : TextNode
{
    /// <summary>The value (unescaped).</summary>
    public required string Value { get; init; }

    /// <summary>True for an empty plain value (<c>key:</c> with nothing after it), which has no characters of its own.</summary>
    public bool Empty { get; init; }
}

/// <summary>A use of an anchored value (<c>*name</c>).</summary>
internal sealed class TextAlias : TextNode
{
}

/// <summary>A mapping or a list.</summary>
internal abstract class TextContainer : TextNode
{
    /// <summary>True for <c>{ }</c>/<c>[ ]</c> (and every JSON container); false for indented YAML.</summary>
    public bool Flow { get; init; }

    /// <summary>For a flow container, the offset of its closing bracket.</summary>
    public int Close { get; set; }
}

/// <summary>A mapping of field names to values, in file order.</summary>
internal sealed class TextMapping : TextContainer
{
    public List<TextEntry> Entries { get; } = [];

    /// <summary>The entry with this field name, or null.</summary>
    public TextEntry? Find(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Value, key, StringComparison.Ordinal))
                return entry;
        }

        return null;
    }

    /// <summary>The text of the <c>id</c> field, or null.</summary>
    public string? Id => Find("id")?.Value is TextScalar { Empty: false } id ? id.Value : null;
}

/// <summary>A list of values.</summary>
internal sealed class TextSequence : TextContainer
{
    public List<TextNode> Items { get; } = [];
}

/// <summary>One field of a mapping: its name and its value.</summary>
internal sealed record TextEntry(TextScalar Key, TextNode Value);
