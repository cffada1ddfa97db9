using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>
/// The inline suppressions (<c>accepts:</c>) of a design by rule id, then by element or flow id, so that matching a
/// finding costs one lookup per element and flow it names instead of a scan of their suppression lists.
/// </summary>
internal sealed class SuppressionIndex
{
    private readonly Dictionary<string, ByRule> _byRule = new(StringComparer.OrdinalIgnoreCase);

    private sealed class ByRule
    {
        public Dictionary<string, Suppression>? Elements;
        public Dictionary<string, Suppression>? Flows;
    }

    private SuppressionIndex()
    {
    }

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
                    ((index ??= new()).Rule(suppression.RuleId).Elements ??= new(StringComparer.Ordinal)).TryAdd(element.Id, suppression);
            }
        }

        foreach (var flow in model.Flows)
        {
            if (flow.Suppressions.Count > 0 && model.TryGetFlow(flow.Id, out var resolved) && ReferenceEquals(resolved, flow))
            {
                foreach (var suppression in flow.Suppressions)
                    ((index ??= new()).Rule(suppression.RuleId).Flows ??= new(StringComparer.Ordinal)).TryAdd(flow.Id, suppression);
            }
        }

        return index;
    }

    /// <summary>
    /// The suppression that accepts a finding: the first of its elements, then of its evidence flows, that accepts its
    /// rule (rule ids compared ignoring case), with that element's or flow's first such suppression.
    /// </summary>
    public Suppression? Find(Finding finding)
    {
        if (!_byRule.TryGetValue(finding.RuleId, out var rule))
            return null;
        if (rule.Elements is { } elements)
        {
            foreach (var id in finding.Elements)
            {
                if (elements.TryGetValue(id, out var suppression))
                    return suppression;
            }
        }

        if (rule.Flows is { } flows)
        {
            foreach (var id in finding.EvidencePath)
            {
                if (flows.TryGetValue(id, out var suppression))
                    return suppression;
            }
        }

        return null;
    }

    private ByRule Rule(string ruleId)
    {
        if (!_byRule.TryGetValue(ruleId, out var rule))
            _byRule[ruleId] = rule = new ByRule();
        return rule;
    }
}
