using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Remembers where each model object was bound from, so a diagnostic found later can point at the exact value
/// (a flow's <c>to</c>, the third entry of its <c>items</c>) instead of the whole object.
/// A map that keeps the mappings costs one list entry per object. A map that only counts (the reader's, which binds
/// one entry at a time and lets the tree go) finds positions by reading the design again, through
/// <see cref="Reload"/>, the first time a diagnostic needs one: nothing is kept on the good path.
/// </summary>
internal sealed class DesignSourceMap : ISourceLocator
{
    private readonly List<MappingNode>[]? _parts;
    private readonly int[] _counts;
    private HashSet<(ModelPart Part, int Index, string Field)>? _reported;
    private DesignSourceMap? _reloaded;
    private bool _reloadTried;

    /// <summary>A map that keeps every object's mapping.</summary>
    public DesignSourceMap()
        : this(keepNodes: true)
    {
    }

    /// <summary>A map that keeps the mappings, or only counts them (then set <see cref="Reload"/>).</summary>
    public DesignSourceMap(bool keepNodes)
    {
        var count = Enum.GetValues<ModelPart>().Length;
        _counts = new int[count];
        if (!keepNodes)
            return;
        _parts = new List<MappingNode>[count];
        for (var i = 0; i < count; i++)
            _parts[i] = [];
    }

    /// <summary>The root mapping of the design, when it is one.</summary>
    public MappingNode? Root { get; set; }

    /// <summary>
    /// For a map that only counts: reads the design again into a map that keeps the mappings (null when it cannot,
    /// for instance because the file changed). Called at most once, when a position is first asked for.
    /// </summary>
    public Func<DesignSourceMap?>? Reload { get; set; }

    /// <summary>Records the mapping of the next object of a part; returns its index.</summary>
    public int Add(ModelPart part, MappingNode node)
    {
        _parts?[(int)part].Add(node);
        return _counts[(int)part]++;
    }

    /// <summary>Forgets the objects of a part after the first <paramref name="count"/>.</summary>
    public void Truncate(ModelPart part, int count)
    {
        if (_parts is not null)
            _parts[(int)part].RemoveRange(count, _parts[(int)part].Count - count);
        _counts[(int)part] = count;
    }

    /// <summary>Notes that a problem with this field was reported while binding.</summary>
    public void MarkReported(ModelPart part, int index, string field) =>
        (_reported ??= []).Add((part, index, field));

    /// <summary>
    /// The most objects (subjects, items, elements, flows, ...) a design may have for a map that only counts to read it
    /// again for the exact position of a warning: below this a second read takes milliseconds; above it (a generated
    /// design of 100,000 elements holds about 400,000) it would cost a second parse and a whole tree in memory, so
    /// warnings point at the object they concern instead.
    /// </summary>
    internal const int CheapReloadObjects = 20_000;

    /// <inheritdoc />
    public bool PositionsAreCheap => _parts is not null || _reloaded is not null || (!_reloadTried && _counts.Sum() <= CheapReloadObjects);

    /// <inheritdoc />
    public bool IsReported(ModelPart part, int index, string field) =>
        _reported is not null && _reported.Contains((part, index, field));

    /// <inheritdoc />
    public SourceSpan Locate(ModelPart part, int index, string path, int listIndex, string? key, SourceSpan fallback)
    {
        if (_parts is null)
        {
            if (!_reloadTried)
            {
                _reloadTried = true;
                _reloaded = Reload?.Invoke();
            }

            return _reloaded is null ? fallback : _reloaded.Locate(part, index, path, listIndex, key, fallback);
        }

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
                var list = _parts![(int)part];
                return index >= 0 && index < list.Count ? list[index] : null;
        }
    }
}
