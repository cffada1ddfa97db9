using System.Collections.ObjectModel;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Which element holds which item in which form, each with a shortest witness path. Computed once per design by a
/// breadth-first search per item over the flows that carry it, from the elements where it enters the design.
/// States are (element, form) pairs, so the cost is linear in the sum over flows of the items each carries.
/// No path enumeration: each state keeps one predecessor, and paths are rebuilt on demand (then kept).
/// </summary>
/// <remarks>
/// Layout, for speed and memory at 100,000 elements: states live in one array, item by item (the search runs item by
/// item), so the states of an item are one contiguous range and the states of an element, listed in state order, are
/// already ordered by item. Forms are interned to small integers. Scratch arrays indexed by element replace the
/// per-item dictionaries of a plain implementation. Read-only after construction except the holding cache, which is
/// filled with <see cref="Interlocked.CompareExchange{T}(ref T, T, T)"/> and so safe to read from several threads.
/// </remarks>
internal sealed class HoldingIndex
{
    private readonly SystemModel _model;
    private readonly ChunkedList<State> _states;
    private readonly int[] _itemStart;
    private readonly int[] _elementStart;
    private readonly int[] _elementStates;
    private readonly ItemForm[] _forms;
    private Holding?[]? _holdings;
    private ReadOnlyCollection<Holding>?[]? _byElement;

    /// <summary>One holding fact. <see cref="Depth"/> is the length of the witness path.</summary>
    internal readonly record struct State(int Element, int Item, int Form, int Predecessor, int ViaFlow, int Origin, int Depth);

    public HoldingIndex(SystemModel model, ElementIndex elements, Dictionary<string, int> itemIndex, CancellationToken cancellationToken)
    {
        _model = model;
        var builder = new Builder(model, elements, itemIndex);
        _itemStart = new int[model.Items.Count + 1];
        for (var item = 0; item < model.Items.Count; item++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            _itemStart[item] = builder.Count;
            builder.Search(item);
        }

        _itemStart[model.Items.Count] = builder.Count;
        _states = builder.States();
        _forms = builder.Forms();
        // States by element: counting sort keeps state order, which is item order.
        var elementCount = model.Elements.Count;
        _elementStart = new int[elementCount + 1];
        for (var s = 0; s < _states.Count; s++)
            _elementStart[_states[s].Element + 1]++;
        for (var e = 0; e < elementCount; e++)
            _elementStart[e + 1] += _elementStart[e];
        _elementStates = new int[_states.Count];
        var next = _elementStart[..elementCount];
        for (var s = 0; s < _states.Count; s++)
            _elementStates[next[_states[s].Element]++] = s;
    }

    /// <summary>The number of (element, item, form) facts.</summary>
    public int Count => _states.Count;

    /// <summary>A state by index.</summary>
    public ref readonly State this[int index] => ref _states[index];

    /// <summary>The form of a state.</summary>
    public ItemForm FormOf(int index) => _forms[_states[index].Form];

    /// <summary>The state indices of one element, ordered by item in design order, then by discovery.</summary>
    public ReadOnlySpan<int> StatesOf(int element) =>
        _elementStates.AsSpan(_elementStart[element], _elementStart[element + 1] - _elementStart[element]);

