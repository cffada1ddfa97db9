using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Whether a flow delivers an item in a form its receiver can read about single people (what
/// <see cref="IndividualHoldings.DeliveredAboutIndividuals"/> answers), for a rule that asks of one flow at a time:
/// the graph's forms are copied once per flow into a reused buffer, and no set is made per flow.
/// </summary>
internal sealed class ReadableDeliveries(DataFlowGraph graph)
{
    // Past this many forms a flow's readable items go into a (reused) set rather than being scanned per question.
    private const int ScanLimit = 32;

    private readonly HashSet<DataItem> _readable = new(ReferenceEqualityComparer.Instance);
    private (DataItem Item, ItemForm Form)[] _forms = new (DataItem, ItemForm)[ScanLimit];
    private int _count;
    private Flow? _flow;

    /// <summary>True when <paramref name="flow"/> delivers <paramref name="item"/> (the design's item of its id) in a form readable about single people.</summary>
    public bool ReadableAboutIndividuals(Flow flow, DataItem item)
    {
        if (!ReferenceEquals(flow, _flow))
            Load(flow);
        if (_count > ScanLimit)
            return _readable.Contains(item);
        for (var k = 0; k < _count; k++)
        {
            if (ReferenceEquals(_forms[k].Item, item) && _forms[k].Form.ReadableAboutIndividuals)
                return true;
        }

        return false;
    }

    private void Load(Flow flow)
    {
        _flow = flow;
        _count = 0;
        var delivered = graph.FormsDeliveredBy(flow);
        if (delivered is ICollection<(DataItem, ItemForm)> collection)
        {
            // One copy of the graph's list instead of an enumerator or an interface call per form.
            if (_forms.Length < collection.Count)
                _forms = new (DataItem, ItemForm)[Math.Max(collection.Count, _forms.Length * 2)];
            collection.CopyTo(_forms, 0);
            _count = collection.Count;
        }
        else
        {
            foreach (var form in delivered)
            {
                if (_count == _forms.Length)
                    Array.Resize(ref _forms, _count * 2);
                _forms[_count++] = form;
            }
        }

        if (_count <= ScanLimit)
            return;
        _readable.Clear();
        for (var k = 0; k < _count; k++)
        {
            if (_forms[k].Form.ReadableAboutIndividuals)
                _readable.Add(_forms[k].Item);
        }
    }
}
