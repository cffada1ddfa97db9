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
/// distinct form it arrives in with its aggregation and noise (<see cref="FormAt"/>, <see cref="Forms"/>), and whether
/// what arrives names people, stands in for them by a pseudonym, or can be read at all. Asked with
/// <see cref="DataFlowGraph.DeliveryOf(Flow, DataItem)"/>. A value: asking about every item of every flow of a large
/// design allocates only for items that arrive in more than one form.
/// </summary>
public readonly struct ItemDelivery : IEquatable<ItemDelivery>
{
    private readonly DeliveredForm _first;
    private readonly List<DeliveredForm>? _forms;
    private readonly int _start;

    internal ItemDelivery(DataItem item, DeliveredForm first, List<DeliveredForm>? forms, int start, int count, bool readable, bool namesPeople, bool pseudonymised)
    {
        Item = item;
        _first = first;
        _forms = forms;
        _start = start;
        FormCount = count;
        Readable = readable;
        NamesPeople = namesPeople;
        Pseudonymised = pseudonymised;
    }

    /// <summary>The item.</summary>
    public DataItem Item { get; }

    /// <summary>How many distinct (form, aggregation, noise) the item arrives in (at least one).</summary>
    public int FormCount { get; }

    /// <summary>The <paramref name="index"/>th distinct form, in the order the sender came to hold them.</summary>
    public DeliveredForm FormAt(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, FormCount);
        return _forms is null ? _first : _forms[_start + index];
    }

    /// <summary>Each distinct (form, aggregation, noise) the item arrives in, in the order the sender came to hold them.</summary>
    public IReadOnlyList<DeliveredForm> Forms => _forms is null ? [_first] : _forms.GetRange(_start, FormCount);

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
            for (var i = 0; i < FormCount; i++)
            {
                if (FormAt(i).Form.ReadableAboutIndividuals)
                    return true;
            }

            return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(ItemDelivery other) =>
        ReferenceEquals(Item, other.Item) && _first.Equals(other._first) && ReferenceEquals(_forms, other._forms) && _start == other._start && FormCount == other.FormCount;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ItemDelivery other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Item, _first);

    /// <summary>Equal when about the same item with the same forms.</summary>
    public static bool operator ==(ItemDelivery left, ItemDelivery right) => left.Equals(right);

    /// <summary>Not equal.</summary>
    public static bool operator !=(ItemDelivery left, ItemDelivery right) => !left.Equals(right);
}

/// <summary>
/// Reusable room for the forms of items that arrive in several forms (<see cref="DataFlowGraph.DeliveryOf(Flow, DataItem, DeliveryScratch)"/>):
/// one per evaluation on one thread, cleared between flows.
/// </summary>
internal sealed class DeliveryScratch
{
    public List<DeliveredForm> Forms { get; } = [];

    public HashSet<DeliveredForm> Seen { get; } = [];

    public void Clear() => Forms.Clear();
}
