using ThreatModel.Graph;

namespace ThreatModel.Rules.Support;

/// <summary>
/// What an element or an organization can read about single people: per item, the shortest witness among the
/// forms that are neither sealed nor aggregated. Reads <see cref="DataFlowGraph"/> facts only.
/// </summary>
/// <remarks>
/// <see cref="DataFlowGraph.ReadableHoldings"/> keeps the first readable form of each item, which may be an aggregate
/// while another form of the same item reaches the element about individuals; the rules that judge profiles need the
/// latter.
/// </remarks>
internal static class IndividualHoldings
{
    /// <summary>Per item, the shortest holding by which <paramref name="elementId"/> reads values about single people; ordered by item.</summary>
    public static IReadOnlyList<Holding> OfElement(DataFlowGraph graph, string elementId)
    {
        var result = new List<Holding>();
        foreach (var holding in graph.Holdings(elementId))
        {
            if (!holding.Form.ReadableAboutIndividuals)
                continue;
            if (result.Count > 0 && result[^1].Item.Id == holding.Item.Id)
            {
                if (holding.Path.Count < result[^1].Path.Count)
                    result[^1] = holding;
                continue;
            }

            result.Add(holding);
        }

        return result;
    }

    /// <summary>
    /// Per item, the shortest holding by which any element of <paramref name="organizationId"/> reads values about single
    /// people; ordered by item in design order.
    /// </summary>
    public static IReadOnlyList<Holding> OfOrganization(DataFlowGraph graph, string organizationId)
    {
        var best = new Dictionary<string, Holding>(StringComparer.Ordinal);
        foreach (var element in graph.ElementsOf(organizationId))
        {
            foreach (var holding in OfElement(graph, element.Id))
            {
                if (!best.TryGetValue(holding.Item.Id, out var current) || holding.Path.Count < current.Path.Count)
                    best[holding.Item.Id] = holding;
            }
        }

        return [.. graph.Model.Items.Where(i => best.ContainsKey(i.Id)).Select(i => best[i.Id])];
    }

    /// <summary>The ids of the items <paramref name="flow"/> delivers in some form its receiver can read about single people.</summary>
    public static IReadOnlySet<string> DeliveredAboutIndividuals(DataFlowGraph graph, Model.Flow flow) =>
        graph.FormsDeliveredBy(flow).Where(d => d.Form.ReadableAboutIndividuals).Select(d => d.Item.Id).ToHashSet(StringComparer.Ordinal);
}
