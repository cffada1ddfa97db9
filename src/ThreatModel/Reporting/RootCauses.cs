using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// Findings grouped by root cause: the findings whose first remedy is the same design edit, which that one edit would
/// remove together. Only groups of two or more findings are listed (a finding alone is its own group); groups in the
/// order of their first finding, findings in report order. Fingerprints are untouched.
/// </summary>
internal static class RootCauses
{
    public static List<(DesignEdit Edit, List<Finding> Findings)> Groups(IReadOnlyList<Finding> findings)
    {
        var groups = new Dictionary<string, (DesignEdit Edit, List<Finding> Findings)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var finding in findings)
        {
            if (finding.Remedies.Count == 0)
                continue;
            var edit = finding.Remedies[0];
            if (!groups.TryGetValue(edit.Key, out var group))
            {
                groups[edit.Key] = group = (edit, []);
                order.Add(edit.Key);
            }

            group.Findings.Add(finding);
        }

        return [.. order.Select(k => groups[k]).Where(g => g.Findings.Count > 1)];
    }
}
