using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>
/// For each item, at which elements its data are held for which collection purposes, each with the shortest path from
/// the collecting flow (ties broken by flow id, so the result does not depend on the order of the design file).
/// </summary>
/// <remarks>
/// The collection purpose of an item is the purpose of the flow that takes it from where it enters the design (an
/// element that sends it and receives it from no one). An item computed at such an element from other items
/// (<c>derivedFrom</c>) inherits the collection purposes its sources have there. Purposes spread along the flows that
/// carry the item (suppressed items stay behind); each (element, purpose) keeps its shortest trail. Computed lazily,
/// once per item; the cost is that of a shortest-path search over the flows carrying the item, per purpose.
/// </remarks>
internal sealed class CollectionPurposeIndex
{
    private const int MaximumDerivationDepth = 32;

    private readonly DataFlowGraph _graph;
    private readonly Dictionary<string, List<Flow>> _carriers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SortedDictionary<string, Trail>>> _byItem = new(StringComparer.Ordinal);

    /// <summary>How data held at an element were collected: the collection purpose as written, and the flows since.</summary>
    /// <param name="Purpose">The purpose of the collecting flow, as the design writes it.</param>
    /// <param name="Path">The collecting flow first, then the flows to the element.</param>
    internal sealed record Trail(string Purpose, IReadOnlyList<Flow> Path)
    {
        /// <summary>The flow ids of <see cref="Path"/>.</summary>
        public IReadOnlyList<string> PathIds { get; } = IdsOf(Path);

        /// <summary>The normalised purposes of the flows after the collecting one; made on first use.</summary>
        public IReadOnlySet<string> LaterPurposes => _laterPurposes ??= Path.Skip(1).Select(f => PurposeCompatibility.Normalize(f.Purpose)).ToHashSet(StringComparer.Ordinal);

        private HashSet<string>? _laterPurposes;

        private static string[] IdsOf(IReadOnlyList<Flow> path)
        {
            var ids = new string[path.Count];
            for (var k = 0; k < ids.Length; k++)
                ids[k] = path[k].Id;
            return ids;
        }
    }

    public CollectionPurposeIndex(DataFlowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        _graph = graph;
        var model = graph.Model;
        foreach (var flow in model.Flows)
        {
            if (!model.TryGetElement(flow.From, out _) || !model.TryGetElement(flow.To, out _))
                continue;
            foreach (var itemId in flow.Items.Distinct(StringComparer.Ordinal))
            {
                if (flow.Protections.SuppressedItems.Contains(itemId))
                    continue;
                if (!_carriers.TryGetValue(itemId, out var list))
                    _carriers[itemId] = list = [];
                list.Add(flow);
            }
        }
    }

    /// <summary>The collection purposes (normalised, sorted) of <paramref name="item"/> held at <paramref name="elementId"/>, each with its trail.</summary>
    public IReadOnlyDictionary<string, Trail> At(string elementId, DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return At(elementId, item, 0);
    }

    private IReadOnlyDictionary<string, Trail> At(string elementId, DataItem item, int depth) =>
        ForItem(item, depth).TryGetValue(elementId, out var trails) ? trails : Empty;

    private static readonly SortedDictionary<string, Trail> Empty = new(StringComparer.Ordinal);

