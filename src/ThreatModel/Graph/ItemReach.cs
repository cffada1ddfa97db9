namespace ThreatModel.Graph;

/// <summary>
/// Where one item can travel from an element: the elements reachable along the flows that carry it (unsuppressed).
/// Uses <see cref="DataFlowGraph.Outgoing"/> only; the answer is a set, so it does not depend on the order of the design.
/// An instance keeps its search buffers from one question to the next: it serves one evaluation, on one thread.
/// </summary>
internal sealed class ItemReach(DataFlowGraph graph)
{
    private static readonly HashSet<string> None = [];

    private readonly HashSet<string> _reached = new(StringComparer.Ordinal);
    private readonly Queue<string> _queue = new();

    /// <summary>The organizations of the elements <paramref name="itemId"/> can reach from <paramref name="elementId"/>, the element itself included (elements outside any organization add none).</summary>
    public IReadOnlySet<string> OrganizationsFrom(string elementId, string itemId)
    {
        _reached.Clear();
        _queue.Clear();
        _reached.Add(elementId);
        _queue.Enqueue(elementId);
        HashSet<string>? organizations = null;
        while (_queue.Count > 0)
        {
            var current = _queue.Dequeue();
            if (graph.Model.TryGetElement(current, out var element) && element.OrganizationId is { } organization)
                (organizations ??= new HashSet<string>(StringComparer.Ordinal)).Add(organization);
            var outgoing = graph.Outgoing(current);
            for (var f = 0; f < outgoing.Count; f++)
            {
                var flow = outgoing[f];
                if (Lists(flow.Items, itemId) && !FlowFacts.Of(flow).Suppresses(itemId) && _reached.Add(flow.To))
                    _queue.Enqueue(flow.To);
            }
        }

        return organizations ?? None;
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
