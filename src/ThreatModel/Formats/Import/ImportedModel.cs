using ThreatModel.Model;

namespace ThreatModel.Formats.Import;

/// <summary>
/// What a reader of another format understood, before the privacy overlay is applied and the design is bound: the
/// elements, flows and trust boundaries, each with the place in the user's file it came from.
/// </summary>
internal sealed class ImportedModel(string file, string formatName)
{
    /// <summary>The imported file, as named in diagnostics.</summary>
    public string File { get; } = file;

    /// <summary>The format, for messages: "Threat Dragon", "OTM".</summary>
    public string FormatName { get; } = formatName;

    public string Name { get; set; } = string.Empty;

    public SourceSpan NameSpan { get; set; }

    public string? Description { get; set; }

    public List<ImportedBoundary> Boundaries { get; } = [];

    public List<ImportedElement> Elements { get; } = [];

    public List<ImportedFlow> Flows { get; } = [];

    /// <summary>OTM assets: things a flow carries, without a kind or a subject.</summary>
    public List<ImportedAsset> Assets { get; } = [];

    /// <summary>The organization of elements no trust boundary holds: the model's own (its id is made from the model's name).</summary>
    public string HomeOrganization { get; set; } = "system";

    /// <summary>
    /// Where an element inside <paramref name="innermost"/> stands: the organization of the nearest boundary that is
    /// neither a jurisdiction nor an open zone, and the jurisdiction of the nearest jurisdiction boundary (null for none).
    /// </summary>
    public static (string? Organization, string? Jurisdiction) Place(ImportedBoundary? innermost)
    {
        string? organization = null;
        string? jurisdiction = null;
        var seen = 0;
        for (var b = innermost; b is not null && seen < 256; b = b.Parent, seen++)
        {
            if (b.IsJurisdiction)
                jurisdiction ??= b.Id;
            else if (!b.IsOpenZone)
                organization ??= b.Id;
        }

        return (organization, jurisdiction);
    }

    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly HashSet<string> _boundaryIds = new(StringComparer.Ordinal);

    /// <summary>An element or flow id made from a name (lower case, hyphens), unique among the ids handed out so far.</summary>
    public string UniqueId(string? name, string fallback) => Unique(_ids, name, fallback);

    /// <summary>An organization or jurisdiction id made from a name, unique among those handed out so far.</summary>
    public string UniqueBoundaryId(string? name, string fallback) => Unique(_boundaryIds, name, fallback);

    private static string Unique(HashSet<string> ids, string? name, string fallback)
    {
        var stem = ImportText.Slug(name);
        if (stem.Length == 0)
            stem = fallback;
        var id = stem;
        for (var n = 2; !ids.Add(id); n++)
            id = $"{stem}-{n}";
        return id;
    }
}

/// <summary>A trust boundary (Threat Dragon box, OTM trust zone), read as an organization or a jurisdiction.</summary>
internal sealed class ImportedBoundary
{
    public required string Id { get; init; }

    public required string? SourceId { get; init; }

    public required string Name { get; init; }

    public required SourceSpan Span { get; init; }

    /// <summary>True when the name says it is the open network or the users' side, which is no organization.</summary>
    public bool IsOpenZone { get; set; }

    /// <summary>The boundary it sits in, or null.</summary>
    public ImportedBoundary? Parent { get; set; }

    /// <summary>True when the name says it is a legal order (a country, a region such as the EU), not an organization.</summary>
    public bool IsJurisdiction { get; set; }

    /// <summary>The jurisdiction it sits in (an enclosing jurisdiction boundary), for organizations.</summary>
    public string? Jurisdiction { get; set; }

    public string? Description { get; set; }
}

/// <summary>An element of the imported model.</summary>
internal sealed class ImportedElement
{
    public required string Id { get; init; }

    /// <summary>The id the element has in the imported file (a Threat Dragon cell UUID, an OTM component id).</summary>
    public required string? SourceId { get; init; }

    public required string Name { get; init; }

    /// <summary>A design element type: person, external, process, store.</summary>
    public required string Type { get; set; }

    /// <summary>The organization of the innermost boundary that holds it, or null for the model's own.</summary>
    public string? Organization { get; set; }

    public string? Jurisdiction { get; set; }

    public string? Description { get; set; }

    public required SourceSpan Span { get; init; }
}

/// <summary>A flow of the imported model.</summary>
internal sealed class ImportedFlow
{
    public required string Id { get; init; }

    public required string? SourceId { get; init; }

    public required string Name { get; init; }

    public required string From { get; init; }

    public required SourceSpan FromSpan { get; init; }

    public required string To { get; init; }

    public required SourceSpan ToSpan { get; init; }

    /// <summary>Where the model says the flow is encrypted (a flag, or an encrypting protocol), or null.</summary>
    public SourceSpan? Encrypted { get; set; }

    /// <summary>OTM asset ids the flow carries, with where each is named.</summary>
    public List<(string Id, SourceSpan Span)> Assets { get; } = [];

    public string? Description { get; set; }

    public required SourceSpan Span { get; init; }
}

/// <summary>An OTM asset: data a flow carries, with a name and nothing a privacy rule can use.</summary>
internal sealed record ImportedAsset(string Id, string Name, SourceSpan Span);
