using ThreatModel.Model;
using State = ThreatModel.Graph.HoldingIndex.State;

namespace ThreatModel.Graph;

/// <summary>
/// The breadth-first searches that find every holding: one per item, over the flows that carry it, from the elements
/// where it enters the design. What each flow does and carries is read once, in design order, into arrays the searches
/// index by flow, item and slot (a flow's position for one item).
/// </summary>
internal sealed class HoldingSearch
{
    private readonly SystemModel _model;
    private readonly int[] _from;
    private readonly int[] _to;
    private readonly bool[] _neutral;
    private readonly bool[] _toPerson;
    private readonly bool[] _mayMerge;
    private readonly string?[] _pseudonym;

    // Slots: one per (flow, position in the flow's items), flow by flow in design order, which is the order of
    // FormsDeliveredBy. The flows that carry an item (its carriers), in flow-id order, one range per item, each with the
    // slot where its deliveries of the item go.
    private readonly int[] _flowSlots;
    private readonly int[] _carrierStart;
    private readonly int[] _carrierFlow;
    private readonly int[] _carrierSlot;
    private readonly int[] _slotItem;
    private readonly int[] _slotCount;
    private readonly List<(int Slot, int Source)> _repeatedSlots = [];

    /// <summary>A flow delivers the item at one of its positions (a slot) in a form.</summary>
    private readonly record struct Delivery(int Slot, int Form);

    /// <summary>Reads what each flow does and carries; <paramref name="ends"/> are each flow's sender and receiver by element index (-1 when either is unknown).</summary>
    public HoldingSearch(SystemModel model, (int From, int To)[] ends, Dictionary<string, int> itemIndex)
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
            var facts = FlowFacts.Of(flow);
            _toPerson[f] = model.Elements[_to[f]].Type == ElementType.Person;
            _pseudonym[f] = FlowTransform.PseudonymOf(model, flow);
            _neutral[f] = !p.EndToEndEncrypted && p.Pseudonymization is null && p.Generalizations.Count == 0 && !p.Aggregated && p.SnapToGridMetres is null;
            _mayMerge[f] = !_neutral[f] || _toPerson[f];
            for (var position = 0; position < flow.Items.Count; position++)
            {
                var slot = firstSlot + position;
                var itemId = flow.Items[position];
                if (facts.Suppresses(itemId) || !itemIndex.TryGetValue(itemId, out var item))
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

    }


    /// <summary>What the searches found, in item order.</summary>
    /// <param name="States">Every state, item by item, each item's in discovery order.</param>
    /// <param name="ItemStart">Where each item's states start (one more entry than items).</param>
    /// <param name="Forms">The forms, by the ids the states use.</param>
    /// <param name="DeliveredStart">Where each flow's deliveries start (one more entry than flows).</param>
    /// <param name="DeliveredItems">The item of each delivery.</param>
    /// <param name="DeliveredForms">The form id of each delivery.</param>
    public sealed record Result(ChunkedList<State> States, int[] ItemStart, ItemForm[] Forms, int[] DeliveredStart, int[] DeliveredItems, int[] DeliveredForms);

    /// <summary>Searches every item, in item order.</summary>
    public Result Run(CancellationToken cancellationToken)
    {
        var itemCount = _model.Items.Count;
        var searcher = new Searcher(this);
        var itemStart = new int[itemCount + 1];
        for (var item = 0; item < itemCount; item++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            itemStart[item] = searcher.Count;
            searcher.Search(item);
        }

        itemStart[itemCount] = searcher.Count;
        var (start, items, forms) = DeliveriesByFlow(searcher);
        return new Result(searcher.States, itemStart, [.. searcher.Forms], start, items, forms);
    }

