using ThreatModel.Model;

namespace ThreatModel.Knowledge;

/// <summary>
/// Whether an organization can act on the people its data is about: it says so (<see cref="Organization.PowerOverSubjects"/>),
/// or its kind is one that commands, employs, polices, teaches or hosts people.
/// </summary>
internal static class OrganizationPower
{
    private static readonly HashSet<string> PowerfulKinds = new(StringComparer.OrdinalIgnoreCase)
    {
        "government", "police", "employer", "platform", "school",
    };

    /// <summary>The organization kinds that imply power over subjects, sorted.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [.. PowerfulKinds.Order(StringComparer.Ordinal)];

    /// <summary>True when the organization has power over the people its data is about.</summary>
    public static bool Over(Organization organization)
    {
        ArgumentNullException.ThrowIfNull(organization);
        return organization.PowerOverSubjects || (organization.Kind is { } kind && PowerfulKinds.Contains(kind.Trim()));
    }

    /// <summary>The organization with this id, or null when the design has none by that id.</summary>
    public static Organization? Find(SystemModel model, string? organizationId) =>
        organizationId is not null && model.TryGetOrganization(organizationId, out var organization) ? organization : null;
}
