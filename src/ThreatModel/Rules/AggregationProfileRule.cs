using System.Runtime.InteropServices;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Rules;

/// <summary>
/// TM004 aggregation-profile: one organization accumulates many life contexts about the same people (payments,
/// messages, games, news, location, friends): the super-app pattern. See docs/rules/TM004-aggregation-profile.md.
/// </summary>
/// <remarks>
/// Unlike TM001, which needs records from different sources and a key that joins them, this rule counts what one
/// organization can read about single people, whatever the route, and judges the accumulation itself.
/// </remarks>
public sealed class AggregationProfileRule : IPrivacyRule
{
    /// <summary>Distinct contexts at one organization from which the rule fires.</summary>
    public const int MinimumContexts = 3;

    private static readonly HashSet<string> SensitiveContexts = new(StringComparer.Ordinal)
    {
        "financial", "location", "communications", "biometric", "special-category", "score", "social", "health",
    };

    private static readonly HashSet<string> UncountedContexts = new(StringComparer.Ordinal) { "identity", "other" };

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM004",
        Name: "aggregation-profile",
        Title: "One organization accumulates many contexts of people's lives",
        Summary: "One organization can read, about the same people, data from many parts of their lives: payments, messages, "
            + "location, friends, games, news. Each service may look harmless, but together they describe a whole life and give "
            + "the organization leverage over the people it profiles: to score them, exclude them, or hand the profile over.",
        Linddun: LinddunCategory.Linking,
        LinddunSubcategory: "Linked data: profiling by accumulating data from many contexts in one place",
        Solove: SoloveHarm.Aggregation,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(b) purpose limitation", "Art. 5(1)(c) data minimisation", "Art. 25 data protection by design and by default", "Art. 35(3)(a) impact assessment for systematic and extensive profiling"],
        Pipl: ["Art. 6 purpose limitation and minimum scope", "Art. 28 sensitive personal information (financial accounts, whereabouts)", "Art. 55 impact assessment in advance"],
        Research:
        [
            "Solove D. J. (2006) A Taxonomy of Privacy. U. Pa. L. Rev. 154(3):477 - aggregation: combined data reveal more than their parts.",
            "Kerr O. S. (2012) The Mosaic Theory of the Fourth Amendment. Michigan Law Review 111(3):311 - many observations together as a search.",
            "Chen Y., Mao Z., Qiu J. L. (2018) Super-sticky WeChat and Chinese Society. Emerald - payments, messaging, news, games and government services in one app.",
            "Tencent annual results 2023: 1.343 billion combined Weixin and WeChat monthly active users (docs/research/social-credit-cases.md section 7).",
        ],
        Mitigations:
        [
            "Keep the contexts in separate organizations that cannot read each other's records and share no identifier.",
            "Encrypt message content end to end so the platform relays it without reading it.",
            "Give the parts of the organization that do not serve the person only aggregates (aggregationThreshold or differential privacy).",
            "Collect no context the service does not need (data minimisation); let people use one service without the others.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.Model;
        var graph = context.Graph;
        var subjectOrder = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < model.Subjects.Count; k++)
            subjectOrder.TryAdd(model.Subjects[k].Id, k);
        var all = new List<(DataItem Item, ItemForm Form)>();
        var bySubject = new SortedDictionary<int, List<Holding>>();
        foreach (var organization in model.Organizations)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            // Per subject in design order, each subject's holdings in item order: per item the shortest witness by which
            // any element of the organization reads it about single people (IndividualHoldings.OfOrganization).
            bySubject.Clear();
            foreach (var holding in graph.IndividualHoldingsOfOrganization(organization.Id))
            {
                if (!subjectOrder.TryGetValue(holding.Item.SubjectId, out var position))
                    continue;
                if (!bySubject.TryGetValue(position, out var about))
                    bySubject[position] = about = [];
                about.Add(holding);
            }

