using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// Two analyses of versions of a design, compared by finding fingerprint and, for findings in both, by severity,
/// likelihood, impact and estimates; with the acceptances and thresholds the new version brings.
/// </summary>
/// <param name="Old">The analysis of the old version.</param>
/// <param name="New">The analysis of the new version.</param>
/// <param name="Introduced">Findings that stand in the new version and did not in the old.</param>
/// <param name="Resolved">Findings that stood in the old version and are gone from the new (fixed; accepted ones are <see cref="NewlyAccepted"/>).</param>
/// <param name="Unchanged">Findings that stand in both with the same rating and estimates (as found in the new version).</param>
public sealed record FindingDiff(
    AnalysisResult Old,
    AnalysisResult New,
    IReadOnlyList<Finding> Introduced,
    IReadOnlyList<Finding> Resolved,
    IReadOnlyList<Finding> Unchanged)
{
    /// <summary>Findings that stand in both and are rated worse in the new version (severity, then likelihood or impact, higher).</summary>
    public IReadOnlyList<FindingChange> Worsened { get; init; } = [];

    /// <summary>Findings that stand in both and are rated better in the new version.</summary>
    public IReadOnlyList<FindingChange> Improved { get; init; } = [];

    /// <summary>Findings that stand in both with the same rating whose estimates changed (not judged better or worse).</summary>
    public IReadOnlyList<FindingChange> Reestimated { get; init; } = [];

    /// <summary>
    /// Findings the new version accepts (inline or in its baseline) that the old version did not accept in the same way:
    /// a standing finding now accepted, a new finding accepted from the start, or an acceptance that changed.
    /// </summary>
    public IReadOnlyList<AcceptanceChange> NewlyAccepted { get; init; } = [];

    /// <summary>Review thresholds in force that are looser in the new version than in the old.</summary>
    public IReadOnlyList<ThresholdChange> ThresholdsRelaxed { get; init; } = [];

    /// <summary>Compares two analyses (each with its own baseline already applied).</summary>
    public static FindingDiff Between(AnalysisResult old, AnalysisResult @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var before = new Dictionary<string, Finding>(StringComparer.Ordinal);
        foreach (var finding in old.Findings)
            before.TryAdd(finding.Fingerprint, finding);
        var acceptedBefore = new Dictionary<string, SuppressedFinding>(StringComparer.Ordinal);
        foreach (var suppressed in old.Suppressed)
            acceptedBefore.TryAdd(suppressed.Finding.Fingerprint, suppressed);
        var after = new HashSet<string>(@new.Findings.Select(f => f.Fingerprint), StringComparer.Ordinal);
        var acceptedAfter = new HashSet<string>(@new.Suppressed.Select(s => s.Finding.Fingerprint), StringComparer.Ordinal);

        List<Finding> introduced = [], unchanged = [];
        List<FindingChange> worsened = [], improved = [], reestimated = [];
        foreach (var finding in @new.Findings)
        {
            if (!before.TryGetValue(finding.Fingerprint, out var earlier))
            {
                introduced.Add(finding);
                continue;
            }

            switch (Compare(earlier, finding))
            {
                case > 0: worsened.Add(new FindingChange(earlier, finding)); break;
                case < 0: improved.Add(new FindingChange(earlier, finding)); break;
                default:
                    if (SameEstimates(earlier, finding))
                        unchanged.Add(finding);
                    else
                        reestimated.Add(new FindingChange(earlier, finding));
                    break;
            }
        }

        var newlyAccepted = new List<AcceptanceChange>();
        foreach (var accepted in @new.Suppressed)
        {
            var fingerprint = accepted.Finding.Fingerprint;
            if (before.TryGetValue(fingerprint, out var standing))
                newlyAccepted.Add(new AcceptanceChange(accepted, $"stood at {Baseline.Name(standing.Severity)} before"));
            else if (!acceptedBefore.TryGetValue(fingerprint, out var earlier))
                newlyAccepted.Add(new AcceptanceChange(accepted, "new finding, accepted from the start"));
            else if (accepted.Finding.Severity > earlier.Finding.Severity)
                newlyAccepted.Add(new AcceptanceChange(accepted, $"was accepted at {Baseline.Name(earlier.Finding.Severity)}, now accepted at {Baseline.Name(accepted.Finding.Severity)}"));
            else if (accepted.Kind != earlier.Kind || accepted.Justification != earlier.Justification || accepted.Entry != earlier.Entry)
                newlyAccepted.Add(new AcceptanceChange(accepted, "accepted before, but the acceptance changed"));
        }

        var relaxed = new List<ThresholdChange>();
        foreach (var threshold in @new.Thresholds)
        {
            var earlier = old.Thresholds.FirstOrDefault(t => t.Name == threshold.Name);
            if (earlier is not null && Thresholds.IsLooser(threshold.Name, threshold.Value, earlier.Value))
                relaxed.Add(new ThresholdChange(threshold.Name, earlier, threshold));
        }

        return new FindingDiff(
            old,
            @new,
            introduced,
            [.. old.Findings.Where(f => !after.Contains(f.Fingerprint) && !acceptedAfter.Contains(f.Fingerprint))],
            unchanged)
        {
            Worsened = worsened,
            Improved = improved,
            Reestimated = reestimated,
            NewlyAccepted = newlyAccepted,
            ThresholdsRelaxed = relaxed,
        };
    }

    /// <summary>
    /// The findings and changes that fail a gate at <paramref name="threshold"/>: introduced and worsened findings at or
    /// above it, newly accepted findings at or above it unless <paramref name="allowNewAcceptances"/>, and each relaxed
    /// threshold unless <paramref name="allowRelaxedThresholds"/>. Null threshold: nothing fails.
    /// </summary>
    public int Failing(Severity? threshold, bool allowNewAcceptances, bool allowRelaxedThresholds)
    {
        if (threshold is not { } t)
            return 0;
        return Introduced.Count(f => f.Severity >= t)
            + Worsened.Count(c => c.New.Severity >= t)
            + (allowNewAcceptances ? 0 : NewlyAccepted.Count(a => a.Accepted.Finding.Severity >= t))
            + (allowRelaxedThresholds ? 0 : ThresholdsRelaxed.Count);
    }

    /// <summary>Positive when <paramref name="after"/> is rated worse: severity first, then likelihood and impact (either higher is worse).</summary>
    private static int Compare(Finding before, Finding after)
    {
        var bySeverity = after.Severity.CompareTo(before.Severity);
        if (bySeverity != 0)
            return bySeverity;
        var likelihood = after.Likelihood.CompareTo(before.Likelihood);
        var impact = after.Impact.CompareTo(before.Impact);
        if (likelihood > 0 || impact > 0)
            return 1;
        return likelihood < 0 || impact < 0 ? -1 : 0;
    }

    private static bool SameEstimates(Finding before, Finding after)
    {
        if (before.Estimates.Count != after.Estimates.Count)
            return false;
        for (var i = 0; i < before.Estimates.Count; i++)
        {
            var (a, b) = (before.Estimates[i], after.Estimates[i]);
            if (a.Name != b.Name || a.Unit != b.Unit || a.Display != b.Display)
                return false;
        }

        return true;
    }
}

