namespace ThreatModel.Graph;

/// <summary>
/// Ids in the order first added, each once (scanned while few, then checked by a set): an evidence path gathered from many witness paths is
/// handed to <c>FindingBuilder.Along</c> in one call instead of one call per witness, which would
/// compare every id of every witness with every id kept so far. The result is the same: first appearance, in order.
/// </summary>
internal sealed class DistinctIds
{
    private const int ScanLimit = 16;

    private readonly List<string> _ids = [];
    private HashSet<string>? _seen;

    /// <summary>The ids, each once, in the order first added.</summary>
    public IReadOnlyList<string> Ids => _ids;

    /// <summary>Adds the ids not added yet, in order.</summary>
    public DistinctIds Add(IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        for (var k = 0; k < ids.Count; k++)
            Add(ids[k]);
        return this;
    }

    /// <summary>Adds the id when it is not there yet.</summary>
    public DistinctIds Add(string id)
    {
        // A short path is scanned; a set is made once it grows past a few ids.
        if (_seen is null && _ids.Count >= ScanLimit)
            _seen = new HashSet<string>(_ids, StringComparer.Ordinal);
        if (_seen is not null ? _seen.Add(id) : !_ids.Contains(id))
            _ids.Add(id);
        return this;
    }
}
