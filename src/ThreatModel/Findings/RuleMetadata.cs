using System.Diagnostics.CodeAnalysis;

namespace ThreatModel.Findings;

/// <summary>
/// What a rule is about, stable across versions. Create it with an object initializer (the properties are
/// <c>init</c>, so new ones can be added without breaking rules) or with the constructor that takes every field.
/// </summary>
public sealed record RuleMetadata
{
    /// <summary>Creates empty metadata; set the required properties in an object initializer.</summary>
    public RuleMetadata()
    {
    }

    /// <summary>Creates metadata from every field (parameter names match the properties, so calls can name them).</summary>
    /// <param name="Id">Stable id, e.g. TM001; never reused.</param>
    /// <param name="Name">Kebab-case name, e.g. cross-context-linkage.</param>
    /// <param name="Title">One line for lists.</param>
    /// <param name="Summary">The harm in two or three plain sentences.</param>
    /// <param name="Linddun">LINDDUN category.</param>
    /// <param name="LinddunSubcategory">LINDDUN threat-tree sub-category, in words.</param>
    /// <param name="Solove">Harm in Solove's taxonomy.</param>
    /// <param name="DefaultSeverity">Severity of a typical finding.</param>
    /// <param name="Gdpr">GDPR articles that speak to it, as references, not verdicts.</param>
    /// <param name="Pipl">Articles of China's Personal Information Protection Law that speak to it.</param>
    /// <param name="Research">The research and cases the rule rests on.</param>
    /// <param name="Mitigations">Design changes that remove or reduce the harm.</param>
    [SetsRequiredMembers]
    public RuleMetadata(
        string Id,
        string Name,
        string Title,
        string Summary,
        LinddunCategory Linddun,
        string LinddunSubcategory,
        SoloveHarm Solove,
        Severity DefaultSeverity,
        IReadOnlyList<string> Gdpr,
        IReadOnlyList<string> Pipl,
        IReadOnlyList<string> Research,
        IReadOnlyList<string> Mitigations)
    {
        this.Id = Id;
        this.Name = Name;
        this.Title = Title;
        this.Summary = Summary;
        this.Linddun = Linddun;
        this.LinddunSubcategory = LinddunSubcategory;
        this.Solove = Solove;
        this.DefaultSeverity = DefaultSeverity;
        this.Gdpr = Gdpr;
        this.Pipl = Pipl;
        this.Research = Research;
        this.Mitigations = Mitigations;
    }

    /// <summary>Stable id, e.g. TM001; never reused.</summary>
    public required string Id { get; init; }

    /// <summary>Kebab-case name, e.g. cross-context-linkage.</summary>
    public required string Name { get; init; }

    /// <summary>One line for lists.</summary>
    public required string Title { get; init; }

    /// <summary>The harm in two or three plain sentences.</summary>
    public required string Summary { get; init; }

    /// <summary>LINDDUN category.</summary>
    public required LinddunCategory Linddun { get; init; }

    /// <summary>LINDDUN threat-tree sub-category, in words.</summary>
    public string LinddunSubcategory { get; init; } = string.Empty;

    /// <summary>Harm in Solove's taxonomy.</summary>
    public required SoloveHarm Solove { get; init; }

    /// <summary>Severity of a typical finding.</summary>
    public required Severity DefaultSeverity { get; init; }

    /// <summary>GDPR articles that speak to it, as references, not verdicts.</summary>
    public IReadOnlyList<string> Gdpr { get; init; } = [];

    /// <summary>Articles of China's Personal Information Protection Law that speak to it.</summary>
    public IReadOnlyList<string> Pipl { get; init; } = [];

    /// <summary>The research and cases the rule rests on.</summary>
    public IReadOnlyList<string> Research { get; init; } = [];

    /// <summary>Design changes that remove or reduce the harm.</summary>
    public IReadOnlyList<string> Mitigations { get; init; } = [];

    /// <summary>The documentation page, relative to the repository root.</summary>
    public string DocumentationPath => $"docs/rules/{Id}-{Name}.md";
}
