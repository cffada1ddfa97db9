using System.Runtime.InteropServices;
using ThreatModel.Model;

namespace ThreatModel.Rules.PurposeCreep;

/// <summary>
/// For each item, at which elements its data are held for which collection purposes, each with the shortest trail
/// from the collecting flow (ties broken by flow id, so the result does not depend on the order of the design file).
/// </summary>
/// <remarks>
/// The collection purpose of an item is the purpose of the flow that takes it from where it enters the design (an
/// element that sends it and receives it from no one). An item computed at such an element from other items
/// (<c>derivedFrom</c>) inherits the collection purposes its sources have there. Purposes spread along the flows that
/// carry the item (suppressed items stay behind); each (element, purpose) keeps its shortest trail. Computed lazily,
/// once per item; the cost is that of one breadth-first search over the flows carrying the item, with a state per
/// (element, purpose) reached. Elements, items, flows and purposes are the integers of <see cref="FlowTable"/>;
/// trails are predecessor links in a <see cref="TrailStore"/>, so a hop costs one entry, not a copy of the trail.
/// </remarks>
internal sealed class CollectionPurposeIndex
{
    private const int MaximumDerivationDepth = 32;

    private readonly FlowTable _flows;
    private readonly IReadOnlyList<DataItem> _items;
    private readonly int[] _carrierStart;
    private readonly int[] _carriers;
    private readonly ItemTrails?[] _byItem;
    private readonly bool _derivationsWithinDepth;

    // Scratch for one search, by element position; an entry counts only where its stamp is the search's.
    private readonly int[] _receiverStamp;
    private readonly int[] _originStamp;
    private readonly int[] _outStamp;
    private readonly int[] _outHead;
    private readonly int[] _slotStamp;
    private readonly int[] _slotHead;
    private readonly List<int> _origins = [];
    private readonly List<int> _touched = [];
    private readonly List<List<int>> _buckets = [];
    private int[] _outNext = new int[16];
    private Slot[] _slots = new Slot[64];
    private int _slotCount;
    private int _bucketCount;
    private int _stamp;

    /// <summary>A collection purpose (number) with its trail (see <see cref="Trails"/>).</summary>
    /// <param name="Purpose">The collection purpose.</param>
    /// <param name="Trail">The trail from the collecting flow.</param>
    /// <param name="Length">The number of flows in the trail.</param>
    /// <param name="LaterPurposes">The trail's <see cref="TrailStore.LaterPurposes"/>.</param>
    /// <remarks>Length and later purposes are kept here so a rule reading the entry need not visit the trail.</remarks>
    internal readonly record struct Held(int Purpose, int Trail, int Length, uint LaterPurposes);

    public CollectionPurposeIndex(FlowTable flows)
    {
        ArgumentNullException.ThrowIfNull(flows);
        _flows = flows;
        var model = flows.Model;
        _items = model.Items;

        // The flows carrying each item, in design order, as one array cut per item (counted first).
        _carrierStart = new int[_items.Count + 1];
        for (var f = 0; f < flows.FlowCount; f++)
        {
            var items = flows.Items(f);
            var carried = flows.Carried(f);
            for (var k = 0; k < items.Length; k++)
            {
                if (carried[k])
                    _carrierStart[items[k] + 1]++;
            }
        }

        for (var i = 0; i < _items.Count; i++)
            _carrierStart[i + 1] += _carrierStart[i];
        _carriers = new int[_carrierStart[^1]];
        var fill = _carrierStart[..^1];
        for (var f = 0; f < flows.FlowCount; f++)
        {
            var items = flows.Items(f);
            var carried = flows.Carried(f);
            for (var k = 0; k < items.Length; k++)
            {
                if (carried[k])
                    _carriers[fill[items[k]]++] = f;
            }
        }

        Trails = new TrailStore(flows);
        _byItem = new ItemTrails?[_items.Count];
        _derivationsWithinDepth = DerivationsWithinDepth();
        var elementCount = model.Elements.Count;
        _receiverStamp = new int[elementCount];
        _originStamp = new int[elementCount];
        _outStamp = new int[elementCount];
        _outHead = new int[elementCount];
        _slotStamp = new int[elementCount];
        _slotHead = new int[elementCount];
    }

    /// <summary>The trails the <see cref="Held.Trail"/> numbers refer to.</summary>
    public TrailStore Trails { get; }

    /// <summary>The collection purposes of item <paramref name="item"/> held at element <paramref name="element"/>, in order of purpose number (that is, of text), each with its trail.</summary>
    public ReadOnlySpan<Held> At(int element, int item) => ForItem(item, 0).At(element);

    /// <summary>
    /// True when <see cref="At"/> for item <paramref name="item"/> gives now what it would give later: the item is searched
    /// already, or no derivation chain in the design is deeper than the index follows, so no search depends on when it runs.
    /// </summary>
    /// <remarks>
    /// Where a chain is deeper (or loops, in a design not validated), an item searched deep inside another's search is
    /// cut off there and kept as cut; a rule that wants the same answers as before must then search in the same order.
    /// </remarks>
    public bool MayReadAhead(int item) => _derivationsWithinDepth || _byItem[item] is not null;

