using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Which element holds which item in which form, each with a shortest witness path. Computed once per design by a
/// breadth-first search per item over the flows that carry it, from the elements where it enters the design.
/// States are (element, form) pairs, so the cost is linear in the sum over flows of the items each carries.
/// No path enumeration: each state keeps one predecessor, and paths are rebuilt on demand.
/// </summary>
internal sealed class HoldingIndex
{
    private readonly SystemModel _model;
    private readonly List<State> _states = [];
    private readonly List<int>[] _statesByElement;
    private readonly Dictionary<(int Element, int Item), List<int>> _statesByElementItem = [];

    private readonly record struct State(int Element, int Item, ItemForm Form, int Predecessor, int ViaFlow, int Origin);

    public HoldingIndex(SystemModel model, ElementIndex elements, CancellationToken cancellationToken)
    {
        _model = model;
        _statesByElement = new List<int>[model.Elements.Count];
        for (var i = 0; i < _statesByElement.Length; i++)
            _statesByElement[i] = [];

        var carriers = FlowsByItem(model, elements);

        for (var item = 0; item < model.Items.Count; item++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (carriers[item] is { Count: > 0 } flows)
                Search(item, flows, elements);
        }

        foreach (var list in _statesByElement)
            list.Sort((a, b) => _states[a].Item != _states[b].Item ? _states[a].Item.CompareTo(_states[b].Item) : a.CompareTo(b));
    }

    /// <summary>The holdings of one element, ordered by item in design order.</summary>
    public IEnumerable<Holding> HoldingsOf(int element)
    {
        foreach (var state in _statesByElement[element])
            yield return ToHolding(state);
    }

    /// <summary>The forms in which an element holds an item, each with its witness.</summary>
    public IEnumerable<Holding> HoldingsOf(int element, int item)
    {
        if (_statesByElementItem.TryGetValue((element, item), out var states))
        {
            foreach (var state in states)
                yield return ToHolding(state);
        }
    }

    /// <summary>The number of (element, item, form) facts.</summary>
    public int Count => _states.Count;

    private Holding ToHolding(int index)
    {
        var state = _states[index];
        var path = new List<Flow>();
        for (var s = index; _states[s].Predecessor >= 0; s = _states[s].Predecessor)
            path.Add(_model.Flows[_states[s].ViaFlow]);
        path.Reverse();
        return new Holding(_model.Elements[state.Element], _model.Items[state.Item], state.Form, _model.Elements[state.Origin], path);
    }

    private static List<int>?[] FlowsByItem(SystemModel model, ElementIndex elements)
    {
        var itemIndex = new Dictionary<string, int>(model.Items.Count, StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Count; i++)
            itemIndex.TryAdd(model.Items[i].Id, i);
        var byItem = new List<int>?[model.Items.Count];
        for (var f = 0; f < model.Flows.Count; f++)
        {
            var flow = model.Flows[f];
            if (!elements.Contains(flow.From) || !elements.Contains(flow.To))
                continue;
            foreach (var itemId in flow.Items)
            {
                if (flow.Protections.SuppressedItems.Contains(itemId) || !itemIndex.TryGetValue(itemId, out var item))
                    continue;
                (byItem[item] ??= []).Add(f);
            }
        }

        return byItem;
    }

    private void Search(int item, List<int> flows, ElementIndex elements)
    {
        var outgoing = new Dictionary<int, List<int>>();
        var receivers = new HashSet<int>();
        foreach (var f in flows)
        {
            var from = elements[_model.Flows[f].From];
            if (!outgoing.TryGetValue(from, out var list))
                outgoing[from] = list = [];
            list.Add(f);
            receivers.Add(elements[_model.Flows[f].To]);
        }

        var seen = new Dictionary<(int Element, ItemForm Form), int>();
        var queue = new Queue<int>();

        // Origins: senders of the item that receive it from no one, in flow order.
        foreach (var f in flows)
        {
            var from = elements[_model.Flows[f].From];
            if (!receivers.Contains(from))
                Seed(from);
        }

        Drain();

        // Senders still unexplained sit on cycles with no entry: the first of each is taken as an origin.
        foreach (var f in flows)
        {
            var from = elements[_model.Flows[f].From];
            if (!_statesByElementItem.ContainsKey((from, item)))
            {
                Seed(from);
                Drain();
            }
        }

        void Seed(int element)
        {
            if (seen.ContainsKey((element, ItemForm.Original)))
                return;
            var index = Add(new State(element, item, ItemForm.Original, -1, -1, element));
            seen[(element, ItemForm.Original)] = index;
            queue.Enqueue(index);
        }

        void Drain()
        {
            while (queue.Count > 0)
            {
                var current = queue.Dequeue();
                var state = _states[current];
                if (!outgoing.TryGetValue(state.Element, out var next))
                    continue;
                foreach (var f in next)
                {
                    var flow = _model.Flows[f];
                    var to = elements[flow.To];
                    var form = FlowTransform.Apply(_model, flow, _model.Items[item], state.Form, _model.Elements[to]);
                    if (seen.ContainsKey((to, form)))
                        continue;
                    var index = Add(new State(to, item, form, current, f, state.Origin));
                    seen[(to, form)] = index;
                    queue.Enqueue(index);
                }
            }
        }
    }

    private int Add(State state)
    {
        var index = _states.Count;
        _states.Add(state);
        _statesByElement[state.Element].Add(index);
        if (!_statesByElementItem.TryGetValue((state.Element, state.Item), out var list))
            _statesByElementItem[(state.Element, state.Item)] = list = [];
        list.Add(index);
        return index;
    }
}
