using System.Runtime.InteropServices;
using QuikGraph;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// A design as a QuikGraph graph of elements and flows, with the facts rules read computed once:
/// who holds which item in which form and along which path, which records can be joined where and by which key,
/// the lineage of derived items, and which flows cross organization and jurisdiction lines.
/// Cycles are normal (sync, replication, feedback) and handled; no fact enumerates all paths.
/// Safe to read from several threads once built.
/// </summary>
public sealed class DataFlowGraph
{
    private readonly ElementIndex _elements;
    private readonly HoldingIndex _holdings;
    private readonly Dictionary<string, int> _itemIndex;
    private readonly Flow[]?[] _incoming;
    private readonly Flow[]?[] _outgoing;
    private readonly Dictionary<string, List<Element>> _organizationElements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DataItem>> _derivatives = new(StringComparer.Ordinal);
    private readonly Lock _joinsGate = new();
    private IReadOnlyList<Join>? _joins;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Flow[]> _entryFlows = new(StringComparer.Ordinal);
    private readonly Lazy<IBidirectionalGraph<Element, FlowEdge>> _graph;
    private readonly Dictionary<string, int> _flowIndex;

    private DataFlowGraph(SystemModel model, CancellationToken cancellationToken)
    {
        Model = model;
        _elements = new ElementIndex(model);
        _itemIndex = new Dictionary<string, int>(model.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Count; i++)
            _itemIndex.TryAdd(model.Items[i].Id, i);

        foreach (var element in model.Elements)
        {
            if (element.OrganizationId is { } org)
                Add(_organizationElements, org, element);
        }

        _flowIndex = new Dictionary<string, int>(model.Flows.Count, StringComparer.Ordinal);
        for (var f = 0; f < model.Flows.Count; f++)
            _flowIndex.TryAdd(model.Flows[f].Id, f);

        // Flows in and out of each element, in design order, as exact-size arrays (counted first).
        var elementCount = model.Elements.Count;
        var ends = new (int From, int To)[model.Flows.Count];
        var inCount = new int[elementCount];
        var outCount = new int[elementCount];
        for (var f = 0; f < ends.Length; f++)
        {
            var flow = model.Flows[f];
            if (!_elements.TryGet(flow.From, out var from) || !_elements.TryGet(flow.To, out var to))
            {
                ends[f] = (-1, -1);
                continue;
            }

            ends[f] = (from, to);
            outCount[from]++;
            inCount[to]++;
        }

        _incoming = new Flow[]?[elementCount];
        _outgoing = new Flow[]?[elementCount];
        for (var f = 0; f < ends.Length; f++)
        {
            var (from, to) = ends[f];
            if (from < 0)
                continue;
            var flow = model.Flows[f];
            (_outgoing[from] ??= new Flow[outCount[from]])[^outCount[from]--] = flow;
            (_incoming[to] ??= new Flow[inCount[to]])[^inCount[to]--] = flow;
        }

        foreach (var item in model.Items)
        {
            foreach (var source in item.DerivedFrom)
                Add(_derivatives, source, item);
        }

        _holdings = new HoldingIndex(model, ends, _itemIndex, cancellationToken);
        _graph = new Lazy<IBidirectionalGraph<Element, FlowEdge>>(BuildGraph, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The design.</summary>
    public SystemModel Model { get; }

    /// <summary>The QuikGraph graph: elements as vertices, flows as edges. Made on first use: the facts do not need it.</summary>
    public IBidirectionalGraph<Element, FlowEdge> Graph => _graph.Value;

    /// <summary>The number of (element, item, form) holding facts computed.</summary>
    public int HoldingCount => _holdings.Count;

    /// <summary>Builds the graph and computes its facts.</summary>
    public static DataFlowGraph Build(SystemModel model, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        return new DataFlowGraph(model, cancellationToken);
    }

    /// <summary>Flows into an element, in design order.</summary>
    public IReadOnlyList<Flow> Incoming(string elementId) => _elements.TryGet(elementId, out var e) && _incoming[e] is { } flows ? flows : [];

    /// <summary>Flows out of an element, in design order.</summary>
    public IReadOnlyList<Flow> Outgoing(string elementId) => _elements.TryGet(elementId, out var e) && _outgoing[e] is { } flows ? flows : [];

    /// <summary>The elements of an organization, in design order.</summary>
    public IReadOnlyList<Element> ElementsOf(string organizationId) => _organizationElements.GetValueOrDefault(organizationId) ?? (IReadOnlyList<Element>)[];

    /// <summary>
    /// The flows that bring data into a party from outside it: a party is an organization (its elements) or an element
    /// that belongs to none. A flow from another element of the same party stays inside and is no entry; one from another
    /// party, from people or from an unknown sender is. In design order of the receiving element, then of its flows.
    /// </summary>
    public IReadOnlyList<Flow> EntryFlows(string party)
    {
        ArgumentNullException.ThrowIfNull(party);
        // Asked once per finding about the party by several rules: found once per party, kept for the graph's life.
        return _entryFlows.GetOrAdd(party, FindEntryFlows);
    }

    private Flow[] FindEntryFlows(string party)
    {
        IReadOnlyList<Element> members = _organizationElements.TryGetValue(party, out var elements) ? elements
            : Model.TryGetElement(party, out var alone) && alone.OrganizationId is null ? [alone] : [];
        var entries = new List<Flow>();
        foreach (var member in members)
        {
            foreach (var flow in Incoming(member.Id))
            {
                if (!Model.TryGetElement(flow.From, out var from) || !string.Equals(from.OrganizationId ?? from.Id, party, StringComparison.Ordinal))
                    entries.Add(flow);
            }
        }

        return [.. entries];
    }

    /// <summary>The design-order index of an item (the first declared with this id), or -1 when the design has none.</summary>
    internal int ItemIndex(string itemId) => _itemIndex.TryGetValue(itemId, out var index) ? index : -1;

    /// <summary>Everything an element holds, in every form, ordered by item.</summary>
    public IEnumerable<Holding> Holdings(string elementId) => HoldingsOf(elementId);

    /// <summary><see cref="Holdings(string)"/> as a list to index, for the graph's own fact finders (no buffer to share).</summary>
    internal IReadOnlyList<Holding> HoldingsOf(string elementId) =>
        _elements.TryGet(elementId, out var e) ? _holdings.HoldingsOf(e) : [];

    /// <summary>
    /// Per item, the holding by which an element reads values about single people (neither sealed nor aggregated) with
    /// the best witness: the shortest, then the smallest flow ids; ordered by item in design order. Chosen over the
    /// holding states, so only the chosen holdings are made.
    /// </summary>
    internal IReadOnlyList<Holding> IndividualHoldingsOf(string elementId)
    {
        if (!_elements.TryGet(elementId, out var e))
            return [];
        var states = _holdings.StatesOf(e);
        var best = new List<Holding>();
        var bestState = -1;
        for (var k = 0; k < states.Length; k++)
        {
            var state = states[k];
            if (!_holdings.FormOf(state).ReadableAboutIndividuals)
                continue;
            if (bestState >= 0 && _holdings[bestState].Item == _holdings[state].Item)
            {
                if (_holdings.CompareWitnesses(state, bestState) < 0)
                    bestState = state;
                continue;
            }

            if (bestState >= 0)
                best.Add(_holdings.ToHolding(bestState));
            bestState = state;
        }

        if (bestState >= 0)
            best.Add(_holdings.ToHolding(bestState));
        return best;
    }

    /// <summary>
    /// Per item that <paramref name="include"/> accepts (all when null; asked once per run of an item's states), the
    /// holding by which any element of <paramref name="organizationId"/> reads values about single people with the best
    /// witness (the shortest, then the smallest flow ids; the first element in design order on a tie); ordered by item
    /// in design order. Chosen over the holding states, so only the chosen holdings are made.
    /// </summary>
    internal List<Holding> IndividualHoldingsOfOrganization(string organizationId, Func<DataItem, bool>? include = null)
    {
        var best = new Dictionary<int, int>();
        foreach (var member in ElementsOf(organizationId))
        {
            if (!_elements.TryGet(member.Id, out var e))
                continue;
            var lastItem = -1;
            var included = false;
            foreach (var state in _holdings.StatesOf(e))
            {
                if (!_holdings.FormOf(state).ReadableAboutIndividuals)
                    continue;
                var item = _holdings[state].Item;
                if (item != lastItem)
                {
                    lastItem = item;
                    included = include is null || include(Model.Items[item]);
                }

                if (!included)
                    continue;
                ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(best, item, out var known);
                if (!known || _holdings.CompareWitnesses(state, current) < 0)
                    current = state;
            }
        }

        var items = new int[best.Count];
        best.Keys.CopyTo(items, 0);
        Array.Sort(items);
        var result = new List<Holding>(items.Length);
        foreach (var item in items)
            result.Add(_holdings.ToHolding(best[item]));
        return result;
    }

    /// <summary>
    /// Every (item, form) by which <paramref name="elementId"/> reads values about single people, of the items
    /// <paramref name="include"/> accepts (asked once per run of an item's states), added to <paramref name="into"/> in
    /// item order, then discovery order: no holding or path is made.
    /// </summary>
    internal void IndividualFormsOf(string elementId, Func<DataItem, bool> include, List<(DataItem Item, ItemForm Form)> into)
    {
        if (!_elements.TryGet(elementId, out var e))
            return;
        var lastItem = -1;
        var included = false;
        foreach (var state in _holdings.StatesOf(e))
        {
            if (!_holdings.FormOf(state).ReadableAboutIndividuals)
                continue;
            var item = _holdings[state].Item;
            if (item != lastItem)
            {
                lastItem = item;
                included = include(Model.Items[item]);
            }

            if (included)
                into.Add((Model.Items[item], _holdings.FormOf(state)));
        }
    }

    /// <summary>
    /// The holdings of <paramref name="itemId"/> whose holder <paramref name="holder"/> accepts (asked once per element)
    /// and whose form <paramref name="form"/> accepts, as (holder's design-order index, holding), by holder in design
    /// order, then in discovery order (a shortest witness first), added to <paramref name="into"/>: only those holdings are made.
    /// </summary>
    internal void HoldingsOfItem(string itemId, Func<Element, bool> holder, Func<ItemForm, bool> form, List<(int Element, Holding Holding)> into)
    {
        if (!_itemIndex.TryGetValue(itemId, out var item))
            return;
        var lastElement = -1;
        var accepted = false;
        foreach (var state in _holdings.StatesByElement(item))
        {
            var element = _holdings[state].Element;
            if (element != lastElement)
            {
                lastElement = element;
                accepted = holder(Model.Elements[element]);
            }

            if (accepted && form(_holdings.FormOf(state)))
                into.Add((element, _holdings.ToHolding(state)));
        }
    }

    /// <summary>The forms in which an element holds one item; empty when it never receives it.</summary>
    public IEnumerable<Holding> Holdings(string elementId, string itemId) =>
        _elements.TryGet(elementId, out var e) && _itemIndex.TryGetValue(itemId, out var i) ? _holdings.HoldingsOf(e, i) : [];

    /// <summary>The holding by which an element can read an item (shortest witness), or null when it cannot.</summary>
    public Holding? Readable(string elementId, string itemId)
    {
        if (!_elements.TryGet(elementId, out var e) || !_itemIndex.TryGetValue(itemId, out var i))
            return null;
        foreach (var state in _holdings.StatesOf(e, i))
        {
            if (_holdings.FormOf(state).Readable)
                return _holdings.ToHolding(state);
        }

        return null;
    }

    /// <summary>The readable holdings of an element, one per item (the shortest witness), ordered by item.</summary>
    public IEnumerable<Holding> ReadableHoldings(string elementId) =>
        _elements.TryGet(elementId, out var e) ? ReadableStates(e).Select(_holdings.ToHolding) : [];

    /// <summary>What an organization can read across all its elements: per item, the first element that can, by shortest witness.</summary>
    public IReadOnlyList<Holding> ReadableByOrganization(string organizationId)
    {
        var best = new Dictionary<int, int>();
        foreach (var element in ElementsOf(organizationId))
        {
            if (!_elements.TryGet(element.Id, out var e))
                continue;
            foreach (var state in ReadableStates(e))
            {
                var item = _holdings[state].Item;
                if (!best.TryGetValue(item, out var current) || _holdings[state].Depth < _holdings[current].Depth)
                    best[item] = state;
            }
        }

        var items = best.Keys.ToArray();
        Array.Sort(items);
        var result = new Holding[items.Length];
        for (var k = 0; k < items.Length; k++)
            result[k] = _holdings.ToHolding(best[items[k]]);
        return result;
    }

    /// <summary>Every element that can read an item, with the shortest witness for each, in design order.</summary>
    public IEnumerable<Holding> ReadersOf(string itemId)
    {
        if (!_itemIndex.TryGetValue(itemId, out var item))
            return [];

        // The item's states by element: the first readable state of each element is its shortest witness.
        var states = _holdings.StatesByElement(item);
        var readers = new List<int>();
        var lastReader = -1;
        foreach (var state in states)
        {
            var element = _holdings[state].Element;
            if (element != lastReader && _holdings.FormOf(state).Readable)
            {
                readers.Add(state);
                lastReader = element;
            }
        }

        return readers.Count == 0 ? [] : new HoldingList(_holdings, [.. readers], 0, readers.Count);
    }

    /// <summary>
    /// Every holding of an item: each element that holds it, in design order, with each form it holds it in (shortest
    /// witness first). Costs the number of holders, not the number of elements: rules that ask "who holds this
    /// identifier" should use it instead of asking every element.
    /// </summary>
    internal IReadOnlyList<Holding> HoldersOf(string itemId) =>
        _itemIndex.TryGetValue(itemId, out var item) ? _holdings.HoldersOf(item) : [];

    /// <summary>The items and forms a flow delivers to its receiver, each item once per distinct form.</summary>
    /// <remarks>
    /// In the flow's item order, each item's forms in the order the sender came to hold them (a shortest witness
    /// first). Rules ask this of the same flow many times; the graph's search recorded every flow's deliveries as it
    /// went, so this is a read of that table.
    /// </remarks>
    public IEnumerable<(DataItem Item, ItemForm Form)> FormsDeliveredBy(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (!TryGetDeliveries(flow, out var start, out var end))
            return ComputeFormsDeliveredBy(flow);
        return start == end ? [] : new DeliveredForms(_holdings, start, end);
    }

    /// <summary>
    /// What <paramref name="flow"/> delivers of <paramref name="item"/>: every distinct form it arrives in, with the
    /// aggregation threshold and noise applied on the way (on the sender's witness path and on the flow), and whether it
    /// names people or arrives pseudonymised. Null when the flow suppresses the item or its sender does not hold it.
    /// </summary>
    /// <param name="flow">The flow.</param>
    /// <param name="item">An item the flow carries (one of <see cref="Flow.Items"/>; not checked, so that asking about every item of a flow stays linear).</param>
    /// <remarks>The forms are those of <see cref="FormsDeliveredBy"/> for this item, kept apart by the protection of each witness path.</remarks>
    public ItemDelivery? DeliveryOf(Flow flow, DataItem item) => DeliveryOf(flow, item, null);

    /// <summary>
    /// <see cref="DeliveryOf(Flow, DataItem)"/> with the forms of items that arrive in several forms kept in
    /// <paramref name="scratch"/> (valid until the scratch is cleared): asking about every item of every flow then
    /// allocates nothing per item.
    /// </summary>
    internal ItemDelivery? DeliveryOf(Flow flow, DataItem item, DeliveryScratch? scratch)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(item);
        var facts = FlowFacts.Of(flow);
        if (facts.Suppresses(item.Id) || !Model.TryGetElement(flow.To, out var receiver))
            return null;
        if (!_elements.TryGet(flow.From, out var sender) || !_itemIndex.TryGetValue(item.Id, out var itemIndex))
            return null;
        // The sender's forms of the item, read from the holding states: no holding or path is made.
        var states = _holdings.StatesOf(sender, itemIndex);
        if (states.IsEmpty)
            return null;

        var receiverIsPerson = receiver.Type == ElementType.Person;
        var receiverParty = receiver.OrganizationId ?? receiver.Id;
        var pseudonym = item.IsIdentifier ? FlowTransform.PseudonymOf(Model, flow) : null; // only identifiers take the flow's pseudonym
        bool? directRoot = null;
        bool readable = false, namesPeople = false, pseudonymised = false;
        DeliveredForm first = default;
        List<DeliveredForm>? forms = null;
        HashSet<DeliveredForm>? seen = null;
        var start = 0;
        for (var h = 0; h < states.Length; h++)
        {
            var state = states[h];
            var form = FlowTransform.Apply(flow, item, _holdings.FormOf(state), receiverIsPerson, pseudonym);
            readable |= form.Readable;
            namesPeople |= (item.Kind == DataItemKind.DirectIdentifier && form.ReadableAboutIndividuals
                    && (form.Pseudonym is null || PseudonymKey.IsHeldBy(form, receiverParty)))
                || (form.KeylessHash(item) && (directRoot ??= JoinFinder.RootIdentifier(Model, item).Kind == DataItemKind.DirectIdentifier));
            pseudonymised |= item.IsIdentifier && form.Pseudonym is not null;

            int? k = facts.AggregationThreshold;
            double? epsilon = facts.NoiseEpsilon;
            // Along the sender's witness path, back from the sender (the order does not matter for a largest k and a smallest epsilon).
            for (var onPath = state; _holdings[onPath].Depth > 0; onPath = _holdings[onPath].Predecessor)
            {
                var pathFacts = FlowFacts.Of(_holdings.ViaFlow(onPath));
                if (pathFacts.AggregationThreshold is { } t && (k is null || t > k))
                    k = t;
                if (pathFacts.NoiseEpsilon is { } e && (epsilon is null || e < epsilon))
                    epsilon = e;
            }

            var delivered = new DeliveredForm(form, k, epsilon);
            if (h == 0)
            {
                first = delivered;
                continue;
            }

            // Each distinct form once: by a scan while few, by a set beyond.
            if (forms is null)
            {
                forms = scratch?.Forms ?? [];
                start = forms.Count;
                forms.Add(first);
            }

            if (seen is null && forms.Count - start >= 8)
            {
                seen = scratch?.Seen ?? [];
                seen.Clear();
                for (var j = start; j < forms.Count; j++)
                    seen.Add(forms[j]);
            }

            if (seen is not null ? seen.Add(delivered) : forms.IndexOf(delivered, start) < 0)
                forms.Add(delivered);
        }

        return new ItemDelivery(item, first, forms, start, forms is null ? 1 : forms.Count - start, readable, namesPeople, pseudonymised);
    }

    /// <summary>
    /// True when <paramref name="flow"/> delivers some item in a form that satisfies <paramref name="predicate"/>: a scan of
    /// the delivery table without copying it (pass a static lambda: it is made once).
    /// </summary>
    public bool DeliversAny(Flow flow, Func<DataItem, ItemForm, bool> predicate)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(predicate);
        if (!TryGetDeliveries(flow, out var start, out var end))
        {
            foreach (var (item, form) in ComputeFormsDeliveredBy(flow))
            {
                if (predicate(item, form))
                    return true;
            }

            return false;
        }

        for (var k = start; k < end; k++)
        {
            if (predicate(_holdings.DeliveredItem(k), _holdings.DeliveredForm(k)))
                return true;
        }

        return false;
    }

