using ThreatModel.Knowledge;

namespace ThreatModel.Rules.PurposeCreep;

/// <summary>
/// <see cref="PurposeCompatibility.Compare"/> for purposes numbered as in <see cref="FlowTable.PurposeNames"/>, each
/// pair asked of the table once: a rule compares the same few dozen purposes for every item on every flow.
/// </summary>
internal sealed class PurposeVerdictTable
{
    // A flat table while purposes are few (designs use a few dozen); a dictionary for designs with very many.
    private const int MaximumFlatPurposes = 256;

    private readonly PurposeCompatibility _compatibility;
    private readonly IReadOnlyList<string> _names;
    private readonly int _count;
    private readonly sbyte[]? _flat;
    private readonly Dictionary<long, PurposeVerdict>? _sparse;

    public PurposeVerdictTable(PurposeCompatibility compatibility, IReadOnlyList<string> purposeNames)
    {
        ArgumentNullException.ThrowIfNull(compatibility);
        ArgumentNullException.ThrowIfNull(purposeNames);
        _compatibility = compatibility;
        _names = purposeNames;
        _count = purposeNames.Count;
        if (_count <= MaximumFlatPurposes)
        {
            _flat = new sbyte[_count * _count];
            _flat.AsSpan().Fill(-1);
        }
        else
        {
            _sparse = [];
        }
    }

    /// <summary>Whether data collected for purpose number <paramref name="collectedFor"/> may be used for number <paramref name="usedFor"/>.</summary>
    public PurposeVerdict Compare(int collectedFor, int usedFor)
    {
        if (_flat is not null)
        {
            ref var cell = ref _flat[(collectedFor * _count) + usedFor];
            if (cell < 0)
                cell = (sbyte)_compatibility.Compare(_names[collectedFor], _names[usedFor]);
            return (PurposeVerdict)cell;
        }

        var key = ((long)collectedFor << 32) | (uint)usedFor;
        if (!_sparse!.TryGetValue(key, out var verdict))
            _sparse[key] = verdict = _compatibility.Compare(_names[collectedFor], _names[usedFor]);
        return verdict;
    }
}
