using ThreatModel.Analysis;
using ThreatModel.Model;
using ThreatModel.Rules.Support;

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
        var graph = context.Graph;
        var model = context.Model;
        var table = PurposeCompatibility.For(model);
        var collected = new CollectionPurposeIndex(graph);
        var creeps = new Dictionary<string, Creep>(StringComparer.Ordinal);
        var order = new List<string>();
        var delivered = new HashSet<string>(StringComparer.Ordinal);
        // Organization names by id, the first of each id as PartyNames.Organization finds it: one look-up per finding, not a scan.
        var organizations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in model.Organizations)
            organizations.TryAdd(organization.Id, organization.Name);

        foreach (var flow in model.Flows)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!model.TryGetElement(flow.From, out _) || !model.TryGetElement(flow.To, out var receiver))
                continue;
            var usedFor = PurposeCompatibility.Normalize(flow.Purpose);
            // What IndividualHoldings.DeliveredAboutIndividuals answers, in one set reused for every flow.
            delivered.Clear();
            foreach (var (deliveredItem, form) in graph.FormsDeliveredBy(flow))
            {
                if (form.ReadableAboutIndividuals)
                    delivered.Add(deliveredItem.Id);
            }

            foreach (var itemId in flow.Items.Distinct(StringComparer.Ordinal))
            {
                if (!delivered.Contains(itemId) || !model.TryGetItem(itemId, out var item) || (receiver.Type == ElementType.Person && receiver.SubjectId == item.SubjectId))
                    continue;
                foreach (var (collectedFor, trail) in collected.At(flow.From, item))
                {
                    if (table.Compare(collectedFor, usedFor) != PurposeVerdict.Incompatible)
                        continue;
                    // Report where the new purpose first appears, not at every later hop that continues it.
                    if (trail.LaterPurposes.Contains(usedFor))
                        continue;
                    var receivingOrganization = receiver.OrganizationId ?? receiver.Id;
                    var key = $"{collectedFor}|{usedFor}|{receivingOrganization}";
                    if (!creeps.TryGetValue(key, out var creep))
                    {
                        creeps[key] = creep = new Creep(collectedFor, usedFor, receivingOrganization);
                        order.Add(key);
                    }

                    creep.Add(item, flow, [.. trail.PathIds, flow.Id]);
                }
            }
        }

        // Identifiers are collected everywhere and travel with every record; they join a change of purpose but do not make one.
        foreach (var key in order.Where(k => creeps[k].Items.Any(i => !IsKeyMaterial(i))))
            yield return ToFinding(model, organizations, key, creeps[key]);
    }

    private static bool IsKeyMaterial(DataItem item) =>
        item.Kind is DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier;

    private Finding ToFinding(SystemModel model, Dictionary<string, string> organizations, string key, Creep creep)
    {
        var items = creep.Items;
        var subjects = items.Select(i => i.SubjectId).Distinct(StringComparer.Ordinal).ToList();
        var consented = creep.Flows.All(f => f.Protections.Consent && string.Equals(f.Protections.LegalBasis, "consent", StringComparison.OrdinalIgnoreCase));
        var consequential = PurposeCompatibility.IsConsequential(creep.UsedFor);
        var collector = model.TryGetElement(model.Flow(creep.ShortestPath[0]).To, out var collecting) ? collecting.OrganizationId ?? collecting.Id : null;
        var inHouse = collector == creep.ReceivingOrganization;
        var impact = consequential ? Impact.Major : inHouse ? Impact.Minor : Impact.Moderate;
        var sensitive = items.Any(i => i.Stigmatizing || i.SpecialCategory is not null || i.Kind is DataItemKind.SpecialCategory
            or DataItemKind.Biometric or DataItemKind.Location or DataItemKind.CommunicationContent);
        var vulnerable = subjects.Any(s => model.TryGetSubject(s, out var subject) && subject.Vulnerable);
        if ((sensitive || vulnerable) && impact < Impact.Severe)
            impact++;
        // Consent to the new purpose is the legal cure (GDPR Art. 6(4), PIPL Art. 14); the harm remains where consent is not free.
        var likelihood = consented ? Likelihood.Rare : Likelihood.Certain;

        var receiverName = organizations.TryGetValue(creep.ReceivingOrganization, out var organizationName)
            ? organizationName
            : PartyNames.Element(model, creep.ReceivingOrganization);
        var path = creep.ShortestPath;
        var collectingFlow = path[0];
        var usingFlow = model.Flow(path[^1]);
        var subjectNames = FindingText.List(subjects.Select(s => model.TryGetSubject(s, out var subject) ? subject.Name : s));
        var stakes = consequential ? $" {FindingText.Capitalize(creep.UsedFor)} acts on the people it is about, so the new use can cost them access, money or liberty." : string.Empty;
        var consentText = consented
            ? $" The flows into {receiverName} declare consent for {creep.UsedFor}, which lowers the likelihood; check that refusing is a real option."
            : string.Empty;
        var message = $"{receiverName} receives {FindingText.List(items.Select(i => i.Name))} about {subjectNames} for {creep.UsedFor} (flow {usingFlow.Id}), "
            + $"data collected for {creep.CollectedFor} (flow {collectingFlow}); path {FindingText.Path(path)}. "
            + $"{FindingText.Capitalize(creep.UsedFor)} is not compatible with {creep.CollectedFor} in the purpose table (docs/purposes.md) or the design's purposes: "
            + $"people gave these data for one thing and they are used for another."
            + (inHouse ? " The new use stays inside the organization that collected them." : string.Empty)
            + $"{stakes}{consentText}";

        var builder = new FindingBuilder(Metadata, key)
            .Titled($"Data collected for {creep.CollectedFor} are used for {creep.UsedFor} at {receiverName}")
            .Because(message)
            .Rated(likelihood, impact)
            .About(subjects)
            .Involving(items.Select(i => i.Id))
            .At(creep.Flows.Select(f => f.To))
            .Along(path)
            .Mitigated($"Stop the flow of {FindingText.List(items.Select(i => i.Name))} into {receiverName} for {creep.UsedFor}, or collect anew for it with notice and consent "
                + $"(protections.legalBasis: consent, consent: true); release only aggregates if {creep.UsedFor} needs statistics; if the use is genuinely compatible, "
                + $"declare it under purposes: (id: {creep.UsedFor}, compatibleWith: [{creep.CollectedFor}]) and record why.")
            .PointingTo(usingFlow.Span);
        return builder.Build();
    }

    /// <summary>One (collection purpose, new purpose, receiving organization) with what travels that way.</summary>
    private sealed class Creep(string collectedFor, string usedFor, string receivingOrganization)
    {
        private readonly List<DataItem> _items = [];
        private readonly List<Flow> _flows = [];
        private readonly HashSet<DataItem> _itemSet = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<Flow> _flowSet = new(ReferenceEqualityComparer.Instance);

        public string CollectedFor { get; } = collectedFor;

        public string UsedFor { get; } = usedFor;

        public string ReceivingOrganization { get; } = receivingOrganization;

        public IReadOnlyList<DataItem> Items => _items;

        public IReadOnlyList<Flow> Flows => _flows;

        public IReadOnlyList<string> ShortestPath { get; private set; } = [];

        public void Add(DataItem item, Flow flow, IReadOnlyList<string> path)
        {
            if (_itemSet.Add(item))
                _items.Add(item);
            if (_flowSet.Add(flow))
                _flows.Add(flow);
            if (ShortestPath.Count == 0 || IndividualHoldings.ComparePaths(path, ShortestPath) < 0)
                ShortestPath = path;
        }
    }
}