    /// <summary>Where the deliveries of a flow of the design sit in <see cref="HoldingIndex"/>'s delivery table; false for a flow the graph was not built with.</summary>
    internal bool TryGetDeliveries(Flow flow, out int start, out int end)
    {
        if (_flowIndex.TryGetValue(flow.Id, out var index) && ReferenceEquals(Model.Flows[index], flow))
        {
            (start, end) = _holdings.DeliveredBy(index);
            return true;
        }

        (start, end) = (0, 0);
        return false;
    }

    /// <summary>The holding facts, by index, for the graph's own fact finders.</summary>
    internal HoldingIndex HoldingIndex => _holdings;

    /// <summary>What a flow the graph was not built with (not in the design) would deliver: computed on each call.</summary>
    private (DataItem Item, ItemForm Form)[] ComputeFormsDeliveredBy(Flow flow)
    {
        if (!Model.TryGetElement(flow.From, out _) || !Model.TryGetElement(flow.To, out var receiver) || !_elements.TryGet(flow.From, out var sender))
            return [];

        var result = new List<(DataItem Item, ItemForm Form)>();
        var receiverIsPerson = receiver.Type == ElementType.Person;
        var pseudonym = FlowTransform.PseudonymOf(Model, flow);
        HashSet<ItemForm>? seen = null;
        foreach (var itemId in flow.Items)
        {
            if (FlowFacts.Of(flow).Suppresses(itemId) || !Model.TryGetItem(itemId, out var item) || !_itemIndex.TryGetValue(itemId, out var i))
                continue;
            var states = _holdings.StatesOf(sender, i);
            if (states.Length > 8)
                (seen ??= []).Clear();
            var start = result.Count;
            foreach (var state in states)
            {
                var form = FlowTransform.Apply(flow, item, _holdings.FormOf(state), receiverIsPerson, pseudonym);
                if (states.Length > 8 ? seen!.Add(form) : !Delivered(result, start, form))
                    result.Add((item, form));
            }
        }

        return [.. result];

        static bool Delivered(List<(DataItem, ItemForm Form)> delivered, int start, ItemForm form)
        {
            for (var k = start; k < delivered.Count; k++)
            {
                if (delivered[k].Form.Equals(form))
                    return true;
            }

            return false;
        }
    }