    private ItemTrails ForItem(int item, int depth)
    {
        if (_byItem[item] is { } known)
            return known;
        if (depth > MaximumDerivationDepth)
            return ItemTrails.Empty;
        var dataItem = _items[item];
        var carriers = _carriers.AsSpan(_carrierStart[item], _carrierStart[item + 1] - _carrierStart[item]);

        // Where the item enters: elements that send it and receive it from no one, in order of first sending.
        var stamp = ++_stamp;
        foreach (var flow in carriers)
            _receiverStamp[_flows.To(flow)] = stamp;
        _origins.Clear();
        foreach (var flow in carriers)
        {
            var from = _flows.From(flow);
            if (_receiverStamp[from] != stamp && _originStamp[from] != stamp)
            {
                _originStamp[from] = stamp;
                _origins.Add(from);
            }
        }

        // A derived item inherits its sources' purposes at each entry; looking them up may search other items
        // (reusing the scratch), so the entries are copied first.
        ReadOnlySpan<int> origins = CollectionsMarshal.AsSpan(_origins);
        Held[][]? inherited = null;
        if (dataItem.DerivedFrom.Count > 0 && origins.Length > 0)
        {
            var copy = origins.ToArray();
            inherited = new Held[copy.Length][];
            for (var k = 0; k < copy.Length; k++)
                inherited[k] = Inherited(copy[k], dataItem, depth);
            origins = copy;
        }

        var result = Search(carriers, origins, inherited);
        _byItem[item] = result;
        return result;
    }

    /// <summary>
    /// Spreads the purposes from the entries along the carriers, breadth first. Trails grow by one flow per hop, so states
    /// are settled by length: a bucket per trail length, taken in order. Within a length the order does not matter:
    /// every offer compares the full trail, and the best one is unique.
    /// </summary>
    private ItemTrails Search(ReadOnlySpan<int> carriers, ReadOnlySpan<int> origins, Held[][]? inherited)
    {
        var stamp = ++_stamp;
        // Carriers by sender, each sender's in design order: linked front to back, so built back to front.
        if (_outNext.Length < carriers.Length)
            _outNext = new int[Math.Max(carriers.Length, _outNext.Length * 2)];
        for (var k = carriers.Length - 1; k >= 0; k--)
        {
            var from = _flows.From(carriers[k]);
            _outNext[k] = _outStamp[from] == stamp ? _outHead[from] : -1;
            _outHead[from] = k;
            _outStamp[from] = stamp;
        }

        _slotCount = 0;
        _touched.Clear();
        for (var o = 0; o < origins.Length; o++)
        {
            var origin = origins[o];
            var fromSources = inherited is null ? [] : inherited[o];
            foreach (var held in fromSources)
                AddSlot(origin, held.Purpose, held.Trail, stamp);
            for (var k = _outStamp[origin] == stamp ? _outHead[origin] : -1; k >= 0; k = _outNext[k])
            {
                var flow = carriers[k];
                if (fromSources.Length == 0)
                {
                    Offer(_flows.To(flow), _flows.Purpose(flow), -1, flow, stamp);
                    continue;
                }

                foreach (var held in fromSources)
                    Offer(_flows.To(flow), held.Purpose, held.Trail, flow, stamp);
            }
        }

        for (var length = 0; length < _bucketCount; length++)
        {
            var bucket = _buckets[length];
            for (var b = 0; b < bucket.Count; b += 2)
            {
                var slot = bucket[b];
                var trail = bucket[b + 1];
                var state = _slots[slot];
                // A state improved since it was queued is taken with its better trail.
                if (state.Trail != trail || _outStamp[state.Element] != stamp)
                    continue;
                for (var k = _outHead[state.Element]; k >= 0; k = _outNext[k])
                    Offer(_flows.To(carriers[k]), state.Purpose, trail, carriers[k], stamp);
            }

            bucket.Clear();
        }

        _bucketCount = 0;
        return Collect(stamp);
    }

    /// <summary>Offers the trail <paramref name="previous"/> then <paramref name="flow"/> to (element, purpose); builds it only when it beats the one kept.</summary>
    private void Offer(int element, int purpose, int previous, int flow, int stamp)
    {
        var slot = FindSlot(element, purpose, stamp);
        int trail;
        if (slot >= 0)
        {
            if (Trails.CompareWithExtended(_slots[slot].Trail, previous, flow) <= 0)
                return;
            trail = Trails.Extend(previous, flow);
            _slots[slot].Trail = trail;
        }
        else
        {
            trail = Trails.Extend(previous, flow);
            slot = AddSlot(element, purpose, trail, stamp);
        }

        var length = Trails.Length(trail);
        while (_buckets.Count <= length)
            _buckets.Add([]);
        _bucketCount = Math.Max(_bucketCount, length + 1);
        _buckets[length].Add(slot);
        _buckets[length].Add(trail);
    }

