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
            var outgoing = graph.Outgoing(queue.Dequeue());
            for (var f = 0; f < outgoing.Count; f++)
            {
                var flow = outgoing[f];
                if (Lists(flow.Items, itemId) && !flow.Protections.SuppressedItems.Contains(itemId) && reached.Add(flow.To))
                    queue.Enqueue(flow.To);
            }
        }

        return reached;
    }

    /// <summary>The organizations of the elements <see cref="From"/> reaches (elements outside any organization add none).</summary>
    public static IReadOnlySet<string> OrganizationsFrom(DataFlowGraph graph, string elementId, string itemId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var organizations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reached in From(graph, elementId, itemId))
        {
            if (graph.Model.TryGetElement(reached, out var element) && element.OrganizationId is { } organization)
                organizations.Add(organization);
        }

        return organizations;
    }

    private static bool Lists(IReadOnlyList<string> itemIds, string itemId)
    {
        for (var k = 0; k < itemIds.Count; k++)
        {
            if (string.Equals(itemIds[k], itemId, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
