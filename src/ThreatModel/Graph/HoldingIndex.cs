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

    /// <summary>
    /// Searches every item of <paramref name="model"/>; <paramref name="ends"/> are each flow's sender and receiver by
    /// element index (-1 when either is unknown).
    /// </summary>
    public HoldingIndex(SystemModel model, (int From, int To)[] ends, Dictionary<string, int> itemIndex, CancellationToken cancellationToken)
    {
        _model = model;
        var found = new HoldingSearch(model, ends, itemIndex).Run(cancellationToken);
        (_states, _itemStart, _forms) = (found.States, found.ItemStart, found.Forms);
        (_deliveredStart, _deliveredItems, _deliveredForms) = (found.DeliveredStart, found.DeliveredItems, found.DeliveredForms);

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

    /// <summary>
    /// Orders two states by their witness paths as <see cref="WitnessOrder"/> orders holdings: the shorter first, equally
    /// short ones by flow id, flow by flow from the origin. Reads the predecessors; makes no path.
    /// </summary>
    public int CompareWitnesses(int a, int b)
    {
        var depth = _states[a].Depth;
        if (depth != _states[b].Depth)
            return depth.CompareTo(_states[b].Depth);
        if (a == b || depth == 0)
            return 0;
        Span<int> flowsOfA = depth <= 64 ? stackalloc int[depth] : new int[depth];
        Span<int> flowsOfB = depth <= 64 ? stackalloc int[depth] : new int[depth];
        for (int k = depth - 1, sa = a, sb = b; k >= 0; k--)
        {
            flowsOfA[k] = _states[sa].ViaFlow;
            flowsOfB[k] = _states[sb].ViaFlow;
            sa = _states[sa].Predecessor;
            sb = _states[sb].Predecessor;
        }

        for (var k = 0; k < depth; k++)
        {
            if (flowsOfA[k] == flowsOfB[k])
                continue;
            var c = string.CompareOrdinal(_model.Flows[flowsOfA[k]].Id, _model.Flows[flowsOfB[k]].Id);
            if (c != 0)
                return c;
        }

        return 0;
    }

    /// <summary>The witness path of a state.</summary>
    public FlowPath PathOf(int index) => _states[index].Depth == 0 ? FlowPath.None : new FlowPath(this, index);

    /// <summary>The flow by which the search reached a state (not an origin).</summary>
    public Flow ViaFlow(int index) => _model.Flows[_states[index].ViaFlow];
}
