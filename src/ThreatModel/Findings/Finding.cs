using ThreatModel.Model;

namespace ThreatModel.Findings;

/// <summary>
/// Something that can go wrong in a design: what, to whom, along which flows, how likely and how bad, and the fix.
/// Rules make findings with <see cref="FindingBuilder"/>; the properties are <c>init</c> so that new ones can be added
/// without breaking code that creates or copies findings.
/// </summary>
public sealed record Finding
{
    private readonly IReadOnlyList<IReadOnlyList<string>> _evidenceRoutes = [];

    /// <summary>The rule that found it.</summary>
    public required string RuleId { get; init; }

    /// <summary>One line: what can go wrong.</summary>
    public required string Title { get; init; }

    /// <summary>The explanation in plain words: who is harmed, by whom, along which path.</summary>
    public required string Message { get; init; }

    /// <summary>How likely.</summary>
    public required Likelihood Likelihood { get; init; }

    /// <summary>How bad.</summary>
    public required Impact Impact { get; init; }

    /// <summary>From likelihood and impact through <see cref="SeverityMatrix"/>.</summary>
    public required Severity Severity { get; init; }

    /// <summary>Data subjects affected (ids).</summary>
    public IReadOnlyList<string> Subjects { get; init; } = [];

    /// <summary>Data items involved (ids).</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Elements involved (ids); the first is where the harm happens.</summary>
    public IReadOnlyList<string> Elements { get; init; } = [];

    /// <summary>
    /// The separate routes along which the data travels to the harm: each route is a list of flow ids in the order the
    /// data moves. Two routes are two separate ways, never one chain.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> EvidenceRoutes
    {
        get => _evidenceRoutes;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _evidenceRoutes = value;
            EvidencePath = DistinctFlows(value);
        }
    }

    /// <summary>
    /// Every flow of <see cref="EvidenceRoutes"/> once, in the order first met (route by route). Kept for compatibility
    /// and for look-ups ("does the evidence use this flow?"); it is not a route: read <see cref="EvidenceRoutes"/> for paths.
    /// </summary>
    public IReadOnlyList<string> EvidencePath { get; private init; } = [];

    /// <summary>Quantitative estimates, with inputs.</summary>
    public IReadOnlyList<Estimate> Estimates { get; init; } = [];

    /// <summary>The change to the design that would remove the finding.</summary>
    public string Mitigation { get; init; } = string.Empty;

    /// <summary>
    /// The mitigation as design edits, each of which the rule expects to remove the finding (or lower it), best first;
    /// empty when the rule names none. <c>threatmodel plan</c> tries them, and reports group findings by the first.
    /// </summary>
    public IReadOnlyList<DesignEdit> Remedies { get; init; } = [];

    /// <summary>Where in the design file the finding points.</summary>
    public SourceSpan Location { get; init; } = SourceSpan.None;

    /// <summary>What makes this finding distinct among the rule's findings (stable across reformatting), used for fingerprints.</summary>
    public required string Key { get; init; }

    /// <summary>A stable fingerprint: the rule id and the key, hashed. Does not depend on line numbers or text.</summary>
    public string Fingerprint => Fingerprints.Of(RuleId, Key);

    private static string[] DistinctFlows(IReadOnlyList<IReadOnlyList<string>> routes)
    {
        // A finding's evidence is mostly a few short routes: a scan of the flows so far costs less than a set.
        var total = 0;
        foreach (var route in routes)
            total += route.Count;
        if (total <= 64)
        {
            var distinct = new string[total];
            var count = 0;
            foreach (var route in routes)
            {
                for (var k = 0; k < route.Count; k++)
                {
                    if (Array.IndexOf(distinct, route[k], 0, count) < 0)
                        distinct[count++] = route[k];
                }
            }

            if (count < distinct.Length)
                Array.Resize(ref distinct, count);
            return distinct;
        }

        if (routes.Count == 1)
            return routes[0].Distinct(StringComparer.Ordinal).ToArray();
        var seen = new HashSet<string>(total, StringComparer.Ordinal);
        var flows = new List<string>(total);
        foreach (var route in routes)
        {
            foreach (var flow in route)
            {
                if (seen.Add(flow))
                    flows.Add(flow);
            }
        }

        return [.. flows];
    }
}
