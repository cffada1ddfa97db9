using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Graph facts as spans. The graph answers with arrays or read-only lists behind <see cref="IEnumerable{T}"/>; going
/// through an interface for every holding of a scan over all holdings costs as much as reading them. A buffer copies a
/// list once into an array it keeps (or hands back the graph's own array) so the caller indexes a span. A span is valid
/// until the next call of the same kind on the same buffer; a buffer serves one evaluation on one thread.
/// </summary>
internal sealed class FactBuffer
{
    private Holding[]? _holdings;
    private (DataItem Item, ItemForm Form)[]? _delivered;

    /// <summary><see cref="DataFlowGraph.Holdings(string)"/>.</summary>
    public ReadOnlySpan<Holding> Holdings(DataFlowGraph graph, string elementId) =>
        AsSpan(graph.Holdings(elementId), ref _holdings);

    /// <summary><see cref="DataFlowGraph.Holdings(string, string)"/>.</summary>
    public ReadOnlySpan<Holding> Holdings(DataFlowGraph graph, string elementId, string itemId) =>
        AsSpan(graph.Holdings(elementId, itemId), ref _holdings);

    /// <summary><see cref="DataFlowGraph.FormsDeliveredBy"/>.</summary>
    public ReadOnlySpan<(DataItem Item, ItemForm Form)> Delivered(DataFlowGraph graph, Flow flow) =>
        AsSpan(graph.FormsDeliveredBy(flow), ref _delivered);

    /// <summary>The forms in which an element holds one item, as an array of its own (kept by the caller).</summary>
    public static Holding[] HoldingsArray(DataFlowGraph graph, string elementId, string itemId)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var holdings = graph.Holdings(elementId, itemId);
        return holdings as Holding[] ?? [.. holdings];
    }

    private static ReadOnlySpan<T> AsSpan<T>(IEnumerable<T> values, ref T[]? buffer)
    {
        if (values is T[] array)
            return array;
        if (values is ICollection<T> collection)
        {
            if (buffer is null || buffer.Length < collection.Count)
                buffer = new T[Math.Max(collection.Count, Math.Max(16, (buffer?.Length ?? 0) * 2))];
            collection.CopyTo(buffer, 0);
            return buffer.AsSpan(0, collection.Count);
        }

        return values.ToArray();
    }
}
