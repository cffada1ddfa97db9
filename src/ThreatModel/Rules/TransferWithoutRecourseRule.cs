using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM012 transfer-without-recourse: data about people crosses into a jurisdiction where they cannot enforce their rights
/// or where authorities can compel access, or crosses to another organization with no legal basis or consent declared.
/// See docs/rules/TM012-transfer-without-recourse.md.
/// </summary>
public sealed class TransferWithoutRecourseRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM012",
        Name: "transfer-without-recourse",
        Title: "Data about people moves where they have no recourse",
        Summary: "Data about people leaves for a jurisdiction where they cannot enforce access, deletion or redress, or where "
            + "authorities can compel access without independent oversight; or it passes to another organization with no legal "
            + "basis and no consent declared. Once it has moved, the people it is about can no longer see, contest or stop what is "
            + "done with it.",
        Linddun: LinddunCategory.Unawareness,
        LinddunSubcategory: "Unintervenability: transfers that remove people's rights of access, objection and redress",
        Solove: SoloveHarm.Exclusion,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 6 lawfulness of processing", "Art. 44 general principle for transfers", "Art. 46 transfers subject to appropriate safeguards", "Art. 48 transfers or disclosures not authorised by Union law", "Art. 15-17 access, rectification, erasure"],
        Pipl: ["Art. 13 legal bases for processing", "Art. 38 conditions for cross-border provision", "Art. 39 notice and separate consent for cross-border provision", "Art. 41 requests from foreign judicial or law-enforcement bodies"],
        Research:
        [
            "CJEU C-311/18 Data Protection Commissioner v Facebook Ireland and Schrems (\"Schrems II\", 16 Jul 2020) - the EU-US Privacy Shield is invalid because US surveillance law allows access without proportionality limits or an effective remedy for the people concerned.",
            "CJEU C-362/14 Schrems v Data Protection Commissioner (\"Schrems I\", 6 Oct 2015) - Safe Harbour invalid for the same reason.",
            "Irish Data Protection Commission, decision on Meta Platforms Ireland (May 2023) - EUR 1.2 billion fine for transfers of Facebook users' data to the US.",
            "Irish Data Protection Commission, decision on TikTok Technology Ltd (May 2025) - EUR 530 million fine: EEA users' data accessed from China without showing equivalent protection against access by Chinese authorities.",
            "PRC National Intelligence Law (2017) Art. 7 - organizations and citizens shall support, assist and cooperate with state intelligence work.",
            "US CLOUD Act (2018) - US providers must disclose data in their possession or control wherever it is stored.",
            "Facebook, An Update on Our Plans to Restrict Data Access (4 Apr 2018) - the data of up to 87 million people, mostly friends of about 270,000 users of a personality quiz, passed to Cambridge Analytica; UK ICO monetary penalty (Oct 2018).",
        ],
        Mitigations:
        [
            "Keep data about people in a jurisdiction where they can enforce their rights, or send only what is end-to-end encrypted or aggregated.",
            "Before a transfer, assess the receiving jurisdiction's access laws and add safeguards (standard contractual clauses with supplementary measures; PIPL Art. 38 mechanisms), and tell people (PIPL Art. 39).",
            "Declare a legal basis (protections.legalBasis) or obtain consent (protections.consent) for every flow that gives data to another organization.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var graph = context.Graph;
        var model = context.Model;
        var jurisdictionGroups = new Dictionary<(string Party, string Subject), Group>();
        var basisGroups = new Dictionary<(string Party, string Subject), Group>();
        var jurisdictionOrder = new List<(string, string)>();
        var basisOrder = new List<(string, string)>();

        var delivered = new List<DataItem>();
        var subjects = new List<string>();
        var buffer = new FactBuffer();
        var items = new List<DataItem>();
        foreach (var flow in model.Flows)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!model.TryGetElement(flow.From, out var from) || !model.TryGetElement(flow.To, out var to) || !DataFlowGraph.CrossesOrganization(from, to))
                continue;
            var crossesJurisdiction = DataFlowGraph.CrossesJurisdiction(from, to);
            var risk = JurisdictionRisk(model, crossesJurisdiction, from, to);
            var facts = graph.FactsOf(flow);
            // A flow whose consent is only some people's may lack a ground for the others (checked per subject below).
            var noBasis = !facts.HasLegalGround || facts.ConsentIsLimited;
            // Without a jurisdiction risk or a missing legal basis the flow adds to no group.
            if (!(risk.LosesRights || risk.Compelled) && !noBasis)
                continue;

            // The items delivered readable about single people, each once, in order; then their subjects in order.
            delivered.Clear();
            subjects.Clear();
            ReadableItems(graph, flow, buffer, delivered, subjects);

            if (delivered.Count == 0)
                continue;
            var party = PartyNames.PartyOf(to);
            foreach (var subjectId in subjects)
            {
                items.Clear();
                foreach (var item in delivered)
                {
                    if (item.SubjectId == subjectId)
                        items.Add(item);
                }

                if (risk.LosesRights || risk.Compelled)
                    Add(jurisdictionGroups, jurisdictionOrder, (party, subjectId), flow, to, items, risk, collection: false);
                var returnsToSubject = to.Type == ElementType.Person && string.Equals(to.SubjectId, subjectId, StringComparison.Ordinal);
                if (noBasis && !returnsToSubject && !facts.HasLegalGroundFor(subjectId))
                    Add(basisGroups, basisOrder, (party, subjectId), flow, to, items, risk, collection: IsCollectionFromThePeople(from, subjectId));
            }
        }

        foreach (var key in jurisdictionOrder)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return JurisdictionFinding(graph, key.Item1, key.Item2, jurisdictionGroups[key]);
        }

        foreach (var key in basisOrder)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return LegalBasisFinding(graph, key.Item1, key.Item2, basisGroups[key]);
        }
    }

    private Finding JurisdictionFinding(DataFlowGraph graph, string party, string subjectId, Group group)
    {
        var model = graph.Model;
        var subject = model.TryGetSubject(subjectId, out var s) ? s : null;
        var subjectName = subject?.Name ?? subjectId;
        var receiver = group.Receivers[0];
        var partyName = PartyNames.PartyName(model, receiver);
        var jurisdictions = group.Receivers.Select(r => PartyNames.Jurisdiction(model, r.JurisdictionId)).OfType<Jurisdiction>()
            .DistinctBy(j => j.Id).ToList();
        var jurisdictionNames = FindingText.List([.. jurisdictions.Select(j => j.Name)]);
        var sensitive = group.Items.Any(DataSensitivity.IsSensitive);
        var grave = group.Items.Any(i => DataSensitivity.IsGrave(i) || i.Kind == DataItemKind.CommunicationContent);
        var powerful = OrganizationPower.Find(model, receiver.OrganizationId) is { } org && OrganizationPower.Over(org);

        // Each reason is rated on its own; the finding takes the graver.
        var ratings = new List<(Likelihood Likelihood, Impact Impact)>();
        var reasons = new List<string>();
        if (group.Compelled)
        {
            ratings.Add((Likelihood.Likely, subject?.Vulnerable == true || grave ? Impact.Severe : Impact.Major));
            reasons.Add($"authorities in {jurisdictionNames} can compel access to it without independent oversight");
        }

        // Rights every receiver gives by design (RightsByDesign) make the loss less likely to bite, but no independent
        // authority enforces them: the likelihood of this reason drops a step. They do nothing against compelled access.
        var byDesign = group.Receivers.All(RightsByDesign.Grants);
        if (group.LosesRights)
        {
            ratings.Add((byDesign ? Likelihood.Possible : Likelihood.Likely, sensitive || powerful || subject?.Vulnerable == true ? Impact.Major : Impact.Moderate));
            reasons.Add($"{subjectName} cannot enforce access, deletion or redress in {jurisdictionNames}, as they could where the data came from"
                + (byDesign ? $" (only {partyName}'s own promise of correction, deletion and appeal, which no independent authority enforces)" : string.Empty));
        }

        var (likelihood, impact) = ratings.OrderByDescending(r => SeverityMatrix.Of(r.Likelihood, r.Impact)).ThenByDescending(r => r.Impact).First();
        var withoutConsent = graph.PeopleWithoutConsent(group.Flows, [subjectId]);
        impact = NonConsentingImpact.Raise(impact, withoutConsent);
        var flows = FindingText.List([.. group.Flows.Select(f => f.Id)]);
        var builder = new FindingBuilder(Metadata, $"jurisdiction|{party}|{subjectId}")
            .Titled($"Data about {subjectName} crosses into {jurisdictionNames} at {partyName}, where they have no recourse")
            .Because($"{FindingText.List([.. group.Items.Select(i => i.Name)])} about {subjectName} {(group.Items.Count == 1 ? "crosses" : "cross")} into {jurisdictionNames} on {flows} to {partyName}, and {FindingText.List(reasons)}.{NonConsentingImpact.Sentence(withoutConsent)}")
            .Rated(likelihood, impact)
            .About(subjectId)
            .Involving(group.Items.Select(i => i.Id))
            .At(group.Receivers.Select(r => r.Id))
            .Mitigated($"Keep the data about {subjectName} out of {jurisdictionNames}: process it where people can enforce their rights, send {partyName} only end-to-end encrypted or aggregated data, or add safeguards that hold against the local access law (GDPR Art. 46; PIPL Art. 38) and tell people (PIPL Art. 39).")
            .PointingTo(group.Flows[0].Span);
        foreach (var flow in group.Flows)
            builder.Along(flow.Id).Remedied(new AddProtection(flow.Id, "end-to-end-encryption"));
        foreach (var flow in group.Flows)
        {
            foreach (var item in group.Items)
            {
                if (flow.Items.Contains(item.Id, StringComparer.Ordinal))
                    builder.Remedied(new DropItem(flow.Id, item.Id));
            }
        }

        // Where the data loses only rights (no compelled access): keep the receivers where the data came from, or
        // (weaker: the likelihood drops, the finding stays) give the rights by design at every receiver that can.
        if (group.LosesRights && !group.Compelled)
        {
            var home = group.Flows.Select(f => model.TryGetElement(f.From, out var from) ? PartyNames.Jurisdiction(model, from.JurisdictionId) : null)
                .FirstOrDefault(j => j is { SubjectRights: true });
            if (home is not null)
            {
                foreach (var element in group.Receivers)
                    builder.Remedied(new MoveToJurisdiction(element.Id, home.Id));
            }

            if (group.Receivers.All(RightsByDesign.CanGrant))
            {
                foreach (var element in group.Receivers.Where(r => !RightsByDesign.Grants(r)))
                    builder.Remedied(new GrantRights(element.Id));
            }
        }

        return builder.Build();
    }

    private Finding LegalBasisFinding(DataFlowGraph graph, string party, string subjectId, Group group)
    {
        var model = graph.Model;
        var subject = model.TryGetSubject(subjectId, out var s) ? s : null;
        var subjectName = subject?.Name ?? subjectId;
        var partyName = PartyNames.PartyName(model, group.Receivers[0]);
        var sensitive = group.Items.Any(DataSensitivity.IsSensitive) || subject?.Vulnerable == true;
        var collection = group.AllCollection;
        var likelihood = collection ? Likelihood.Possible : Likelihood.Likely;
        var withoutConsent = graph.PeopleWithoutConsent(group.Flows, [subjectId]);
        // People who hand over their own data chose something; the scale of the non-consenting counts only transfers.
        if (collection)
            withoutConsent = 0;
        var impact = NonConsentingImpact.Raise(sensitive ? Impact.Major : Impact.Moderate, withoutConsent);
        var othersConsented = group.Flows.Any(f => graph.FactsOf(f).ConsentIsLimited);
        var what = collection
            ? $"{partyName} collects {FindingText.List([.. group.Items.Select(i => i.Name)])} directly from {subjectName}"
            : $"{FindingText.List([.. group.Items.Select(i => i.Name)])} about {subjectName} {(group.Items.Count == 1 ? "passes" : "pass")} to {partyName}";
        var flows = FindingText.List([.. group.Flows.Select(f => f.Id)]);

        var builder = new FindingBuilder(Metadata, $"legal-basis|{party}|{subjectId}")
            .Titled(collection
                ? $"{FindingText.Capitalize(partyName)} collects data about {subjectName} with no legal basis declared"
                : $"Data about {subjectName} passes to {partyName} with no legal basis or consent declared")
            .Because($"{FindingText.Capitalize(what)} on {flows}, and "
                + (othersConsented
                    ? $"none of these flows declares a legal basis, or consent that {subjectName} gave: the consent they record is other people's, who cannot give it for them. "
                    : "none of these flows declares a legal basis or consent. ")
                + (collection
                    ? "This is collection from the people themselves rather than a transfer between organizations, but they cannot tell whether it is lawful or object to it."
                    : "People did not give it to this organization and cannot tell on what ground it holds their data, so they cannot object or seek redress.")
                + NonConsentingImpact.Sentence(withoutConsent))
            .Rated(likelihood, impact)
            .About(subjectId)
            .Involving(group.Items.Select(i => i.Id))
            .At(group.Receivers.Select(r => r.Id))
            .Mitigated($"Declare the legal basis (protections.legalBasis: consent, contract, legal-obligation, vital-interest, public-task or legitimate-interest) or record consent (protections.consent: true) on {flows}; if none applies, do not send the data to {partyName}.")
            .PointingTo(group.Flows[0].Span);
        foreach (var flow in group.Flows)
            builder.Along(flow.Id).Remedied(new AddProtection(flow.Id, "consent"));
        return builder.Build();
    }

    /// <summary>
    /// True when a person hands over data about their own group: collection, not transfer. A person who uploads data about
    /// others (an address book) transfers it: those others never dealt with the receiver.
    /// </summary>
    private static bool IsCollectionFromThePeople(Element sender, string subjectId) =>
        sender.Type == ElementType.Person && (sender.SubjectId is null || string.Equals(sender.SubjectId, subjectId, StringComparison.Ordinal));

    /// <summary>What crossing from <paramref name="from"/> to <paramref name="to"/> does to people's recourse. Unspecified jurisdictions are unknown and compare with nothing.</summary>
    private static (bool LosesRights, bool Compelled) JurisdictionRisk(SystemModel model, bool crosses, Element from, Element to)
    {
        if (!crosses || IsUnknown(from.JurisdictionId) || IsUnknown(to.JurisdictionId))
            return (false, false);
        var source = PartyNames.Jurisdiction(model, from.JurisdictionId);
        var target = PartyNames.Jurisdiction(model, to.JurisdictionId);
        if (source is null || target is null)
            return (false, false);
        return (!target.SubjectRights && source.SubjectRights, target.CompelledAccess);
    }

    private static bool IsUnknown(string? jurisdictionId) =>
        jurisdictionId is null || string.Equals(jurisdictionId, Jurisdictions.Unspecified, StringComparison.Ordinal);

    private static void Add(
        Dictionary<(string, string), Group> groups,
        List<(string, string)> order,
        (string, string) key,
        Flow flow,
        Element receiver,
        List<DataItem> items,
        (bool LosesRights, bool Compelled) risk,
        bool collection)
    {
        if (!groups.TryGetValue(key, out var group))
        {
            groups[key] = group = new Group();
            order.Add(key);
        }

        if (group.FlowIds.Add(flow.Id))
            group.Flows.Add(flow);
        if (group.ReceiverIds.Add(receiver.Id))
            group.Receivers.Add(receiver);
        foreach (var item in items)
        {
            if (group.ItemIds.Add(item.Id))
                group.Items.Add(item);
        }

        group.LosesRights |= risk.LosesRights;
        group.Compelled |= risk.Compelled;
        group.AllCollection &= collection;
    }

    /// <summary>The items the flow delivers readable about single people, each once, in order (<paramref name="items"/>), and their subjects in order.</summary>
    private static void ReadableItems(DataFlowGraph graph, Flow flow, FactBuffer buffer, List<DataItem> items, List<string> subjects)
    {
        items.Clear();
        subjects.Clear();
        foreach (var (item, form) in buffer.Delivered(graph, flow))
        {
            if (!form.ReadableAboutIndividuals || ContainsId(items, item.Id))
                continue;
            items.Add(item);
            if (!subjects.Contains(item.SubjectId))
                subjects.Add(item.SubjectId);
        }
    }

    private static bool ContainsId(List<DataItem> items, string id)
    {
        foreach (var item in items)
        {
            if (item.Id == id)
                return true;
        }

        return false;
    }

    /// <summary>The flows, receivers and items of one (receiving party, subject) pair.</summary>
    private sealed class Group
    {
        public List<Flow> Flows { get; } = [];

        public List<Element> Receivers { get; } = [];

        public List<DataItem> Items { get; } = [];

        /// <summary>The ids in <see cref="Flows"/>, so a party receiving many flows is not scanned for each.</summary>
        public HashSet<string> FlowIds { get; } = new(StringComparer.Ordinal);

        /// <summary>The ids in <see cref="Receivers"/>.</summary>
        public HashSet<string> ReceiverIds { get; } = new(StringComparer.Ordinal);

        /// <summary>The ids in <see cref="Items"/>.</summary>
        public HashSet<string> ItemIds { get; } = new(StringComparer.Ordinal);

        public bool LosesRights { get; set; }

        public bool Compelled { get; set; }

        public bool AllCollection { get; set; } = true;
    }
}
