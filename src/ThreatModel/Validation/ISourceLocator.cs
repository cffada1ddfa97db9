using ThreatModel.Model;

namespace ThreatModel.Validation;

/// <summary>The parts of a design whose fields a diagnostic can point at.</summary>
internal enum ModelPart
{
    Design,
    Settings,
    Jurisdiction,
    Organization,
    Subject,
    Item,
    Element,
    Flow,
    Purpose,
}

/// <summary>
/// Finds where a field of a model object stands in the design file, so semantic diagnostics can point at the
/// offending value rather than the whole object; and knows which fields the reader already reported.
/// </summary>
internal interface ISourceLocator
{
    /// <summary>
    /// The span of a field (a dotted path such as <c>decision.subject</c>) of the object at <paramref name="index"/> of a part,
    /// narrowed to one list entry (<paramref name="listIndex"/> &gt;= 0) or one mapping key (<paramref name="key"/>);
    /// <paramref name="fallback"/> when the file does not have it.
    /// </summary>
    SourceSpan Locate(ModelPart part, int index, string path, int listIndex, string? key, SourceSpan fallback);

    /// <summary>True when the reader already reported a problem with this field, so the validator stays quiet about it.</summary>
    bool IsReported(ModelPart part, int index, string field);

    /// <summary>
    /// True when <see cref="Locate"/> costs little: the positions are at hand, or the design is small enough to read
    /// again. Warnings ask for exact positions only then; errors always do (the design is unusable anyway).
    /// </summary>
    bool PositionsAreCheap { get; }
}
