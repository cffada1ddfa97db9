using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Estimation;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM008 public-exposure: a stigmatising attribute (debts, offences, low scores, special categories) reaches the public or
/// other users together with something that identifies the person: blacklists, name-and-shame screens, debtor maps.
/// See docs/rules/TM008-public-exposure.md.
/// </summary>
public sealed class PublicExposureRule : IPrivacyRule
{
    /// <summary>Location precision, in metres, at or below which a position points to one home or one person.</summary>
    public const double IdentifyingPrecisionMetres = 100;

    /// <summary>The aggregation threshold a remedy proposes: figures over at least ten people.</summary>
    private const string AggregateOver = "10";

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM008",
        Name: "public-exposure",
        Title: "A stigmatising attribute is shown to the public with who it belongs to",
        Summary: "Debts, offences, low scores or special-category data reach the public or other users together with a name, an ID "
            + "number, a face, a home location or quasi-identifiers that single people out. Anyone can then point at the people "
            + "marked: public blacklists and name-and-shame displays turn a record into lasting exposure, harassment and exclusion.",
        Linddun: LinddunCategory.DataDisclosure,
        LinddunSubcategory: "Excessive sharing: publishing personal data to an unlimited audience",
        Solove: SoloveHarm.Disclosure,
        DefaultSeverity: Severity.Critical,
        Gdpr: ["Art. 5(1)(c) data minimisation", "Art. 9 special categories", "Art. 25(2) not accessible to an indefinite number of people by default"],
        Pipl: ["Art. 28 sensitive personal information", "Art. 29 separate consent for sensitive personal information", "Art. 55 impact assessment before publishing personal information"],
        Research:
        [
            "Higher People's Court of Hebei (January 2019) debtor map mini-program showing debtors within 500 m with names and partial ID numbers (China Daily, 2019-01-16; TechNode, 2019-01-23; docs/research/social-credit-cases.md section 3).",
            "Shenzhen traffic police (2017-2018) LED screens showing jaywalkers captured by face recognition, and a web page of photos with partly masked names and ID numbers (That's Shenzhen, 2018-03-24; docs/research/social-credit-cases.md section 6).",
            "Supreme People's Court defaulter list website showing names and ID numbers (China Daily, 2018-01-09).",
            "Solove D. J. (2007) The Future of Reputation: Gossip, Rumor, and Privacy on the Internet. Yale University Press.",
        ],
        Mitigations:
        [
            "Do not publish stigmatising attributes about individuals; notify the person privately instead.",
            "Give the audience only aggregates over enough people (aggregationThreshold, differential privacy).",
            "Remove everything identifying before release (protections.suppress): names, ID numbers, photos, precise locations.",
            "Generalise quasi-identifiers and locations until they no longer single people out (protections.generalize).",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.Model;
        foreach (var audience in model.Elements.Where(e => e.IsAudience))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var holdings = IndividualHoldings.OfElement(context.Graph, audience.Id);
            var forms = IndividualHoldings.AllOfElement(context.Graph, audience.Id).ToList();
            foreach (var subject in model.Subjects)
            {
                var stigma = holdings.Where(h => h.Item.SubjectId == subject.Id && IsStigma(h.Item)).ToList();
                if (stigma.Count == 0)
                    continue;
                var identity = Identify(context, subject, forms.Where(h => h.Item.SubjectId == subject.Id && !IsStigma(h.Item)).ToList());
                if (identity.Likelihood is not { } likelihood)
                    continue;
                yield return ToFinding(audience, subject, stigma, identity, likelihood);
            }
        }
    }

    private static bool IsStigma(DataItem item) =>
        item.Stigmatizing || item.Kind == DataItemKind.SpecialCategory || item.SpecialCategory is not null;

    private sealed record Identity(Likelihood? Likelihood, List<(Holding Holding, string How)> Clues, Estimate? Estimate);

    /// <summary>
    /// How well the items the audience sees with the stigma point at one person, and which clues do it. Every form in which
    /// the audience reads an item counts; the most identifying one is the clue.
    /// </summary>
    private static Identity Identify(AnalysisContext context, DataSubject subject, List<Holding> forms)
    {
        Likelihood? best = null;
        var clues = new List<(Holding, string)>();
        void Clue(Holding holding, Likelihood likelihood, string how)
        {
            clues.Add((holding, how));
            if (best is null || likelihood > best)
                best = likelihood;
        }

        foreach (var group in forms.GroupBy(h => h.Item.Id, StringComparer.Ordinal))
        {
            (Holding Holding, Likelihood Likelihood, string How)? strongest = null;
            foreach (var holding in group)
            {
                if (ClueOf(holding) is not { } clue)
                    continue;
                if (strongest is not { } s || clue.Likelihood > s.Likelihood || (clue.Likelihood == s.Likelihood && IndividualHoldings.Precedes(holding, s.Holding)))
                    strongest = (holding, clue.Likelihood, clue.How);
            }

            if (strongest is { } found)
                Clue(found.Holding, found.Likelihood, found.How);
        }

        Estimate? estimate = null;
        // Per quasi-identifier, the finest form the audience sees.
        var quasi = forms.Where(h => h.Item.Kind == DataItemKind.QuasiIdentifier && QuasiOf(h) is not null)
            .GroupBy(h => h.Item.Id, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(h => QuasiOf(h)!.CardinalityIn(subject.Population)).ThenBy(h => h, WitnessOrder.Instance).First())
            .OrderBy(h => h.Item.Id, StringComparer.Ordinal)
            .ToList();
        if (quasi.Count > 0)
        {
            var cardinalities = quasi.Select(h => QuasiOf(h)!.CardinalityIn(subject.Population)).ToArray();
            var unique = ReidentificationEstimator.Estimate(subject.Population, cardinalities).ExpectedUniqueShare;
            var threshold = context.Settings.UniquenessThreshold;
            if (unique >= threshold)
            {
                var likelihood = unique >= 0.5 ? Likelihood.Likely : Likelihood.Possible;
                foreach (var holding in quasi)
                    Clue(holding, likelihood, $"with the other quasi-identifiers singles out about {unique.ToString("P0", CultureInfo.InvariantCulture)} of people");
                estimate = new Estimate(
                    "expected share of exposed people the quasi-identifiers single out", unique, "share",
                    "Poisson cell model over quasi-identifier cardinalities (Sweeney 2000; Golle 2006)",
                    [new("population", subject.Population.ToString(CultureInfo.InvariantCulture)), new("quasi-identifiers", string.Join(" + ", quasi.Select(h => h.Item.Id)))]);
            }
        }

        return new Identity(best, clues, estimate);
    }

    private static QuasiIdentifierSpec? QuasiOf(Holding holding) => holding.Form.Generalization?.QuasiIdentifier ?? holding.Item.QuasiIdentifier;

    /// <summary>What one form of an item tells about who a person is, or null when it does not identify.</summary>
    private static (Likelihood Likelihood, string How)? ClueOf(Holding holding)
    {
        var item = holding.Item;
        var form = holding.Form;
        switch (item.Kind)
        {
            case DataItemKind.DirectIdentifier when form.Pseudonym is null:
                return (Likelihood.Certain, "names the person");
            case DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier when form.PerContextPseudonym || item.Linkability == Linkability.PerContext:
                return null;
            case DataItemKind.PseudonymousIdentifier when item.Linkability == Linkability.HashedIdentifier && form.Pseudonym is null:
                return (Likelihood.Likely, "a hash anyone can reverse by hashing candidate identifiers");
            case DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier:
                return (Likelihood.Possible, "a handle that links to everything else shown under it");
            case DataItemKind.Biometric:
                return (Likelihood.Likely, "a face or body trait that people who know the person recognise");
            case DataItemKind.Location:
                // The precision the audience sees, after generalisation and snapping to a grid (the graph's fact).
                var precision = item.Location is null && form.Generalization?.PrecisionMetres is null && form.GridMetres is null ? null : form.SpatialPrecisionMetres(item);
                if (precision is null || precision <= IdentifyingPrecisionMetres)
                    return (Likelihood.Likely, precision is null ? "a position of undeclared precision" : $"a position within {precision.Value.ToString("0.#", CultureInfo.InvariantCulture)} m, about one home");
                return item.Trace is { PointsPerPerson: >= 4 } ? (Likelihood.Likely, "a trace of places that is unique to almost everyone") : null;
            default:
                return null;
        }
    }

    private Finding ToFinding(Element audience, DataSubject subject, List<Holding> stigma, Identity identity, Likelihood likelihood)
    {
        var who = audience.Type == ElementType.Public ? "anyone" : "other users";
        var stigmaText = FindingText.List(stigma.Select(h => h.Item.Name));
        var clueText = string.Join("; ", identity.Clues.Select(c => $"{c.Holding.Item.Name}: {c.How}"));
        var message = $"{audience.Name} ({who}) can see {stigmaText} about {subject.Name} together with {clueText}. "
            + $"Paths: {string.Join("; ", stigma.Concat(identity.Clues.Select(c => c.Holding)).Select(h => FindingText.Path(h.PathIds)).Distinct(StringComparer.Ordinal))}. "
            + "Anyone can then point at the people marked. Public blacklists and name-and-shame displays (Shenzhen's jaywalker screens, "
            + "the Hebei court's debtor map) turn a record into lasting exposure: harassment, lost work, shunning of families, long after the debt or offence is settled.";
        var identityItems = identity.Clues.Select(c => c.Holding.Item.Name).Distinct(StringComparer.Ordinal).ToList();
        var releaseFlows = stigma.Concat(identity.Clues.Select(c => c.Holding)).Where(h => h.Path.Count > 0).Select(h => h.Path[^1].Id).Distinct(StringComparer.Ordinal).ToList();

        var builder = new FindingBuilder(Metadata, $"{audience.Id}|{subject.Id}")
            .Titled($"{FindingText.Capitalize(stigmaText)} about {subject.Name} visible to {who} with {FindingText.List(identityItems)}")
            .Because(message)
            .Rated(likelihood, Impact.Severe)
            .About(subject.Id)
            .Involving(stigma.Select(h => h.Item.Id))
            .Involving(identity.Clues.Select(c => c.Holding.Item.Id))
            .At(audience.Id)
            .At(stigma.Select(h => h.Path.Count > 0 ? h.Path[^1].From : h.Holder.Id))
            .Mitigated($"Do not show {stigmaText} about individuals to {who}; notify the person privately. If the audience needs figures, release only aggregates "
                + $"(protections.aggregationThreshold on {FindingText.List(releaseFlows)}); otherwise remove {FindingText.List(identityItems)} before release (protections.suppress).")
            .PointingTo(stigma.Select(h => h.Path.Count > 0 ? h.Path[^1].Span : audience.Span).FirstOrDefault(s => s.IsKnown, audience.Span));
        foreach (var holding in stigma)
            builder.Along(holding.PathIds);
        foreach (var holding in stigma.Concat(identity.Clues.Select(c => c.Holding)).Where(h => h.Path.Count > 0))
            builder.Remedied(new DropItem(holding.Path[^1].Id, holding.Item.Id));
        foreach (var flow in releaseFlows)
            builder.Remedied(new AddProtection(flow, "aggregation", AggregateOver));
        foreach (var (holding, _) in identity.Clues)
            builder.Along(holding.PathIds);
        if (identity.Estimate is { } estimate)
            builder.Estimated(estimate);
        return builder.Build();
    }
}