    /// <summary>
    /// What each flow delivers, flow by flow in design order: for each item of the flow in the flow's order, the forms
    /// in the order the search met the sender's states (a shortest witness first), each once. Returns where each flow's
    /// deliveries start, and the item and form of each.
    /// </summary>
    private (int[] Start, int[] Items, int[] Forms) DeliveriesByFlow(Searcher searcher)
    {
        foreach (var (slot, source) in _repeatedSlots)
            _slotCount[slot] = _slotCount[source];
        var slotStart = new int[_slotCount.Length + 1];
        for (var slot = 0; slot < _slotCount.Length; slot++)
            slotStart[slot + 1] = slotStart[slot] + _slotCount[slot];

        // Deliveries are in search order, which within a slot (one flow, one item) is the order of the sender's states.
        var total = slotStart[^1];
        var items = new int[total];
        var forms = new int[total];
        var next = _slotCount;
        Array.Copy(slotStart, next, next.Length);
        var deliveries = searcher.Deliveries;
        for (var d = 0; d < deliveries.Count; d++)
        {
            ref readonly var delivery = ref deliveries[d];
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

    /// <summary>The searches' scratch space, shared by all items, and what they find: states, forms, deliveries.</summary>
    private sealed class Searcher(HoldingSearch plan)
    {
        // (element, form) -> state for the current item. An element can hold one item in dozens of forms (per-context
        // pseudonyms times generalizations), so a list per element would make arrival quadratic in the forms.
        private readonly StampedTable _held = new();

        // The (carrier, form) pairs already delivered for the current item, for flows whose protections can make two
        // forms one.
        private readonly StampedTable _delivered = new();

        private readonly Dictionary<ItemForm, int> _formIds = new() { [ItemForm.Original] = 0 };
        private readonly Scratch[] _scratch = new Scratch[plan._model.Elements.Count];
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

        public ChunkedList<State> States { get; } = new();

        public List<ItemForm> Forms { get; } = [ItemForm.Original];

        /// <summary>What each flow delivers, in the order the search met it.</summary>
        public ChunkedList<Delivery> Deliveries { get; } = new();

        public int Count => States.Count;

        public void Search(int item)
        {
            var (start, end) = (plan._carrierStart[item], plan._carrierStart[item + 1]);
            if (start == end)
                return;
            var flows = plan._carrierFlow.AsSpan(start, end - start);
            var slots = plan._carrierSlot.AsSpan(start, end - start);
            var stamp = item + 1;
            var scratch = _scratch;
            _next = States.Count;

            // Outgoing flows of this item by sender, as linked lists in flow order.
            if (_outNext.Length < flows.Length)
                _outNext = new int[Math.Max(flows.Length, _outNext.Length * 2)];
            for (var k = flows.Length - 1; k >= 0; k--)
            {
                ref var sender = ref scratch[plan._from[flows[k]]];
                if (sender.OutStamp != stamp)
                {
                    sender.OutStamp = stamp;
                    sender.OutHead = -1;
                }

                _outNext[k] = sender.OutHead;
                sender.OutHead = k;
            }

            foreach (var f in flows)
                scratch[plan._to[f]].ReceiverStamp = stamp;

            // Origins: senders of the item that receive it from no one, in flow order.
            foreach (var f in flows)
            {
                var from = plan._from[f];
                if (scratch[from].ReceiverStamp != stamp)
                    Seed(from, item, stamp);
            }

            Drain(item, stamp, flows, slots);

            // Senders still unexplained sit on cycles with no entry: the first of each is taken as an origin.
            foreach (var f in flows)
            {
                var from = plan._from[f];
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
            var dataItem = plan._model.Items[item];
            while (_next < States.Count)
            {
                var current = _next++;
                var state = States[current];
                ref readonly var sender = ref _scratch[state.Element];
                if (sender.OutStamp != stamp)
                    continue;
                for (var k = sender.OutHead; k >= 0; k = _outNext[k])
                {
                    var f = flows[k];
                    var form = Transform(f, dataItem, state.Form);

                    // The flow delivers this form, once: a flow that changes nothing maps distinct forms to distinct
                    // forms; one that generalizes, pseudonymises or unseals for a person may map two to one.
                    if (!plan._mayMerge[f] || _delivered.TryAdd(StampedTable.Key(k, form), 0, stamp))
                    {
                        Deliveries.Add(new Delivery(slots[k], form));
                        plan._slotCount[slots[k]]++;
                    }

                    var to = plan._to[f];
                    if (Find(to, form, stamp) < 0)
                        Add(new State(to, item, form, current, f, state.Origin, state.Depth + 1), stamp);
                }
            }
        }

        private int Transform(int flow, DataItem item, int form)
        {
            if (plan._neutral[flow] && (!plan._toPerson[flow] || !Forms[form].Sealed))
                return form;
            var result = FlowTransform.Apply(plan._model.Flows[flow], item, Forms[form], plan._toPerson[flow], plan._pseudonym[flow]);
            if (!_formIds.TryGetValue(result, out var id))
            {
                id = Forms.Count;
                Forms.Add(result);
                _formIds[result] = id;
            }

            return id;
        }

        private int Find(int element, int form, int stamp) =>
            _scratch[element].HoldStamp == stamp ? _held.Find(StampedTable.Key(element, form), stamp) : -1;

        private void Add(State state, int stamp)
        {
            var index = States.Add(state);
            _scratch[state.Element].HoldStamp = stamp;
            _held.Add(StampedTable.Key(state.Element, state.Form), index, stamp);
        }
    }
}
