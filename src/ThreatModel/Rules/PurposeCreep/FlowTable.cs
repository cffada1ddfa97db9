using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Rules.PurposeCreep;

/// <summary>
/// A design's flows by position, for searches that visit every flow many times: each flow's ends as element
/// positions, its distinct items as item positions, and its normalised purpose as a small integer. Made once per
/// analysis, so hot loops compare integers instead of hashing ids and normalising purposes per visit.
/// </summary>
/// <remarks>
/// Elements and items are numbered by their position in the design, the first of each id (as
/// <see cref="SystemModel.TryGetElement"/> and <see cref="SystemModel.TryGetItem"/> find them). A flow whose sender
/// or receiver is not declared has both ends -1 and no items. Item ids a flow names that are not declared are left
/// out. Purposes are numbered in ordinal order of their normalised text, so ordering by number orders by text.
/// </remarks>
internal sealed class FlowTable
{
    private readonly int[] _from;
    private readonly int[] _to;
    private readonly int[] _purpose;
    private readonly string[] _ids;
    private readonly int[] _itemStart;
    private readonly int[] _items;
    private readonly bool[] _carried;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public FlowTable(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        var elementPositions = new Dictionary<string, int>(model.Elements.Count, StringComparer.Ordinal);
        for (var e = 0; e < model.Elements.Count; e++)
            elementPositions.TryAdd(model.Elements[e].Id, e);
        var itemPositionsById = new Dictionary<string, int>(model.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Count; i++)
            itemPositionsById.TryAdd(model.Items[i].Id, i);

        ItemPositionsById = itemPositionsById;
        var flows = model.Flows;
        _from = new int[flows.Count];
        _to = new int[flows.Count];
        _purpose = new int[flows.Count];
        _ids = new string[flows.Count];
        _itemStart = new int[flows.Count + 1];
        var listed = 0;
        for (var f = 0; f < flows.Count; f++)
            listed += flows[f].Items.Count;
        _items = new int[listed];
        _carried = new bool[listed];
        var count = 0;
        // Purposes by the text flows give (a few dozen strings), then by normalised text: one look-up per flow.
        var purposesAsWritten = new Dictionary<string, int>(StringComparer.Ordinal);
        var purposeNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var purposeNames = new List<string>();
        HashSet<int>? seen = null;
        for (var f = 0; f < flows.Count; f++)
        {
            var flow = flows[f];
            _ids[f] = flow.Id;
            if (!purposesAsWritten.TryGetValue(flow.Purpose, out var purpose))
            {
                var normal = PurposeCompatibility.Normalize(flow.Purpose);
                if (!purposeNumbers.TryGetValue(normal, out purpose))
                {
                    purposeNumbers[normal] = purpose = purposeNames.Count;
                    purposeNames.Add(normal);
                }

                purposesAsWritten[flow.Purpose] = purpose;
            }

            _purpose[f] = purpose;
            _itemStart[f] = count;
            if (!elementPositions.TryGetValue(flow.From, out var from) || !elementPositions.TryGetValue(flow.To, out var to))
            {
                _from[f] = _to[f] = -1;
                continue;
            }

            _from[f] = from;
            _to[f] = to;
            // Distinct items in the order the flow lists them; a set only for long lists.
            var itemIds = flow.Items;
            var facts = FlowFacts.Of(flow);
            var useSet = itemIds.Count > 16;
            if (useSet)
                (seen ??= []).Clear();
            for (var k = 0; k < itemIds.Count; k++)
            {
                if (!itemPositionsById.TryGetValue(itemIds[k], out var item))
                    continue;
                if (useSet ? !seen!.Add(item) : _items.AsSpan(_itemStart[f], count - _itemStart[f]).Contains(item))
                    continue;
                _items[count] = item;
                _carried[count++] = !facts.Suppresses(itemIds[k]);
            }
        }

        _itemStart[flows.Count] = count;

        // Number purposes in ordinal order of their text.
        var names = purposeNames.ToArray();
        var order = new int[names.Length];
        for (var p = 0; p < order.Length; p++)
            order[p] = p;
        Array.Sort((string[])names.Clone(), order, StringComparer.Ordinal);
        var renumber = new int[names.Length];
        var sorted = new string[names.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            renumber[order[rank]] = rank;
            sorted[rank] = names[order[rank]];
        }

        PurposeNames = sorted;

        for (var f = 0; f < _purpose.Length; f++)
            _purpose[f] = renumber[_purpose[f]];
    }

    /// <summary>The design.</summary>
    public SystemModel Model { get; }

    /// <summary>The number of flows.</summary>
    public int FlowCount => _from.Length;

    /// <summary>The normalised purposes of the flows, distinct, in ordinal order; a purpose's number is its position here.</summary>
    public IReadOnlyList<string> PurposeNames { get; }

    /// <summary>Item positions by id, the first of each id.</summary>
    public IReadOnlyDictionary<string, int> ItemPositionsById { get; }

    /// <summary>The position of the sender of flow <paramref name="flow"/>, or -1 when either end is not declared.</summary>
    public int From(int flow) => _from[flow];

    /// <summary>The position of the receiver of flow <paramref name="flow"/>, or -1 when either end is not declared.</summary>
    public int To(int flow) => _to[flow];

    /// <summary>The id of flow <paramref name="flow"/>.</summary>
    public string Id(int flow) => _ids[flow];

    /// <summary>The number of the normalised purpose of flow <paramref name="flow"/>.</summary>
    public int Purpose(int flow) => _purpose[flow];

    /// <summary>The positions of the distinct declared items flow <paramref name="flow"/> lists, in its order.</summary>
    public ReadOnlySpan<int> Items(int flow) => _items.AsSpan(_itemStart[flow], _itemStart[flow + 1] - _itemStart[flow]);

    /// <summary>Whether the k-th of <see cref="Items"/> travels, that is, is not suppressed on the flow.</summary>
    public ReadOnlySpan<bool> Carried(int flow) => _carried.AsSpan(_itemStart[flow], _itemStart[flow + 1] - _itemStart[flow]);
}
