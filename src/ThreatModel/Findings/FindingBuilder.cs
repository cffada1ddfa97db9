using ThreatModel.Model;

namespace ThreatModel.Findings;

/// <summary>
/// Assembles a <see cref="Finding"/> so that every rule fills the same fields the same way, and severity always comes
/// from <see cref="SeverityMatrix"/>.
/// </summary>
/// <example><code>
/// yield return new FindingBuilder(Metadata, key: $"{place}/{subject}")
///     .Titled("Payments and social behaviour can be joined by national ID")
///     .Because("...")
///     .Rated(Likelihood.Certain, Impact.Major)
///     .About(subject).Involving(items).At(elements)
///     .Along(bankRoute).Along(socialRoute) // one call per separate route
///     .Mitigated("Give each context its own pseudonym ...")
///     .PointingTo(flow.Span)
///     .Build();
/// </code></example>
public sealed class FindingBuilder
{
    private readonly RuleMetadata _rule;
    private readonly string _key;
    private string? _title;
    private string? _message;
    private Likelihood _likelihood = Likelihood.Possible;
    private Impact _impact = Impact.Moderate;
    private DistinctIds _subjects = new();
    private DistinctIds _items = new();
    private DistinctIds _elements = new();
    private readonly List<string[]> _routes = [];
    private HashSet<string[]>? _routeSet;
    private readonly List<Estimate> _estimates = [];
    private string _mitigation = string.Empty;
    private List<DesignEdit>? _remedies;
    private SourceSpan _location = SourceSpan.None;

    /// <summary>Starts a finding of <paramref name="rule"/>, distinct among the rule's findings by <paramref name="key"/> (built from ids, never from text or positions).</summary>
    public FindingBuilder(RuleMetadata rule, string key)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentException.ThrowIfNullOrEmpty(key);
        _rule = rule;
        _key = key;
    }

    /// <summary>One line: what can go wrong.</summary>
    public FindingBuilder Titled(string title) { _title = title; return this; }

    /// <summary>The explanation: who is harmed, by whom, along which path.</summary>
    public FindingBuilder Because(string message) { _message = message; return this; }

    /// <summary>Likelihood and impact; severity follows from the matrix.</summary>
    public FindingBuilder Rated(Likelihood likelihood, Impact impact) { _likelihood = likelihood; _impact = impact; return this; }

    /// <summary>Affected subjects (ids).</summary>
    public FindingBuilder About(params IEnumerable<string> subjectIds)
    {
        ArgumentNullException.ThrowIfNull(subjectIds);
        _subjects.Add(subjectIds);
        return this;
    }

    /// <summary>Items involved (ids).</summary>
    public FindingBuilder Involving(params IEnumerable<string> itemIds)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        _items.Add(itemIds);
        return this;
    }

    /// <summary>Elements involved (ids); the first is where the harm happens.</summary>
    public FindingBuilder At(params IEnumerable<string> elementIds)
    {
        ArgumentNullException.ThrowIfNull(elementIds);
        _elements.Add(elementIds);
        return this;
    }

    /// <summary>
    /// Adds one evidence route: the flow ids along which the data travels, in order. Each call adds a separate route
    /// (never joined to the routes before it); a flow repeated within a route and a route given twice are kept once, and
    /// an empty route is ignored.
    /// </summary>
    public FindingBuilder Along(params IEnumerable<string> flowIds)
    {
        ArgumentNullException.ThrowIfNull(flowIds);
        var route = DistinctIds.Of(flowIds);
        if (route.Length == 0)
            return this;
        // A finding has a few routes, compared flow by flow; one with many routes gets a set once they pass ScanLimit.
        if (_routeSet is not null)
        {
            if (_routeSet.Add(route))
                _routes.Add(route);
            return this;
        }

        foreach (var known in _routes)
        {
            if (known.AsSpan().SequenceEqual(route))
                return this;
        }

        _routes.Add(route);
        if (_routes.Count > DistinctIds.ScanLimit)
            _routeSet = new HashSet<string[]>(_routes, RouteComparer.Instance);
        return this;
    }

    /// <summary>A quantitative estimate.</summary>
    public FindingBuilder Estimated(Estimate estimate) { _estimates.Add(estimate); return this; }

    /// <summary>The change that would remove the finding.</summary>
    public FindingBuilder Mitigated(string mitigation) { _mitigation = mitigation; return this; }

    /// <summary>A design edit that would remove the finding; call once per alternative, best first (an edit given twice is kept once).</summary>
    public FindingBuilder Remedied(DesignEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        _remedies ??= [];
        if (!_remedies.Contains(edit))
            _remedies.Add(edit);
        return this;
    }

    /// <summary>Where in the design file the finding points.</summary>
    public FindingBuilder PointingTo(SourceSpan location) { _location = location; return this; }

    /// <summary>The finding.</summary>
    public Finding Build() => new()
    {
        RuleId = _rule.Id,
        Title = _title ?? _rule.Title,
        Message = _message ?? _rule.Summary,
        Likelihood = _likelihood,
        Impact = _impact,
        Severity = SeverityMatrix.Of(_likelihood, _impact),
        Subjects = [.. _subjects.Ids],
        Items = [.. _items.Ids],
        Elements = [.. _elements.Ids],
        EvidenceRoutes = [.. _routes],
        Estimates = [.. _estimates],
        Mitigation = _mitigation.Length > 0 ? _mitigation : _rule.Mitigations.Count > 0 ? _rule.Mitigations[0] ?? string.Empty : string.Empty,
        Remedies = _remedies is null ? [] : [.. _remedies],
        Location = _location,
        Key = _key,
    };

    /// <summary>
    /// Ids in the order first given, each once. A finding names a handful of ids, found by a scan of the list; a
    /// long evidence path or a finding about many elements gets a set once the list passes <see cref="ScanLimit"/>, so
    /// adding stays linear instead of quadratic.
    /// </summary>
    private struct DistinctIds()
    {
        public const int ScanLimit = 8;
        private HashSet<string>? _set;

        public List<string> Ids { get; } = [];

        public void Add(IEnumerable<string> values)
        {
            foreach (var value in values)
            {
                if (_set is not null)
                {
                    if (_set.Add(value))
                        Ids.Add(value);
                }
                else if (!Ids.Contains(value))
                {
                    Ids.Add(value);
                    if (Ids.Count > ScanLimit)
                        _set = new HashSet<string>(Ids, StringComparer.Ordinal);
                }
            }
        }

        /// <summary>The values in the order given, each once, as a new array (a short list is checked by a scan, without a set).</summary>
        public static string[] Of(IEnumerable<string> values)
        {
            if (values is IReadOnlyList<string> list && list.Count <= ScanLimit)
            {
                var ids = new string[list.Count];
                var count = 0;
                for (var k = 0; k < list.Count; k++)
                {
                    var value = list[k];
                    if (Array.IndexOf(ids, value, 0, count) < 0)
                        ids[count++] = value;
                }

                if (count < ids.Length)
                    Array.Resize(ref ids, count);
                return ids;
            }

            var distinct = new DistinctIds();
            distinct.Add(values);
            return [.. distinct.Ids];
        }
    }

    /// <summary>Routes compared flow id by flow id (ordinal).</summary>
    private sealed class RouteComparer : IEqualityComparer<string[]>
    {
        public static readonly RouteComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var id in obj)
                hash.Add(id, StringComparer.Ordinal);
            return hash.ToHashCode();
        }
    }
}
