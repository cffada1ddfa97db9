using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>An element holds an item in some form, having received it along a path of flows (a shortest witness).</summary>
/// <param name="Holder">The element.</param>
/// <param name="Item">The item.</param>
/// <param name="Form">How it is held.</param>
/// <param name="Origin">Where the item entered the design (collected or computed there).</param>
/// <param name="Path">Flows from the origin to the holder, in order; empty at the origin.</param>
public sealed record Holding(Element Holder, DataItem Item, ItemForm Form, Element Origin, IReadOnlyList<Flow> Path)
{
    /// <summary>The flow ids of <see cref="Path"/>.</summary>
    public IReadOnlyList<string> PathIds => Path is FlowPath path ? path.Ids : [.. Path.Select(f => f.Id)];
}