            Dictionary<string, Identifiers>? identifiersBySubject = null;
            foreach (var (position, about) in bySubject)
            {
                var subject = model.Subjects[position];
                // An item derived from items the organization already reads adds no context of life.
                HashSet<string>? read = null;
                var profile = new List<Holding>();
                var contexts = new List<string>();
                foreach (var holding in about)
                {
                    var item = holding.Item;
                    if (!Counts(item))
                        continue;
                    if (item.DerivedFrom.Count > 0 && AllIn(item.DerivedFrom, read ??= IdsOf(about)))
                        continue;
                    profile.Add(holding);
                    if (!contexts.Contains(item.Context))
                        contexts.Add(item.Context);
                }

                if (contexts.Count < MinimumContexts)
                    continue;
                contexts.Sort(StringComparer.Ordinal);
                identifiersBySubject ??= IdentifiersBySubject(IdentifierForms(graph, organization.Id, all), organization.Id);
                var identifiers = identifiersBySubject.GetValueOrDefault(subject.Id) ?? Identifiers.None;
                yield return ToFinding(graph, organization, subject, identifiers, profile, contexts, about);
            }
        }
    }

    /// <summary>Every form (each element) in which the organization reads an identifier about single people, into <paramref name="all"/>.</summary>
    private static List<(DataItem Item, ItemForm Form)> IdentifierForms(DataFlowGraph graph, string organizationId, List<(DataItem Item, ItemForm Form)> all)
    {
        all.Clear();
        foreach (var member in graph.ElementsOf(organizationId))
            graph.IndividualFormsOf(member.Id, IsIdentifier, all);
        return all;
    }

    private static bool IsIdentifier(DataItem item) => item.IsIdentifier;

    private static HashSet<string> IdsOf(List<Holding> holdings)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var holding in holdings)
            ids.Add(holding.Item.Id);
        return ids;
    }

    private static bool AllIn(IReadOnlyList<string> ids, HashSet<string> set)
    {
        foreach (var id in ids)
        {
            if (!set.Contains(id))
                return false;
        }

        return true;
    }

    /// <summary>
    /// Per subject, whether <paramref name="holdings"/> include an identifier, and the identifiers (each once) that link the
    /// organization's records: every form counts, an identifier that arrives in the clear by any route links, whichever
    /// route is shortest. One pass over the organization's holdings, made when the first profile needs it.
    /// </summary>
    private static Dictionary<string, Identifiers> IdentifiersBySubject(List<(DataItem Item, ItemForm Form)> holdings, string organizationId)
    {
        var result = new Dictionary<string, Identifiers>(StringComparer.Ordinal);
        foreach (var (item, form) in holdings)
        {
            if (!item.IsIdentifier)
                continue;
            if (!result.TryGetValue(item.SubjectId, out var identifiers))
                result[item.SubjectId] = identifiers = new Identifiers([]);
            if (Links(item, form, organizationId) && !Contains(identifiers.Linking, item))
                identifiers.Linking.Add(item);
        }

        foreach (var identifiers in result.Values)
            identifiers.Linking.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return result;
    }

    private static bool Contains(List<DataItem> items, DataItem item)
    {
        foreach (var known in items)
        {
            if (ReferenceEquals(known, item))
                return true;
        }

        return false;
    }

    /// <summary>What the organization reads of a subject's identifiers: none, only some that link nothing, or these linking ones (sorted by id).</summary>
    private sealed record Identifiers(List<DataItem> Linking)
    {
        /// <summary>No identifier at all.</summary>
        public static Identifiers None { get; } = new([]);
    }

    private static bool Counts(DataItem item) =>
        item.Kind is not (DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier)
        && !UncountedContexts.Contains(item.Context);

    private static bool IsSensitive(string contextName, IEnumerable<DataItem> items) =>
        SensitiveContexts.Contains(contextName) || items.Any(i => i.Stigmatizing || i.SpecialCategory is not null || i.Kind is
            DataItemKind.Financial or DataItemKind.Location or DataItemKind.CommunicationContent or DataItemKind.CommunicationMetadata
            or DataItemKind.SocialGraph or DataItemKind.Biometric or DataItemKind.SpecialCategory or DataItemKind.Score);

    private Finding ToFinding(DataFlowGraph graph, Organization organization, DataSubject subject, Identifiers identifiers, List<Holding> profile, List<string> contexts, List<Holding> about)
    {
        var byContext = contexts.Select(c => (Context: c, Holdings: profile.Where(h => h.Item.Context == c).ToList())).ToList();
        var sensitive = byContext.Where(c => IsSensitive(c.Context, c.Holdings.Select(h => h.Item))).Select(c => c.Context).ToList();
        var grave = profile.Any(h => h.Item.Kind is DataItemKind.SpecialCategory or DataItemKind.Biometric || h.Item.SpecialCategory is not null);
        var power = OrganizationPower.Over(organization);
        var aggravated = grave || subject.Vulnerable || power;
        var many = contexts.Count >= 5;
        var impact = sensitive.Count switch
        {
            >= 4 => Impact.Severe,
            3 => aggravated ? Impact.Severe : Impact.Major,
            2 => aggravated || many ? Impact.Major : Impact.Moderate,
            _ => many ? Impact.Moderate : Impact.Minor,
        };

        var linking = identifiers.Linking;
        var anyIdentifier = !ReferenceEquals(identifiers, Identifiers.None);
        // The profile exists once the contexts are linked; it is turned against people for certain where the organization can act on them.
        var likelihood = linking.Count > 0 ? (power ? Likelihood.Certain : Likelihood.Likely)
            : anyIdentifier ? Likelihood.Rare : Likelihood.Possible;
        var linkText = linking.Count > 0
            ? $" {organization.Name} reads {linking[0].Name} with them, so every context lands on the same person."
            : anyIdentifier
                ? $" Each context reaches {organization.Name} under its own pseudonym, so it must re-identify people to assemble the profile."
                : string.Empty;
        var powerText = power ? $" {organization.Name} has power over these people, so the profile can be turned against them." : string.Empty;

        var contextText = string.Join("; ", byContext.Select(c => $"{c.Context} ({string.Join(", ", c.Holdings.Select(h => h.Item.Name))})"));
        var message = $"{organization.Name} can read {contexts.Count} contexts of life about each of {subject.Name}: {contextText}. "
            + $"Each service alone may look harmless; held by one organization they describe a person's life and give {organization.Name} leverage: "
            + $"to score, exclude or pressure people, or to be compelled to hand the whole profile over.{linkText}{powerText} "
            + "This is accumulation in one place, whatever the route the data took.";

        var holders = profile.Select(h => h.Holder.Id).Distinct(StringComparer.Ordinal).ToList();
        var builder = new FindingBuilder(Metadata, $"{organization.Id}|{subject.Id}")
            .Titled($"{organization.Name} accumulates {contexts.Count} contexts about {subject.Name} ({string.Join(", ", contexts)})")
            .Because(message)
            .Rated(likelihood, impact)
            .About(subject.Id)
            .Involving(profile.Select(h => h.Item.Id))
            .Involving(linking.Select(i => i.Id))
            .At(holders)
            .Mitigated($"Keep at most {MinimumContexts - 1} of these contexts ({string.Join(", ", contexts)}) in {organization.Name}: move the others "
                + "to organizations that cannot read them and share no identifier with it, "
                + (contexts.Contains("communications") ? "encrypt message content end to end, " : string.Empty)
                + "or give the parts that do not serve the person only aggregates (protections.aggregationThreshold).");
        foreach (var (_, holdings) in byContext)
        {
            foreach (var holding in holdings)
                builder.Along(holding.PathIds);
        }

        foreach (var edit in Cuts(graph, organization, byContext, about))
            builder.Remedied(edit);

        var location = organization.Span.IsKnown ? organization.Span
            : profile.SelectMany(h => h.Path).Select(f => f.Span).FirstOrDefault(s => s.IsKnown, SourceSpan.None);
        return builder.PointingTo(location).Build();
    }

    /// <summary>
    /// The remedy: keep <see cref="MinimumContexts"/> - 1 contexts and cut the others out of the organization, each of
    /// their items dropped on every flow that brings it in from outside (made together, they leave too few to profile;
    /// the drop-item cascade stops the organization passing on what it no longer receives). Kept first are the contexts
    /// the organization produces itself, which no flow brings in; then those that would take the most drops to cut; then
    /// by name. An item the organization derives from what it reads adds no context while it reads every input; when a
    /// cut takes one of its inputs away it counts again, so it takes one of the places kept.
    /// </summary>
    private static List<DesignEdit> Cuts(DataFlowGraph graph, Organization organization, List<(string Context, List<Holding> Holdings)> byContext, List<Holding> about)
    {
        var inProfile = new HashSet<string>(byContext.SelectMany(c => c.Holdings).Select(h => h.Item.Id), StringComparer.Ordinal);
        var produced = new HashSet<string>(StringComparer.Ordinal);
        var derived = new List<DataItem>();
        foreach (var holding in about)
        {
            if (!Counts(holding.Item) || !(holding.Path.Count == 0 || string.Equals(holding.Origin.OrganizationId, organization.Id, StringComparison.Ordinal)))
                continue;
            if (inProfile.Contains(holding.Item.Id))
                produced.Add(holding.Item.Context);
            else if (holding.Item.DerivedFrom.Count > 0)
                derived.Add(holding.Item);
        }

        // Each item of the profile with the entry flows that still deliver it, in entry order: one pass over the entries.
        var deliveredBy = new Dictionary<string, List<Flow>>(StringComparer.Ordinal);
        foreach (var flow in graph.EntryFlows(organization.Id))
        {
            var facts = graph.FactsOf(flow);
            foreach (var item in flow.Items)
            {
                if (!inProfile.Contains(item) || facts.Suppresses(item))
                    continue;
                ref var flows = ref CollectionsMarshal.GetValueRefOrAddDefault(deliveredBy, item, out _);
                flows ??= [];
                if (flows.Count == 0 || !ReferenceEquals(flows[^1], flow))
                    flows.Add(flow);
            }
        }

        var cuts = new List<(string Context, bool Produced, List<DesignEdit> Drops, HashSet<string> Items)>();
        foreach (var (context, holdings) in byContext)
        {
            var drops = new List<DesignEdit>();
            var seen = new HashSet<DesignEdit>();
            var items = new HashSet<string>(holdings.Select(h => h.Item.Id), StringComparer.Ordinal);
            foreach (var item in items.Order(StringComparer.Ordinal))
            {
                foreach (var flow in deliveredBy.GetValueOrDefault(item) ?? [])
                {
                    var drop = new DropItem(flow.Id, item);
                    if (seen.Add(drop))
                        drops.Add(drop);
                }
            }

            cuts.Add((context, produced.Contains(context), drops, items));
        }

        var ordered = cuts
            .OrderByDescending(c => c.Produced)
            .ThenByDescending(c => c.Drops.Count)
            .ThenBy(c => c.Context, StringComparer.Ordinal)
            .ToList();
        for (var keep = MinimumContexts - 1; ; keep--)
        {
            var kept = ordered.Take(keep).Select(c => c.Context).ToHashSet(StringComparer.Ordinal);
            var cut = ordered.Skip(keep).Where(c => !c.Produced).ToList();
            var revived = derived
                .Where(d => !kept.Contains(d.Context) && d.DerivedFrom.Any(input => cut.Any(c => c.Items.Contains(input))))
                .Select(d => d.Context).Distinct(StringComparer.Ordinal).Count();
            if (keep <= 0 || kept.Count + revived < MinimumContexts)
                return [.. cut.SelectMany(c => c.Drops)];
        }
    }

    /// <summary>True when the organization reads an identifier that puts records about one person together.</summary>
    private static bool Links(DataItem identifier, ItemForm form, string organizationId) =>
        identifier.Linkability != Linkability.PerContext
        && (form.Pseudonym is null || !form.PerContextPseudonym || PseudonymKey.IsHeldBy(form, organizationId));
}
