using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Positions of items in the design, built once per evaluation, so rules can order what they found by design order
/// without scanning every item of the design for each element or organization.
/// </summary>
internal sealed class DesignOrder
{
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);
    private readonly List<int> _touched = [];
    private readonly int _positions;
    private Holding?[]? _best;

    public DesignOrder(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (var k = 0; k < model.Items.Count; k++)
            _items.TryAdd(model.Items[k].Id, k);
        _positions = model.Items.Count;
    }

    /// <summary>The position of an item in the design; items the design does not declare last.</summary>
    public int OfItem(string itemId) => _items.TryGetValue(itemId, out var position) ? position : int.MaxValue;

    /// <summary>
    /// Per item, the best witness among <paramref name="holdings"/> (<see cref="IndividualHoldings.Precedes"/>), ordered by
    /// item in design order: what <see cref="IndividualHoldings.OfElement"/> and <see cref="IndividualHoldings.OfOrganization"/>
    /// return, at the cost of the holdings given.
    /// </summary>
    /// <remarks>
    /// The best holding of each item is kept in a slot per design position, reused from call to call (an instance serves
    /// one evaluation, on one thread). An item's position is looked up once per run of holdings of the same item, and an
    /// element's holdings come in runs.
    /// </remarks>
    public List<Holding> Shortest(IEnumerable<Holding> holdings)
    {
        ArgumentNullException.ThrowIfNull(holdings);
        _best ??= new Holding?[_positions];
        DataItem? item = null;
        var position = -1;
        foreach (var holding in holdings)
        {
            if (!ReferenceEquals(holding.Item, item))
            {
                item = holding.Item;
                position = _items.TryGetValue(item.Id, out var p) ? p : -1;
            }

            if (position < 0)
                continue;
            if (_best[position] is not { } current)
            {
                _best[position] = holding;
                _touched.Add(position);
            }
            else if (Precedes(holding, current))
            {
                _best[position] = holding;
            }
        }

        _touched.Sort();
        var result = new List<Holding>(_touched.Count);
        foreach (var slot in _touched)
        {
            result.Add(_best[slot]!);
            _best[slot] = null;
        }

        _touched.Clear();
        return result;
    }

    /// <summary>
    /// <see cref="Shortest"/> of what <paramref name="organizationId"/> reads about single people
    /// (<see cref="IndividualHoldings.AllOfOrganization"/>), of the items <paramref name="include"/> accepts (all when null;
    /// asked once per run of an item's holdings).
    /// </summary>
    public List<Holding> ShortestOfOrganization(DataFlowGraph graph, string organizationId, Func<DataItem, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.IndividualHoldingsOfOrganization(organizationId, include);
    }

    /// <summary><see cref="IndividualHoldings.Precedes"/> without building the lists of flow ids.</summary>
    public static bool Precedes(Holding a, Holding b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return WitnessOrder.ComparePaths(a.Path, b.Path) < 0;
    }
}
