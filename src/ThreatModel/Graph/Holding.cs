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

    /// <summary>
    /// The largest aggregation threshold k (<c>aggregationThreshold</c>) on the witness path, or null: the holding is
    /// aggregated (<see cref="ItemForm.Aggregated"/>) over at least this many people. Kept out of <see cref="Form"/> so
    /// that holdings aggregated along different paths share one form.
    /// </summary>
    public int? AggregationThreshold
    {
        get
        {
            int? k = null;
            for (var i = 0; i < Path.Count; i++)
            {
                if (FlowFacts.Of(Path[i]).AggregationThreshold is { } t && (k is null || t > k))
                    k = t;
            }

            return k;
        }
    }

    /// <summary>The smallest differential-privacy epsilon (<c>differentialPrivacy</c>) on the witness path: the values are noised; null when not.</summary>
    public double? NoiseEpsilon
    {
        get
        {
            double? epsilon = null;
            for (var i = 0; i < Path.Count; i++)
            {
                if (FlowFacts.Of(Path[i]).NoiseEpsilon is { } e && (epsilon is null || e < epsilon))
                    epsilon = e;
            }

            return epsilon;
        }
    }
}