    /// <summary>The flow ids by which the first of <paramref name="items"/> reached the sender of <paramref name="flow"/>, then the flow.</summary>
    public IReadOnlyList<string> ArrivalPath(Flow flow, IReadOnlyList<DataItem> items)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(items);
        var best = -1;
        if (_elements.TryGet(flow.From, out var sender))
        {
            foreach (var item in items)
            {
                if (!_itemIndex.TryGetValue(item.Id, out var i))
                    continue;
                var states = _holdings.StatesOf(sender, i);
                if (states.Length > 0 && (best < 0 || _holdings[states[0]].Depth > _holdings[best].Depth))
                    best = states[0];
            }
        }

        if (best < 0)
            return [flow.Id];
        var path = _holdings.PathOf(best);
        var ids = new string[path.Count + 1];
        path.CopyIdsTo(ids);
        ids[^1] = flow.Id;
        return ids;
    }

    /// <summary>Items computed from this one, directly.</summary>
    public IReadOnlyList<DataItem> DerivedFrom(string itemId) => _derivatives.GetValueOrDefault(itemId) ?? (IReadOnlyList<DataItem>)[];

    /// <summary>Every item this one is computed from, directly or indirectly, in breadth-first order.</summary>
    public IReadOnlyList<DataItem> Lineage(string itemId)
    {
        var result = new List<DataItem>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { itemId };
        var queue = new Queue<string>();
        queue.Enqueue(itemId);
        while (queue.Count > 0)
        {
            if (!Model.TryGetItem(queue.Dequeue(), out var item))
                continue;
            foreach (var source in item.DerivedFrom)
            {
                if (seen.Add(source) && Model.TryGetItem(source, out var sourceItem))
                {
                    result.Add(sourceItem);
                    queue.Enqueue(source);
                }
            }
        }

        return result;
    }

    /// <summary>True when a flow leaves one organization for another, or reaches people, the public or other users.</summary>
    public bool CrossesOrganization(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return Model.TryGetElement(flow.From, out var from) && Model.TryGetElement(flow.To, out var to) && CrossesOrganization(from, to);
    }

    /// <summary>
    /// True when a flow from <paramref name="from"/> to <paramref name="to"/> leaves one organization for another, or
    /// reaches people, the public or other users: <see cref="CrossesOrganization(Flow)"/> for a rule that has both
    /// elements at hand (no look-up).
    /// </summary>
    public static bool CrossesOrganization(Element from, Element to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return from.OrganizationId != to.OrganizationId;
    }

    /// <summary>True when a flow goes from one jurisdiction into another (both known).</summary>
    public bool CrossesJurisdiction(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return Model.TryGetElement(flow.From, out var from) && Model.TryGetElement(flow.To, out var to) && CrossesJurisdiction(from, to);
    }

    /// <summary>
    /// True when a flow from <paramref name="from"/> to <paramref name="to"/> goes from one jurisdiction into another
    /// (both known): <see cref="CrossesJurisdiction(Flow)"/> for a rule that has both elements at hand (no look-up).
    /// </summary>
    public static bool CrossesJurisdiction(Element from, Element to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return from.JurisdictionId is not null && to.JurisdictionId is not null && from.JurisdictionId != to.JurisdictionId;
    }

    /// <summary>
    /// What <paramref name="flow"/>'s own protections mean (suppressed items, legal ground, retention, deniability,
    /// release protection, rate limit): <see cref="FlowFacts.Of"/>, made without allocation or look-up.
    /// </summary>
