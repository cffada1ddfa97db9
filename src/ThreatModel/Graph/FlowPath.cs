using System.Collections.ObjectModel;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// The witness path of a holding the graph made: read-only, and it keeps its flow ids once asked, because rules compare
/// witnesses by their ids many times (<see cref="Holding.PathIds"/>).
/// </summary>
internal sealed class FlowPath(Flow[] flows) : ReadOnlyCollection<Flow>(flows)
{
    private IReadOnlyList<string>? _ids;

    /// <summary>The path with no flows: the holding at an item's origin.</summary>
    public static FlowPath None { get; } = new([]);

    /// <summary>The flow ids, in order.</summary>
    public IReadOnlyList<string> Ids
    {
        get
        {
            if (_ids is { } ids)
                return ids;
            var result = new string[Count];
            for (var i = 0; i < result.Length; i++)
                result[i] = this[i].Id;
            return _ids = Array.AsReadOnly(result);
        }
    }
}
