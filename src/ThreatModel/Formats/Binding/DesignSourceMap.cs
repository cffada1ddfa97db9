using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Remembers the mapping each model object was bound from, so a diagnostic found later can point at the exact
/// value (a flow's <c>to</c>, the third entry of its <c>items</c>) instead of the whole object. Costs one list
/// entry per object on the good path; the search happens only when a problem is reported.
/// </summary>
internal sealed class DesignSourceMap : ISourceLocator
{
    private readonly List<MappingNode>[] _parts;
    private HashSet<(ModelPart Part, int Index, string Field)>? _reported;

    public DesignSourceMap()
    {
        var count = Enum.GetValues<ModelPart>().Length;
        _parts = new List<MappingNode>[count];
        for (var i = 0; i < count; i++)
            _parts[i] = [];
    }

    /// <summary>The root mapping of the design, when it is one.</summary>
    public MappingNode? Root { get; set; }

    /// <summary>Records the mapping of the next object of a part; returns its index.</summary>
    public int Add(ModelPart part, MappingNode node)
    {
        var list = _parts[(int)part];
        list.Add(node);
        return list.Count - 1;
    }

    /// <summary>Notes that a problem with this field was reported while binding.</summary>
    public void MarkReported(ModelPart part, int index, string field) =>
        (_reported ??= []).Add((part, index, field));

    /// <inheritdoc />
    public bool IsReported(ModelPart part, int index, string field) =>
        _reported is not null && _reported.Contains((part, index, field));

    /// <inheritdoc />
    public SourceSpan Locate(ModelPart part, int index, string path, int listIndex, string? key, SourceSpan fallback)
    {
        var start = Start(part, index);
        if (start is null)
            return fallback;
        DesignNode current = start;
        foreach (var segment in path.Split('.'))
        {
            if (current is MappingNode mapping && mapping.Find(segment) is { } entry)
            {
                current = entry.Value;
                continue;
            }

            return ReferenceEquals(current, start) ? (fallback.IsKnown ? fallback : start.Span) : current.Span;
        }

        if (listIndex >= 0 && current is SequenceNode sequence && listIndex < sequence.Items.Count)
            return sequence.Items[listIndex].Span;
        if (key is not null && current is MappingNode keyed && keyed.Find(key) is { } keyEntry)
            return keyEntry.Key.Span;
        return current.Span;
    }

    private MappingNode? Start(ModelPart part, int index)
    {
        switch (part)
        {
            case ModelPart.Design:
                return Root;
            case ModelPart.Settings:
                return Root?.Find("settings")?.Value as MappingNode;
            default:
                var list = _parts[(int)part];
                return index >= 0 && index < list.Count ? list[index] : null;
        }
    }
}
