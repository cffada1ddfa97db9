namespace ThreatModel.Graph;

/// <summary>
/// What an element or an organization can read about single people: holdings whose form is neither sealed nor
/// aggregated. Reads <see cref="DataFlowGraph"/> facts only.
/// </summary>
/// <remarks>
/// <see cref="DataFlowGraph.ReadableHoldings"/> keeps the first readable form of each item, which may be an aggregate
/// while another form of the same item reaches the element about individuals; the rules that judge profiles need the
/// latter. Where several witnesses are equally short, the one with the smallest flow ids wins, so the choice does not
/// depend on the order of the design file.
/// </remarks>
internal static class IndividualHoldings
{
    /// <summary>Every holding (each form) by which <paramref name="elementId"/> reads values about single people.</summary>
    public static IEnumerable<Holding> AllOfElement(DataFlowGraph graph, string elementId) =>
        graph.Holdings(elementId).Where(h => h.Form.ReadableAboutIndividuals);

    /// <summary>Every holding (each form, each element) by which <paramref name="organizationId"/> reads values about single people.</summary>
    public static IEnumerable<Holding> AllOfOrganization(DataFlowGraph graph, string organizationId) =>
        graph.ElementsOf(organizationId).SelectMany(e => AllOfElement(graph, e.Id));

    /// <summary>Per item, the shortest holding by which <paramref name="elementId"/> reads values about single people; ordered by item.</summary>
    public static IReadOnlyList<Holding> OfElement(DataFlowGraph graph, string elementId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.IndividualHoldingsOf(elementId);
    }

    /// <summary>
    /// Per item, the shortest holding by which any element of <paramref name="organizationId"/> reads values about single
    /// people; ordered by item in design order.
    /// </summary>
    public static IReadOnlyList<Holding> OfOrganization(DataFlowGraph graph, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return graph.IndividualHoldingsOfOrganization(organizationId);
    }

    /// <summary>True when <paramref name="a"/> is a better witness than <paramref name="b"/>: shorter, or as short with smaller flow ids.</summary>
    public static bool Precedes(Holding a, Holding b) => WitnessOrder.ComparePaths(a.Path, b.Path) < 0;

    /// <summary>Orders paths by length, then flow id by flow id (ordinal): a total order independent of the design's order.</summary>
    public static int ComparePaths(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count != b.Count)
            return a.Count.CompareTo(b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
                return c;
        }

        return 0;
    }


    /// <summary>The ids of the items <paramref name="flow"/> delivers in some form its receiver can read about single people.</summary>
    public static IReadOnlySet<string> DeliveredAboutIndividuals(DataFlowGraph graph, Model.Flow flow) =>
        graph.FormsDeliveredBy(flow).Where(d => d.Form.ReadableAboutIndividuals).Select(d => d.Item.Id).ToHashSet(StringComparer.Ordinal);
}
