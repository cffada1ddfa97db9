namespace ThreatModel.Model;

/// <summary>
/// A group of people that data is about: citizens, app users, their contacts, bystanders. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record DataSubject
{
    /// <summary>Stable identifier used by references in the design.</summary>
    public required string Id { get; init; }

    /// <summary>Readable name.</summary>
    public required string Name { get; init; }

    /// <summary>How many people the group holds; the population re-identification estimates use.</summary>
    public required long Population { get; init; }

    /// <summary>People of this group per square kilometre where they live, for proximity estimates; null when unknown.</summary>
    public Density? Density { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>True for groups that deserve extra protection (children, debtors, minorities, dissidents).</summary>
    public bool Vulnerable { get; init; }

    /// <summary>Where the subject is declared.</summary>
    public SourceSpan Span { get; init; }
}
