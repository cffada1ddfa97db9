namespace ThreatModel.Findings;

/// <summary>What a rule is about, stable across versions.</summary>
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
public sealed record RuleMetadata(
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
    /// <summary>The documentation page, relative to the repository root.</summary>
    public string DocumentationPath => $"docs/rules/{Id}-{Name}.md";
}
