using ThreatModel.Model;

namespace ThreatModel.Findings;

/// <summary>Something that can go wrong in a design: what, to whom, along which flows, how likely and how bad, and the fix.</summary>
/// <param name="RuleId">The rule that found it.</param>
/// <param name="Title">One line: what can go wrong.</param>
/// <param name="Message">The explanation in plain words: who is harmed, by whom, along which path.</param>
/// <param name="Likelihood">How likely.</param>
/// <param name="Impact">How bad.</param>
/// <param name="Severity">From likelihood and impact through <see cref="SeverityMatrix"/>.</param>
/// <param name="Subjects">Data subjects affected.</param>
/// <param name="Items">Data items involved.</param>
/// <param name="Elements">Elements involved; the first is where the harm happens.</param>
/// <param name="EvidencePath">Flow ids along which the data travels to the harm, in order.</param>
/// <param name="Estimates">Quantitative estimates, with inputs.</param>
/// <param name="Mitigation">The change to the design that would remove the finding.</param>
/// <param name="Location">Where in the design file the finding points.</param>
/// <param name="Key">What makes this finding distinct among the rule's findings (stable across reformatting), used for fingerprints.</param>
public sealed record Finding(
    string RuleId,
    string Title,
    string Message,
    Likelihood Likelihood,
    Impact Impact,
    Severity Severity,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<string> Items,
    IReadOnlyList<string> Elements,
    IReadOnlyList<string> EvidencePath,
    IReadOnlyList<Estimate> Estimates,
    string Mitigation,
    SourceSpan Location,
    string Key)
{
    /// <summary>A stable fingerprint: the rule id and the key, hashed. Does not depend on line numbers or text.</summary>
    public string Fingerprint => Fingerprints.Of(RuleId, Key);
}
