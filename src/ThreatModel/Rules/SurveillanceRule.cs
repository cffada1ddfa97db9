using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM009 surveillance: an organization with power over people watches them: continuous or covert collection of location,
/// communications, biometrics or device activity, message content readable by the platform that relays it, and
/// communication metadata visible to intermediaries. One finding per (organization, subject, kind of surveillance).
/// See docs/rules/TM009-surveillance.md.
/// </summary>
public sealed class SurveillanceRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM009",
        Name: "surveillance",
        Title: "An organization with power over people watches them",
        Summary: "Location, communications, faces or device activity are collected continuously or covertly by an organization that "
            + "can act on what it sees (a government, an employer, a platform), or message content and metadata are readable by the "
            + "service that relays them. Being watched by someone with power chills what people say, where they go and whom they meet, "
            + "and what is collected for one reason is there for any later one.",
        Linddun: LinddunCategory.DataDisclosure,
        LinddunSubcategory: "Excessive collection: continuous or covert monitoring, content readable by intermediaries",
        Solove: SoloveHarm.Surveillance,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(c) data minimisation", "Art. 9 special categories (biometric data for identification)", "Art. 25 data protection by design and by default", "Art. 35 impact assessment"],
        Pipl: ["Art. 26 image capture and identification equipment in public places", "Art. 28 sensitive personal information (biometrics, whereabouts)", "Art. 6 minimum scope"],
        Research:
        [
            "Solove D. J. (2006) A Taxonomy of Privacy. U. Pa. L. Rev. 154(3):477 - surveillance and its chilling effect.",
            "Citizen Lab (2020) We Chat, They Watch: How International Users Unwittingly Build up WeChat's Chinese Censorship Apparatus - files sent between non-China accounts scanned to train censorship.",
            "Mayer J., Mutchler P., Mitchell J. C. (2016) Evaluating the privacy properties of telephone metadata. PNAS 113(20):5536-5541 - metadata reveal relationships, locations and sensitive traits.",
            "de Montjoye Y.-A., Hidalgo C. A., Verleysen M., Blondel V. D. (2013) Unique in the Crowd: The privacy bounds of human mobility. Scientific Reports 3:1376.",
            "Shenzhen traffic police face recognition of jaywalkers, 2017-2018 (docs/research/social-credit-cases.md section 6).",
        ],
        Mitigations:
        [
            "Collect location and activity only when the person acts, not continuously, and never covertly.",
            "Encrypt message content end to end so the relaying service cannot read it.",
            "Minimise and shortly retain communication metadata; do not hand it to parties with power over the people.",
            "Do not run face recognition on people who have not opted in; match on the device and discard templates.",
            "Keep monitoring data away from the parts of the organization that evaluate, discipline or sanction people.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var observations = new Dictionary<string, Observation>(StringComparer.Ordinal);
        var order = new List<string>();
        Observation Observe(Organization organization, DataSubject subject, string kind)
        {
            var key = $"{organization.Id}|{subject.Id}|{kind}";
            if (!observations.TryGetValue(key, out var observation))
            {
                observations[key] = observation = new Observation(key, organization, subject, kind);
                order.Add(key);
            }

            return observation;
        }

        ObserveCollection(context, Observe);
        ObserveRelays(context, Observe);
        foreach (var key in order)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return ToFinding(observations[key]);
        }
    }

    /// <summary>The kind of surveillance an item of this kind allows, or null.</summary>
    private static string? KindOf(DataItemKind kind) => kind switch
    {
        DataItemKind.Location => "location",
        DataItemKind.CommunicationContent => "communication-content",
        DataItemKind.CommunicationMetadata => "communication-metadata",
        DataItemKind.Biometric => "biometric",
        DataItemKind.Behavioural => "device-activity",
        _ => null,
    };

    private static Impact BaseImpact(DataItemKind kind) =>
        kind is DataItemKind.Location or DataItemKind.CommunicationContent or DataItemKind.Biometric ? Impact.Major : Impact.Moderate;

    /// <summary>
    /// Continuous or covert collection read by an organization with power: the collector itself, and every powerful
    /// organization the item can travel to from the collecting flow.
    /// </summary>
    private static void ObserveCollection(AnalysisContext context, Func<Organization, DataSubject, string, Observation> observe)
    {
        var graph = context.Graph;
        var model = context.Model;
        var collections = new List<(Flow Flow, Element Receiver, DataItem Item, string Kind, DataSubject Subject)>();
        foreach (var flow in model.Flows)
        {
            if (!(flow.Collection.Continuous || flow.Collection.Covert) || !model.TryGetElement(flow.To, out var receiver))
                continue;
            var delivered = IndividualHoldings.DeliveredAboutIndividuals(graph, flow);
            foreach (var itemId in flow.Items.Distinct(StringComparer.Ordinal))
            {
                if (delivered.Contains(itemId) && model.TryGetItem(itemId, out var item) && KindOf(item.Kind) is { } kind && model.TryGetSubject(item.SubjectId, out var subject))
                    collections.Add((flow, receiver, item, kind, subject));
            }
        }

        if (collections.Count == 0)
            return;
        var collectionsOfItem = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var c = 0; c < collections.Count; c++)
        {
            var itemId = collections[c].Item.Id;
            if (!collectionsOfItem.TryGetValue(itemId, out var list))
                collectionsOfItem[itemId] = list = [];
            list.Add(c);
        }

        // The organizations each collected item can travel to from its collector: one search per collector and item (many
        // people send the same item to the same collector), shared by every organization.
        var reach = new Dictionary<(string Collector, string Item), IReadOnlySet<string>>();
        var walker = new ItemReach(graph);
        var order = new DesignOrder(model);
        foreach (var organization in model.Organizations)
        {
            if (!OrganizationPower.Over(organization))
                continue;
            context.CancellationToken.ThrowIfCancellationRequested();
            // Only the collections of items the organization reads can concern it; in the order of the collections.
            var readable = new Dictionary<string, Holding>(StringComparer.Ordinal);
            var relevant = new List<int>();
            foreach (var holding in order.ShortestOfOrganization(graph, organization.Id, i => collectionsOfItem.ContainsKey(i.Id)))
            {
                readable.Add(holding.Item.Id, holding);
                relevant.AddRange(collectionsOfItem[holding.Item.Id]);
            }

            relevant.Sort();
            foreach (var c in relevant)
            {
                var (flow, receiver, item, kind, subject) = collections[c];
                context.CancellationToken.ThrowIfCancellationRequested();
                var holding = readable[item.Id];
                if (!reach.TryGetValue((flow.To, item.Id), out var reached))
                    reach[(flow.To, item.Id)] = reached = walker.OrganizationsFrom(flow.To, item.Id);
                if (!reached.Contains(organization.Id))
                    continue;
                var how = (flow.Collection.Continuous, flow.Collection.Covert) switch
                {
                    (true, true) => "continuously and covertly",
                    (true, false) => "continuously",
                    _ => "covertly",
                };
                var impact = BaseImpact(item.Kind);
                if (flow.Collection.Covert) impact = Up(impact);
                if (subject.Vulnerable) impact = Up(impact);
                var collector = receiver.OrganizationId == organization.Id;
                var reason = collector
                    ? $"{item.Name} collected {how} by {receiver.Name} (flow {flow.Id})"
                    : $"{holding.Holder.Name} receives {item.Name}, collected {how} by {receiver.Name} (flow {flow.Id})";
                // The collecting flow, then (downstream) the organization's shortest route to the item.
                IReadOnlyList<string> path = collector ? [flow.Id]
                    : holding.PathIds.Contains(flow.Id) ? holding.PathIds
                    : [flow.Id, .. holding.PathIds];
                observe(organization, subject, kind).Add(reason, item, collector ? receiver.Id : holding.Holder.Id, path, flow.Span, Likelihood.Certain, impact, flow.Collection.Covert);
            }
        }
    }

    /// <summary>
    /// Organizations that can read the communications they relay to people: content (not end-to-end encrypted) and
    /// metadata. An organization relays an item when one of its elements sends it to a person and it receives the item
    /// from someone outside it other than that person.
    /// </summary>
    private static void ObserveRelays(AnalysisContext context, Func<Organization, DataSubject, string, Observation> observe)
    {
        var graph = context.Graph;
        var model = context.Model;
        var order = new DesignOrder(model);
        foreach (var organization in model.Organizations)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var members = graph.ElementsOf(organization.Id);
            // The items the organization relays, from its flows alone; its holdings are read only when there are some.
            var relayed = new Dictionary<string, (Flow Receive, Flow Deliver)>(StringComparer.Ordinal);
            foreach (var (itemId, flows) in RelayFlows(model, graph, organization.Id, members))
            {
                if (Relay(flows) is { } found)
                    relayed.Add(itemId, found);
            }

            if (relayed.Count == 0)
                continue;
            var power = OrganizationPower.Over(organization);
            foreach (var holding in order.ShortestOfOrganization(graph, organization.Id, i => IsCommunication(i) && relayed.ContainsKey(i.Id)))
            {
                var item = holding.Item;
                if (!model.TryGetSubject(item.SubjectId, out var subject))
                    continue;
                var relay = relayed[item.Id];

                var compelled = PartyNames.Jurisdiction(model, holding.Holder.JurisdictionId) is { CompelledAccess: true };
                var aggravated = subject.Vulnerable || compelled;
                var recipient = PartyNames.Element(model, relay.Deliver.To);
                var compelledText = compelled ? ", and authorities can compel access there" : string.Empty;
                if (item.Kind == DataItemKind.CommunicationContent)
                {
                    observe(organization, subject, "communication-content").Add(
                        $"{holding.Holder.Name} can read {item.Name} it relays to {recipient} (flows {relay.Receive.Id}, {relay.Deliver.Id}): it is not encrypted end to end{compelledText}",
                        item, holding.Holder.Id, [relay.Receive.Id, relay.Deliver.Id], relay.Deliver.Span,
                        power ? Likelihood.Certain : Likelihood.Likely, aggravated ? Impact.Severe : Impact.Major, false);
                }
                else
                {
                    observe(organization, subject, "communication-metadata").Add(
                        $"{holding.Holder.Name} sees {item.Name} of the communications it relays to {recipient} (flows {relay.Receive.Id}, {relay.Deliver.Id}): who talks to whom, when and how often{compelledText}",
                        item, holding.Holder.Id, [relay.Receive.Id, relay.Deliver.Id], relay.Deliver.Span,
                        power ? Likelihood.Likely : Likelihood.Possible, aggravated ? Impact.Major : Impact.Moderate, false);
                }
            }
        }
    }

    private static bool IsCommunication(DataItem item) =>
        item.Kind is DataItemKind.CommunicationContent or DataItemKind.CommunicationMetadata;

    /// <summary>
    /// Per communication item the organization delivers to a person, the flows by which it takes the item in from outside
    /// and those by which it delivers it, each ordered by flow id: built once per organization, deliveries first, so an
    /// organization that delivers nothing to people costs only a look at its outgoing flows.
    /// </summary>
    private static Dictionary<string, (List<Flow> Inbound, List<Flow> Deliveries)> RelayFlows(SystemModel model, DataFlowGraph graph, string organizationId, IReadOnlyList<Element> members)
    {
        var result = new Dictionary<string, (List<Flow> Inbound, List<Flow> Deliveries)>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var outgoing = graph.Outgoing(member.Id);
            for (var f = 0; f < outgoing.Count; f++)
            {
                var flow = outgoing[f];
                if (!model.TryGetElement(flow.To, out var to) || to.Type != ElementType.Person)
                    continue;
                for (var i = 0; i < flow.Items.Count; i++)
                {
                    var itemId = flow.Items[i];
                    if (IsRepeated(flow.Items, i) || graph.FactsOf(flow).Suppresses(itemId) || !model.TryGetItem(itemId, out var item) || !IsCommunication(item))
                        continue;
                    if (!result.TryGetValue(itemId, out var lists))
                        result[itemId] = lists = ([], []);
                    lists.Deliveries.Add(flow);
                }
            }
        }

        if (result.Count == 0)
            return result;
        foreach (var member in members)
        {
            var incoming = graph.Incoming(member.Id);
            for (var f = 0; f < incoming.Count; f++)
            {
                var flow = incoming[f];
                if (!model.TryGetElement(flow.From, out var from) || from.OrganizationId == organizationId)
                    continue;
                for (var i = 0; i < flow.Items.Count; i++)
                {
                    var itemId = flow.Items[i];
                    if (result.TryGetValue(itemId, out var lists) && !IsRepeated(flow.Items, i) && !graph.FactsOf(flow).Suppresses(itemId))
                        lists.Inbound.Add(flow);
                }
            }
        }

        foreach (var (inbound, deliveries) in result.Values)
        {
            inbound.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
            deliveries.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        }

        return result;
    }

    /// <summary>The first (by flow ids) pair of flows by which the organization takes an item in from outside and delivers it to another person.</summary>
    private static (Flow Receive, Flow Deliver)? Relay((List<Flow> Inbound, List<Flow> Deliveries) flows)
    {
        foreach (var deliver in flows.Deliveries)
        {
            foreach (var receive in flows.Inbound)
            {
                if (receive.From != deliver.To)
                    return (receive, deliver);
            }
        }

        return null;
    }

    private static bool IsRepeated(IReadOnlyList<string> items, int index)
    {
        for (var k = 0; k < index; k++)
        {
            if (string.Equals(items[k], items[index], StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    private static Impact Up(Impact impact) => impact < Impact.Severe ? impact + 1 : impact;

    private Finding ToFinding(Observation o)
    {
        var what = o.Kind switch
        {
            "location" => "whereabouts",
            "communication-content" => "messages",
            "communication-metadata" => "communication patterns",
            "biometric" => "faces and bodies",
            _ => "device activity",
        };
        var power = OrganizationPower.Over(o.Organization)
            ? $" {o.Organization.Name} has power over them{(o.Organization.Kind is { } k ? $" ({k})" : string.Empty)}, so being watched chills what they say, where they go and whom they meet."
            : " Whoever runs the relay, or can compel it, can read along.";
        var message = $"{o.Organization.Name} watches the {what} of {o.Subject.Name}: {string.Join("; ", o.Reasons)}.{power} "
            + "What is collected for one reason stays available for any later one (Citizen Lab found WeChat scanning files between international accounts to train its censorship).";
        var mitigation = o.Kind switch
        {
            "location" => $"Collect location only when the person acts (not continuously), coarsen it (protections.generalize), or aggregate it before it reaches {o.Organization.Name}.",
            "communication-content" => $"Encrypt content end to end (protections.endToEnd: true) so {o.Organization.Name} relays it without reading it.",
            "communication-metadata" => $"Minimise what {o.Organization.Name} learns about who talks to whom (sealed sender, no contact upload), keep it briefly (retentionDays), and never hand it to a party with power over the people.",
            "biometric" => $"Do not run face recognition on people who have not opted in; match on the device and discard templates, so {o.Organization.Name} never holds them.",
            _ => $"Log device activity only with the person's knowledge, only what the task needs, and keep it from the parts of {o.Organization.Name} that evaluate people.",
        };
        if (o.Covert)
            mitigation += " Make collection overt: tell people when it happens.";

        var builder = new FindingBuilder(Metadata, o.Key)
            .Titled($"{o.Organization.Name} surveils the {what} of {o.Subject.Name}")
            .Because(message)
            .Rated(o.Likelihood, o.Impact)
            .About(o.Subject.Id)
            .Involving(o.Items)
            .At(o.Elements)
            .Mitigated(mitigation)
            .PointingTo(o.Location);
        foreach (var route in o.Routes)
            builder.Along(route);
        return builder.Build();
    }

    /// <summary>What one organization learns about one subject by one kind of surveillance, from every pattern that shows it.</summary>
    private sealed class Observation(string key, Organization organization, DataSubject subject, string kind)
    {
        private readonly List<string> _reasons = [];
        private readonly List<string> _items = [];
        private readonly List<string> _elements = [];
        private readonly List<IReadOnlyList<string>> _routes = [];
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public string Key { get; } = key;

        public Organization Organization { get; } = organization;

        public DataSubject Subject { get; } = subject;

        public string Kind { get; } = kind;

        public IReadOnlyList<string> Reasons => _reasons;

        public IReadOnlyList<string> Items => _items;

        public IReadOnlyList<string> Elements => _elements;

        public IReadOnlyList<IReadOnlyList<string>> Routes => _routes;

        public Likelihood Likelihood { get; private set; } = Likelihood.Rare;

        public Impact Impact { get; private set; } = Impact.Minor;

        public bool Covert { get; private set; }

        public SourceSpan Location { get; private set; } = SourceSpan.None;

        public void Add(string reason, DataItem item, string elementId, IReadOnlyList<string> path, SourceSpan location, Likelihood likelihood, Impact impact, bool covert)
        {
            // One set for the three lists: a prefix per list keeps their values apart; routes are kept as given.
            if (_seen.Add("r|" + reason))
                _reasons.Add(reason);
            if (_seen.Add("i|" + item.Id))
                _items.Add(item.Id);
            if (_seen.Add("e|" + elementId))
                _elements.Add(elementId);
            _routes.Add(path);

            if (likelihood > Likelihood) Likelihood = likelihood;
            if (impact > Impact) Impact = impact;
            Covert |= covert;
            if (!Location.IsKnown)
                Location = location;
        }
    }
}
