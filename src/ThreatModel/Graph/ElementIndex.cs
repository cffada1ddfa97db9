using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>Element ids to their position in design order.</summary>
internal sealed class ElementIndex
{
    private readonly Dictionary<string, int> _index;

    public ElementIndex(SystemModel model)
    {
        _index = new Dictionary<string, int>(model.Elements.Count, StringComparer.Ordinal);
        for (var i = 0; i < model.Elements.Count; i++)
            _index.TryAdd(model.Elements[i].Id, i);
    }

    public int this[string id] => _index[id];

    public bool Contains(string id) => _index.ContainsKey(id);

    public bool TryGet(string id, out int index) => _index.TryGetValue(id, out index);
}
