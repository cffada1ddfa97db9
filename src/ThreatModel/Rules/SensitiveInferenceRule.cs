using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM010 sensitive-inference: health, pregnancy, sexuality, religion, politics or ethnicity computed from, or revealed by,
/// behavioural, location, financial or social data that people never disclosed as such, and readable about single people.
/// See docs/rules/TM010-sensitive-inference.md.
/// </summary>
public sealed class SensitiveInferenceRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM010",
        Name: "sensitive-inference",
        Title: "A special category is inferred from, or revealed by, data people never disclosed it in",
        Summary: "Purchases, visits, likes and contacts reveal health, pregnancy, sexuality, religion, politics or ethnicity. "
            + "When a design computes such an inference about single people, or passes tagged behavioural data (pharmacy purchases, "
            + "visits to a place of worship, use of a dating app) beyond the organization people gave it to, a special category "
            + "becomes known that the person never chose to disclose.",
        Linddun: LinddunCategory.Linking,
        LinddunSubcategory: "Linking to infer: deducing sensitive attributes from behavioural, location, financial or social data",
        Solove: SoloveHarm.Aggregation,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 9 processing of special categories", "Art. 5(1)(b) purpose limitation", "Art. 22(4) automated decisions on special categories", "Art. 35 data protection impact assessment"],
        Pipl: ["Art. 28 sensitive personal information", "Art. 29 separate consent for sensitive personal information", "Art. 55 impact assessment in advance"],
        Research:
        [
            "Duhigg C. (2012) How companies learn your secrets. The New York Times Magazine, 16 Feb 2012 - Target scored shoppers' likelihood of pregnancy from purchases of about 25 products.",
            "Kosinski M., Stillwell D., Graepel T. (2013) Private traits and attributes are predictable from digital records of human behavior. PNAS 110(15):5802-5805 - Facebook likes predict sexual orientation, religion and political views.",
            "Grindr (2018): SINTEF analysis reported by BuzzFeed News, 2 Apr 2018 - users' HIV status sent to the app vendors Apptimize and Localytics.",
            "Datatilsynet (Norwegian Data Protection Authority) 2021: NOK 65 million fine on Grindr - telling advertisers that a person uses Grindr reveals their sexual orientation.",
            "CJEU C-184/20 OT v Vyriausioji tarnybinės etikos komisija (1 Aug 2022) - data that reveal a special category indirectly, by deduction, are special-category data.",
            "CJEU C-252/21 Meta Platforms v Bundeskartellamt (4 Jul 2023) - collecting visits to websites and apps that reveal special categories is Art. 9 processing.",
        ],
        Mitigations:
        [
            "Do not compute special-category inferences about single people; if a statistic is needed, compute it only over aggregates (protections.aggregationThreshold or differentialPrivacy on the flow into the model).",
            "Keep tagged behavioural data (pharmacy purchases, visits to clinics or places of worship, use of a dating app) with the organization people gave it to; suppress it (protections.suppress) on flows to advertisers, brokers and partners.",
            "Where an inference is unavoidable, ask for explicit, separate consent and tell people what is inferred (GDPR Art. 9(2)(a); PIPL Art. 29).",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var indexes = new DesignIndexes(context.Model);
        foreach (var item in context.Model.Items)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (item.DerivedFrom.Count > 0 && DataSensitivity.RevealsSpecialCategory(item))
            {
                if (InferenceFinding(context, item, indexes) is { } finding)
                    yield return finding;
            }
            else if (item.DerivedFrom.Count == 0 && item.Kind != DataItemKind.SpecialCategory && DataSensitivity.RevealsSpecialCategory(item))
            {
                foreach (var finding in OnwardFindings(context, item))
                    yield return finding;
            }
        }
    }

    /// <summary>(a) A special category computed from data in which the people never disclosed it.</summary>
    private Finding? InferenceFinding(AnalysisContext context, DataItem inferred, DesignIndexes indexes)
    {
        var graph = context.Graph;
        var model = context.Model;
        var category = DataSensitivity.CategoryOf(inferred)!;
        var lineage = graph.Lineage(inferred.Id);
        if (lineage.Any(i => i.Kind == DataItemKind.SpecialCategory && i.DerivedFrom.Count == 0 && SameCategory(i, inferred)))
            return null; // the people disclosed this category themselves; what is done with it is another rule's concern

        // Holders of the item, element by element in design order, each element's forms shortest first.
        var places = new List<Holding>();
        var heldAnywhere = false;
        Element? placed = null;
        // Whether the inference is a statistic depends on where it was computed only: asked once per origin.
        var statisticAt = new Dictionary<Element, bool>(ReferenceEqualityComparer.Instance);
        foreach (var holding in graph.HoldersOf(inferred.Id))
        {
            var element = holding.Holder;
            if (IsSubjectThemself(element, inferred.SubjectId) || ReferenceEquals(element, placed))
                continue;
            heldAnywhere = true;
            if (!holding.Form.ReadableAboutIndividuals)
                continue;
            if (!statisticAt.TryGetValue(holding.Origin, out var statistic))
                statisticAt[holding.Origin] = statistic = ComputedFromAggregates(graph, holding.Origin, inferred);
            if (!statistic)
            {
                places.Add(holding);
                placed = element;
            }
        }

        var declaredOnFlows = places.Count > 0;
        var computingPlaces = new List<Element>();
        if (!declaredOnFlows && !heldAnywhere && !indexes.Carried.Contains(inferred.Id))
        {
            // The design declares the inference but carries it on no flow: it is made wherever all its inputs meet about single people.
            // Only an element that reads some item of the lineage about single people can compute it, so ask only those.
            var candidates = new Dictionary<string, Element>(StringComparer.Ordinal);
            foreach (var source in lineage)
            {
                foreach (var holding in graph.HoldersOf(source.Id))
                {
                    if (holding.Form.ReadableAboutIndividuals)
                        candidates.TryAdd(holding.Holder.Id, holding.Holder);
                }
            }

            computingPlaces.AddRange(candidates.Values.OrderBy(e => indexes.ElementOrder[e.Id])
                .Where(e => !IsSubjectThemself(e, inferred.SubjectId) && CanCompute(graph, e, inferred, depth: 0)));
        }

        if (places.Count == 0 && computingPlaces.Count == 0)
            return null;

        var inputs = lineage.Where(i => i.DerivedFrom.Count == 0).ToList();
        var subject = model.TryGetSubject(inferred.SubjectId, out var s) ? s : null;
        var origins = declaredOnFlows
            ? places.Select(p => p.Origin).DistinctBy(e => e.Id).Where(e => !IsSubjectThemself(e, inferred.SubjectId)).ToList()
            : computingPlaces;
        var holders = places.Select(p => p.Holder).ToList();
        var elements = origins.Concat(holders).DistinctBy(e => e.Id).ToList();

        var reachesAudience = elements.Any(e => e.IsAudience);
        var decides = elements.Any(e => e.Decision is not null);
        var severe = subject?.Vulnerable == true || inferred.Stigmatizing || reachesAudience || decides;
        var likelihood = declaredOnFlows ? Likelihood.Certain : Likelihood.Likely;
        var impact = severe ? Impact.Severe : Impact.Major;

        var subjectName = subject?.Name ?? inferred.SubjectId;
        var inputText = FindingText.List([.. inputs.Select(i => $"{i.Name} ({FindingText.KindWord(i.Kind)})")]);
        var parties = elements.Select(e => PartyNames.PartyName(model, e)).Distinct(StringComparer.Ordinal).ToList();
        var computedAt = origins.Count > 0 ? FindingText.List([.. origins.Select(e => e.Name)]) : "the people's own devices";
        var where = declaredOnFlows
            ? $"It is computed at {computedAt} and readable about single people at {FindingText.List([.. holders.Select(e => e.Name)])}."
            : $"No flow carries it, but {FindingText.List([.. computingPlaces.Select(e => e.Name)])} reads every input about single people, so the inference can be made there.";
        var aggravation = new List<string>();
        if (reachesAudience) aggravation.Add("it reaches an audience outside any organization");
        if (decides) aggravation.Add("a process that decides about people reads it");
        if (subject?.Vulnerable == true) aggravation.Add($"{subjectName} are a vulnerable group");
        if (inferred.Stigmatizing) aggravation.Add("being known to have it stigmatizes");
        var aggravationText = aggravation.Count > 0 ? $" Impact is severe because {FindingText.List(aggravation)}." : string.Empty;

        var builder = new FindingBuilder(Metadata, $"inference|{inferred.Id}")
            .Titled($"{FindingText.Capitalize(category)} of {subjectName} is inferred from {FindingText.List([.. inputs.Select(i => i.Name)])}")
            .Because($"{inferred.Name} reveals {category} about {subjectName}, yet it is derived from {inputText}: data the people gave for other reasons and never disclosed as {category}. {where} "
                + $"Parties that learn it: {FindingText.List(parties)}.{aggravationText}")
            .Rated(likelihood, impact)
            .About(inferred.SubjectId)
            .Involving(inferred.Id)
            .Involving(lineage.Select(i => i.Id))
            .At(elements.Select(e => e.Id))
            .Mitigated($"Do not compute {inferred.Name} about single people: drop the inference, or compute it only over aggregates (protections.aggregationThreshold or differentialPrivacy on the flows of {FindingText.List([.. inputs.Select(i => i.Name)])} into the model). If it is indispensable, ask for explicit, separate consent for inferring {category}.")
            .PointingTo(inferred.Span);

        foreach (var origin in origins)
        {
            foreach (var source in lineage)
            {
                if (IndividualHolding(graph, origin, source.Id) is { } input)
                    builder.Along(input.PathIds);
            }
        }

        foreach (var place in places)
            builder.Along(place.PathIds);
        return builder.Build();
    }

    /// <summary>(b) Behavioural, location or financial data tagged with a special category, readable beyond the organization people gave it to.</summary>
    private IEnumerable<Finding> OnwardFindings(AnalysisContext context, DataItem tagged)
    {
        var graph = context.Graph;
        var model = context.Model;
        var byParty = new Dictionary<string, List<(Holding Holding, string FirstParty)>>(StringComparer.Ordinal);
        var order = new List<string>();
        Element? seen = null;
        foreach (var candidate in graph.HoldersOf(tagged.Id))
        {
            // The first holding of each element by which it reads the item about single people.
            var element = candidate.Holder;
            if (element.Type == ElementType.Person || ReferenceEquals(element, seen) || !candidate.Form.ReadableAboutIndividuals)
                continue;
            seen = element;
            var holding = candidate;
            if (holding.Path.Count == 0)
                continue;
            var first = FirstParty(model, holding);
            var party = PartyNames.PartyOf(element);
            if (string.Equals(first, party, StringComparison.Ordinal))
                continue;
            if (!byParty.TryGetValue(party, out var list))
            {
                byParty[party] = list = [];
                order.Add(party);
            }

            list.Add((holding, first));
        }

        var category = DataSensitivity.CategoryOf(tagged)!;
        var subject = model.TryGetSubject(tagged.SubjectId, out var s) ? s : null;
        var subjectName = subject?.Name ?? tagged.SubjectId;
        foreach (var party in order)
        {
            var holdings = byParty[party];
            var holders = holdings.Select(h => h.Holding.Holder).ToList();
            var partyName = PartyNames.PartyName(model, holders[0]);
            var firstParties = holdings.Select(h => h.FirstParty).Distinct(StringComparer.Ordinal)
                .Select(p => model.TryGetElement(p, out var e) ? e.Name : PartyNames.Organization(model, p)).ToList();

            var attribution = holders.Select(h => SubjectAttribution.At(graph, h, tagged.SubjectId))
                .OrderByDescending(a => a.Strength).First();
            var reachesAudience = holders.Any(h => h.IsAudience);
            var decides = holders.Any(h => h.Decision is not null);
            var likelihood = attribution.Strength != AttributionStrength.None || reachesAudience ? Likelihood.Likely : Likelihood.Possible;
            var impact = subject?.Vulnerable == true || tagged.Stigmatizing || reachesAudience || decides ? Impact.Severe : Impact.Major;

            var attributionText = attribution.Witness is { } w
                ? $" It can tie the records to people by {w.Item.Name}."
                : " It reads no identifier of the people with it, so tying the records to them takes further data.";
            var paths = string.Join("; ", holdings.Select(h => string.Join(" -> ", h.Holding.PathIds)));

            var builder = new FindingBuilder(Metadata, $"onward|{tagged.Id}|{party}")
                .Titled($"{FindingText.Capitalize(category)} of {subjectName} is revealed to {partyName} by {tagged.Name}")
                .Because($"The {FindingText.KindWord(tagged.Kind)} data {tagged.Name} reveals {category}. {FindingText.Capitalize(subjectName)} gave it to {FindingText.List(firstParties)}, "
                    + $"but {partyName} can read it about single people via {paths}.{attributionText}")
                .Rated(likelihood, impact)
                .About(tagged.SubjectId)
                .Involving(tagged.Id)
                .At(holders.Select(h => h.Id))
                .Mitigated($"Keep {tagged.Name} with {FindingText.List(firstParties)}: suppress it on the flows to {partyName} (protections.suppress), send only aggregates (protections.aggregationThreshold), or ask for explicit, separate consent to disclose {category}.")
                .PointingTo(holdings[0].Holding.Path[^1].Span);
            if (attribution.Witness is { } witness)
                builder.Involving(witness.Item.Id);
            foreach (var (holding, _) in holdings)
            {
                builder.Along(holding.PathIds);
                if (holding.Path.Count > 0)
                    builder.Remedied(new DropItem(holding.Path[^1].Id, holding.Item.Id));
            }
            yield return builder.Build();
        }
    }

    /// <summary>The first holding by which an element reads an item about single people, or null.</summary>
    private static Holding? IndividualHolding(DataFlowGraph graph, Element element, string itemId) =>
        graph.Holdings(element.Id, itemId).FirstOrDefault(h => h.Form.ReadableAboutIndividuals);

    /// <summary>True when the element reads, about single people, every input of the item, or what each missing input is itself computed from.</summary>
    private static bool CanCompute(DataFlowGraph graph, Element element, DataItem item, int depth)
    {
        if (depth > 32 || item.DerivedFrom.Count == 0)
            return false;
        foreach (var sourceId in item.DerivedFrom)
        {
            if (IndividualHolding(graph, element, sourceId) is not null)
                continue;
            if (!graph.Model.TryGetItem(sourceId, out var source) || !CanCompute(graph, element, source, depth + 1))
                return false;
        }

        return true;
    }

    /// <summary>True when the inference is computed where its inputs are held only as aggregates: then it is a statistic, not about one person.</summary>
    private static bool ComputedFromAggregates(DataFlowGraph graph, Element origin, DataItem inferred)
    {
        var any = false;
        foreach (var source in inferred.DerivedFrom)
        {
            var inputs = FactBuffer.HoldingsArray(graph, origin.Id, source);
            for (var k = 0; k < inputs.Length; k++)
            {
                if (inputs[k].Form.ReadableAboutIndividuals)
                    return false;
                any = true;
            }
        }

        return any;
    }

    /// <summary>The party that first received the item on its way: the first element on the path that is not a person.</summary>
    private static string FirstParty(SystemModel model, Holding holding)
    {
        var candidates = new List<string> { holding.Path[0].From };
        candidates.AddRange(holding.Path.Select(f => f.To));
        foreach (var id in candidates)
        {
            if (model.TryGetElement(id, out var element) && element.Type != ElementType.Person)
                return PartyNames.PartyOf(element);
        }

        return PartyNames.PartyOf(holding.Holder);
    }

    private static bool IsSubjectThemself(Element element, string subjectId) =>
        element.Type == ElementType.Person && string.Equals(element.SubjectId, subjectId, StringComparison.Ordinal);

    /// <summary>
    /// The item ids some flow carries and the design position of each element: made on first use, since only an inference
    /// that no flow carries needs them.
    /// </summary>
    private sealed class DesignIndexes(SystemModel model)
    {
        private HashSet<string>? _carried;
        private Dictionary<string, int>? _elementOrder;

        public HashSet<string> Carried => _carried ??= CarriedItems();

        public Dictionary<string, int> ElementOrder => _elementOrder ??= Positions();

        private HashSet<string> CarriedItems()
        {
            var carried = new HashSet<string>(StringComparer.Ordinal);
            foreach (var flow in model.Flows)
                carried.UnionWith(flow.Items);
            return carried;
        }

        private Dictionary<string, int> Positions()
        {
            var positions = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var k = 0; k < model.Elements.Count; k++)
                positions.TryAdd(model.Elements[k].Id, k);
            return positions;
        }
    }

    /// <summary>True when both name the same category, or either leaves it unnamed (then they cannot be told apart).</summary>
    private static bool SameCategory(DataItem disclosed, DataItem inferred) =>
        string.IsNullOrWhiteSpace(disclosed.SpecialCategory) || string.IsNullOrWhiteSpace(inferred.SpecialCategory)
        || string.Equals(disclosed.SpecialCategory, inferred.SpecialCategory, StringComparison.OrdinalIgnoreCase);
}
