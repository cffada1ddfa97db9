using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM007 decision-without-recourse: a process decides people's access to credit, travel, work or public services from
/// profiling data, and they are not told, cannot see the inputs, or cannot appeal. See docs/rules/TM007-decision-without-recourse.md.
/// </summary>
public sealed class DecisionWithoutRecourseRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM007",
        Name: "decision-without-recourse",
        Title: "A decision built on profiling leaves people without notice, insight or appeal",
        Summary: "A process decides whether people get credit, travel, work, housing or public services, using data that profile them "
            + "(behaviour, scores, location, finances, friends), and they are not told, cannot see what the decision rests on, or "
            + "cannot contest it before a human. A wrong or unfair decision then stands, and people learn of it only when a door closes.",
        Linddun: LinddunCategory.Unawareness,
        LinddunSubcategory: "Unintervenability: no transparency about, or recourse against, decisions based on profiling",
        Solove: SoloveHarm.Exclusion,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 22 automated individual decision-making, including profiling", "Art. 13(2)(f) / 14(2)(g) information about automated decisions", "Art. 15 right of access", "Art. 16 right to rectification"],
        Pipl: ["Art. 24 automated decision-making: transparency, fair results, explanation and refusal", "Art. 55 impact assessment in advance for automated decision-making"],
        Research:
        [
            "Citron D. K., Pasquale F. (2014) The Scored Society: Due Process for Automated Predictions. Washington Law Review 89(1):1.",
            "Citron D. K. (2008) Technological Due Process. Washington University Law Review 85(6):1249.",
            "Supreme People's Court defaulter blacklist: 6.15 million blocked flight purchases and 2.22 million blocked high-speed-rail purchases by Feb 2017 (China Daily, 2017-02-14; docs/research/social-credit-cases.md section 2).",
            "Tweede Kamer, Parliamentary Inquiry Committee on Childcare Allowance (2020-12-17) Ongekend onrecht (Unprecedented injustice) - about 26,000 parents wrongly treated as fraudsters.",
            "Rechtbank Den Haag (2020-02-05) NJCM et al. v. the Netherlands, ECLI:NL:RBDHA:2020:1878 - SyRI risk profiling held to breach Art. 8 ECHR for lack of transparency and verifiability.",
        ],
        Mitigations:
        [
            "Tell people when a decision is made about them and on what grounds (decision.informed).",
            "Let people see the data and rules that led to it, and correct wrong data (decision.inputsVisible).",
            "Give people an appeal before a human who can change the outcome, before the effect takes hold (decision.appeal).",
            "Keep profiling data out of decisions about essential access; decide on the facts the decision is about.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.Model;
        foreach (var element in model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (element.Decision is not { } decision)
                continue;
            var missing = Missing(decision);
            if (missing.Count == 0)
                continue;

            var profiling = IndividualHoldings.OfElement(context.Graph, element.Id).Where(h => Profiles(h.Item)).ToList();
            var subjects = decision.SubjectId is { } decided
                ? [decided]
                : profiling.Select(h => h.Item.SubjectId).Distinct(StringComparer.Ordinal).ToList();
            foreach (var subjectId in subjects)
            {
                var inputs = profiling.Where(h => h.Item.SubjectId == subjectId).ToList();
                if (inputs.Count > 0 && model.TryGetSubject(subjectId, out var subject))
                    yield return ToFinding(model, element, decision, subject, inputs, missing);
            }
        }
    }

    /// <summary>True for items that profile a person: what they do, where they are, whom they know, what they have, how they are rated.</summary>
    private static bool Profiles(DataItem item) =>
        item.Stigmatizing || item.SpecialCategory is not null || item.Kind is DataItemKind.Behavioural or DataItemKind.Score
            or DataItemKind.SocialGraph or DataItemKind.Location or DataItemKind.Financial or DataItemKind.CommunicationContent
            or DataItemKind.CommunicationMetadata or DataItemKind.Biometric or DataItemKind.SpecialCategory;

    private static List<(string Lack, string Fix)> Missing(DecisionSpec decision)
    {
        var missing = new List<(string, string)>();
        if (!decision.SubjectInformed)
            missing.Add(("are not told the decision was made", "tell people when a decision is made about them (decision.informed: true)"));
        if (!decision.InputsVisible)
            missing.Add(("cannot see the data and rules it rests on", "show them the data and rules behind it and let them correct wrong data (decision.inputsVisible: true)"));
        if (!decision.Appeal)
            missing.Add(("cannot contest it before a human", "give them an appeal before a human who can change the outcome (decision.appeal: true)"));
        return missing;
    }

    private Finding ToFinding(SystemModel model, Element element, DecisionSpec decision, DataSubject subject, List<Holding> inputs, List<(string Lack, string Fix)> missing)
    {
        var stake = DecisionStakes.Of(decision.Affects);
        var impact = stake switch
        {
            DecisionStake.Essential => Impact.Severe,
            DecisionStake.Significant => Impact.Major,
            _ => Impact.Moderate,
        };
        if (subject.Vulnerable && impact < Impact.Severe)
            impact++;
        var weight = missing.Count + (decision.Automated ? 1 : 0);
        var likelihood = weight switch
        {
            >= 4 => Likelihood.Certain,
            3 => Likelihood.Likely,
            2 => Likelihood.Possible,
            _ => Likelihood.Rare,
        };

        var affects = decision.Affects.Count > 0 ? FindingText.List(decision.Affects) : "their situation";
        var how = decision.Automated ? "automatically decides" : "decides";
        var noRights = PartyNames.Jurisdiction(model, element.JurisdictionId) is { SubjectRights: false }
            ? " The law where it runs gives them no rights they can enforce." : string.Empty;
        var message = $"{element.Name} {how} access to {affects} for {subject.Name} from data that profile them: "
            + $"{string.Join("; ", inputs.Select(h => $"{h.Item.Name} ({FindingText.KindWord(h.Item.Kind)}) {(h.Path.Count > 0 ? "via " + FindingText.Path(h.PathIds) : "computed there")}"))}. "
            + $"They {FindingText.List(missing.Select(m => m.Lack))}.{noRights} A wrong or unfair decision then stands: people learn of it only when a ticket, "
            + "a loan or a benefit is refused, cannot tell which data were wrong, and have no one to put it right, as with China's court "
            + "blacklist blocking flight and train purchases and the Dutch childcare-benefits scandal.";

        var builder = new FindingBuilder(Metadata, $"{element.Id}|{subject.Id}")
            .Titled($"{element.Name} {how} access to {affects} for {subject.Name} without {Lacking(missing.Count, decision)}")
            .Because(message)
            .Rated(likelihood, impact)
            .About(subject.Id)
            .Involving(inputs.Select(h => h.Item.Id))
            .At(element.Id)
            .Mitigated(FindingText.Capitalize(FindingText.List(missing.Select(m => m.Fix))) + ".")
            .Remedied(new GrantRecourse(element.Id))
            .PointingTo(decision.Span.IsKnown ? decision.Span : element.Span);
        foreach (var holding in inputs)
            builder.Along(holding.PathIds);
        return builder.Build();
    }

    private static string Lacking(int count, DecisionSpec decision)
    {
        var lacks = new List<string>();
        if (!decision.SubjectInformed) lacks.Add("notice");
        if (!decision.InputsVisible) lacks.Add("insight");
        if (!decision.Appeal) lacks.Add("appeal");
        return count == 3 ? "notice, insight or appeal" : string.Join(" or ", lacks);
    }
}