#pragma warning disable CA1822 // An instance member so that rules read every fact from the graph.
    public FlowFacts FactsOf(Flow flow) => FlowFacts.Of(flow);
#pragma warning restore CA1822

    /// <summary>Every join of records from different contexts: in each organization, then at each element outside any organization.</summary>
    public IReadOnlyList<Join> Joins => GetJoins(CancellationToken.None);

    /// <summary>
    /// <see cref="Joins"/>, computed by the first reader and kept; a reader cancelled while computing them keeps nothing
    /// (the next reader computes them again) and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    internal IReadOnlyList<Join> GetJoins(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _joins) is { } joins)
            return joins;
        lock (_joinsGate)
        {
            joins = _joins ?? FindAllJoins(cancellationToken);
            Volatile.Write(ref _joins, joins);
            return joins;
        }
    }

    /// <summary>Joins among the records entering an organization from outside it.</summary>
    public IReadOnlyList<Join> JoinsInOrganization(string organizationId) => JoinsInOrganization(new JoinFinder.Search(this), organizationId);

    /// <summary>Joins among the records entering one element.</summary>
    public IReadOnlyList<Join> JoinsAtElement(string elementId) => JoinsAtElement(new JoinFinder.Search(this), elementId);

    private IReadOnlyList<Join> JoinsInOrganization(JoinFinder.Search search, string organizationId)
    {
        // Flows from outside into any member, by line in the design file, then id (then design order, as a stable sort would).
        var inbound = new List<(Flow Flow, int Order)>();
        foreach (var member in ElementsOf(organizationId))
        {
            foreach (var flow in Incoming(member.Id))
            {
                if (Model.TryGetElement(flow.From, out var from) && from.OrganizationId != organizationId)
                    inbound.Add((flow, inbound.Count));
            }
        }

        inbound.Sort(static (a, b) =>
        {
            var byLine = a.Flow.Span.Line.CompareTo(b.Flow.Span.Line);
            if (byLine != 0)
                return byLine;
            var byId = string.CompareOrdinal(a.Flow.Id, b.Flow.Id);
            return byId != 0 ? byId : a.Order.CompareTo(b.Order);
        });
        var flows = new Flow[inbound.Count];
        for (var k = 0; k < flows.Length; k++)
            flows[k] = inbound[k].Flow;
        return JoinFinder.Find(search, organizationId, placeIsOrganization: true, organizationId, flows);
    }

    private IReadOnlyList<Join> JoinsAtElement(JoinFinder.Search search, string elementId)
    {
        if (!Model.TryGetElement(elementId, out var element))
            return [];
        return JoinFinder.Find(search, elementId, placeIsOrganization: false, element.OrganizationId, Incoming(elementId));
    }

    private List<Join> FindAllJoins(CancellationToken cancellationToken)
    {
        // One search for the whole design: its caches (identifier roots, tokens, context lists) serve every place.
        var search = new JoinFinder.Search(this) { CancellationToken = cancellationToken };
        var joins = new List<Join>();
        foreach (var organization in Model.Organizations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            joins.AddRange(JoinsInOrganization(search, organization.Id));
        }

        foreach (var element in Model.Elements)
        {
            if (element.OrganizationId is null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                joins.AddRange(JoinsAtElement(search, element.Id));
            }
        }

        return joins;
    }

    private BidirectionalGraph<Element, FlowEdge> BuildGraph()
    {
        var graph = new BidirectionalGraph<Element, FlowEdge>(allowParallelEdges: true, vertexCapacity: Model.Elements.Count, edgeCapacity: -1);
        foreach (var element in Model.Elements)
            graph.AddVertex(element);
        foreach (var flow in Model.Flows)
        {
            if (Model.TryGetElement(flow.From, out var from) && Model.TryGetElement(flow.To, out var to))
                graph.AddEdge(new FlowEdge(flow, from, to));
        }

        return graph;
    }

    /// <summary>The first readable state of each item an element holds, ordered by item.</summary>
    private List<int> ReadableStates(int element)
    {
        var result = new List<int>();
        var last = -1;
        foreach (var state in _holdings.StatesOf(element))
        {
            var item = _holdings[state].Item;
            if (item == last || !_holdings.FormOf(state).Readable)
                continue;
            last = item;
            result.Add(state);
        }

        return result;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }
}
