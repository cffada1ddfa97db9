using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// Which standing findings a report lists under <see cref="ReportOptions.MaxResults"/>, and how they group under
/// <see cref="ReportOptions.GroupBy"/>. Findings keep the result's order (most severe first, stable).
/// </summary>
internal static class ReportSelection
{
    /// <summary>The key of the group of findings that land on no element.</summary>
    public const string NoElement = "";

    /// <summary>How many of the standing findings a report lists: the first ones.</summary>
    public static int Shown(AnalysisResult result, ReportOptions options) =>
        options.MaxResults > 0 ? Math.Min(options.MaxResults, result.Findings.Count) : result.Findings.Count;

    /// <summary>The findings listed: the first <see cref="Shown"/>.</summary>
    public static IReadOnlyList<Finding> Listed(AnalysisResult result, ReportOptions options)
    {
        var shown = Shown(result, options);
        return shown == result.Findings.Count ? result.Findings : [.. result.Findings.Take(shown)];
    }

    /// <summary>
    /// "12 more findings left out (at most 50 listed, most severe first): 10 high, 2 low." or null when nothing is
    /// left out.
    /// </summary>
    public static string? LeftOutLine(AnalysisResult result, ReportOptions options)
    {
        var shown = Shown(result, options);
        var leftOut = result.Findings.Count - shown;
        if (leftOut == 0)
            return null;
        var counts = ReportText.CountBySeverity(result.Findings.Skip(shown)).Where(c => c.Count > 0)
            .Select(c => $"{Count(c.Count)} {ReportText.Name(c.Severity)}");
        var noun = leftOut == 1 ? "finding" : "findings";
        return $"{Count(leftOut)} more {noun} left out (at most {Count(options.MaxResults)} listed, most severe first): {string.Join(", ", counts)}.";
    }

    /// <summary>The group key of a finding: its rule id, or its first element (<see cref="NoElement"/> when none).</summary>
    public static string Key(Finding finding, ReportGrouping by) => by switch
    {
        ReportGrouping.Rule => finding.RuleId,
        _ => finding.Elements.Count > 0 ? finding.Elements[0] : NoElement,
    };

    /// <summary>
    /// Every standing finding grouped by <paramref name="by"/>: groups in the order of their most severe finding (the
    /// first in report order), findings on no element last; each with every finding it holds.
    /// </summary>
    public static IReadOnlyList<FindingGroup> Groups(IReadOnlyList<Finding> findings, ReportGrouping by)
    {
        var groups = new Dictionary<string, List<Finding>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var finding in findings)
        {
            var key = Key(finding, by);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }

            group.Add(finding);
        }

        return [.. order.OrderBy(k => k.Length == 0 ? 1 : 0).Select(k => new FindingGroup(k, groups[k]))];
    }

    /// <summary>A group's heading text: "Rule TM006 retention-creep (3 findings)" or "Element analytics-db (4 findings, 1 listed)".</summary>
    public static string Heading(FindingGroup group, ReportGrouping by, ReportLookups lookups, int listed)
    {
        var what = by switch
        {
            ReportGrouping.Rule => lookups.Rule(group.Key)?.Name is { } name ? $"Rule {group.Key} {name}" : $"Rule {group.Key}",
            _ => group.Key.Length == 0 ? "No element" : $"Element {SafeText.Escape(group.Key)}",
        };
        var count = group.Findings.Count == 1 ? "1 finding" : $"{Count(group.Findings.Count)} findings";
        return listed < group.Findings.Count ? $"{what} ({count}, {Count(listed)} listed)" : $"{what} ({count})";
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Findings that share a rule or a first element, in report order.</summary>
/// <param name="Key">The rule id or element id; empty for findings on no element.</param>
/// <param name="Findings">Every standing finding of the group.</param>
internal sealed record FindingGroup(string Key, IReadOnlyList<Finding> Findings);
