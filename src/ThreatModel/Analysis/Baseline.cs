using System.Globalization;
using ThreatModel.Findings;

namespace ThreatModel.Analysis;

/// <summary>
/// Findings a team has accepted, by fingerprint, each with a justification, who accepted it and an optional expiry.
/// Applied to an analysis, it moves the findings it accepts to <see cref="AnalysisResult.Suppressed"/>; an expired
/// acceptance no longer suppresses, so the finding fails again, and an entry accepts its finding only up to the severity
/// it recorded (<see cref="BaselineEntry.AcceptedSeverity"/>): a finding that grew more severe fails again. Read and written by <see cref="BaselineSerializer"/>.
/// </summary>
/// <param name="Entries">The accepted findings, ordered by rule id and fingerprint.</param>
public sealed record Baseline(IReadOnlyList<BaselineEntry> Entries)
{
    /// <summary>A baseline accepting every finding that stands in <paramref name="result"/>.</summary>
    public static Baseline For(AnalysisResult result, string justification, string acceptedBy, DateOnly? acceptedOn = null, DateOnly? expires = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentException.ThrowIfNullOrWhiteSpace(justification);
        ArgumentException.ThrowIfNullOrWhiteSpace(acceptedBy);
        return new Baseline(Ordered(result.Findings
            .DistinctBy(f => f.Fingerprint)
            .Select(f => new BaselineEntry
            {
                Fingerprint = f.Fingerprint,
                RuleId = f.RuleId,
                Title = f.Title,
                Justification = justification,
                AcceptedBy = acceptedBy,
                AcceptedOn = acceptedOn,
                Expires = expires,
                Severity = f.Severity,
            })));
    }

    /// <summary>
    /// Moves the findings this baseline accepts on <paramref name="today"/> to suppressed, with <paramref name="source"/>
    /// (the baseline file) as where they are accepted. Findings already accepted inline stay as they are.
    /// </summary>
    public BaselineApplication Apply(AnalysisResult result, DateOnly today, string source)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(source);
        var byFingerprint = new Dictionary<string, BaselineEntry>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in Entries)
            byFingerprint.TryAdd(entry.Fingerprint, entry);

        var findings = new List<Finding>();
        var suppressed = new List<SuppressedFinding>(result.Suppressed);
        var notes = new List<BaselineNote>();
        var matched = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var finding in result.Findings)
        {
            if (!byFingerprint.TryGetValue(finding.Fingerprint, out var entry))
            {
                findings.Add(finding);
                continue;
            }

            matched.Add(entry.Fingerprint);
            if (entry.IsExpiredOn(today))
            {
                findings.Add(finding);
                notes.Add(new BaselineNote(
                    $"The acceptance of {finding.RuleId} finding {finding.Fingerprint} by {entry.AcceptedBy} in {source} expired on {Date(entry.Expires!.Value)}; the finding fails again. Fix the design or renew the acceptance.",
                    finding.Fingerprint,
                    Expired: true));
                continue;
            }

            if (finding.Severity > entry.AcceptedSeverity)
            {
                findings.Add(finding);
                var recorded = entry.Severity is null ? " (the entry records no severity, so it is read as accepting low)" : string.Empty;
                notes.Add(new BaselineNote(
                    $"The {finding.RuleId} finding {finding.Fingerprint} was accepted at {Name(entry.AcceptedSeverity)}, now {Name(finding.Severity)}{recorded}: the acceptance in {source} does not cover it and it fails again. Fix the design or re-accept it at its new severity.",
                    finding.Fingerprint,
                    Expired: false) { Escalated = true });
                continue;
            }

            var until = entry.Expires is { } expires ? $" until {Date(expires)}" : string.Empty;
            suppressed.Add(new SuppressedFinding(finding, $"{entry.Justification} (accepted by {entry.AcceptedBy}{until})", source) { Kind = SuppressionKind.Baseline, Entry = entry });
        }

        foreach (var inline in result.Suppressed)
            matched.Add(inline.Finding.Fingerprint);
        foreach (var entry in Entries.Where(e => !matched.Contains(e.Fingerprint)))
        {
            notes.Add(new BaselineNote(
                $"The baseline entry {entry.Fingerprint} ({entry.RuleId}) in {source} matches no finding any more; remove it.",
                entry.Fingerprint,
                Expired: false));
        }

        suppressed.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));
        return new BaselineApplication(result with { Findings = findings, Suppressed = suppressed }, notes);
    }

    internal static IReadOnlyList<BaselineEntry> Ordered(IEnumerable<BaselineEntry> entries) =>
        [.. entries.OrderBy(e => e.RuleId, StringComparer.Ordinal).ThenBy(e => e.Fingerprint, StringComparer.Ordinal)];

    internal static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
