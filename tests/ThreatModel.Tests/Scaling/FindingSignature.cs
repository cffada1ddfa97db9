using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Tests.Scaling;

/// <summary>What must not change between two analyses of the same design: each finding's identity, rating and evidence, in order.</summary>
internal static class FindingSignature
{
    public static IReadOnlyList<string> Of(AnalysisResult result) =>
    [
        .. result.Findings.Select(f => $"{f.Fingerprint} {f.Severity} {f.RuleId} {f.Key}"),
        .. result.Suppressed.Select(s => $"suppressed {s.Finding.Fingerprint} {s.Finding.Severity}"),
    ];

    /// <summary>Everything a finding says, for runs of the very same model object.</summary>
    public static IReadOnlyList<string> Full(AnalysisResult result) =>
    [
        .. result.Findings.Select(f =>
            $"{f.Fingerprint} {f.Severity} {f.Likelihood} {f.Impact} {f.Title} | {f.Message} | {string.Join(",", f.Subjects)} | {string.Join(",", f.Items)} | "
            + $"{string.Join(",", f.Elements)} | {string.Join(",", f.EvidencePath)} | {string.Join(",", f.Estimates.Select(e => e.Value))} | {f.Mitigation} | {f.Location}"),
        .. result.Suppressed.Select(s => $"suppressed {s.Finding.Fingerprint} {s.Justification} {s.Source}"),
    ];
}
