using ThreatModel.Graph;

namespace ThreatModel.Rules.Support;

/// <summary>
/// Where one item can travel from an element: the elements reachable along the flows that carry it (unsuppressed).
/// Uses <see cref="DataFlowGraph.Outgoing"/> only; the answer is a set, so it does not depend on the order of the design.
/// </summary>
internal static class ItemReach
{
    /// <summary>The ids of the elements <paramref name="itemId"/> can reach from <paramref name="elementId"/>, the element itself included.</summary>
    public static IReadOnlySet<string> From(DataFlowGraph graph, string elementId, string itemId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var reached = new HashSet<string>(StringComparer.Ordinal) { elementId };
        var queue = new Queue<string>();
        queue.Enqueue(elementId);
        while (queue.Count > 0)
        {
            foreach (var flow in graph.Outgoing(queue.Dequeue()))
            {
                if (flow.Items.Contains(itemId, StringComparer.Ordinal) && !flow.Protections.SuppressedItems.Contains(itemId) && reached.Add(flow.To))
                    queue.Enqueue(flow.To);
            }
        }

        return reached;
    }
}
