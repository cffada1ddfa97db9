namespace ThreatModel.Model;

/// <summary>Completes the parts a design may leave implied, then creates the model. Used by the builder and the reader.</summary>
internal static class SystemModelFactory
{
    public static SystemModel Create(
        string name,
        string? description,
        string sourceFile,
        AnalysisSettings settings,
        IReadOnlyList<DataSubject> subjects,
        IReadOnlyList<DataItem> items,
        IReadOnlyList<Organization> organizations,
        IReadOnlyList<Jurisdiction> jurisdictions,
        IReadOnlyList<Element> elements,
        IReadOnlyList<Flow> flows,
        IReadOnlyList<Purpose> purposes)
    {
        // Organizations used by elements but not declared are implied, in order of first use.
        var allOrganizations = new List<Organization>(organizations);
        var knownOrganizations = new HashSet<string>(organizations.Select(o => o.Id), StringComparer.Ordinal);
        foreach (var element in elements)
        {
            if (element.OrganizationId is { } org && knownOrganizations.Add(org))
                allOrganizations.Add(new Organization
                {
                    Id = org,
                    Name = org,
                    JurisdictionId = element.JurisdictionId ?? Jurisdictions.Unspecified,
                    Kind = null,
                    PowerOverSubjects = false,
                });
        }

        // Duplicate ids are reported by the validator; here the first declaration wins.
        var organizationJurisdiction = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in allOrganizations)
            organizationJurisdiction.TryAdd(organization.Id, organization.JurisdictionId);
        var completedElements = new List<Element>(elements.Count);
        foreach (var element in elements)
        {
            var jurisdiction = element.JurisdictionId
                ?? (element.OrganizationId is { } org ? organizationJurisdiction.GetValueOrDefault(org) : null);
            completedElements.Add(jurisdiction == element.JurisdictionId ? element : element with { JurisdictionId = jurisdiction });
        }

        var allJurisdictions = new List<Jurisdiction>(jurisdictions);
        var knownJurisdictions = new HashSet<string>(jurisdictions.Select(j => j.Id), StringComparer.Ordinal);
        foreach (var id in allOrganizations.Select(o => o.JurisdictionId).Concat(completedElements.Select(e => e.JurisdictionId)))
        {
            if (id is not null && knownJurisdictions.Add(id))
                allJurisdictions.Add(new Jurisdiction { Id = id, Name = id, SubjectRights = true, CompelledAccess = false });
        }

        return new SystemModel(name, description, sourceFile, settings, subjects, items, allOrganizations, allJurisdictions, completedElements, flows, purposes);
    }
}
