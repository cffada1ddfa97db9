using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM016 no-recourse-at-home: data about people is kept, or decisions about them are made, in a jurisdiction where they
/// have no rights they can enforce, whatever legal basis or consent the flows declare. TM012 covers data that crosses
/// into such a jurisdiction from one with rights; this rule covers data that never left it. See
/// docs/rules/TM016-no-recourse-at-home.md.
/// </summary>
public sealed class NoRecourseAtHomeRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM016",
        Name: "no-recourse-at-home",
        Title: "Data about people is kept or decided on where they have no enforceable rights",
        Summary: "A store keeps data about people, or a process decides about them, under a law that gives them no rights they can "
            + "enforce: no access, correction, deletion or redress before an independent authority. A legal basis or consent "
            + "declared on every flow does not change that: it says why the data may be processed, not what people can do when it "
            + "is wrong or misused. The data never crossed a border, so no transfer rule sees it.",
        Linddun: LinddunCategory.Unawareness,
        LinddunSubcategory: "Unintervenability: no enforceable rights of access, correction, deletion or redress where the data is held",
        Solove: SoloveHarm.Exclusion,
        DefaultSeverity: Severity.Medium,
        Gdpr: ["Art. 15-17 access, rectification, erasure", "Art. 21 right to object", "Art. 77-79 complaint to a supervisory authority and judicial remedy"],
        Pipl: ["Art. 44-47 rights to know, decide, access, correct and delete", "Art. 50 handling requests and the right to sue", "Art. 60-65 departments fulfilling personal information protection duties"],
        Research:
        [
            "CJEU C-311/18 Data Protection Commissioner v Facebook Ireland and Schrems (\"Schrems II\", 16 Jul 2020), paras 186-197 - rights people cannot enforce before an independent body (Charter Art. 47) do not protect them; the same holds where the data never left the country.",
            "UNCTAD, Data Protection and Privacy Legislation Worldwide (Global Cyberlaw Tracker) - 137 of 194 countries have data protection legislation; in the rest people have no statutory rights over data about them.",
            "Citron D. K. (2008) Technological Due Process. Washington University Law Review 85(6):1249 - decisions people cannot see or contest stand even when wrong.",
        ],
        Mitigations:
        [
            "Keep data about people, and make decisions about them, in a jurisdiction where they can enforce access, correction, deletion and redress.",
            "Hold only aggregates or end-to-end encrypted data where people have no rights.",
            "Where the law gives no rights, give them by design: an access and correction channel, deletion on request, and an independent appeal (decision.appeal, retention.deletion, retention.correction) - they lower the harm but are not enforceable, so the finding stays.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var graph = context.Graph;
        var model = context.Model;
        var groups = new Dictionary<(string Party, string Subject), Group>();
        var order = new List<(string, string)>();
        foreach (var element in model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!(element.Type == ElementType.Store || (element.Type == ElementType.Process && element.Decision is not null)))
                continue;
            if (!WithoutRights(model, element.JurisdictionId, out var jurisdiction))
                continue;
            foreach (var holding in IndividualHoldings.OfElement(graph, element.Id))
            {
                if (!DataSensitivity.IsPersonal(holding.Item) || ArrivedFromRights(model, holding))
                    continue;
                var key = (PartyNames.PartyOf(element), holding.Item.SubjectId);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = new Group(jurisdiction);
                    order.Add(key);
                }

                group.Add(element, holding);
            }
        }

        foreach (var key in order)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return ToFinding(graph, key.Item2, groups[key]);
        }
    }

    /// <summary>True when the jurisdiction is declared and gives people no enforceable rights.</summary>
    private static bool WithoutRights(SystemModel model, string? jurisdictionId, out Jurisdiction jurisdiction)
    {
        jurisdiction = null!;
        if (jurisdictionId is null || string.Equals(jurisdictionId, Jurisdictions.Unspecified, StringComparison.Ordinal)
            || PartyNames.Jurisdiction(model, jurisdictionId) is not { SubjectRights: false } found)
            return false;
        jurisdiction = found;
        return true;
    }

    /// <summary>
    /// True when the holding came from a jurisdiction with rights into one without, across organizations: TM012 reports
    /// that transfer, and this rule does not report it twice.
    /// </summary>
    private static bool ArrivedFromRights(SystemModel model, Holding holding)
    {
        foreach (var flow in holding.Path)
        {
            if (!model.TryGetElement(flow.From, out var from) || !model.TryGetElement(flow.To, out var to)
                || !DataFlowGraph.CrossesOrganization(from, to) || !DataFlowGraph.CrossesJurisdiction(from, to))
                continue;
            if (PartyNames.Jurisdiction(model, from.JurisdictionId) is { SubjectRights: true } && WithoutRights(model, to.JurisdictionId, out _))
                return true;
        }

        return false;
    }

    private Finding ToFinding(DataFlowGraph graph, string subjectId, Group group)
    {
        var model = graph.Model;
        var subject = model.TryGetSubject(subjectId, out var s) ? s : null;
        var subjectName = subject?.Name ?? subjectId;
        var first = group.Elements[0];
        var partyName = PartyNames.PartyName(model, first);
        var items = group.Holdings.Select(h => h.Item).DistinctBy(i => i.Id).ToList();
        var deciders = group.Elements.Where(e => e.Decision is not null).ToList();
        var stores = group.Elements.Where(e => e.Decision is null).ToList();
        var sensitive = items.Any(DataSensitivity.IsSensitive);
        var powerful = OrganizationPower.Find(model, first.OrganizationId) is { } organization && OrganizationPower.Over(organization);
        var impact = sensitive || powerful || subject?.Vulnerable == true || deciders.Count > 0 ? Impact.Major : Impact.Moderate;
        var flows = group.Holdings.SelectMany(h => h.Path).DistinctBy(f => f.Id).ToList();
        var withoutConsent = graph.PeopleWithoutConsent(flows, [subjectId]);
        impact = NonConsentingImpact.Raise(impact, withoutConsent);

        var what = new List<string>();
        if (stores.Count > 0)
            what.Add($"{FindingText.List([.. stores.Select(e => e.Name)])} {(stores.Count == 1 ? "keeps" : "keep")} {FindingText.List([.. items.Select(i => i.Name)])} about {subjectName}");
        if (deciders.Count > 0)
            what.Add($"{FindingText.List([.. deciders.Select(e => e.Name)])} {(deciders.Count == 1 ? "decides" : "decide")} about them ({FindingText.List([.. deciders.SelectMany(e => e.Decision!.Affects).Distinct(StringComparer.Ordinal)])})");
        var basis = flows.Count > 0 && flows.All(f => graph.FactsOf(f).HasLegalGroundFor(subjectId))
            ? " Every flow that brings the data declares a legal basis or consent; that says why it may be processed, not what people can do when it is wrong or misused."
            : string.Empty;
        var message = $"{FindingText.Capitalize(FindingText.List(what))} in {group.Jurisdiction.Name}, where {subjectName} have no rights they can enforce: "
            + "they cannot see what is held, have it corrected or deleted, or take a wrong decision or a misuse to an independent authority."
            + basis + NonConsentingImpact.Sentence(withoutConsent);

        // Rights the party gives by design at every element (deletion and correction at its stores, notice, insight and a
        // human appeal at its decisions) make a wrong record or decision less likely to stand, but no independent
        // authority enforces them: the likelihood drops a step and the finding stays.
        var byDesign = group.Elements.All(RightsByDesign.Grants);
        if (byDesign)
            message += $" {FindingText.Capitalize(partyName)} lets people have the data corrected and deleted{(deciders.Count > 0 ? " and its decisions explained and appealed" : string.Empty)} by design, "
                + "which makes a wrong record less likely to stand, but no independent authority enforces it.";

        var builder = new FindingBuilder(Metadata, $"{PartyNames.PartyOf(first)}|{subjectId}")
            .Titled($"{FindingText.Capitalize(partyName)} holds data about {subjectName} in {group.Jurisdiction.Name}, where they have no recourse")
            .Because(message)
            .Rated(byDesign ? Likelihood.Possible : Likelihood.Likely, impact)
            .About(subjectId)
            .Involving(items.Select(i => i.Id))
            .At(group.Elements.Select(e => e.Id))
            .Mitigated($"Keep the data about {subjectName}{(deciders.Count > 0 ? " and the decisions about them" : string.Empty)} where people can enforce access, correction, deletion and redress, "
                + $"or hold only aggregates or end-to-end encrypted data at {partyName}; a legal basis or consent on the flows does not remove this.")
            .PointingTo(first.Span);
        foreach (var holding in group.Holdings)
            builder.Along(holding.PathIds);

        // The remedy: keep the elements where people can enforce their rights, when the design declares such a place;
        // else (weaker, the finding stays at a lower likelihood) give the rights by design at every element.
        if (RightsByDesign.Home(model) is { } home)
        {
            foreach (var element in group.Elements)
                builder.Remedied(new MoveToJurisdiction(element.Id, home.Id));
        }

        foreach (var element in group.Elements.Where(e => !RightsByDesign.Grants(e)))
            builder.Remedied(new GrantRights(element.Id));
        return builder.Build();
    }

    /// <summary>The elements and holdings of one (party, subject) pair in a jurisdiction without rights.</summary>
    private sealed class Group(Jurisdiction jurisdiction)
    {
        public Jurisdiction Jurisdiction { get; } = jurisdiction;

        public List<Element> Elements { get; } = [];

        public List<Holding> Holdings { get; } = [];

        public void Add(Element element, Holding holding)
        {
            if (!Elements.Contains(element))
                Elements.Add(element);
            Holdings.Add(holding);
        }
    }
}
