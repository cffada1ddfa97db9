using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>
/// Graph facts as indexable lists. The graph answers with arrays or read-only lists behind <see cref="IEnumerable{T}"/>;
/// rules that ask for them in hot loops index them instead of allocating an enumerator per question. Anything else is
/// copied, so the answer is the same whatever the graph returns.
/// </summary>
internal static class FactLists
{
    /// <summary><see cref="DataFlowGraph.Holdings(string)"/> as a list.</summary>
    public static IReadOnlyList<Holding> Holdings(DataFlowGraph graph, string elementId) =>
        AsList(graph.Holdings(elementId));

    /// <summary><see cref="DataFlowGraph.Holdings(string, string)"/> as a list.</summary>
    public static IReadOnlyList<Holding> Holdings(DataFlowGraph graph, string elementId, string itemId) =>
        AsList(graph.Holdings(elementId, itemId));

    /// <summary><see cref="DataFlowGraph.FormsDeliveredBy"/> as a list.</summary>
    public static IReadOnlyList<(DataItem Item, ItemForm Form)> Delivered(DataFlowGraph graph, Flow flow) =>
        AsList(graph.FormsDeliveredBy(flow));

    private static IReadOnlyList<T> AsList<T>(IEnumerable<T> values) => values as IReadOnlyList<T> ?? [.. values];
}
