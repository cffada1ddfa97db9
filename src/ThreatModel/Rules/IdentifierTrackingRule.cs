using System.Runtime.InteropServices;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM011 identifier-tracking: the same stable identifier (national ID, phone number, device ID, a hash of an e-mail address),
/// in the clear or under one shared pseudonym, is readable at several independent organizations, so any of them can link
/// their records about a person without that person. See docs/rules/TM011-identifier-tracking.md.
/// </summary>
public sealed class IdentifierTrackingRule : IPrivacyRule
{
    private const string ClearToken = "clear";

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM011",
        Name: "identifier-tracking",
        Title: "One stable identifier is readable at several independent organizations",
        Summary: "A national ID number, phone number, device or advertising ID, or a plain hash of one, reaches several "
            + "organizations in the same form. Each can then link what it knows about a person with what any other holder knows, "
            + "by exchange, by sale or through a broker, without asking the person. The identifier becomes a tracking key.",
        Linddun: LinddunCategory.Linking,
        LinddunSubcategory: "Linkable identifiers: one identifier reused across organizations",
        Solove: SoloveHarm.Identification,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(b) purpose limitation", "Art. 5(1)(c) data minimisation", "Art. 25 data protection by design (pseudonymisation)", "Art. 32 security of processing (pseudonymisation)"],
        Pipl: ["Art. 6 purpose limitation and minimum scope", "Art. 51 technical measures incl. de-identification", "Art. 73(3)-(4) de-identification and anonymisation"],
        Research:
        [
            "Pfitzmann A., Hansen M. (2010) A terminology for talking about privacy by data minimization - person pseudonyms link across contexts; role-relationship pseudonyms do not.",
            "Englehardt S., Narayanan A. (2016) Online tracking: a 1-million-site measurement and analysis. ACM CCS 2016 - trackers synchronise identifiers so that they can link their records of the same browser.",
            "Venkatadri G., Lucherini E., Sapiezynski P., Mislove A. (2019) Investigating sources of PII used in Facebook's targeted advertising. PoPETs 2019(1) - phone numbers given for security were used to target advertising.",
            "Demir L. et al. (2018) Pitfalls of hashing for privacy. IEEE Communications Surveys & Tutorials 20(1) - hashed phone numbers and e-mails are reversible by enumeration and link like the originals.",
            "FTC v. Kochava Inc. (D. Idaho, complaint filed Aug 2022) - advertising identifiers sold with precise locations let buyers follow devices to clinics and places of worship.",
        ],
        Mitigations:
        [
            "Give each organization its own unlinkable pseudonym (protections.pseudonymized.perContext: true, key held by the issuer).",
            "Do not send national ID numbers, phone numbers or device IDs to partners that need only to recognise a returning person; use a random identifier per relationship.",
            "Do not hash low-entropy identifiers and call the result anonymous; a keyed hash per recipient, with the key kept by the sender, does not link.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.Model;
        var groups = new Dictionary<string, List<DataItem>>(StringComparer.Ordinal);
        foreach (var item in model.Items)
        {
            if (!item.IsIdentifier || item.Linkability == Linkability.PerContext)
                continue;
            var root = JoinFinder.RootIdentifier(model, item);
            if (root.Linkability == Linkability.PerContext)
                continue;
            if (!groups.TryGetValue(root.Id, out var members))
                groups[root.Id] = members = [];
            members.Add(item);
        }

        var elementOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Elements.Count; i++)
            elementOrder.TryAdd(model.Elements[i].Id, i);
        // Flows from one organization into another, by receiver and identifier: built once, when a party first needs them.
        var crossings = new Crossings(model, groups.Values.SelectMany(g => g).Select(i => i.Id));

