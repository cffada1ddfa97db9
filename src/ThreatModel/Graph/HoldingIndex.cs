using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Which element holds which item in which form, each with a shortest witness path. Computed once per design by a
/// breadth-first search per item over the flows that carry it, from the elements where it enters the design.
/// States are (element, form) pairs, so the cost is linear in the sum over flows of the items each carries.
/// No path enumeration: each state keeps one predecessor, and a witness path is read back along predecessors.
/// </summary>
/// <remarks>
/// Layout, for speed and memory at 100,000 elements: states live in one array, item by item (the search runs item by
/// item), so the states of an item are one contiguous range and the states of an element, listed in state order, are
/// already ordered by item. Forms are interned to small integers. Scratch arrays indexed by element replace the
/// per-item dictionaries of a plain implementation. Read-only after construction, so safe to read from several threads.
/// Nothing a query makes is kept: holdings and their paths are small objects made when asked (<see cref="ToHolding"/>),
/// which die young, instead of caches that would live, and be copied by every collection, through a whole analysis.
/// The search also records what each flow delivers (<see cref="DeliveredBy"/>), as it applies every flow to every form
/// its sender holds anyway.
/// </remarks>
internal sealed class HoldingIndex
{
    private readonly SystemModel _model;
    private readonly ChunkedList<State> _states;
    private readonly int[] _itemStart;
    private readonly int[] _elementStart;
    private readonly int[] _elementStates;
    private readonly ItemForm[] _forms;
    private int[]? _itemStatesByElement;
    private readonly int[] _deliveredStart;
    private readonly int[] _deliveredItems;
    private readonly int[] _deliveredForms;

    /// <summary>One holding fact. <see cref="Depth"/> is the length of the witness path.</summary>
    internal readonly record struct State(int Element, int Item, int Form, int Predecessor, int ViaFlow, int Origin, int Depth);

    /// <summary>A flow delivers the item at one of its positions (a slot) in a form.</summary>
    private readonly record struct Delivery(int Slot, int Form);

