using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>
/// Positions of items in the design, built once per evaluation, so rules can order what they found by design order
/// without scanning every item of the design for each element or organization.
/// </summary>
internal sealed class DesignOrder
{
    private readonly Dictionary<string, int> _items = new(StringComparer.Ordinal);

    public DesignOrder(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        for (var k = 0; k < model.Items.Count; k++)
            _items.TryAdd(model.Items[k].Id, k);
    }

    /// <summary>The position of an item in the design; items the design does not declare last.</summary>
    public int OfItem(string itemId) => _items.TryGetValue(itemId, out var position) ? position : int.MaxValue;

    /// <summary>
    /// Per item, the best witness among <paramref name="holdings"/> (<see cref="IndividualHoldings.Precedes"/>), ordered by
    /// item in design order: what <see cref="IndividualHoldings.OfElement"/> and <see cref="IndividualHoldings.OfOrganization"/>
    /// return, at the cost of the holdings given.
    /// </summary>
    public List<Holding> Shortest(IEnumerable<Holding> holdings)
    {
        var best = new Dictionary<string, Holding>(StringComparer.Ordinal);
        foreach (var holding in holdings)
        {
            if (!_items.ContainsKey(holding.Item.Id))
                continue;
            if (!best.TryGetValue(holding.Item.Id, out var current) || Precedes(holding, current))
                best[holding.Item.Id] = holding;
        }

        var result = best.Values.ToList();
        result.Sort((a, b) => OfItem(a.Item.Id).CompareTo(OfItem(b.Item.Id)));
        return result;
    }

    /// <summary><see cref="IndividualHoldings.Precedes"/> without building the lists of flow ids.</summary>
    public static bool Precedes(Holding a, Holding b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return WitnessOrder.ComparePaths(a.Path, b.Path) < 0;
    }
}
