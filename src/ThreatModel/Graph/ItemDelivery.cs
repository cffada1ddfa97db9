using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// One form in which a flow delivers an item, with the aggregation and noise applied to it on the way: on the witness
/// path by which the sender came to hold it, and on the flow itself.
/// </summary>
/// <param name="Form">The effective form the receiver gets.</param>
/// <param name="AggregationThreshold">The largest aggregation threshold k on the way, or null when none.</param>
/// <param name="NoiseEpsilon">The smallest differential-privacy epsilon on the way, or null when not noised.</param>
public readonly record struct DeliveredForm(ItemForm Form, int? AggregationThreshold, double? NoiseEpsilon);

/// <summary>
/// What one flow delivers of one item to its receiver, as the graph states it after every protection on the way: each
/// distinct form it arrives in with its aggregation and noise (<see cref="Forms"/>), and whether what arrives names
/// people, stands in for them by a pseudonym, or can be read at all. Asked with
/// <see cref="DataFlowGraph.DeliveryOf(Flow, DataItem)"/>.
/// </summary>
public sealed class ItemDelivery
{
    internal ItemDelivery(DataItem item, IReadOnlyList<DeliveredForm> forms, bool readable, bool namesPeople, bool pseudonymised)
    {
        Item = item;
        Forms = forms;
        Readable = readable;
        NamesPeople = namesPeople;
        Pseudonymised = pseudonymised;
    }

    /// <summary>The item.</summary>
    public DataItem Item { get; }

    /// <summary>Each distinct (form, aggregation, noise) the item arrives in, in the order the sender came to hold them.</summary>
    public IReadOnlyList<DeliveredForm> Forms { get; }

    /// <summary>True when some form arrives readable (not sealed end to end).</summary>
    public bool Readable { get; }

    /// <summary>
    /// True when the receiver can read who the records are about: a direct identifier arrives readable about single people
    /// and not as a pseudonym whose key the receiver lacks, or as a keyless hash of a direct identifier (which links and
    /// names like the original).
    /// </summary>
    public bool NamesPeople { get; }

    /// <summary>True when an identifier arrives as a pseudonym.</summary>
    public bool Pseudonymised { get; }

    /// <summary>True when some form arrives readable about single people (not sealed, not aggregated).</summary>
    public bool AboutIndividuals
    {
        get
        {
            for (var i = 0; i < Forms.Count; i++)
            {
                if (Forms[i].Form.ReadableAboutIndividuals)
                    return true;
            }

            return false;
        }
    }
}
