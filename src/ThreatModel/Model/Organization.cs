namespace ThreatModel.Model;

/// <summary>A trust boundary: a company, agency or group whose elements share data freely.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Name">Readable name.</param>
/// <param name="JurisdictionId">Where it is established.</param>
/// <param name="Kind">government, company, platform, employer, bank, ... (free text; some rules read it).</param>
/// <param name="PowerOverSubjects">True when it can affect the people its data is about (employer, platform, government, lender).</param>
/// <param name="Span">Where it is declared; <see cref="SourceSpan.None"/> when only implied by elements.</param>
public sealed record Organization(
    string Id,
    string Name,
    string JurisdictionId,
    string? Kind,
    bool PowerOverSubjects,
    SourceSpan Span);

/// <summary>A legal order under which data is processed.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="Name">Readable name.</param>
/// <param name="SubjectRights">True when data subjects have rights they can enforce there (access, deletion, redress).</param>
/// <param name="CompelledAccess">True when authorities can compel access to data without independent oversight.</param>
/// <param name="Span">Where it is declared; <see cref="SourceSpan.None"/> when only implied.</param>
public sealed record Jurisdiction(
    string Id,
    string Name,
    bool SubjectRights,
    bool CompelledAccess,
    SourceSpan Span);