        foreach (var root in model.Items.Where(i => groups.ContainsKey(i.Id)))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (FindingFor(context, root, groups[root.Id], elementOrder, crossings) is { } finding)
                yield return finding;
        }
    }

    private Finding? FindingFor(AnalysisContext context, DataItem root, List<DataItem> members, Dictionary<string, int> elementOrder, Crossings crossings)
    {
        var graph = context.Graph;
        var model = context.Model;

        // Per link token (the identifier in the clear, or one shared pseudonym under one key): each party's first holding.
        var tokens = new Dictionary<string, Dictionary<string, Holding>>(StringComparer.Ordinal);
        var tokenOrder = new List<string>();
        var passing = new Dictionary<(string Token, string Party), Holding>();
        var passedBy = new Dictionary<(string Token, string Party), Flow>();
        foreach (var holding in HoldingsInDesignOrder(graph, members))
        {
            // People hold their own identifiers. What the public or other users see in the clear is exposure (TM008,
            // TM003); a keyless hash released to them is presented as anonymous but links like the original, so the
            // audience counts as a party that can link with it (NYC taxi 2014: MD5 of licence numbers in public trip records).
            var element = holding.Holder;
            if (element.Type == ElementType.Person || (element.IsAudience && !holding.Form.KeylessHash(holding.Item)))
                continue;
            if (!holding.Form.ReadableAboutIndividuals || holding.Form.PerContextPseudonym)
                continue;
            var party = PartyNames.PartyOf(element);
            if (holding.Form.Pseudonym is not { } pseudonym)
            {
                Offer(ClearToken, party, holding);
                continue;
            }

            Offer(PseudonymToken(pseudonym), party, holding);
            if (PseudonymKey.IsHeldBy(holding.Form, element.OrganizationId))
                Offer(ClearToken, party, holding); // the key holder can turn the pseudonym back into the identifier
        }

        void Offer(string token, string party, Holding holding)
        {
            if (!tokens.TryGetValue(token, out var holders))
            {
                tokens[token] = holders = new Dictionary<string, Holding>(StringComparer.Ordinal);
                tokenOrder.Add(token);
            }

            ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(holders, party, out var known);
            if (!known || Better(holding, current!, root))
                current = holding;
            // A party that also received the identifier from another organization is passed it, whichever holding is
            // its witness: collecting it directly as well never makes the design less linkable.
            if (passing.ContainsKey((token, party)))
                return;
            if (holding.Holder.IsAudience || PassesBetweenOrganizations(model, holding))
            {
                passing[(token, party)] = holding;
            }
            else if (CrossingInto(graph, holding, token, crossings) is { } flow)
            {
                // Its shortest witness is a collection of its own, but another organization also passes the same
                // identifier to it: the design links the records whichever way the party came to hold it first.
                passing[(token, party)] = holding;
                passedBy[(token, party)] = flow;
            }
        }

        var linking = tokenOrder.Where(t => tokens[t].Count >= 2).ToList();
        if (linking.Count == 0)
            return null;

        var holdings = linking.SelectMany(t => tokens[t].Values)
            .OrderBy(h => elementOrder[h.Holder.Id]).ThenBy(h => h.Path.Count).ToList();
        // The witnesses may all be direct collections while some party was also passed the identifier (or its hash) by
        // another organization: that passing is the evidence, so collecting it directly as well never lowers the rating.
        if (!holdings.Any(h => h.Holder.IsAudience || PassesBetweenOrganizations(model, h))
            && linking.SelectMany(t => tokens[t].Keys.Select(p => (t, p))).FirstOrDefault(k => passing.ContainsKey(k)) is { t: not null } key)
        {
            var passed = passing[key];
            holdings = [.. holdings.Where(h => !ReferenceEquals(h, tokens[key.t][key.p])).Append(passed)
                .OrderBy(h => elementOrder[h.Holder.Id]).ThenBy(h => h.Path.Count)];
        }

        var parties = holdings.Select(h => PartyNames.PartyOf(h.Holder)).Distinct(StringComparer.Ordinal).ToList();
        var elements = holdings.Select(h => h.Holder).DistinctBy(e => e.Id).ToList();

        var passedIn = linking.SelectMany(t => tokens[t].Keys.Select(p => (t, p))).Where(passedBy.ContainsKey).Select(k => passedBy[k]).Distinct().ToList();
        var passedOn = holdings.Any(h => h.Holder.IsAudience || PassesBetweenOrganizations(model, h)) || passedIn.Count > 0;
        var audience = elements.Any(e => e.IsAudience);
        var powerful = elements.Any(e => OrganizationPower.Find(model, e.OrganizationId) is { } org && OrganizationPower.Over(org));
        var subject = model.TryGetSubject(root.SubjectId, out var s) ? s : null;
        var likelihood = passedOn ? Likelihood.Certain : Likelihood.Possible;
        var impact = subject?.Vulnerable == true && (audience || powerful) ? Impact.Severe
            : root.Kind == DataItemKind.DirectIdentifier || parties.Count >= 3 || audience ? Impact.Major
            : Impact.Moderate;

        var subjectName = subject?.Name ?? root.SubjectId;
        var forms = string.Join("; ", linking.Select(t => DescribeToken(model, t, root, tokens[t], elementOrder)));
        var how = passedOn
            ? "The design passes the identifier from one organization to another, so the records are linkable as designed."
            : "Each organization collected it from the people themselves; their records become linkable as soon as any two exchange data or a third party gathers them.";
        var partyNames = parties.Select(p => model.TryGetElement(p, out var e) && e.OrganizationId is null ? e.Name : PartyNames.Organization(model, p)).ToList();

        var builder = new FindingBuilder(Metadata, root.Id)
            .Titled($"{FindingText.Capitalize(root.Name)} of {subjectName} is readable at {parties.Count} independent parties")
            .Because($"{root.Name} stays the same wherever a person appears, and {FindingText.List(partyNames)} can each read it: {forms}. "
                + $"Any two of them can link their records about the same person without that person. {how}")
            .Rated(likelihood, impact)
            .About(root.SubjectId)
            .Involving(root.Id)
            .Involving(holdings.Select(h => h.Item.Id))
            .At(elements.Select(e => e.Id))
            .Mitigated($"Give each organization its own pseudonym for {root.Name} (protections.pseudonymized.perContext: true, key kept by the issuer), or send a random identifier per relationship instead of {root.Name}.")
            .PointingTo(root.Span);
        foreach (var holding in holdings)
        {
            builder.Along(holding.PathIds);
            if (holding.Path.Count > 0)
                builder.Remedied(new AddProtection(holding.Path[^1].Id, "per-context-pseudonym"));
        }

        foreach (var flow in passedIn)
        {
            builder.Along(graph.ArrivalPath(flow, [.. members.Where(m => flow.Items.Contains(m.Id))]));
            builder.Remedied(new AddProtection(flow.Id, "per-context-pseudonym"));
        }

        // A party may get the identifier on more flows than its witness: covering every flow that brings it to each
        // party is what brings the parties below two when the remedies are made together.
        var entries = EntryFlows(graph, parties, members);
        foreach (var (flow, _) in entries)
            builder.Remedied(new AddProtection(flow.Id, "per-context-pseudonym"));
        foreach (var holding in holdings.Where(h => h.Path.Count > 0))
            builder.Remedied(new DropItem(holding.Path[^1].Id, holding.Item.Id));
        foreach (var flow in passedIn)
        {
            foreach (var member in members.Where(m => flow.Items.Contains(m.Id)))
                builder.Remedied(new DropItem(flow.Id, member.Id));
        }

        foreach (var (flow, member) in entries)
            builder.Remedied(new DropItem(flow.Id, member.Id));
        return builder.Build();
    }

    /// <summary>
    /// Every flow that brings a member of the identifier's group to one of <paramref name="parties"/> from outside that
    /// party (from another organization, or from the people themselves), with the member it carries; each party's
    /// elements in design order, their incoming flows in order.
    /// </summary>
    private static List<(Flow Flow, DataItem Member)> EntryFlows(DataFlowGraph graph, List<string> parties, List<DataItem> members)
    {
        var entries = new List<(Flow, DataItem)>();
        foreach (var party in parties)
        {
            foreach (var flow in graph.EntryFlows(party))
            {
                var facts = graph.FactsOf(flow);
                foreach (var member in members)
                {
                    if (flow.Items.Contains(member.Id) && !facts.Suppresses(member.Id))
                        entries.Add((flow, member));
                }
            }
        }

        return entries;
    }

    /// <summary>
    /// A flow from another organization that delivers <paramref name="holding"/>'s item to its holder in a form that links
    /// by <paramref name="token"/> (readable about single people, not under a per-context pseudonym), or null: the graph's
    /// delivery facts, not the holding's shortest witness, which may be a collection of the holder's own.
    /// </summary>
    private static Flow? CrossingInto(DataFlowGraph graph, Holding holding, string token, Crossings crossings)
    {
        var holder = holding.Holder;
        foreach (var flow in crossings.Into(holder.Id, holding.Item.Id))
        {
            // The delivery table the graph's search filled: a read, not a recomputation.
            foreach (var (item, form) in graph.FormsDeliveredBy(flow))
            {
                if (!ReferenceEquals(item, holding.Item) || !form.ReadableAboutIndividuals || form.PerContextPseudonym)
                    continue;
                var formToken = form.Pseudonym is { } pseudonym ? PseudonymToken(pseudonym) : ClearToken;
                if (formToken == token || (token == ClearToken && PseudonymKey.IsHeldBy(form, holder.OrganizationId)))
                    return flow;
            }
        }

        return null;
    }

    /// <summary>
    /// Every holding of the group's items that can link (read about single people, not under a per-context pseudonym) at
    /// elements other than people and audiences, ordered by holder in design order, then by item in group order, then by
    /// form in discovery order. Asks the graph for each item's holders (a holder that can read none of its forms links
    /// nothing) instead of asking every element about every item; only the holdings that can link are made.
    /// </summary>
    private static List<Holding> HoldingsInDesignOrder(DataFlowGraph graph, List<DataItem> members)
    {
        var keyed = new List<(int Element, Holding Holding)>();
        var starts = new int[members.Count + 1];
        for (var m = 0; m < members.Count; m++)
        {
            var hashed = members[m].Linkability == Linkability.HashedIdentifier;
            graph.HoldingsOfItem(members[m].Id,
                element => element.Type != ElementType.Person && (!element.IsAudience || hashed),
                form => form is { ReadableAboutIndividuals: true, PerContextPseudonym: false },
                keyed);
            starts[m + 1] = keyed.Count;
        }

        // Each member's holders come in design order; several members interleave by element, then member (a stable
        // sort keeps discovery order within one element and member).
        if (members.Count > 1)
        {
            var member = new int[keyed.Count];
            for (var m = 0; m < members.Count; m++)
                member.AsSpan(starts[m], starts[m + 1] - starts[m]).Fill(m);
            var positions = Enumerable.Range(0, keyed.Count).ToArray();
            Array.Sort(positions, (a, b) => keyed[a].Element != keyed[b].Element ? keyed[a].Element.CompareTo(keyed[b].Element)
                : member[a] != member[b] ? member[a].CompareTo(member[b]) : a.CompareTo(b));
            return [.. positions.Select(p => keyed[p].Holding)];
        }

        return [.. keyed.Select(k => k.Holding)];
    }

    /// <summary>
    /// Prefers a holding of the identifier itself over one of its hashes, then the shorter path, then the holder and item
    /// with the lower id, as the witness for a party. The last step keeps the witness (and so whether it crossed
    /// organizations, which sets the likelihood) independent of the order the design declares its elements in.
    /// </summary>
    private static bool Better(Holding candidate, Holding current, DataItem root)
    {
        var candidateIsRoot = string.Equals(candidate.Item.Id, root.Id, StringComparison.Ordinal);
        var currentIsRoot = string.Equals(current.Item.Id, root.Id, StringComparison.Ordinal);
        if (candidateIsRoot != currentIsRoot)
            return candidateIsRoot;
        if (candidate.Path.Count != current.Path.Count)
            return candidate.Path.Count < current.Path.Count;
        var byHolder = string.CompareOrdinal(candidate.Holder.Id, current.Holder.Id);
        return byHolder != 0 ? byHolder < 0 : string.CompareOrdinal(candidate.Item.Id, current.Item.Id) < 0;
    }

    /// <summary>
    /// The link token of a pseudonym shared under one key: the pseudonym itself (<c>key:ORG</c>, one per key holder), so no
    /// string is made per holding; any other pseudonym names no key holder and they all share one token.
    /// </summary>
    private static string PseudonymToken(string pseudonym) =>
        pseudonym.StartsWith(SharedPseudonymPrefix, StringComparison.Ordinal) ? pseudonym : KeylessPseudonymToken;

    private const string SharedPseudonymPrefix = "key:";
    private const string KeylessPseudonymToken = "pseudonym:";

    private static string DescribeToken(SystemModel model, string token, DataItem root, Dictionary<string, Holding> parties, Dictionary<string, int> elementOrder)
    {
        var names = parties.Values.OrderBy(h => elementOrder[h.Holder.Id]).Select(h => HolderText(model, h, root)).ToList();
        var keyHolder = token.StartsWith(SharedPseudonymPrefix, StringComparison.Ordinal) ? token[SharedPseudonymPrefix.Length..] : string.Empty;
        return token == ClearToken
            ? $"the identifier itself at {FindingText.List(names)}"
            : $"one pseudonym under {PartyNames.Organization(model, keyHolder)}'s key, shared by {FindingText.List(names)}";
    }

    private static string HolderText(SystemModel model, Holding holding, DataItem root)
    {
        var party = PartyNames.PartyName(model, holding.Holder);
        return string.Equals(holding.Item.Id, root.Id, StringComparison.Ordinal)
            ? party
            : $"{party} (as {holding.Item.Name}, a hash anyone can recompute)";
    }

    /// <summary>True when the identifier reached the holder from another organization, rather than from the people themselves.</summary>
    private static bool PassesBetweenOrganizations(SystemModel model, Holding holding)
    {
        var path = holding.Path;
        for (var i = 0; i < path.Count; i++)
        {
            if (Crosses(model, path[i]))
                return true;
        }

        return false;
    }

    /// <summary>True when a flow goes from one organization to another (both declared).</summary>
    private static bool Crosses(SystemModel model, Flow f) =>
        model.TryGetElement(f.From, out var from) && model.TryGetElement(f.To, out var to)
        && from.OrganizationId is not null && to.OrganizationId is not null
        && !string.Equals(from.OrganizationId, to.OrganizationId, StringComparison.Ordinal);

    /// <summary>
    /// The flows that carry an identifier from one organization into another, by receiver and item, in design order:
    /// one pass over the flows when a party first asks, instead of scanning every holder's incoming flows per holding.
    /// </summary>
    private sealed class Crossings(SystemModel model, IEnumerable<string> identifiers)
    {
        private readonly HashSet<string> _identifiers = new(identifiers, StringComparer.Ordinal);
        private Dictionary<(string To, string Item), List<Flow>>? _into;

        public IReadOnlyList<Flow> Into(string receiver, string item)
        {
            if (_into is null)
            {
                _into = [];
                foreach (var flow in model.Flows)
                {
                    if (!flow.Items.Any(_identifiers.Contains) || !Crosses(model, flow))
                        continue;
                    foreach (var carried in flow.Items)
                    {
                        if (!_identifiers.Contains(carried))
                            continue;
                        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_into, (flow.To, carried), out _);
                        list ??= [];
                        if (list.Count == 0 || !ReferenceEquals(list[^1], flow))
                            list.Add(flow);
                    }
                }
            }

            return _into.TryGetValue((receiver, item), out var flows) ? flows : [];
        }
    }
}