    /// <summary>The state indices of one element for one item, in discovery order (the first is a shortest witness).</summary>
    public ReadOnlySpan<int> StatesOf(int element, int item)
    {
        var all = StatesOf(element);
        var low = 0;
        var high = all.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_states[all[middle]].Item < item)
                low = middle + 1;
            else
                high = middle;
        }

        var end = low;
        while (end < all.Length && _states[all[end]].Item == item)
            end++;
        return all[low..end];
    }

    /// <summary>The state indices of one item, for every element, in discovery order.</summary>
    public (int Start, int End) RangeOf(int item) => (_itemStart[item], _itemStart[item + 1]);

    /// <summary>The holdings of one element, ordered by item in design order; made once and kept.</summary>
    public IReadOnlyList<Holding> HoldingsOf(int element)
    {
        var cache = _byElement ?? Interlocked.CompareExchange(ref _byElement, new ReadOnlyCollection<Holding>?[_elementStart.Length - 1], null) ?? _byElement;
        if (cache[element] is { } cached)
            return cached;
        var states = StatesOf(element);
        var holdings = new Holding[states.Length];
        for (var k = 0; k < holdings.Length; k++)
            holdings[k] = ToHolding(states[k]);
        var list = new ReadOnlyCollection<Holding>(holdings);
        return Interlocked.CompareExchange(ref cache[element], list, null) ?? list;
    }

    /// <summary>The forms in which an element holds an item, each with its witness.</summary>
    public Holding[] HoldingsOf(int element, int item)
    {
        var states = StatesOf(element, item);
        var holdings = new Holding[states.Length];
        for (var k = 0; k < holdings.Length; k++)
            holdings[k] = ToHolding(states[k]);
        return holdings;
    }

    /// <summary>The holding of a state, made once and kept.</summary>
    public Holding ToHolding(int index)
    {
        var cache = _holdings ?? Interlocked.CompareExchange(ref _holdings, new Holding?[_states.Count], null) ?? _holdings;
        if (cache[index] is { } cached)
            return cached;
        var state = _states[index];
        var flows = new Flow[state.Depth];
        var position = flows.Length;
        for (var s = index; _states[s].Predecessor >= 0; s = _states[s].Predecessor)
            flows[--position] = _model.Flows[_states[s].ViaFlow];
        var path = flows.Length == 0 ? FlowPath.None : new FlowPath(flows);
        var holding = new Holding(_model.Elements[state.Element], _model.Items[state.Item], _forms[state.Form], _model.Elements[state.Origin], path);
        return Interlocked.CompareExchange(ref cache[index], holding, null) ?? holding;
    }

    /// <summary>The breadth-first searches, with scratch space shared by all items.</summary>
    private sealed class Builder
    {
        private readonly SystemModel _model;
        private readonly int[] _from;
        private readonly int[] _to;
        private readonly bool[] _neutral;
        private readonly bool[] _toPerson;
        private readonly string?[] _pseudonym;
        private readonly List<int>?[] _carriers;

        private readonly ChunkedList<State> _states = new();

        // (element, form) -> state for the current item: open addressing, emptied per item by a stamp. An element can
        // hold one item in dozens of forms (per-context pseudonyms times generalizations), so a list per element would
        // make arrival quadratic in the forms.
        private long[] _slotKeys = new long[1024];
        private int[] _slotStates = new int[1024];
        private int[] _slotStamps = new int[1024];
        private int _itemFirstState;

        private readonly List<ItemForm> _forms = [ItemForm.Original];
        private readonly Dictionary<ItemForm, int> _formIds = new() { [ItemForm.Original] = 0 };

        private readonly Scratch[] _scratch;
        private int[] _outNext = new int[64];
        private readonly Queue<int> _queue = new();

        /// <summary>What the search knows of one element for the current item; a field is valid when its stamp is the item + 1.</summary>
        private struct Scratch
        {
            public int HoldStamp;
            public int OutStamp;
            public int OutHead;
            public int ReceiverStamp;
        }

        public Builder(SystemModel model, ElementIndex elements, Dictionary<string, int> itemIndex)
        {
            _model = model;
            var flowCount = model.Flows.Count;
            _from = new int[flowCount];
            _to = new int[flowCount];
            _neutral = new bool[flowCount];
            _toPerson = new bool[flowCount];
            _pseudonym = new string?[flowCount];
            _carriers = new List<int>?[model.Items.Count];

            // Explore flows in id order, not declaration order: ties between equally short witnesses, and the origin
            // chosen on a cycle, must not change when a design lists its flows in another order.
            var byId = new int[flowCount];
            var ids = new string[flowCount];
            for (var f = 0; f < flowCount; f++)
            {
                byId[f] = f;
                ids[f] = model.Flows[f].Id;
            }

            Array.Sort(ids, byId, StringComparer.Ordinal);
            foreach (var f in byId)
            {
                var flow = model.Flows[f];
                if (!elements.TryGet(flow.From, out _from[f]) || !elements.TryGet(flow.To, out _to[f]))
                {
                    _from[f] = -1;
                    continue;
                }

                var p = flow.Protections;
                _toPerson[f] = model.Elements[_to[f]].Type == ElementType.Person;
                _pseudonym[f] = FlowTransform.PseudonymOf(model, flow);
                _neutral[f] = !p.EndToEndEncrypted && p.Pseudonymization is null && p.Generalizations.Count == 0 && !p.Aggregated;
                foreach (var itemId in flow.Items)
                {
                    if (p.SuppressedItems.Count > 0 && p.SuppressedItems.Contains(itemId) || !itemIndex.TryGetValue(itemId, out var item))
                        continue;
                    (_carriers[item] ??= []).Add(f);
                }
            }

            _scratch = new Scratch[model.Elements.Count];
        }

        public int Count => _states.Count;

        public ChunkedList<State> States() => _states;

        public ItemForm[] Forms() => [.. _forms];

        public void Search(int item)
        {
            if (_carriers[item] is not { Count: > 0 } flows)
                return;
            var stamp = item + 1;
            var scratch = _scratch;
            _itemFirstState = _states.Count;

            // Outgoing flows of this item by sender, as linked lists in flow order.
            if (_outNext.Length < flows.Count)
                _outNext = new int[Math.Max(flows.Count, _outNext.Length * 2)];
            for (var k = flows.Count - 1; k >= 0; k--)
            {
                ref var sender = ref scratch[_from[flows[k]]];
                if (sender.OutStamp != stamp)
                {
                    sender.OutStamp = stamp;
                    sender.OutHead = -1;
                }

                _outNext[k] = sender.OutHead;
                sender.OutHead = k;
            }

            foreach (var f in flows)
                scratch[_to[f]].ReceiverStamp = stamp;

            // Origins: senders of the item that receive it from no one, in flow order.
            foreach (var f in flows)
            {
                var from = _from[f];
                if (scratch[from].ReceiverStamp != stamp)
                    Seed(from, item, stamp);
            }

            Drain(item, stamp, flows);

            // Senders still unexplained sit on cycles with no entry: the first of each is taken as an origin.
            foreach (var f in flows)
            {
                var from = _from[f];
                if (scratch[from].HoldStamp != stamp)
                {
                    Seed(from, item, stamp);
                    Drain(item, stamp, flows);
                }
            }
        }

        private void Seed(int element, int item, int stamp)
        {
            if (Find(element, 0, stamp) >= 0)
                return;
            _queue.Enqueue(Add(new State(element, item, 0, -1, -1, element, 0), stamp));
        }

        private void Drain(int item, int stamp, List<int> flows)
        {
            var dataItem = _model.Items[item];
            while (_queue.TryDequeue(out var current))
            {
                var state = _states[current];
                ref readonly var sender = ref _scratch[state.Element];
                if (sender.OutStamp != stamp)
                    continue;
                for (var k = sender.OutHead; k >= 0; k = _outNext[k])
                {
                    var f = flows[k];
                    var to = _to[f];
                    var form = Transform(f, dataItem, state.Form);
                    if (Find(to, form, stamp) >= 0)
                        continue;
                    _queue.Enqueue(Add(new State(to, item, form, current, f, state.Origin, state.Depth + 1), stamp));
                }
            }
        }

        private int Transform(int flow, DataItem item, int form)
        {
            if (_neutral[flow] && (!_toPerson[flow] || !_forms[form].Sealed))
                return form;
            var result = FlowTransform.Apply(_model.Flows[flow], item, _forms[form], _toPerson[flow], _pseudonym[flow]);
            if (!_formIds.TryGetValue(result, out var id))
            {
                id = _forms.Count;
                _forms.Add(result);
                _formIds[result] = id;
            }

            return id;
        }

        private int Find(int element, int form, int stamp)
        {
            if (_scratch[element].HoldStamp != stamp)
                return -1;
            var key = Key(element, form);
            var mask = _slotKeys.Length - 1;
            for (var slot = Hash(key) & mask; _slotStamps[slot] == stamp; slot = (slot + 1) & mask)
            {
                if (_slotKeys[slot] == key)
                    return _slotStates[slot];
            }

            return -1;
        }

        private int Add(State state, int stamp)
        {
            var index = _states.Add(state);
            _scratch[state.Element].HoldStamp = stamp;
            if ((index - _itemFirstState + 1) * 2 > _slotKeys.Length)
            {
                // Grow and put back the states of the current item, which are contiguous.
                _slotKeys = new long[_slotKeys.Length * 2];
                _slotStates = new int[_slotKeys.Length];
                _slotStamps = new int[_slotKeys.Length];
                for (var s = _itemFirstState; s < index; s++)
                    Insert(_states[s].Element, _states[s].Form, s, stamp);
            }

            Insert(state.Element, state.Form, index, stamp);
            return index;
        }

        private void Insert(int element, int form, int index, int stamp)
        {
            var key = Key(element, form);
            var mask = _slotKeys.Length - 1;
            var slot = Hash(key) & mask;
            while (_slotStamps[slot] == stamp)
                slot = (slot + 1) & mask;
            _slotStamps[slot] = stamp;
            _slotKeys[slot] = key;
            _slotStates[slot] = index;
        }

        private static long Key(int element, int form) => ((long)element << 32) | (uint)form;

        private static int Hash(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 33);
    }
}