/// <summary>A finding that stands in both versions, as it was and as it is.</summary>
/// <param name="Old">The finding in the old version.</param>
/// <param name="New">The finding in the new version.</param>
public sealed record FindingChange(Finding Old, Finding New)
{
    /// <summary>What changed, in words: "severity low -> critical, likelihood rare -> certain".</summary>
    public string Summary
    {
        get
        {
            var parts = new List<string>();
            if (Old.Severity != New.Severity) parts.Add($"severity {Baseline.Name(Old.Severity)} -> {Baseline.Name(New.Severity)}");
            if (Old.Likelihood != New.Likelihood) parts.Add($"likelihood {Old.Likelihood.ToString().ToLowerInvariant()} -> {New.Likelihood.ToString().ToLowerInvariant()}");
            if (Old.Impact != New.Impact) parts.Add($"impact {Old.Impact.ToString().ToLowerInvariant()} -> {New.Impact.ToString().ToLowerInvariant()}");
            foreach (var estimate in New.Estimates)
            {
                var earlier = Old.Estimates.FirstOrDefault(e => e.Name == estimate.Name);
                if (earlier is null)
                    parts.Add($"{estimate.Name} {estimate.Display} (new)");
                else if (earlier.Display != estimate.Display)
                    parts.Add($"{estimate.Name} {earlier.Display} -> {estimate.Display}");
            }

            return parts.Count == 0 ? "estimates changed" : string.Join(", ", parts);
        }
    }
}

/// <summary>A finding the new version accepts that the old did not accept in the same way.</summary>
/// <param name="Accepted">The finding and the acceptance that covers it in the new version.</param>
/// <param name="Previously">What the finding was in the old version, in words.</param>
public sealed record AcceptanceChange(SuppressedFinding Accepted, string Previously);

/// <summary>A review threshold in force that is looser in the new version.</summary>
/// <param name="Name">The setting's name.</param>
/// <param name="Old">The threshold in force for the old version.</param>
/// <param name="New">The threshold in force for the new version.</param>
public sealed record ThresholdChange(string Name, ThresholdInForce Old, ThresholdInForce New)
{
    /// <summary>In words: "uniquenessThreshold 0.05 (default) -> 1 (design)".</summary>
    public string Summary => $"{Name} {ThresholdInForce.Format(Old.Value)} ({Old.SourceName}) -> {ThresholdInForce.Format(New.Value)} ({New.SourceName})";
}