    private int FindSlot(int element, int purpose, int stamp)
    {
        if (_slotStamp[element] != stamp)
            return -1;
        for (var s = _slotHead[element]; s >= 0; s = _slots[s].Next)
        {
            if (_slots[s].Purpose == purpose)
                return s;
        }

        return -1;
    }

    private int AddSlot(int element, int purpose, int trail, int stamp)
    {
        if (_slotStamp[element] != stamp)
        {
            _slotStamp[element] = stamp;
            _slotHead[element] = -1;
            _touched.Add(element);
        }

        if (_slotCount == _slots.Length)
            Array.Resize(ref _slots, _slotCount * 2);
        _slots[_slotCount] = new Slot { Element = element, Purpose = purpose, Trail = trail, Next = _slotHead[element] };
        _slotHead[element] = _slotCount;
        return _slotCount++;
    }

    /// <summary>The states of the search, by element and then purpose number.</summary>
    private ItemTrails Collect(int stamp)
    {
        if (_touched.Count == 0)
            return ItemTrails.Empty;
        var elements = _touched.ToArray();
        Array.Sort(elements);
        var starts = new int[elements.Length + 1];
        var held = new Held[_slotCount];
        var count = 0;
        for (var e = 0; e < elements.Length; e++)
        {
            starts[e] = count;
            var first = count;
            for (var s = _slotStamp[elements[e]] == stamp ? _slotHead[elements[e]] : -1; s >= 0; s = _slots[s].Next)
            {
                // Insertion by purpose number: an element holds an item for a few purposes.
                var trail = _slots[s].Trail;
                var entry = new Held(_slots[s].Purpose, trail, Trails.Length(trail), Trails.LaterPurposes(trail));
                var k = count++;
                for (; k > first && held[k - 1].Purpose > entry.Purpose; k--)
                    held[k] = held[k - 1];
                held[k] = entry;
            }
        }

        starts[^1] = count;
        return new ItemTrails(elements, starts, held);
    }

    /// <summary>True when every chain of <c>derivedFrom</c> ends within <see cref="MaximumDerivationDepth"/> steps.</summary>
    private bool DerivationsWithinDepth()
    {
        // Heights by item position, plus one (0: not yet known); a chain longer than the limit, or a loop, stops the walk.
        var heights = new int[_items.Count];
        for (var item = 0; item < _items.Count; item++)
        {
            if (_items[item].DerivedFrom.Count > 0 && Height(item, 0) < 0)
                return false;
        }

        return true;

        int Height(int item, int depth)
        {
            if (heights[item] > 0)
                return heights[item] - 1;
            if (depth > MaximumDerivationDepth)
                return -1;
            var height = 0;
            foreach (var sourceId in _items[item].DerivedFrom)
            {
                if (!_flows.ItemPositionsById.TryGetValue(sourceId, out var source))
                    continue;
                var below = Height(source, depth + 1);
                if (below < 0)
                    return -1;
                height = Math.Max(height, below + 1);
            }

            if (height > MaximumDerivationDepth)
                return -1;
            heights[item] = height + 1;
            return height;
        }
    }

    /// <summary>The collection purposes an item computed at <paramref name="element"/> inherits from its sources there, by purpose number.</summary>
    private Held[] Inherited(int element, DataItem item, int depth)
    {
        List<Held>? inherited = null;
        foreach (var sourceId in item.DerivedFrom)
        {
            if (!_flows.ItemPositionsById.TryGetValue(sourceId, out var source))
                continue;
            foreach (var held in ForItem(source, depth + 1).At(element))
            {
                inherited ??= [];
                var k = 0;
                while (k < inherited.Count && inherited[k].Purpose < held.Purpose)
                    k++;
                if (k == inherited.Count || inherited[k].Purpose != held.Purpose)
                    inherited.Insert(k, held);
                else if (Trails.Compare(held.Trail, inherited[k].Trail) < 0)
                    inherited[k] = held;
            }
        }

        return inherited is null ? [] : [.. inherited];
    }

    private struct Slot
    {
        public int Element;
        public int Purpose;
        public int Trail;
        public int Next;
    }

    /// <summary>One item's states: the elements reached, in position order, each with its purposes and trails.</summary>
    private sealed class ItemTrails(int[] elements, int[] starts, Held[] held)
    {
        public static ItemTrails Empty { get; } = new([], [0], []);

        public ReadOnlySpan<Held> At(int element)
        {
            var (low, high) = (0, elements.Length - 1);
            while (low <= high)
            {
                var middle = (low + high) >>> 1;
                var found = elements[middle];
                if (found == element)
                    return held.AsSpan(starts[middle], starts[middle + 1] - starts[middle]);
                if (found < element)
                    low = middle + 1;
                else
                    high = middle - 1;
            }

            return [];
        }
    }
}
