using ThreatModel.Model;

namespace ThreatModel.Rules.Wording;

/// <summary>Readable names of organizations, elements and jurisdictions for finding messages; ids when a name is missing.</summary>
internal static class PartyNames
{
    /// <summary>The organization's name.</summary>
    public static string Organization(SystemModel model, string organizationId) =>
        model.TryGetOrganization(organizationId, out var organization) ? organization.Name : organizationId;

    /// <summary>The element's name.</summary>
    public static string Element(SystemModel model, string elementId) =>
        model.TryGetElement(elementId, out var element) ? element.Name : elementId;

    /// <summary>The jurisdiction, or null when the id is unknown.</summary>
    public static Jurisdiction? Jurisdiction(SystemModel model, string? jurisdictionId) =>
        jurisdictionId is not null && model.TryGetJurisdiction(jurisdictionId, out var jurisdiction) ? jurisdiction : null;

    /// <summary>The party an element acts for: its organization, or the element itself when it belongs to none (the public, other users, people).</summary>
    public static string PartyOf(Element element) => element.OrganizationId ?? element.Id;

    /// <summary>The name of <see cref="PartyOf"/>.</summary>
    public static string PartyName(SystemModel model, Element element) =>
        element.OrganizationId is { } org ? Organization(model, org) : element.Name;
}
