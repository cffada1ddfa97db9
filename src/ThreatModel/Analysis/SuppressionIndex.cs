using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>
/// The inline acceptances (<c>accepts:</c>) of a design, indexed so that matching a finding costs a few lookups.
/// An acceptance covers only findings whose evidence it names (docs/model-format.md, "Accepting findings"):
/// <list type="bullet">
/// <item>on an element: the rule's findings that land on that element (the finding's first element);</item>
/// <item>on a flow: the rule's findings that point at that flow, or that arrive over it (it is the last flow of the
/// evidence path and ends at the element where the finding lands);</item>
/// <item>with <c>finding:</c>: the one finding with that fingerprint, wherever the acceptance is written.</item>
/// </list>
/// A finding whose path merely passes through an element or flow is not covered by that element's or flow's acceptances.
/// </summary>
internal sealed class SuppressionIndex
{
    private readonly Dictionary<string, ByRule> _byRule = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Suppression> _byFingerprint = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(Suppression Suppression, string Owner)> _all = [];

    private sealed class ByRule
    {
        public Dictionary<string, Suppression>? Elements;
        public Dictionary<string, (Suppression Suppression, Flow Flow)>? Flows;
        public Dictionary<(string File, int Line, int Column), Suppression>? FlowsAt;
    }

    private SuppressionIndex()
    {
    }

    /// <summary>Every acceptance of the design, in design order, with the id of the element or flow it is written on.</summary>
    public IReadOnlyList<(Suppression Suppression, string Owner)> All => _all;

    /// <summary>The index of a design's suppressions, or null when it has none (the usual case: nothing to look up).</summary>
    public static SuppressionIndex? Of(SystemModel model)
    {
        SuppressionIndex? index = null;
        foreach (var element in model.Elements)
        {
            // Only the element an id resolves to (the first declared) speaks for it.
            if (element.Suppressions.Count > 0 && model.TryGetElement(element.Id, out var resolved) && ReferenceEquals(resolved, element))
            {
                foreach (var suppression in element.Suppressions)
                {
                    index ??= new();
                    index._all.Add((suppression, element.Id));
                    if (index.AddFingerprint(suppression))
                        continue;
                    (index.Rule(suppression.RuleId).Elements ??= new(StringComparer.Ordinal)).TryAdd(element.Id, suppression);
                }
            }
        }

        foreach (var flow in model.Flows)
        {
            if (flow.Suppressions.Count > 0 && model.TryGetFlow(flow.Id, out var resolved) && ReferenceEquals(resolved, flow))
            {
                foreach (var suppression in flow.Suppressions)
                {
                    index ??= new();
                    index._all.Add((suppression, flow.Id));
                    if (index.AddFingerprint(suppression))
                        continue;
                    var rule = index.Rule(suppression.RuleId);
                    (rule.Flows ??= new(StringComparer.Ordinal)).TryAdd(flow.Id, (suppression, flow));
                    if (flow.Span.IsKnown)
                        (rule.FlowsAt ??= []).TryAdd((flow.Span.File, flow.Span.Line, flow.Span.Column), suppression);
                }
            }
        }

        return index;
    }

    /// <summary>
    /// The acceptance that covers a finding: one naming its fingerprint, else the acceptance of its rule on the element
    /// where it lands, else on the flow it points at or arrives over.
    /// </summary>
    public Suppression? Find(Finding finding)
    {
        if (_byFingerprint.Count > 0 && _byFingerprint.TryGetValue(finding.Fingerprint, out var named)
            && (named.RuleId.Length == 0 || string.Equals(named.RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase)))
            return named;
        if (!_byRule.TryGetValue(finding.RuleId, out var rule))
            return null;
        var landing = finding.Elements.Count > 0 ? finding.Elements[0] : null;
        if (rule.Elements is { } elements && landing is not null && elements.TryGetValue(landing, out var onElement))
            return onElement;
        if (rule.Flows is { } flows)
        {
            var location = finding.Location;
            if (rule.FlowsAt is { } at && location.IsKnown && at.TryGetValue((location.File, location.Line, location.Column), out var pointedAt))
                return pointedAt;
            // Any route that arrives at the landing element over an accepting flow: routes are a set (their order can
            // follow declaration order), so the flow with the smallest id decides, whatever order they come in.
            Suppression? arriving = null;
            string? arrivingFlow = null;
            foreach (var route in finding.EvidenceRoutes)
            {
                if (route.Count == 0 || !flows.TryGetValue(route[^1], out var last) || !string.Equals(last.Flow.To, landing, StringComparison.Ordinal))
                    continue;
                if (arrivingFlow is null || string.CompareOrdinal(route[^1], arrivingFlow) < 0)
                    (arriving, arrivingFlow) = (last.Suppression, route[^1]);
            }

            if (arriving is not null)
                return arriving;
        }

        return null;
    }

    private bool AddFingerprint(Suppression suppression)
    {
        if (suppression.Finding is not { } fingerprint)
            return false;
        _byFingerprint.TryAdd(fingerprint, suppression);
        return true;
    }

    private ByRule Rule(string ruleId)
    {
        if (!_byRule.TryGetValue(ruleId, out var rule))
            _byRule[ruleId] = rule = new ByRule();
        return rule;
    }
}