    private Dictionary<string, SortedDictionary<string, Trail>> ForItem(DataItem item, int depth)
    {
        if (_byItem.TryGetValue(item.Id, out var known))
            return known;
        var result = new Dictionary<string, SortedDictionary<string, Trail>>(StringComparer.Ordinal);
        if (depth > MaximumDerivationDepth)
            return result;
        var carriers = _carriers.GetValueOrDefault(item.Id) ?? [];
        var receivers = carriers.Select(f => f.To).ToHashSet(StringComparer.Ordinal);
        var outgoing = carriers.GroupBy(f => f.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        // Trails grow by one flow per hop, so states are settled by length: a bucket per trail length, taken in order.
        // Within a length the order does not matter: every offer compares the full trail, and the best one is unique.
        var buckets = new List<List<(string Element, string Purpose, Trail Trail)>>();

        // Builds the extended trail only when it beats the one kept: most offers lose on length alone.
        void Offer(string elementId, string purpose, Trail? prefix, Flow flow)
        {
            var normal = PurposeCompatibility.Normalize(purpose);
            if (!result.TryGetValue(elementId, out var trails))
                result[elementId] = trails = new SortedDictionary<string, Trail>(StringComparer.Ordinal);
            if (trails.TryGetValue(normal, out var current) && CompareExtended(current.PathIds, prefix?.PathIds, flow.Id) <= 0)
                return;
            var trail = prefix is null ? new Trail(purpose, [flow]) : new Trail(purpose, Extend(prefix.Path, flow));
            trails[normal] = trail;
            var length = trail.Path.Count;
            while (buckets.Count <= length)
                buckets.Add([]);
            buckets[length].Add((elementId, normal, trail));
        }

        foreach (var (origin, flows) in outgoing)
        {
            if (receivers.Contains(origin))
                continue;
            var inherited = Inherited(origin, item, depth);
            if (inherited.Count > 0)
                result[origin] = inherited;
            foreach (var flow in flows)
            {
                if (inherited.Count == 0)
                {
                    Offer(flow.To, flow.Purpose, null, flow);
                    continue;
                }

                foreach (var trail in inherited.Values)
                    Offer(flow.To, trail.Purpose, trail, flow);
            }
        }

        for (var length = 0; length < buckets.Count; length++)
        {
            foreach (var (element, purpose, trail) in buckets[length])
            {
                if (!ReferenceEquals(result[element][purpose], trail) || !outgoing.TryGetValue(element, out var next))
                    continue;
                foreach (var flow in next)
                    Offer(flow.To, trail.Purpose, trail, flow);
            }
        }

        _byItem[item.Id] = result;
        return result;
    }

    private static Flow[] Extend(IReadOnlyList<Flow> path, Flow flow)
    {
        var extended = new Flow[path.Count + 1];
        for (var k = 0; k < path.Count; k++)
            extended[k] = path[k];
        extended[^1] = flow;
        return extended;
    }

    /// <summary>Compares <paramref name="ids"/> with <paramref name="prefix"/> followed by <paramref name="last"/>, as <see cref="IndividualHoldings.ComparePaths"/> would.</summary>
    private static int CompareExtended(IReadOnlyList<string> ids, IReadOnlyList<string>? prefix, string last)
    {
        var prefixCount = prefix?.Count ?? 0;
        if (ids.Count != prefixCount + 1)
            return ids.Count.CompareTo(prefixCount + 1);
        for (var i = 0; i < prefixCount; i++)
        {
            var c = string.CompareOrdinal(ids[i], prefix![i]);
            if (c != 0)
                return c;
        }

        return string.CompareOrdinal(ids[^1], last);
    }

    /// <summary>The collection purposes an item computed at <paramref name="elementId"/> inherits from its sources there.</summary>
    private SortedDictionary<string, Trail> Inherited(string elementId, DataItem item, int depth)
    {
        var inherited = new SortedDictionary<string, Trail>(StringComparer.Ordinal);
        foreach (var sourceId in item.DerivedFrom)
        {
            if (!_graph.Model.TryGetItem(sourceId, out var source))
                continue;
            foreach (var (purpose, trail) in At(elementId, source, depth + 1))
            {
                if (!inherited.TryGetValue(purpose, out var current) || TrailOrder.Instance.Compare(trail, current) < 0)
                    inherited[purpose] = trail;
            }
        }

        return inherited;
    }

    /// <summary>Shorter trails first; equally long ones by flow id, flow by flow.</summary>
    private sealed class TrailOrder : IComparer<Trail>
    {
        public static TrailOrder Instance { get; } = new();

        public int Compare(Trail? x, Trail? y) =>
            x is null || y is null ? Comparer<object>.Default.Compare(x, y) : IndividualHoldings.ComparePaths(x.PathIds, y.PathIds);
    }
}
