using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM013 retention-without-limit: a store keeps identifying or sensitive data about single people with no retention period,
/// or with no way for people to have it deleted, or (where it feeds decisions or scores) corrected.
/// See docs/rules/TM013-retention-without-limit.md.
/// </summary>
public sealed class RetentionWithoutLimitRule : IPrivacyRule
{
    /// <summary>The retention a remedy proposes where none is declared: one year.</summary>
    private const int DefaultRetentionDays = 365;

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM013",
        Name: "retention-without-limit",
        Title: "A store keeps data about people with no time limit or no way to delete or correct it",
        Summary: "A data store keeps identifying or sensitive data about single people with no retention period, or people "
            + "cannot have it deleted, or cannot have it corrected where it feeds decisions. Data kept without limit outlives "
            + "its purpose: it waits for a breach, a new owner, a subpoena or a new use nobody agreed to, and old mistakes keep "
            + "deciding about people.",
        Linddun: LinddunCategory.DataDisclosure,
        LinddunSubcategory: "Excessive storage: data retained longer than needed, with no erasure or rectification",
        Solove: SoloveHarm.Exclusion,
        DefaultSeverity: Severity.Medium,
        Gdpr: ["Art. 5(1)(e) storage limitation", "Art. 16 right to rectification", "Art. 17 right to erasure", "Art. 25(2) by default only necessary data, including the period of storage"],
        Pipl: ["Art. 19 retention for the shortest time necessary", "Art. 46 correction and supplementation", "Art. 47 deletion"],
        Research:
        [
            "Seltzer W., Anderson M. (2001) The dark side of numbers: the role of population data systems in human rights abuses. Social Research 68(2):481-513 - the Dutch population register, which recorded religion, was used in 1940-45 to find Jewish residents.",
            "Berliner Beauftragte für Datenschutz und Informationsfreiheit (Oct 2019) - EUR 14.5 million fine on Deutsche Wohnen for an archive system that could not delete tenants' personal data no longer needed.",
            "Datatilsynet (Danish DPA), Taxa 4x35 (2019) - fine proposed for keeping records of about 9 million taxi trips with phone numbers for five years after names were removed.",
            "CJEU C-131/12 Google Spain v AEPD and Costeja González (13 May 2014) - people can have outdated personal data erased from search results.",
            "Mayer-Schönberger V. (2009) Delete: The Virtue of Forgetting in the Digital Age. Princeton University Press.",
        ],
        Mitigations:
        [
            "Declare a retention period for every store of personal data (retention.days) and delete or aggregate at its end.",
            "Let people have their data deleted (retention.deletion: true) and corrected (retention.correction: true), especially where it feeds scores or decisions.",
            "Keep only aggregates beyond the operational period (protections.aggregationThreshold on the flow into the archive).",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var store in context.Model.Elements.Where(e => e.Type == ElementType.Store))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (FindingFor(context, store) is { } finding)
                yield return finding;
        }
    }

    private Finding? FindingFor(AnalysisContext context, Element store)
    {
        var graph = context.Graph;
        var model = context.Model;
        // What it holds about people, and what of that identifies them or is sensitive, in one pass.
        var held = new List<Holding>();
        var kinds = new List<string>();
        foreach (var holding in IndividualHoldings.OfElement(graph, store.Id))
        {
            if (!DataSensitivity.IsPersonal(holding.Item))
                continue;
            held.Add(holding);
            if (DataSensitivity.IsIdentifying(holding.Item) || DataSensitivity.IsSensitive(holding.Item))
                kinds.Add(holding.Item.Name);
        }

        if (kinds.Count == 0)
            return null;

        var retention = store.Retention;
        var days = retention?.Days ?? DeclaredOnIncomingFlows(graph, store);
        var noPeriod = days is null;
        var noDeletion = retention?.Deletion != true;
        var feedsDecisions = graph.Outgoing(store.Id).Any(f => model.TryGetElement(f.To, out var to) && to.Decision is not null);
        var correctionMatters = feedsDecisions || held.Any(h => h.Item.Kind == DataItemKind.Score || h.Item.Stigmatizing);
        var noCorrection = retention?.Correction != true && correctionMatters;
        if (!noPeriod && !noDeletion && !noCorrection)
            return null;

        var subjects = held.Select(h => h.Item.SubjectId).Distinct(StringComparer.Ordinal).ToList();
        var vulnerable = subjects.Any(id => model.TryGetSubject(id, out var s) && s.Vulnerable);
        var sensitive = held.Any(h => DataSensitivity.IsSensitive(h.Item));
        var grave = held.Any(h => DataSensitivity.IsGrave(h.Item));
        // Keeping data is not yet the harm: the harm comes when someone later breaches, reuses or acts on it. So the
        // likelihood is Possible with no limit and Rare with a limit but no deletion; the impact is that of what is kept.
        var likelihood = noPeriod ? Likelihood.Possible : Likelihood.Rare;
        var impact = vulnerable && grave ? Impact.Severe
            : sensitive || noCorrection ? Impact.Major
            : Impact.Moderate;

        var gaps = new List<string>();
        if (noPeriod) gaps.Add("no retention period is declared, so it is kept for ever");
        else gaps.Add($"it is kept for {days!.Value.ToString(CultureInfo.InvariantCulture)} days");
        if (noDeletion) gaps.Add("people cannot have it deleted");
        if (noCorrection) gaps.Add(feedsDecisions ? "people cannot have it corrected, although it feeds decisions about them" : "people cannot have scores or stigmatizing records about them corrected");
        var subjectNames = subjects.Select(id => model.TryGetSubject(id, out var s) ? s.Name : id).ToList();

        var fixes = new List<string>();
        if (noPeriod) fixes.Add("declare a retention period (retention.days) and delete or aggregate at its end");
        if (noDeletion) fixes.Add("let people have their data deleted (retention.deletion: true)");
        if (noCorrection) fixes.Add("let people have it corrected (retention.correction: true)");

        var subjectList = FindingText.List(subjectNames);
        var builder = new FindingBuilder(Metadata, store.Id)
            .Titled(noPeriod
                ? $"{FindingText.Capitalize(store.Name)} keeps data about {subjectList} with no time limit"
                : $"{FindingText.Capitalize(store.Name)} keeps data about {subjectList} that people cannot have {(noDeletion && noCorrection ? "deleted or corrected" : noDeletion ? "deleted" : "corrected")}")
            .Because($"{store.Name} holds {FindingText.List(kinds)} about single people ({subjectList}), and {FindingText.List(gaps)}."
                + (vulnerable && grave ? " The data is sensitive and the people are a vulnerable group: kept records outlive the purpose they were collected for and wait for a new use." : string.Empty))
            .Rated(likelihood, impact)
            .About(subjects)
            .Involving(held.Select(h => h.Item.Id))
            .At(store.Id)
            .Mitigated($"For {store.Name}: {FindingText.List(fixes)}.")
            .Remedied(new SetRetention(store.Id, days ?? DefaultRetentionDays))
            .PointingTo(retention is { Span.IsKnown: true } ? retention.Span : store.Span);
        foreach (var holding in held)
            builder.Along(holding.PathIds);
        return builder.Build();
    }

    /// <summary>The longest retention the flows into the store declare, when every flow that brings personal data declares one; otherwise null.</summary>
    private static int? DeclaredOnIncomingFlows(DataFlowGraph graph, Element store)
    {
        int? longest = null;
        var any = false;
        foreach (var flow in graph.Incoming(store.Id))
        {
            if (!BringsPersonalData(graph, flow))
                continue;
            any = true;
            if (graph.FactsOf(flow).RetentionDays is not { } days)
                return null;
            longest = Math.Max(longest ?? 0, days);
        }

        return any ? longest : null;
    }

    /// <summary>True when the flow delivers some personal item its receiver can read about single people.</summary>
    private static bool BringsPersonalData(DataFlowGraph graph, Flow flow) =>
        graph.DeliversAny(flow, static (item, form) => form.ReadableAboutIndividuals && DataSensitivity.IsPersonal(item));
}
