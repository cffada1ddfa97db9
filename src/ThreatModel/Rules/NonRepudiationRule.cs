using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM014 non-repudiation: attributable records are kept where deniability protects people - elements the design marks as
/// keeping attributable records of sensitive acts, and stores that log the content of communications with the sender's
/// identifier on flows without deniable records. See docs/rules/TM014-non-repudiation.md.
/// </summary>
public sealed class NonRepudiationRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM014",
        Name: "non-repudiation",
        Title: "Records that prove who said or did something are kept where deniability protects people",
        Summary: "Votes, attendance at protests, reports by whistle-blowers and private messages are safe to make only if they "
            + "cannot later be proven against the person. A design that keeps such records with the person's identifier, or logs "
            + "message content with the sender's identity and no deniable authentication, creates evidence that can be seized, "
            + "leaked or compelled and used against them.",
        Linddun: LinddunCategory.NonRepudiation,
        LinddunSubcategory: "Non-repudiation of sent messages and recorded actions",
        Solove: SoloveHarm.Disclosure,
        DefaultSeverity: Severity.Medium,
        Gdpr: ["Art. 5(1)(c) data minimisation", "Art. 25 data protection by design and by default", "Art. 32 security of processing"],
        Pipl: ["Art. 6 purpose limitation and minimum scope", "Art. 51 technical measures incl. encryption and de-identification"],
        Research:
        [
            "Deng M., Wuyts K., Scandariato R., Preneel B., Joosen W. (2011) A privacy threat analysis framework: supporting the elicitation and fulfillment of privacy requirements. Requirements Engineering 16(1):3-32 - non-repudiation as a privacy threat (plausible deniability).",
            "Borisov N., Goldberg I., Brewer E. (2004) Off-the-record communication, or, why not to use PGP. ACM WPES 2004 - signatures make messages provable to third parties; deniable authentication does not.",
            "Marlinspike M., Perrin T. (2016) The X3DH key agreement protocol. Signal - deniable authentication: a transcript does not prove to a third party who took part.",
            "Unger N., Goldberg I. (2015) Deniable key exchanges for secure messaging. ACM CCS 2015.",
            "Green M. (2020) Ok Google: please publish your DKIM secret keys - DKIM signatures kept on e-mail let anyone prove leaked messages authentic years later.",
        ],
        Mitigations:
        [
            "Use deniable authentication (Off-the-Record / Signal-style) and keep no signatures with stored records (protections.deniable: true).",
            "End-to-end encrypt message content so the service stores only ciphertext (protections.endToEnd: true).",
            "Do not keep identifiers with records of sensitive acts: separate ballots from voter identity, keep attendance as counts, take reports through channels that do not record the sender.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in context.Model.Items)
        {
            if (item.Kind == DataItemKind.CommunicationContent)
                content.Add(item.Id);
        }

        foreach (var element in context.Model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (element.Type is ElementType.Person || element.IsAudience)
                continue;
            // Only an element marked attributable (1) or a store receiving readable message content (2) can keep such
            // records: every other element is passed over before its holdings are read.
            if (!element.Attributable && !(element.Type == ElementType.Store && ReceivesReadableContent(context.Graph, element, content)))
                continue;
            if (FindingFor(context, element) is { } finding)
                yield return finding;
        }
    }

    private Finding? FindingFor(AnalysisContext context, Element element)
    {
        var graph = context.Graph;
        var model = context.Model;

        // Records about single people held here, and how firmly each subject's records can be tied to people.
        var records = IndividualHoldings.OfElement(graph, element.Id)
            .Where(h => !h.Item.IsIdentifier && h.Item.Kind != DataItemKind.QuasiIdentifier && DataSensitivity.IsPersonal(h.Item))
            .ToList();
        if (records.Count == 0)
            return null;
        var attributionHere = SubjectAttribution.All(graph, element);
        var attribution = records.Select(h => h.Item.SubjectId).Distinct(StringComparer.Ordinal)
            .ToDictionary(id => id, id => attributionHere.GetValueOrDefault(id), StringComparer.Ordinal);

        var evidence = new List<Flow>();
        var items = new List<DataItem>();
        var reasons = new List<string>();
        var ratings = new List<(Likelihood Likelihood, Impact Impact)>();
        var jurisdiction = PartyNames.Jurisdiction(model, element.JurisdictionId);
        var compelled = jurisdiction?.CompelledAccess == true;
        var powerful = OrganizationPower.Find(model, element.OrganizationId) is { } org && OrganizationPower.Over(org);

        // (1) The design marks the element as keeping attributable records where deniability matters.
        if (element.Attributable)
        {
            var recordIds = records.Select(r => r.Item.Id).ToHashSet(StringComparer.Ordinal);
            var undeniable = graph.Incoming(element.Id).Where(f => !graph.FactsOf(f).DeniableRecords
                && graph.FormsDeliveredBy(f).Any(d => recordIds.Contains(d.Item.Id) && d.Form.ReadableAboutIndividuals)).ToList();
            var madeHere = records.Where(r => r.Path.Count == 0).ToList();
            if (undeniable.Count > 0 || madeHere.Count > 0)
            {
                var strongest = attribution.Values.Max(a => a.Strength);
                var vulnerable = attribution.Keys.Any(id => model.TryGetSubject(id, out var s) && s.Vulnerable);
                var likelihood = strongest switch
                {
                    AttributionStrength.Direct => Likelihood.Certain,
                    AttributionStrength.ByKeyHolder => Likelihood.Likely,
                    _ => Likelihood.Possible, // the design says the records are attributable, but nothing it models ties them to people
                };
                ratings.Add((likelihood,
                    vulnerable || compelled || powerful ? Impact.Severe : Impact.Major));
                evidence.AddRange(undeniable);
                items.AddRange(records.Select(r => r.Item));
                reasons.Add($"the design marks {element.Name} as keeping attributable records where deniability matters ({FindingText.List([.. records.Select(r => r.Item.Name)])})"
                    + (undeniable.Count > 0 ? $", and {FindingText.List([.. undeniable.Select(f => f.Id)])} {(undeniable.Count == 1 ? "does" : "do")} not make them deniable" : string.Empty));
            }
        }

        // (2) A store logs the content of communications with the sender's identifier, on flows without deniable records.
        if (element.Type == ElementType.Store)
        {
            var contentFlows = new List<(Flow Flow, List<DataItem> Content, AttributionStrength Strength)>();
            foreach (var flow in graph.Incoming(element.Id))
            {
                if (graph.FactsOf(flow).DeniableRecords)
                    continue;
                var content = graph.FormsDeliveredBy(flow)
                    .Where(d => d.Item.Kind == DataItemKind.CommunicationContent && d.Form.ReadableAboutIndividuals
                        && attribution.TryGetValue(d.Item.SubjectId, out var a) && a.Strength != AttributionStrength.None)
                    .Select(d => d.Item).DistinctBy(i => i.Id).ToList();
                if (content.Count > 0)
                    contentFlows.Add((flow, content, content.Max(i => attribution[i.SubjectId].Strength)));
            }

            if (contentFlows.Count > 0)
            {
                var content = contentFlows.SelectMany(c => c.Content).DistinctBy(i => i.Id).ToList();
                var direct = contentFlows.Any(c => c.Strength == AttributionStrength.Direct);
                var vulnerable = content.Any(i => model.TryGetSubject(i.SubjectId, out var s) && s.Vulnerable);
                var likelihood = (direct, compelled) switch
                {
                    (true, true) => Likelihood.Likely,
                    (true, false) or (false, true) => Likelihood.Possible,
                    _ => Likelihood.Rare,
                };
                ratings.Add((likelihood, vulnerable || content.Any(DataSensitivity.IsGrave) ? Impact.Major : Impact.Moderate));
                evidence.AddRange(contentFlows.Select(c => c.Flow));
                items.AddRange(content);
                reasons.Add($"{element.Name} stores {FindingText.List([.. content.Select(i => i.Name)])} readable and tied to the sender, arriving on {FindingText.List([.. contentFlows.Select(c => c.Flow.Id)])} without deniable authentication");
            }
        }

        if (ratings.Count == 0)
            return null;

        var (rated, impact) = ratings.OrderByDescending(r => SeverityMatrix.Of(r.Likelihood, r.Impact)).ThenByDescending(r => r.Impact).First();
        var subjects = items.Select(i => i.SubjectId).Distinct(StringComparer.Ordinal).ToList();
        var identifiers = subjects.Select(id => attribution.GetValueOrDefault(id).Witness).OfType<Holding>().Select(h => h.Item).ToList();
        var subjectNames = subjects.Select(id => model.TryGetSubject(id, out var s) ? s.Name : id).ToList();
        var tie = identifiers.Count > 0 ? $" Records are tied to people by {FindingText.List([.. identifiers.Select(i => i.Name)])}." : string.Empty;
        var aggravation = compelled ? $" Authorities in {jurisdiction!.Name} can compel access to these records." : string.Empty;

        var builder = new FindingBuilder(Metadata, element.Id)
            .Titled($"{FindingText.Capitalize(element.Name)} keeps records that prove what {FindingText.List(subjectNames)} said or did")
            .Because($"{FindingText.Capitalize(FindingText.List(reasons))}.{tie} Such records can be seized, leaked or compelled and used as proof against the people who made them.{aggravation}")
            .Rated(rated, impact)
            .About(subjects)
            .Involving(items.Select(i => i.Id))
            .Involving(identifiers.Select(i => i.Id))
            .At(element.Id)
            .Mitigated(evidence.Count > 0
                ? $"At {element.Name}: use deniable authentication and keep no signatures (protections.deniable: true on {FindingText.List([.. evidence.Select(f => f.Id).Distinct(StringComparer.Ordinal)])}), end-to-end encrypt message content, or keep records of sensitive acts without identifiers."
                : $"At {element.Name}: keep records of sensitive acts without identifiers (separate the record from who made it), or keep only counts.")
            .PointingTo(element.Span);
        foreach (var flow in evidence.Select(f => f.Id).Distinct(StringComparer.Ordinal))
            builder.Remedied(new AddProtection(flow, "deniable-records"));
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < items.Count; k++)
            position.TryAdd(items[k].Id, k);
        foreach (var flow in evidence)
            builder.Along(graph.ArrivalPath(flow, CarriedBy(flow, items, position)));
        return builder.Build();
    }

    /// <summary>True when a flow without deniable records brings the element message content (<paramref name="content"/>, item ids) it can read about single people.</summary>
    private static bool ReceivesReadableContent(DataFlowGraph graph, Element element, HashSet<string> content)
    {
        var incoming = graph.Incoming(element.Id);
        for (var f = 0; f < incoming.Count; f++)
        {
            var flow = incoming[f];
            if (graph.FactsOf(flow).DeniableRecords || !Carries(flow, content))
                continue;
            if (graph.DeliversAny(flow, static (item, form) => item.Kind == DataItemKind.CommunicationContent && form.ReadableAboutIndividuals))
                return true;
        }

        return false;
    }

    /// <summary>True when the flow lists one of <paramref name="itemIds"/>: a look at its item ids before its delivered forms.</summary>
    private static bool Carries(Flow flow, HashSet<string> itemIds)
    {
        for (var k = 0; k < flow.Items.Count; k++)
        {
            if (itemIds.Contains(flow.Items[k]))
                return true;
        }

        return false;
    }

    /// <summary>The <paramref name="items"/> the flow carries, in their order, each once; costs the flow's item count.</summary>
    private static List<DataItem> CarriedBy(Flow flow, List<DataItem> items, Dictionary<string, int> position)
    {
        var carried = new List<int>(flow.Items.Count);
        foreach (var id in flow.Items)
        {
            if (position.TryGetValue(id, out var k))
                carried.Add(k);
        }

        carried.Sort();
        var result = new List<DataItem>(carried.Count);
        for (var k = 0; k < carried.Count; k++)
        {
            if (k == 0 || carried[k] != carried[k - 1])
                result.Add(items[carried[k]]);
        }

        return result;
    }
}
