namespace ThreatModel.Model;

/// <summary>
/// A trust boundary: a company, agency or group whose elements share data freely. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record Organization
{
    /// <summary>Stable identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Where it is established.</summary>
    public string JurisdictionId { get; init; } = Jurisdictions.Unspecified;

    /// <summary>government, company, platform, employer, bank, ... (free text; some rules read it).</summary>
    public string? Kind { get; init; }

    /// <summary>True when it can affect the people its data is about (employer, platform, government, lender).</summary>
    public bool PowerOverSubjects { get; init; }

    /// <summary>Where it is declared; <see cref="SourceSpan.None"/> when only implied by elements.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>
/// A legal order under which data is processed. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record Jurisdiction
{
    /// <summary>Stable identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Readable name.</summary>
    public required string Name { get; init; }

    /// <summary>True when data subjects have rights they can enforce there (access, deletion, redress).</summary>
    public bool SubjectRights { get; init; }

    /// <summary>True when authorities can compel access to data without independent oversight.</summary>
    public bool CompelledAccess { get; init; }

    /// <summary>Where it is declared; <see cref="SourceSpan.None"/> when only implied.</summary>
    public SourceSpan Span { get; init; }
}