    /// <summary>Searches every item of <paramref name="model"/>; <paramref name="ends"/> are each flow's sender and receiver by element index (-1 when either is unknown).</summary>
    public HoldingIndex(SystemModel model, (int From, int To)[] ends, Dictionary<string, int> itemIndex, CancellationToken cancellationToken)
    {
        _model = model;
        var builder = new Builder(model, ends, itemIndex);
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
        (_deliveredStart, _deliveredItems, _deliveredForms) = builder.DeliveriesByFlow();
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

    /// <summary>
    /// What a flow (by design-order index) delivers to its receiver: positions for <see cref="DeliveredItem"/> and
    /// <see cref="DeliveredForm"/>, by item in the flow's order, then each distinct form in the order met.
    /// </summary>
    public (int Start, int End) DeliveredBy(int flow) => (_deliveredStart[flow], _deliveredStart[flow + 1]);

    /// <summary>The item of a delivery position.</summary>
    public DataItem DeliveredItem(int position) => _model.Items[_deliveredItems[position]];

    /// <summary>The form of a delivery position.</summary>
    public ItemForm DeliveredForm(int position) => _forms[_deliveredForms[position]];

    /// <summary>The id of the form of a delivery position: equal forms have equal ids.</summary>
    public int DeliveredFormId(int position) => _deliveredForms[position];

    /// <summary>The state indices of one item, for every element, in discovery order.</summary>
    public (int Start, int End) RangeOf(int item) => (_itemStart[item], _itemStart[item + 1]);

    /// <summary>The holdings of one element, ordered by item in design order, made as they are read.</summary>
    public IReadOnlyList<Holding> HoldingsOf(int element)
    {
        var (start, end) = (_elementStart[element], _elementStart[element + 1]);
        return start == end ? [] : new HoldingList(this, _elementStates, start, end - start);
    }

    /// <summary>
    /// The states of one item, ordered by element in design order, then by discovery (a shortest witness first): the
    /// holders of an item, without a sort per question. Made for every item on the first question.
    /// </summary>
    public ReadOnlySpan<int> StatesByElement(int item)
    {
        var byElement = ItemStatesByElement();
        return byElement.AsSpan(_itemStart[item], _itemStart[item + 1] - _itemStart[item]);
    }

    /// <summary>The holdings of one item, ordered by element in design order, then shortest witness first.</summary>
    public IReadOnlyList<Holding> HoldersOf(int item)
    {
        var (start, end) = (_itemStart[item], _itemStart[item + 1]);
        return start == end ? [] : new HoldingList(this, ItemStatesByElement(), start, end - start);
    }

    private int[] ItemStatesByElement() => LazyInitializer.EnsureInitialized(ref _itemStatesByElement, () =>
    {
        // The states by element are ordered by element, then item, then discovery: a stable counting sort by item
        // keeps element, then discovery, within each item.
        var byItem = new int[_states.Count];
        var next = _itemStart[..^1];
        foreach (var state in _elementStates)
            byItem[next[_states[state].Item]++] = state;
        return byItem;
    });

    /// <summary>The forms in which an element holds an item, each with its witness.</summary>
    public Holding[] HoldingsOf(int element, int item) => ToHoldings(StatesOf(element, item));

    /// <summary>The holdings of some states, in their order.</summary>
    public Holding[] ToHoldings(ReadOnlySpan<int> states)
    {
        if (states.IsEmpty)
            return [];
        var holdings = new Holding[states.Length];
        for (var k = 0; k < holdings.Length; k++)
            holdings[k] = ToHolding(states[k]);
        return holdings;
    }

    /// <summary>The holding of a state, made on each call; two holdings of one state are equal (<see cref="FlowPath.Equals(object?)"/>).</summary>
    public Holding ToHolding(int index)
    {
        ref readonly var state = ref _states[index];
        return new Holding(_model.Elements[state.Element], _model.Items[state.Item], _forms[state.Form], _model.Elements[state.Origin], PathOf(index));
    }

    /// <summary>The witness path of a state.</summary>
    public FlowPath PathOf(int index) => _states[index].Depth == 0 ? FlowPath.None : new FlowPath(this, index);

    /// <summary>The flow by which the search reached a state (not an origin).</summary>
    public Flow ViaFlow(int index) => _model.Flows[_states[index].ViaFlow];

    /// <summary>The breadth-first searches, with scratch space shared by all items.</summary>
    private sealed class Builder
    {
        private readonly SystemModel _model;
        private readonly int[] _from;
        private readonly int[] _to;
        private readonly bool[] _neutral;
        private readonly bool[] _toPerson;
        private readonly bool[] _mayMerge;
        private readonly string?[] _pseudonym;

        // Slots: one per (flow, position in the flow's items), flow by flow in design order, which is the order of
        // FormsDeliveredBy. The flows that carry an item (its carriers), in flow-id order, one range per item, each with
        // the slot where its deliveries of the item go.
        private readonly int[] _flowSlots;
        private readonly int[] _carrierStart;
        private readonly int[] _carrierFlow;
        private readonly int[] _carrierSlot;
        private readonly int[] _slotItem;
        private readonly int[] _slotCount;
        private readonly List<(int Slot, int Source)> _repeatedSlots = [];

        private readonly ChunkedList<State> _states = new();

        // (element, form) -> state for the current item. An element can hold one item in dozens of forms (per-context
        // pseudonyms times generalizations), so a list per element would make arrival quadratic in the forms.
        private readonly StampedTable _held = new();

        // What each flow delivers: (flow, item, form) in the order the search meets them, and the (carrier, form) pairs
        // already recorded for the current item, for flows whose protections can make two forms one.
        private readonly ChunkedList<Delivery> _deliveries = new();
        private readonly StampedTable _delivered = new();

        private readonly List<ItemForm> _forms = [ItemForm.Original];
        private readonly Dictionary<ItemForm, int> _formIds = new() { [ItemForm.Original] = 0 };

        private readonly Scratch[] _scratch;
        private int[] _outNext = new int[64];

        // The search queue: every state is queued when made and taken in the order made, so the queue is always the
        // states from this one to the last.
        private int _next;

        /// <summary>What the search knows of one element for the current item; a field is valid when its stamp is the item + 1.</summary>
        private struct Scratch
        {
            public int HoldStamp;
            public int OutStamp;
            public int OutHead;
            public int ReceiverStamp;
        }

        public Builder(SystemModel model, (int From, int To)[] ends, Dictionary<string, int> itemIndex)
        {
            _model = model;
            var flowCount = model.Flows.Count;
            var itemCount = model.Items.Count;
            _from = new int[flowCount];
            _to = new int[flowCount];
            _neutral = new bool[flowCount];
            _toPerson = new bool[flowCount];
            _pseudonym = new string?[flowCount];
            _mayMerge = new bool[flowCount];
            _flowSlots = new int[flowCount + 1];
            for (var f = 0; f < flowCount; f++)
                _flowSlots[f + 1] = _flowSlots[f] + model.Flows[f].Items.Count;
            _slotItem = new int[_flowSlots[flowCount]];
            _slotCount = new int[_slotItem.Length];

            // What each flow does and carries, in design order (one pass over the flows as they lie in memory). A slot
            // whose item is suppressed, unknown, or repeated on its flow carries nothing: -1.
            var carrierCount = new int[itemCount];
            var lastFlow = new int[itemCount];
            var lastSlot = new int[itemCount];
            Array.Fill(lastFlow, -1);
            for (var f = 0; f < flowCount; f++)
            {
                var flow = model.Flows[f];
                var firstSlot = _flowSlots[f];
                (_from[f], _to[f]) = ends[f];
                if (_from[f] < 0)
                {
                    _slotItem.AsSpan(firstSlot, flow.Items.Count).Fill(-1);
                    continue;
                }

                var p = flow.Protections;
                _toPerson[f] = model.Elements[_to[f]].Type == ElementType.Person;
                _pseudonym[f] = FlowTransform.PseudonymOf(model, flow);
                _neutral[f] = !p.EndToEndEncrypted && p.Pseudonymization is null && p.Generalizations.Count == 0 && !p.Aggregated;
                _mayMerge[f] = !_neutral[f] || _toPerson[f];
                for (var position = 0; position < flow.Items.Count; position++)
                {
                    var slot = firstSlot + position;
                    var itemId = flow.Items[position];
                    if (p.SuppressedItems.Count > 0 && p.SuppressedItems.Contains(itemId) || !itemIndex.TryGetValue(itemId, out var item))
                    {
                        _slotItem[slot] = -1;
                        continue;
                    }

                    // An item listed twice on a flow is carried once; the repeat's slot gets a copy of the first's deliveries.
                    if (lastFlow[item] == f)
                    {
                        _repeatedSlots.Add((slot, lastSlot[item]));
                        _slotItem[slot] = -1;
                        continue;
                    }

                    _slotItem[slot] = item;
                    lastFlow[item] = f;
                    lastSlot[item] = slot;
                    carrierCount[item]++;
                }
            }

            // Carriers of each item in flow-id order, not declaration order: ties between equally short witnesses, and
            // the origin chosen on a cycle, must not change when a design lists its flows in another order.
            var byId = new int[flowCount];
            var ids = new string[flowCount];
            for (var f = 0; f < flowCount; f++)
            {
                byId[f] = f;
                ids[f] = model.Flows[f].Id;
            }

            Array.Sort(ids, byId, StringComparer.Ordinal);
            _carrierStart = new int[itemCount + 1];
            for (var item = 0; item < itemCount; item++)
                _carrierStart[item + 1] = _carrierStart[item] + carrierCount[item];
            _carrierFlow = new int[_carrierStart[itemCount]];
            _carrierSlot = new int[_carrierFlow.Length];
            var next = carrierCount;
            Array.Copy(_carrierStart, next, itemCount);
            foreach (var f in byId)
            {
                if (_from[f] < 0)
                    continue;
                for (var slot = _flowSlots[f]; slot < _flowSlots[f + 1]; slot++)
                {
                    var item = _slotItem[slot];
                    if (item < 0)
                        continue;
                    var k = next[item]++;
                    _carrierFlow[k] = f;
                    _carrierSlot[k] = slot;
                }
            }

            _scratch = new Scratch[model.Elements.Count];
        }

        public int Count => _states.Count;

        public ChunkedList<State> States() => _states;

        public ItemForm[] Forms() => [.. _forms];

        /// <summary>
        /// What each flow delivers, flow by flow in design order: for each item of the flow in the flow's order, the
        /// forms in the order the search met the sender's states (a shortest witness first), each once. Returns where
        /// each flow's deliveries start, and the item and form of each.
        /// </summary>
        public (int[] Start, int[] Items, int[] Forms) DeliveriesByFlow()
        {
            foreach (var (slot, source) in _repeatedSlots)
                _slotCount[slot] = _slotCount[source];
            var slotStart = new int[_slotCount.Length + 1];
            for (var slot = 0; slot < _slotCount.Length; slot++)
                slotStart[slot + 1] = slotStart[slot] + _slotCount[slot];

            // Deliveries are in search order, which within a slot is the order of the sender's states.
            var total = slotStart[^1];
            var items = new int[total];
            var forms = new int[total];
            var next = _slotCount;
            Array.Copy(slotStart, next, next.Length);
            for (var d = 0; d < _deliveries.Count; d++)
            {
                ref readonly var delivery = ref _deliveries[d];
                var position = next[delivery.Slot]++;
                items[position] = _slotItem[delivery.Slot];
                forms[position] = delivery.Form;
            }

            foreach (var (slot, source) in _repeatedSlots)
            {
                var length = slotStart[source + 1] - slotStart[source];
                Array.Copy(items, slotStart[source], items, slotStart[slot], length);
                Array.Copy(forms, slotStart[source], forms, slotStart[slot], length);
            }

            var flowStart = new int[_flowSlots.Length];
            for (var f = 0; f < flowStart.Length; f++)
                flowStart[f] = slotStart[_flowSlots[f]];
            return (flowStart, items, forms);
        }

        public void Search(int item)
        {
            var (start, end) = (_carrierStart[item], _carrierStart[item + 1]);
            if (start == end)
                return;
            var flows = _carrierFlow.AsSpan(start, end - start);
            var slots = _carrierSlot.AsSpan(start, end - start);
            var stamp = item + 1;
            var scratch = _scratch;
            _next = _states.Count;

            // Outgoing flows of this item by sender, as linked lists in flow order.
            if (_outNext.Length < flows.Length)
                _outNext = new int[Math.Max(flows.Length, _outNext.Length * 2)];
            for (var k = flows.Length - 1; k >= 0; k--)
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

            Drain(item, stamp, flows, slots);

            // Senders still unexplained sit on cycles with no entry: the first of each is taken as an origin.
            foreach (var f in flows)
            {
                var from = _from[f];
                if (scratch[from].HoldStamp != stamp)
                {
                    Seed(from, item, stamp);
                    Drain(item, stamp, flows, slots);
                }
            }
        }

        private void Seed(int element, int item, int stamp)
        {
            if (Find(element, 0, stamp) < 0)
                Add(new State(element, item, 0, -1, -1, element, 0), stamp);
        }

        private void Drain(int item, int stamp, ReadOnlySpan<int> flows, ReadOnlySpan<int> slots)
        {
            var dataItem = _model.Items[item];
            while (_next < _states.Count)
            {
                var current = _next++;
                var state = _states[current];
                ref readonly var sender = ref _scratch[state.Element];
                if (sender.OutStamp != stamp)
                    continue;
                for (var k = sender.OutHead; k >= 0; k = _outNext[k])
                {
                    var f = flows[k];
                    var form = Transform(f, dataItem, state.Form);

                    // The flow delivers this form, once: a flow that changes nothing maps distinct forms to distinct
                    // forms; one that generalizes, pseudonymises or unseals for a person may map two to one.
                    if (!_mayMerge[f] || _delivered.TryAdd(StampedTable.Key(k, form), 0, stamp))
                    {
                        _deliveries.Add(new Delivery(slots[k], form));
                        _slotCount[slots[k]]++;
                    }

                    var to = _to[f];
                    if (Find(to, form, stamp) < 0)
                        Add(new State(to, item, form, current, f, state.Origin, state.Depth + 1), stamp);
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

        private int Find(int element, int form, int stamp) =>
            _scratch[element].HoldStamp == stamp ? _held.Find(StampedTable.Key(element, form), stamp) : -1;

        private void Add(State state, int stamp)
        {
            var index = _states.Add(state);
            _scratch[state.Element].HoldStamp = stamp;
            _held.Add(StampedTable.Key(state.Element, state.Form), index, stamp);
        }
    }
}
