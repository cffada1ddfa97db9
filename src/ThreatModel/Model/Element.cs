namespace ThreatModel.Model;

/// <summary>
/// A node of the data-flow graph: a person, party, process or store, inside one organization. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record Element
{
    /// <summary>Stable identifier used by flows.</summary>
    public required string Id { get; init; }

    /// <summary>Readable name.</summary>
    public required string Name { get; init; }

    /// <summary>What the element is.</summary>
    public required ElementType Type { get; init; }

    /// <summary>The organization (trust boundary) it belongs to; null for people, the public and other users, who are no organization.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The jurisdiction whose law applies to it; defaults to its organization's; null when unknown.</summary>
    public string? JurisdictionId { get; init; }

    /// <summary>For people: which data subject they are.</summary>
    public string? SubjectId { get; init; }

    /// <summary>For processes that decide about people: what the decision changes and what recourse exists.</summary>
    public DecisionSpec? Decision { get; init; }

    /// <summary>For stores: how long data is kept and whether people can have it corrected or deleted.</summary>
    public RetentionSpec? Retention { get; init; }

    /// <summary>True when the element keeps attributable records where deniability matters (signed messages, attendance, votes).</summary>
    public bool Attributable { get; init; }

    /// <summary>Rules this element accepts, each with a justification.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Where the element is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>True for elements through which data leaves every organization's control (the public, other users).</summary>
    public bool IsAudience => Type is ElementType.Public or ElementType.OtherUsers;
}

/// <summary>
/// A decision a process makes about people, and the recourse they have. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record DecisionSpec
{
    /// <summary>What access it changes: credit, travel, employment, education, housing, public-services, ...</summary>
    public IReadOnlyList<string> Affects { get; init; } = [];

    /// <summary>Whom it decides about.</summary>
    public string? SubjectId { get; init; }

    /// <summary>True when made without meaningful human review.</summary>
    public bool Automated { get; init; }

    /// <summary>True when people are told a decision was made about them.</summary>
    public bool SubjectInformed { get; init; }

    /// <summary>True when people can see which data and rules led to it.</summary>
    public bool InputsVisible { get; init; }

    /// <summary>True when people can contest it before a human with power to change it.</summary>
    public bool Appeal { get; init; }

    /// <summary>Where the decision is declared.</summary>
    public SourceSpan Span { get; init; }
}

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
