using ThreatModel.Formats.Tree;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Which object a value belongs to while binding: its part and index (for the source map), the mapping that
/// declares it (for its id in messages), and the path prefix of nested sections such as <c>trace.</c>.
/// </summary>
internal readonly struct BindingContext(ModelPart part, int index, MappingNode owner, string what, string prefix)
{
    public ModelPart Part { get; } = part;

    public int Index { get; } = index;

    /// <summary>The top-level mapping of the object (the one holding its id).</summary>
    public MappingNode Owner { get; } = owner;

    /// <summary>What the object is, capitalized: "Subject", "Flow", "The design".</summary>
    public string What { get; } = what;

    /// <summary>Dotted path of the nested section being read, ending in a dot, or empty.</summary>
    public string Prefix { get; } = prefix;

    /// <summary>The same object, one section deeper.</summary>
    public BindingContext Nested(string section) => new(Part, Index, Owner, What, Prefix + section + ".");

    /// <summary>The full dotted path of a field.</summary>
    public string Path(string field) => Prefix.Length == 0 ? field : Prefix + field;

    /// <summary>"Flow 'f-share'", or "Flow #3" when it has no readable id; for messages only.</summary>
    public string Label()
    {
        if (Part is ModelPart.Design or ModelPart.Settings)
            return What;
        if (Owner.Find("id")?.Value is ScalarNode { IsNull: false, Invalid: false } id)
            return $"{What} '{ScalarNode.Shorten(id.Value)}'";
        return $"{What} #{Index + 1}";
    }
}
