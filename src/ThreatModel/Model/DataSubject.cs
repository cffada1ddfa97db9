namespace ThreatModel.Model;

/// <summary>A group of people that data is about: citizens, app users, their contacts, bystanders.</summary>
/// <param name="Id">Stable identifier used by references in the design.</param>
/// <param name="Name">Readable name.</param>
/// <param name="Population">How many people the group holds; the population re-identification estimates use.</param>
/// <param name="Density">People of this group per square kilometre where they live, for proximity estimates; null when unknown.</param>
/// <param name="Description">Free text.</param>
/// <param name="Vulnerable">True for groups that deserve extra protection (children, debtors, minorities, dissidents).</param>
/// <param name="Span">Where the subject is declared.</param>
public sealed record DataSubject(
    string Id,
    string Name,
    long Population,
    Density? Density,
    string? Description,
    bool Vulnerable,
    SourceSpan Span);
