using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM005 scoring-by-association: a score or decision about people uses data about other people (their friends,
/// contacts, family), and organizations build profiles of people who never joined from what others upload.
/// See docs/rules/TM005-scoring-by-association.md.
/// </summary>
public sealed class ScoringByAssociationRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM005",
        Name: "scoring-by-association",
        Title: "People are scored by whom they know, or profiled from what others upload",
        Summary: "A score or decision about a person uses data about other people: their friends, contacts or family, "
            + "or those people's own scores. People are judged by association, on data they cannot see or correct, and are pushed "
            + "to drop ties that lower their score. Organizations also build profiles of people who never joined, from the "
            + "address books and contact lists their users upload.",
        Linddun: LinddunCategory.Linking,
        LinddunSubcategory: "Linked data: inferring about a person from the data of the people they are connected to",
        Solove: SoloveHarm.Aggregation,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(a) fairness and transparency", "Art. 5(1)(c) data minimisation", "Art. 14 information when data are not obtained from the person", "Art. 22 automated decisions including profiling"],
        Pipl: ["Art. 6 purpose limitation and minimum scope", "Art. 13 legal bases for processing", "Art. 24 automated decision-making"],
        Research:
        [
            "Wei Y., Yildirim P., Van den Bulte C., Dellarocas C. (2016) Credit Scoring with Social Network Data. Marketing Science 35(2):234-258 - network-based scores push people to drop ties with low-score contacts.",
            "Garcia D. (2017) Leaking privacy and shadow profiles in online social networks. Science Advances 3(8):e1701172 - users' contact lists predict non-users' sexual orientation.",
            "Sarigol E., Garcia D., Schweitzer F. (2014) Online privacy as a collective phenomenon. ACM COSN - shadow profiles of users and non-users.",
            "Facebook (2013-06-21) security notice on a Download Your Information bug that exposed contact details of about 6 million people taken from uploaded contact lists (reported by ZDNet and the Associated Press).",
            "Hvistendahl M. (2017) Inside China's vast new experiment in social ranking. Wired - reported remark that friends' scores affect a Sesame Credit score (docs/research/social-credit-cases.md section 5: reported, not verified).",
            "Citron D. K., Pasquale F. (2014) The Scored Society: Due Process for Automated Predictions. Washington Law Review 89(1):1.",
        ],
        Mitigations:
        [
            "Score and decide about people only on their own conduct; keep social-graph data and other people's records out of scoring.",
            "Declare what a score is derived from (derivedFrom) and keep that list free of other people's data.",
            "Match contacts without reading them: private contact discovery, or drop non-users' entries on the device before upload.",
            "Never keep or enrich records about people who have not joined.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var producers = ScoreProducers(context);
        var lineages = new Lineages(context.Graph);
        foreach (var element in context.Model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var produced = producers.GetValueOrDefault(element.Id) ?? [];
            // An element that decides about no subject and computes no score judges no one.
            if (element.Decision?.SubjectId is null && produced.Count == 0)
                continue;
            foreach (var finding in ScoringFindings(context, element, produced, lineages))
                yield return finding;
        }

        foreach (var finding in ShadowProfileFindings(context))
            yield return finding;
    }

    /// <summary>True for an item that tells about other people than <paramref name="subjectId"/>: connections, or another subject's data.</summary>
    private static bool TellsAboutOthers(DataItem item, string subjectId) =>
        item.Kind == DataItemKind.SocialGraph
        || (item.SubjectId != subjectId && item.Kind is not (DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier));

    /// <summary>
    /// Per element, the score items computed there: it sends the score and reads one of the items the score is derived
    /// from, or (for a score declared without sources) no flow brings the score to it.
    /// </summary>
    private static Dictionary<string, List<DataItem>> ScoreProducers(AnalysisContext context)
    {
        var graph = context.Graph;
        var model = context.Model;
        var producers = new Dictionary<string, List<DataItem>>(StringComparer.Ordinal);
        // A sender sends the same score on several flows: whether it computes it is decided once per (sender, score).
        var decided = new HashSet<(string Sender, string Score)>();
        foreach (var flow in model.Flows)
        {
            for (var i = 0; i < flow.Items.Count; i++)
            {
                var itemId = flow.Items[i];
                if (!model.TryGetItem(itemId, out var item) || item.Kind != DataItemKind.Score)
                    continue;
                producers.TryGetValue(flow.From, out var list);
                if (!decided.Add((flow.From, item.Id)))
                    continue;
                var computed = item.DerivedFrom.Count > 0
                    ? ReadsAny(graph, flow.From, item.DerivedFrom)
                    : !Receives(graph, flow.From, itemId);
                if (computed)
                {
                    if (list is null)
                        producers[flow.From] = list = [];
                    list.Add(item);
                }
            }
        }

        // Design order of items, whatever the order of the flows.
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < model.Items.Count; i++)
            position.TryAdd(model.Items[i].Id, i);
        foreach (var list in producers.Values)
            list.Sort((a, b) => position[a.Id].CompareTo(position[b.Id]));
        return producers;
    }

    /// <summary>True when a flow into the element lists the item.</summary>
    private static bool Receives(DataFlowGraph graph, string elementId, string itemId)
    {
        foreach (var flow in graph.Incoming(elementId))
        {
            foreach (var id in flow.Items)
            {
                if (string.Equals(id, itemId, StringComparison.Ordinal))
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the element can read one of <paramref name="itemIds"/> in some form.</summary>
    private static bool ReadsAny(DataFlowGraph graph, string elementId, IReadOnlyList<string> itemIds)
    {
        foreach (var itemId in itemIds)
        {
            var holdings = FactBuffer.HoldingsArray(graph, elementId, itemId);
            for (var k = 0; k < holdings.Length; k++)
            {
                if (holdings[k].Form.Readable)
                    return true;
            }
        }

        return false;
    }

    private IEnumerable<Finding> ScoringFindings(AnalysisContext context, Element element, List<DataItem> produced, Lineages lineages)
    {
        var graph = context.Graph;
        var model = context.Model;
        var decided = new List<string>();
        if (element.Decision?.SubjectId is { } decisionSubject)
            decided.Add(decisionSubject);
        decided.AddRange(produced.Select(s => s.SubjectId).Where(s => !decided.Contains(s)));
        if (decided.Count == 0)
            yield break;

        var inputs = IndividualHoldings.OfElement(graph, element.Id).Where(h => !produced.Contains(h.Item)).ToList();

        foreach (var subjectId in decided)
        {
            if (!model.TryGetSubject(subjectId, out var subject))
                continue;
            var associative = new List<Holding>();
            foreach (var input in inputs)
            {
                if (TellsAboutOthers(input.Item, subjectId) || lineages.TellsAboutOthers(input.Item.Id, subjectId))
                    associative.Add(input);
            }

            if (associative.Count == 0)
                continue;

            var scores = produced.Where(s => s.SubjectId == subjectId).ToList();
            var declared = scores.Where(s => s.DerivedFrom.Count > 0)
                .SelectMany(s => lineages.Of(s.Id)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var decides = element.Decision is { } d && (d.SubjectId is null || d.SubjectId == subjectId);
            Likelihood likelihood;
            if (declared.Count == 0)
            {
                likelihood = Likelihood.Likely;
            }
            else if (associative.Any(h => declared.Contains(h.Item.Id)))
            {
                associative = [.. associative.Where(h => declared.Contains(h.Item.Id))];
                likelihood = Likelihood.Certain;
            }
            else if (decides)
            {
                likelihood = Likelihood.Possible;
            }
            else
            {
                continue;
            }

            yield return ScoringFinding(context, element, subject, scores, associative, likelihood, decides);
        }
    }

    /// <summary>
    /// The lineage of each item (<see cref="DataFlowGraph.Lineage"/>), and what it says about people other than a subject,
    /// made once per item: elements ask it of every input for every subject they judge.
    /// </summary>
    private sealed class Lineages(DataFlowGraph graph)
    {
        private readonly Dictionary<string, IReadOnlyList<DataItem>> _lineages = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (bool Social, List<string> Subjects)> _others = new(StringComparer.Ordinal);

        public IReadOnlyList<DataItem> Of(string itemId)
        {
            if (!_lineages.TryGetValue(itemId, out var lineage))
                _lineages[itemId] = lineage = graph.Lineage(itemId);
            return lineage;
        }

        /// <summary>
        /// True when some item of the lineage tells about people other than <paramref name="subjectId"/>
        /// (<see cref="ScoringByAssociationRule.TellsAboutOthers"/>): a social graph, or another subject's data other than identifiers.
        /// </summary>
        public bool TellsAboutOthers(string itemId, string subjectId)
        {
            if (!_others.TryGetValue(itemId, out var others))
            {
                others = (false, []);
                foreach (var source in Of(itemId))
                {
                    others.Social |= source.Kind == DataItemKind.SocialGraph;
                    if (source.Kind is not (DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier)
                        && !others.Subjects.Contains(source.SubjectId))
                        others.Subjects.Add(source.SubjectId);
                }

                _others[itemId] = others;
            }

            if (others.Social)
                return true;
            foreach (var other in others.Subjects)
            {
                if (other != subjectId)
                    return true;
            }

            return false;
        }
    }

    private Finding ScoringFinding(AnalysisContext context, Element element, DataSubject subject, List<DataItem> scores, List<Holding> associative, Likelihood likelihood, bool decides)
    {
        var graph = context.Graph;
        DecisionStake? stake = decides ? DecisionStakes.Of(element.Decision!.Affects) : null;
        var impact = stake switch
        {
            DecisionStake.Essential => Impact.Severe,
            DecisionStake.Significant => Impact.Major,
            DecisionStake.Other => Impact.Moderate,
            _ => Impact.Major,
        };
        var aggravated = subject.Vulnerable || associative.Any(h => h.Item.Stigmatizing || h.Item.SpecialCategory is not null || h.Item.Kind == DataItemKind.SpecialCategory);
        if (aggravated && impact < Impact.Severe)
            impact++;

        var title = scores.Count > 0
            ? $"{FindingText.Capitalize(FindingText.List(scores.Select(s => s.Name)))} about {subject.Name} at {element.Name} {(scores.Count == 1 ? "uses" : "use")} data about other people"
            : $"{element.Name}'s decision about {subject.Name} uses data about other people";
        var inputsText = string.Join("; ", associative.Select(h => $"{h.Item.Name} ({Describe(context.Model, h.Item, subject)}) via {FindingText.Path(h.PathIds)}"));
        var decisionText = decides ? $" The decision affects {FindingText.List(element.Decision!.Affects)}." : string.Empty;
        var certainty = likelihood switch
        {
            Likelihood.Certain => " The score is declared to be derived from them.",
            Likelihood.Possible => " The score is declared without them, but the decision reads them.",
            _ => string.Empty,
        };
        var message = $"{element.Name} judges {subject.Name} with data about other people: {inputsText}.{certainty}{decisionText} "
            + $"People are rated by whom they know and what those people did, on data they cannot see or correct, "
            + "and are pushed to drop ties with people whose scores are low.";

        var builder = new FindingBuilder(Metadata, $"score|{element.Id}|{subject.Id}")
            .Titled(title)
            .Because(message)
            .Rated(likelihood, impact)
            .About(subject.Id)
            .About(associative.Select(h => h.Item.SubjectId))
            .Involving(associative.Select(h => h.Item.Id))
            .Involving(scores.Select(s => s.Id))
            .At(element.Id)
            .Mitigated($"Score {subject.Name} only on their own conduct: stop sending {FindingText.List(associative.Select(h => h.Item.Name))} to {element.Name}, "
                + "and declare the score's derivedFrom without other people's data.")
            .PointingTo(element.Decision?.Span is { IsKnown: true } span ? span : element.Span);
        foreach (var holding in associative)
            builder.Along(holding.PathIds);
        var scoreFlow = graph.Outgoing(element.Id).FirstOrDefault(f => f.Items.Any(i => scores.Any(s => s.Id == i)));
        if (scoreFlow is not null)
            builder.Along(scoreFlow.Id);
        return builder.Build();
    }

    private static string Describe(SystemModel model, DataItem item, DataSubject subject)
    {
        if (item.Kind == DataItemKind.SocialGraph)
            return item.SubjectId == subject.Id ? "who they are connected to" : $"connections of {SubjectName(model, item.SubjectId)}";
        if (item.SubjectId != subject.Id)
            return $"about {SubjectName(model, item.SubjectId)}";
        return "computed from other people's data";
    }

    private static string SubjectName(SystemModel model, string subjectId) =>
        model.TryGetSubject(subjectId, out var s) ? s.Name : subjectId;

    private IEnumerable<Finding> ShadowProfileFindings(AnalysisContext context)
    {
        var model = context.Model;
        var joined = model.Elements.Where(e => e.Type == ElementType.Person && e.SubjectId is not null)
            .Select(e => e.SubjectId!).ToHashSet(StringComparer.Ordinal);
        var absent = model.Subjects.Where(s => !joined.Contains(s.Id)).ToList();
        if (absent.Count == 0)
            yield break;

        // Items about people who never joined that people of another subject send: uploaded address books, tags, contact lists.
        var uploaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in model.Elements.Where(e => e.Type == ElementType.Person && e.SubjectId is not null))
        {
            foreach (var flow in context.Graph.Outgoing(person.Id))
            {
                foreach (var itemId in flow.Items)
                {
                    if (!context.Graph.FactsOf(flow).Suppresses(itemId) && model.TryGetItem(itemId, out var item) && item.SubjectId != person.SubjectId && !joined.Contains(item.SubjectId))
                        uploaded.Add(itemId);
                }
            }
        }

        if (uploaded.Count == 0)
            yield break;
        var buffer = new FactBuffer();
        var itemsBySubject = new Dictionary<string, List<DataItem>>(StringComparer.Ordinal);
        foreach (var item in model.Items)
        {
            if (!itemsBySubject.TryGetValue(item.SubjectId, out var list))
                itemsBySubject[item.SubjectId] = list = [];
            list.Add(item);
        }

        foreach (var organization in model.Organizations)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var byItem = UploadedHoldings(context.Graph, organization.Id, uploaded, buffer);

            if (byItem.Count == 0)
                continue;
            foreach (var subject in absent)
            {
                var supplied = (itemsBySubject.GetValueOrDefault(subject.Id) ?? [])
                    .Select(i => byItem.GetValueOrDefault(i.Id)?.OrderBy(h => SuppliedBy(h, subject.Id) ? 0 : 1).ThenBy(h => h, WitnessOrder.Instance).FirstOrDefault())
                    .OfType<Holding>()
                    .ToList();
                if (supplied.Count > 0)
                    yield return ShadowFinding(model, organization, subject, supplied);
            }
        }
    }

    /// <summary>
    /// Per uploaded item, every holding (each form, each element) by which the organization reads it about single people,
    /// as IndividualHoldings.AllOfOrganization gives them.
    /// </summary>
    private static Dictionary<string, List<Holding>> UploadedHoldings(DataFlowGraph graph, string organizationId, HashSet<string> uploaded, FactBuffer buffer)
    {
        var byItem = new Dictionary<string, List<Holding>>(StringComparer.Ordinal);
        foreach (var member in graph.ElementsOf(organizationId))
        {
            DataItem? last = null;
            var isUploaded = false;
            foreach (var holding in buffer.Holdings(graph, member.Id))
            {
                if (!holding.Form.ReadableAboutIndividuals)
                    continue;
                // An element's holdings come in runs of one item: the set is asked once per run.
                if (!ReferenceEquals(holding.Item, last))
                {
                    last = holding.Item;
                    isUploaded = uploaded.Contains(last.Id);
                }

                if (!isUploaded)
                    continue;
                if (!byItem.TryGetValue(holding.Item.Id, out var list))
                    byItem[holding.Item.Id] = list = [];
                list.Add(holding);
            }
        }

        return byItem;
    }

    private static bool SuppliedBy(Holding holding, string subjectId) =>
        holding.Origin.Type == ElementType.Person && holding.Origin.SubjectId is { } uploader && uploader != subjectId;

    private Finding ShadowFinding(SystemModel model, Organization organization, DataSubject subject, List<Holding> supplied)
    {
        var sensitive = supplied.Any(h => h.Item.Stigmatizing || h.Item.SpecialCategory is not null || h.Item.Kind is
            DataItemKind.Location or DataItemKind.SpecialCategory or DataItemKind.Biometric or DataItemKind.Financial
            or DataItemKind.CommunicationContent or DataItemKind.Score);
        var impact = sensitive || subject.Vulnerable || OrganizationPower.Over(organization) ? Impact.Major : Impact.Moderate;
        var uploaders = supplied.Where(h => SuppliedBy(h, subject.Id)).Select(h => SubjectName(model, h.Origin.SubjectId!)).Distinct(StringComparer.Ordinal).ToList();
        if (uploaders.Count == 0)
            uploaders.Add("other people");
        var message = $"{organization.Name} can read {FindingText.List(supplied.Select(h => h.Item.Name))} about {subject.Name}, "
            + $"people who never take part in the system: the data come from {FindingText.List(uploaders)} "
            + $"({string.Join("; ", supplied.Select(h => FindingText.Path(h.PathIds)).Distinct(StringComparer.Ordinal))}). They were never told or asked, cannot see, correct or delete "
            + "what is held, and the profile grows with every user who knows them: from contact lists alone, traits of non-users "
            + "such as sexual orientation can be predicted (Garcia 2017).";
        var uploadFlows = supplied.Where(h => h.Path.Count > 0).Select(h => h.Path[0].Id).Distinct(StringComparer.Ordinal).ToList();

        var builder = new FindingBuilder(Metadata, $"shadow|{organization.Id}|{subject.Id}")
            .Titled($"{organization.Name} holds a shadow profile of {subject.Name}, supplied by other people")
            .Because(message)
            .Rated(Likelihood.Certain, impact)
            .About(subject.Id)
            .Involving(supplied.Select(h => h.Item.Id))
            .At(supplied.Select(h => h.Holder.Id))
            .Mitigated($"Match contacts without giving {organization.Name} non-users' data: private contact discovery "
                + $"(protections.endToEnd on {FindingText.List(uploadFlows)}), or drop entries about {subject.Name} on the device "
                + "(protections.suppress); never keep or enrich records about people who have not joined.")
            .PointingTo(supplied.Where(h => h.Path.Count > 0).Select(h => h.Path[0].Span).FirstOrDefault(SourceSpan.None));
        foreach (var holding in supplied)
            builder.Along(holding.PathIds);
        return builder.Build();
    }
}
