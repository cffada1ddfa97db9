using System.Runtime.InteropServices;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.PurposeCreep;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM006 purpose-creep: data collected for one purpose flow on into processing for an incompatible one
/// (payments into social scoring, contact tracing into policing). Compatibility follows docs/purposes.md, extended by
/// the design's <c>purposes:</c>. See docs/rules/TM006-purpose-creep.md.
/// </summary>
public sealed class PurposeCreepRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM006",
        Name: "purpose-creep",
        Title: "Data collected for one purpose are used for an incompatible one",
        Summary: "Data people gave for one purpose (to pay, to message, to trace infections) flow on into processing for another "
            + "purpose that the first does not cover: social scoring, policing, advertising, hiring. People shared the data under "
            + "one set of expectations; the new use breaks them, often where the new user has power over them.",
        Linddun: LinddunCategory.NonCompliance,
        LinddunSubcategory: "Purpose limitation: processing beyond the purpose of collection",
        Solove: SoloveHarm.SecondaryUse,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(b) purpose limitation", "Art. 6(4) compatibility of further processing", "Art. 13 / 14 information to be provided"],
        Pipl: ["Art. 6 clear and reasonable purpose, directly related processing", "Art. 14 new consent when the purpose changes"],
        Research:
        [
            "Nissenbaum H. (2004) Privacy as Contextual Integrity. Washington Law Review 79(1):119 - flows that break the norms of the context they came from.",
            "Solove D. J. (2006) A Taxonomy of Privacy. U. Pa. L. Rev. 154(3):477 - secondary use.",
            "Singapore Parliament, 4-5 January 2021: TraceTogether contact-tracing data obtainable by police under Criminal Procedure Code s. 20; use later limited by law to seven categories of serious offences (Straits Times, 2021-01-08, 2021-02-06).",
            "Creemers R. (2018) China's Social Credit System: An Evolving Practice of Control. SSRN 3175792 - data shared between departments for sanctions.",
        ],
        Mitigations:
        [
            "Do not pass data on for a purpose the collection did not announce; collect anew, with notice and consent, for the new purpose.",
            "Where the new purpose only needs statistics, release aggregates (aggregationThreshold, differential privacy).",
            "If the new purpose is genuinely compatible, declare it under purposes: with the reason, so reviewers can challenge it.",
            "Bind the data to its purpose by law or contract, with deletion when the purpose ends (as Singapore did for TraceTogether).",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.Model;
        var compatibility = PurposeCompatibility.For(model);
        var creeps = FindCreeps(context, compatibility);
        // Organization names by id, the first of each id as PartyNames.Organization finds it: one look-up per finding, not a scan.
        var organizations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in model.Organizations)
            organizations.TryAdd(organization.Id, organization.Name);

        // Identifiers are collected everywhere and travel with every record; they join a change of purpose but do not make one.
        foreach (var creep in creeps)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (creep.CarriesMoreThanKeyMaterial())
                yield return ToFinding(context.Graph, compatibility, organizations, creep);
        }
    }

    /// <summary>
    /// Every (collection purpose, new purpose, receiving organization) in order of first appearance, flow by flow in
    /// design order. Purposes, elements, items and flows are the integers of <see cref="FlowTable"/>, and trails stay
    /// predecessor links until a finding spells out its path.
    /// </summary>
    private static List<Creep> FindCreeps(AnalysisContext context, PurposeCompatibility compatibility)
    {
        var graph = context.Graph;
        var model = context.Model;
        var flows = new FlowTable(model);
        var verdicts = new PurposeVerdictTable(compatibility, flows.PurposeNames);
        var collected = new CollectionPurposeIndex(flows);
        var trails = collected.Trails;
        var creeps = new List<Creep>();
        var creepsByKey = new Dictionary<CreepKey, Creep>();
        // A finding is keyed by "collected|used|organization"; where a purpose contains '|', two different triples can
        // spell one key and make one finding, so the text decides there.
        var creepsByText = flows.PurposeNames.Any(p => p.Contains('|', StringComparison.Ordinal))
            ? new Dictionary<string, Creep>(StringComparer.Ordinal)
            : null;
        var organizationNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        // The number of each receiver's organization plus one (0: not yet looked up): one look-up per receiver, not per flow.
        var organizationOfReceiver = new int[model.Elements.Count];
        var deliveries = new ReadableDeliveries(graph);

        for (var f = 0; f < flows.FlowCount; f++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var from = flows.From(f);
            if (from < 0)
                continue;
            var flow = model.Flows[f];
            var receiver = model.Elements[flows.To(f)];
            var usedFor = flows.Purpose(f);
            string? receivingOrganization = null;
            var organization = -1;
            foreach (var itemPosition in flows.Items(f))
            {
                var item = model.Items[itemPosition];
                if (receiver.Type == ElementType.Person && receiver.SubjectId == item.SubjectId)
                    continue;
                // The graph is asked what the flow delivers only when a purpose could creep; where the order of searches
                // matters (derivations deeper than the index follows), an item is searched only once it is known delivered.
                var deliveryChecked = false;
                if (!collected.MayReadAhead(itemPosition))
                {
                    if (!deliveries.ReadableAboutIndividuals(flow, item))
                        continue;
                    deliveryChecked = true;
                }

                foreach (var held in collected.At(from, itemPosition))
                {
                    if (verdicts.Compare(held.Purpose, usedFor) != PurposeVerdict.Incompatible)
                        continue;
                    // Report where the new purpose first appears, not at every later hop that continues it.
                    if (trails.LaterFlowHasPurpose(held.Trail, held.LaterPurposes, usedFor))
                        continue;
                    if (!deliveryChecked)
                    {
                        if (!deliveries.ReadableAboutIndividuals(flow, item))
                            break;
                        deliveryChecked = true;
                    }

                    if (receivingOrganization is null)
                    {
                        receivingOrganization = receiver.OrganizationId ?? receiver.Id;
                        organization = organizationOfReceiver[flows.To(f)] - 1;
                        if (organization < 0)
                        {
                            if (!organizationNumbers.TryGetValue(receivingOrganization, out organization))
                                organizationNumbers[receivingOrganization] = organization = organizationNumbers.Count;
                            organizationOfReceiver[flows.To(f)] = organization + 1;
                        }
                    }

                    var key = new CreepKey(held.Purpose, usedFor, organization);
                    if (!creepsByKey.TryGetValue(key, out var creep))
                    {
                        var collectedFor = flows.PurposeNames[held.Purpose];
                        var newPurpose = flows.PurposeNames[usedFor];
                        if (creepsByText is null || !creepsByText.TryGetValue(Creep.KeyOf(collectedFor, newPurpose, receivingOrganization), out creep))
                        {
                            creep = new Creep(collectedFor, newPurpose, receivingOrganization, trails);
                            creeps.Add(creep);
                            creepsByText?.Add(creep.Key, creep);
                        }

                        creepsByKey[key] = creep;
                    }

                    creep.Add(item, flow, held, f);
                }
            }
        }

        return creeps;
    }

    private static bool IsKeyMaterial(DataItem item) =>
        item.Kind is DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier;

    private Finding ToFinding(DataFlowGraph graph, PurposeCompatibility compatibility, Dictionary<string, string> organizations, Creep creep)
    {
        var model = graph.Model;
        var key = creep.Key;
        var items = creep.Items;
        var subjects = creep.SubjectIds();
        // Consent lowers the likelihood only when it is the consent of every group the data is about: quiz takers cannot
        // consent for their friends (consentOf).
        var consented = true;
        foreach (var flow in creep.Flows)
        {
            var facts = FlowFacts.Of(flow);
            consented &= facts.ConsentIsTheBasis;
            foreach (var subjectId in subjects)
                consented &= facts.ConsentedBy(subjectId);
        }
        var consequential = PurposeCompatibility.IsConsequential(creep.UsedFor);
        var routes = creep.Routes();
        var path = routes[0];
        var collector = model.TryGetElement(model.Flow(path[0]).To, out var collecting) ? collecting.OrganizationId ?? collecting.Id : null;
        var inHouse = collector == creep.ReceivingOrganization;
        var impact = consequential ? Impact.Major : inHouse ? Impact.Minor : Impact.Moderate;
        var sensitive = false;
        var itemIds = new string[items.Count];
        var itemNames = new string[items.Count];
        for (var k = 0; k < items.Count; k++)
        {
            var item = items[k];
            sensitive |= item.Stigmatizing || item.SpecialCategory is not null || item.Kind is DataItemKind.SpecialCategory
                or DataItemKind.Biometric or DataItemKind.Location or DataItemKind.CommunicationContent;
            itemIds[k] = item.Id;
            itemNames[k] = item.Name;
        }

        var vulnerable = false;
        var subjectNames = new string[subjects.Count];
        for (var k = 0; k < subjects.Count; k++)
        {
            var known = model.TryGetSubject(subjects[k], out var subject);
            vulnerable |= known && subject.Vulnerable;
            subjectNames[k] = known ? subject.Name : subjects[k];
        }

        if ((sensitive || vulnerable) && impact < Impact.Severe)
            impact++;
        var withoutConsent = graph.PeopleWithoutConsent(creep.Flows, subjects);
        impact = NonConsentingImpact.Raise(impact, withoutConsent);
        // Consent to the new purpose is the legal cure (GDPR Art. 6(4), PIPL Art. 14); the harm remains where consent is not free.
        var likelihood = consented ? Likelihood.Rare : Likelihood.Certain;

        var receiverName = organizations.TryGetValue(creep.ReceivingOrganization, out var organizationName)
            ? organizationName
            : PartyNames.Element(model, creep.ReceivingOrganization);
        var collectingFlow = path[0];
        var usingFlow = model.Flow(path[^1]);
        var itemList = FindingText.List(itemNames);
        var newUse = FindingText.Capitalize(creep.UsedFor);
        var message = $"{receiverName} receives {itemList} about {FindingText.List(subjectNames)} for {creep.UsedFor} (flow {usingFlow.Id}), "
            + $"data collected for {creep.CollectedFor} (flow {collectingFlow}); path {FindingText.Path(path)}"
            + $"{(routes.Count > 1 ? $" (the shortest of {routes.Count} routes)" : string.Empty)}. "
            + Incompatibility(compatibility, newUse, creep.CollectedFor, creep.UsedFor)
            + "people gave these data for one thing and they are used for another."
            + $"{(inHouse ? " The new use stays inside the organization that collected them." : string.Empty)}"
            + $"{(consequential ? $" {newUse} acts on the people it is about, so the new use can cost them access, money or liberty." : string.Empty)}"
            + NonConsentingImpact.Sentence(withoutConsent)
            + $"{(consented ? $" The flows into {receiverName} declare consent for {creep.UsedFor}, which lowers the likelihood; check that refusing is a real option." : string.Empty)}";

        var builder = new FindingBuilder(Metadata, key)
            .Titled($"Data collected for {creep.CollectedFor} are used for {creep.UsedFor} at {receiverName}")
            .Because(message)
            .Rated(likelihood, impact)
            .About(subjects)
            .Involving(itemIds)
            .At(creep.Receivers())
            .Along(path);
        // One finding per root cause: every route that brings data collected for this purpose to this use here is evidence.
        for (var k = 1; k < routes.Count; k++)
            builder.Along(routes[k]);
        return builder
            .Mitigated($"Stop the flow of {itemList} into {receiverName} for {creep.UsedFor}, or collect anew for it with notice and consent "
                + $"(protections.legalBasis: consent, consent: true); release only aggregates if {creep.UsedFor} needs statistics; if the use is genuinely compatible, "
                + $"declare it under purposes: (id: {creep.UsedFor}, compatibleWith: [{creep.CollectedFor}]) and record why.")
            .PointingTo(usingFlow.Span)
            .Build();
    }

    /// <summary>Why the two purposes do not fit: the table says so, or one of them is in neither the table nor the design.</summary>
    private static string Incompatibility(PurposeCompatibility compatibility, string newUse, string collectedFor, string usedFor)
    {
        var unknown = !compatibility.IsKnown(usedFor) ? usedFor : !compatibility.IsKnown(collectedFor) ? collectedFor : null;
        return unknown is null
            ? $"{newUse} is not compatible with {collectedFor} in the purpose table (docs/purposes.md) or the design's purposes: "
            : $"The purpose '{unknown}' is in neither the purpose table (docs/purposes.md) nor the design's purposes:, so it counts as "
                + $"compatible with no other purpose (declare it under purposes: with what it may follow, or correct its spelling): ";
    }

    /// <summary>A (collection purpose, new purpose, receiving organization) by number.</summary>
    private readonly record struct CreepKey(int CollectedFor, int UsedFor, int Organization);

    /// <summary>One (collection purpose, new purpose, receiving organization) with what travels that way.</summary>
    private sealed class Creep(string collectedFor, string usedFor, string receivingOrganization, TrailStore trails)
    {
        // Lists keep first-seen order; a set joins them only when they grow past a few entries.
        private const int SmallList = 8;

        private readonly List<DataItem> _items = [];
        private readonly List<Flow> _flows = [];
        private HashSet<DataItem>? _itemSet;
        private HashSet<Flow>? _flowSet;
        // Routes as (trail, using flow), repeats included: Routes() sorts them and keeps each sequence of flows once.
        private readonly List<(int Trail, int Last)> _routes = [];

        public string CollectedFor { get; } = collectedFor;

        public string UsedFor { get; } = usedFor;

        public string ReceivingOrganization { get; } = receivingOrganization;

        /// <summary>What makes the finding distinct among TM006's findings.</summary>
        public string Key => KeyOf(CollectedFor, UsedFor, ReceivingOrganization);

        public IReadOnlyList<DataItem> Items => _items;

        public IReadOnlyList<Flow> Flows => _flows;

        /// <summary>
        /// Every route by which the data travel this way, each once: a collecting trail, then the flow that uses it for the
        /// new purpose. Shortest first, ties by flow ids from the collecting end.
        /// </summary>
        public List<string[]> Routes()
        {
            // Each item of a route added it once more: the same (trail, flow) pairs are spelled out once.
            var pairs = CollectionsMarshal.AsSpan(_routes);
            pairs.Sort();
            var distinct = 0;
            for (var k = 0; k < pairs.Length; k++)
            {
                if (distinct == 0 || pairs[k] != pairs[distinct - 1])
                    pairs[distinct++] = pairs[k];
            }

            // Spelled out first, then sorted as arrays: comparing ids in an array costs less than walking two trails per comparison.
            var routes = new string[distinct][];
            for (var k = 0; k < routes.Length; k++)
                routes[k] = trails.Ids(pairs[k].Trail, pairs[k].Last);
            if (routes.Length > 1)
                Array.Sort(routes, CompareRoutes);
            var ids = new List<string[]>(routes.Length);
            foreach (var route in routes)
            {
                // The same route added twice, or trails of different items that spell the same flows, sort next to each other and count once.
                if (ids.Count == 0 || !ids[^1].AsSpan().SequenceEqual(route))
                    ids.Add(route);
            }

            return ids;
        }

        /// <summary>Shorter first, then flow id by flow id (ordinal) from the collecting end, as <see cref="TrailStore.CompareExtended"/> orders trails.</summary>
        private static int CompareRoutes(string[] a, string[] b)
        {
            var order = a.Length.CompareTo(b.Length);
            for (var k = 0; order == 0 && k < a.Length; k++)
                order = string.CompareOrdinal(a[k], b[k]);
            return order;
        }

        public static string KeyOf(string collectedFor, string usedFor, string receivingOrganization) =>
            $"{collectedFor}|{usedFor}|{receivingOrganization}";

        /// <summary>Adds <paramref name="item"/> arriving as <paramref name="held"/> and used on <paramref name="flow"/> (position <paramref name="flowPosition"/>).</summary>
        public void Add(DataItem item, Flow flow, CollectionPurposeIndex.Held held, int flowPosition)
        {
            AddOnce(_items, ref _itemSet, item);
            AddOnce(_flows, ref _flowSet, flow);
            _routes.Add((held.Trail, flowPosition));
        }

        /// <summary>The subjects of <see cref="Items"/>, each once, in order of first appearance.</summary>
        public List<string> SubjectIds()
        {
            var subjects = new List<string>();
            var seen = _items.Count > SmallList ? new HashSet<string>(StringComparer.Ordinal) : null;
            foreach (var item in _items)
            {
                if (seen is null ? !subjects.Contains(item.SubjectId) : seen.Add(item.SubjectId))
                    subjects.Add(item.SubjectId);
            }

            return subjects;
        }

        /// <summary>The receivers of <see cref="Flows"/>, in flow order (repeats included; the finding keeps each once).</summary>
        public string[] Receivers()
        {
            var receivers = new string[_flows.Count];
            for (var k = 0; k < receivers.Length; k++)
                receivers[k] = _flows[k].To;
            return receivers;
        }

        public bool CarriesMoreThanKeyMaterial()
        {
            foreach (var item in _items)
            {
                if (!IsKeyMaterial(item))
                    return true;
            }

            return false;
        }

        private static void AddOnce<T>(List<T> list, ref HashSet<T>? set, T value)
            where T : class
        {
            if (set is null)
            {
                foreach (var known in list)
                {
                    if (ReferenceEquals(known, value))
                        return;
                }

                list.Add(value);
                if (list.Count > SmallList)
                    set = new HashSet<T>(list, ReferenceEqualityComparer.Instance);
                return;
            }

            if (set.Add(value))
                list.Add(value);
        }
    }
}
