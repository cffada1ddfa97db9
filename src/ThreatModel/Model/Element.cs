namespace ThreatModel.Model;

/// <summary>A node of the data-flow graph: a person, party, process or store, inside one organization.</summary>
/// <param name="Id">Stable identifier used by flows.</param>
/// <param name="Name">Readable name.</param>
/// <param name="Type">What the element is.</param>
/// <param name="OrganizationId">The organization (trust boundary) it belongs to; null for people, the public and other users, who are no organization.</param>
/// <param name="JurisdictionId">The jurisdiction whose law applies to it; defaults to its organization's; null when unknown.</param>
/// <param name="SubjectId">For people: which data subject they are.</param>
/// <param name="Decision">For processes that decide about people: what the decision changes and what recourse exists.</param>
/// <param name="Retention">For stores: how long data is kept and whether people can have it corrected or deleted.</param>
/// <param name="Attributable">True when the element keeps attributable records where deniability matters (signed messages, attendance, votes).</param>
/// <param name="Suppressions">Rules this element accepts, each with a justification.</param>
/// <param name="Description">Free text.</param>
/// <param name="Span">Where the element is declared.</param>
public sealed record Element(
    string Id,
    string Name,
    ElementType Type,
    string? OrganizationId,
    string? JurisdictionId,
    string? SubjectId,
    DecisionSpec? Decision,
    RetentionSpec? Retention,
    bool Attributable,
    IReadOnlyList<Suppression> Suppressions,
    string? Description,
    SourceSpan Span)
{
    /// <summary>True for elements through which data leaves every organization's control (the public, other users).</summary>
    public bool IsAudience => Type is ElementType.Public or ElementType.OtherUsers;
}

/// <summary>A decision a process makes about people, and the recourse they have.</summary>
/// <param name="Affects">What access it changes: credit, travel, employment, education, housing, public-services, ...</param>
/// <param name="SubjectId">Whom it decides about.</param>
/// <param name="Automated">True when made without meaningful human review.</param>
/// <param name="SubjectInformed">True when people are told a decision was made about them.</param>
/// <param name="InputsVisible">True when people can see which data and rules led to it.</param>
/// <param name="Appeal">True when people can contest it before a human with power to change it.</param>
/// <param name="Span">Where the decision is declared.</param>
public sealed record DecisionSpec(
    IReadOnlyList<string> Affects,
    string? SubjectId,
    bool Automated,
    bool SubjectInformed,
    bool InputsVisible,
    bool Appeal,
    SourceSpan Span);

/// <summary>How long a store keeps data, and the rights people have over it.</summary>
/// <param name="Days">Retention period in days; null means no limit is declared.</param>
/// <param name="Deletion">People can have their data deleted.</param>
/// <param name="Correction">People can have their data corrected.</param>
/// <param name="Span">Where retention is declared.</param>
public sealed record RetentionSpec(int? Days, bool Deletion, bool Correction, SourceSpan Span);

/// <summary>
/// An accepted finding: the design owner accepts a rule's finding that lands on this element or flow, or one finding
/// named by its fingerprint.
/// </summary>
/// <param name="RuleId">The rule accepted; empty when the acceptance names only a <see cref="Finding"/> fingerprint.</param>
/// <param name="Justification">Why it is accepted.</param>
/// <param name="Span">Where the suppression is declared.</param>
public sealed record Suppression(string RuleId, string Justification, SourceSpan Span)
{
    /// <summary>The fingerprint of the one finding accepted (<c>finding:</c>), or null to accept the rule's findings that land here.</summary>
    public string? Finding { get; init; }

    /// <summary>Where the rule id is written (the <c>rule:</c> value), for diagnostics; the entry's span when unknown.</summary>
    public SourceSpan RuleSpan { get; init; }
}
