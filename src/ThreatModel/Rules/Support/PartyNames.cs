using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>Readable names of organizations, elements and jurisdictions for finding messages; ids when a name is missing.</summary>
internal static class PartyNames
{
    /// <summary>The organization's name.</summary>
    public static string Organization(SystemModel model, string organizationId) =>
        model.Organizations.FirstOrDefault(o => string.Equals(o.Id, organizationId, StringComparison.Ordinal))?.Name ?? organizationId;

    /// <summary>The element's name.</summary>
    public static string Element(SystemModel model, string elementId) =>
        model.TryGetElement(elementId, out var element) ? element.Name : elementId;

    /// <summary>The jurisdiction, or null when the id is unknown.</summary>
    public static Jurisdiction? Jurisdiction(SystemModel model, string? jurisdictionId) =>
        jurisdictionId is null ? null : model.Jurisdictions.FirstOrDefault(j => string.Equals(j.Id, jurisdictionId, StringComparison.Ordinal));

    /// <summary>The party an element acts for: its organization, or the element itself when it belongs to none (the public, other users, people).</summary>
    public static string PartyOf(Element element) => element.OrganizationId ?? element.Id;

    /// <summary>The name of <see cref="PartyOf"/>.</summary>
    public static string PartyName(SystemModel model, Element element) =>
        element.OrganizationId is { } org ? Organization(model, org) : element.Name;
}
