using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// What both diagram writers draw, decided once: jurisdictions containing organizations containing elements, safe
/// node ids, and the flows and elements on the evidence paths of the findings that stand.
/// </summary>
internal sealed class DiagramLayout
{
    private DiagramLayout(AnalysisResult result)
    {
        var model = result.Model;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var element in model.Elements)
            ids.TryAdd(element.Id, Unique("n_" + Sanitize(element.Id), used));
        NodeIds = ids;

        var organizationIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in model.Organizations)
            organizationIds.TryAdd(organization.Id, Unique("org_" + Sanitize(organization.Id), used));
        OrganizationIds = organizationIds;

        var jurisdictionIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var jurisdiction in model.Jurisdictions)
            jurisdictionIds.TryAdd(jurisdiction.Id, Unique("jur_" + Sanitize(jurisdiction.Id), used));
        JurisdictionIds = jurisdictionIds;

        HighlightedFlows = new HashSet<string>(result.Findings.SelectMany(f => f.EvidencePath), StringComparer.Ordinal);
        HarmElements = new HashSet<string>(result.Findings.Where(f => f.Elements.Count > 0).Select(f => f.Elements[0]), StringComparer.Ordinal);

        // Jurisdiction -> organizations -> elements; elements outside any organization sit in their jurisdiction or at the top.
        var groups = new List<JurisdictionGroup>();
        JurisdictionGroup GroupFor(string? jurisdiction)
        {
            var key = jurisdiction is null || jurisdiction == Jurisdictions.Unspecified ? null : jurisdiction;
            var group = groups.FirstOrDefault(g => g.Jurisdiction?.Id == key);
            if (group is null)
            {
                Jurisdiction? declared = null;
                if (key is not null)
                    declared = model.Jurisdictions.FirstOrDefault(j => j.Id == key) ?? new Jurisdiction
                    {
                        Id = key,
                        Name = key,
                        SubjectRights = true,
                        CompelledAccess = false,
                    };
                group = new JurisdictionGroup(declared);
                groups.Add(group);
            }

            return group;
        }

        // Members of each organization in design order, found in one pass over the elements (not one per organization).
        var members = new Dictionary<string, List<Element>>(StringComparer.Ordinal);
        foreach (var element in model.Elements)
        {
            if (element.OrganizationId is null)
                continue;
            if (!members.TryGetValue(element.OrganizationId, out var list))
                members.Add(element.OrganizationId, list = []);
            list.Add(element);
        }

        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var organization in model.Organizations)
        {
            declared.Add(organization.Id);
            if (members.TryGetValue(organization.Id, out var list))
                GroupFor(organization.JurisdictionId).Organizations.Add((organization, list));
        }

        foreach (var element in model.Elements)
        {
            if (element.OrganizationId is null || !declared.Contains(element.OrganizationId))
                GroupFor(element.JurisdictionId).Loose.Add(element);
        }

        // Unspecified jurisdiction last, so nested clusters come first and loose people end the drawing.
        Groups = [.. groups.Where(g => g.Jurisdiction is not null), .. groups.Where(g => g.Jurisdiction is null)];
    }

    public IReadOnlyDictionary<string, string> NodeIds { get; }

    public IReadOnlyDictionary<string, string> OrganizationIds { get; }

    public IReadOnlyDictionary<string, string> JurisdictionIds { get; }

    public IReadOnlySet<string> HighlightedFlows { get; }

    public IReadOnlySet<string> HarmElements { get; }

    public IReadOnlyList<JurisdictionGroup> Groups { get; }

    public static DiagramLayout Of(AnalysisResult result) => new(result);

    /// <summary>Appends the label of a flow: its id, the items it carries and its purpose.</summary>
    public static ScratchText AppendFlowLabel(ScratchText text, Flow flow) =>
        text.Append(flow.Id).Append(": ").AppendJoined(flow.Items, ", ").Append(" (").Append(flow.Purpose).Append(')');

    /// <summary>Appends the label of an element: its name, and its id when different, and its jurisdiction when it is
    /// not its organization's.</summary>
    public static ScratchText AppendElementLabel(ScratchText text, Element element, Organization? organization)
    {
        if (element.Name == element.Id)
            text.Append(element.Id);
        else
            text.Append(element.Name).Append(" [").Append(element.Id).Append(']');
        if (element.JurisdictionId is { } j && j != Jurisdictions.Unspecified && organization is not null && organization.JurisdictionId != j)
            text.Append(" (").Append(j).Append(')');
        return text;
    }

    /// <summary>The label of an organization cluster.</summary>
    public static string OrganizationLabel(Organization organization) =>
        organization.Name == organization.Id ? organization.Id : $"{organization.Name} [{organization.Id}]";

    /// <summary>The label of a jurisdiction cluster.</summary>
    public static string JurisdictionLabel(Jurisdiction jurisdiction) =>
        "Jurisdiction: " + (jurisdiction.Name == jurisdiction.Id ? jurisdiction.Id : $"{jurisdiction.Name} [{jurisdiction.Id}]");

    private static string Sanitize(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
            builder.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        return builder.ToString();
    }

    private static string Unique(string candidate, HashSet<string> used)
    {
        var id = candidate;
        for (var n = 2; !used.Add(id); n++)
            id = candidate + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return id;
    }

    /// <summary>The elements under one jurisdiction (null: none declared).</summary>
    internal sealed class JurisdictionGroup(Jurisdiction? jurisdiction)
    {
        public Jurisdiction? Jurisdiction { get; } = jurisdiction;

        public List<(Organization Organization, List<Element> Elements)> Organizations { get; } = [];

        public List<Element> Loose { get; } = [];
    }
}
