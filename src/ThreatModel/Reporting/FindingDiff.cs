using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>Two analyses of versions of a design, compared by finding fingerprint.</summary>
/// <param name="Old">The analysis of the old version.</param>
/// <param name="New">The analysis of the new version.</param>
/// <param name="Introduced">Findings that stand in the new version and did not in the old.</param>
/// <param name="Resolved">Findings that stood in the old version and do not in the new (fixed or accepted).</param>
/// <param name="Unchanged">Findings that stand in both (as found in the new version).</param>
public sealed record FindingDiff(
    AnalysisResult Old,
    AnalysisResult New,
    IReadOnlyList<Finding> Introduced,
    IReadOnlyList<Finding> Resolved,
    IReadOnlyList<Finding> Unchanged)
{
    /// <summary>Compares the findings that stand in two analyses.</summary>
    public static FindingDiff Between(AnalysisResult old, AnalysisResult @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var before = new HashSet<string>(old.Findings.Select(f => f.Fingerprint), StringComparer.Ordinal);
        var after = new HashSet<string>(@new.Findings.Select(f => f.Fingerprint), StringComparer.Ordinal);
        return new FindingDiff(
            old,
            @new,
            [.. @new.Findings.Where(f => !before.Contains(f.Fingerprint))],
            [.. old.Findings.Where(f => !after.Contains(f.Fingerprint))],
            [.. @new.Findings.Where(f => before.Contains(f.Fingerprint))]);
    }
}
