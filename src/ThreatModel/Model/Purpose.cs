namespace ThreatModel.Model;

/// <summary>A purpose declared in the design, extending the default purpose-compatibility table.</summary>
/// <param name="Id">The purpose name flows use.</param>
/// <param name="CompatibleWith">Purposes compatible with this one, in both directions: data collected for either may be used for the other (docs/purposes.md).</param>
/// <param name="Description">Free text.</param>
/// <param name="Span">Where it is declared.</param>
public sealed record Purpose(string Id, IReadOnlyList<string> CompatibleWith, string? Description, SourceSpan Span);
