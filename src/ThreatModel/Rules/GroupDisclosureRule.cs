using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM015 group-disclosure: an aggregate of positions or traces released to the public or other users shows where a group
/// gathers and moves - a base, a shelter, a patrol route - even though no single person can be picked out of it. See
/// docs/rules/TM015-group-disclosure.md.
/// </summary>
public sealed class GroupDisclosureRule : IPrivacyRule
{
    /// <summary>
    /// The size of a site, in metres: a base, a camp, a shelter compound, a clinic with its car park. A group is sparse when
    /// fewer than the design's minimum anonymity set of its people fall in an area this size (or in a released cell, when
    /// coarser) where they are spread evenly; then the places where they gather stand out. For a vulnerable group that is
    /// not sparse, only cells finer than this show a site.
    /// </summary>
    public const double SiteMetres = 1_000;

    /// <summary>
    /// Cells at least this coarse, in metres, show a region rather than a site or a route: the rule stays quiet. A
    /// judgement: ten kilometres is wider than the largest bases whose layout the 2018 heatmap showed, and a route needs cells
    /// far finer than the road it follows.
    /// </summary>
    public const double RegionMetres = 10_000;

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM015",
        Name: "group-disclosure",
        Title: "Released positions, even aggregated, reveal the sites and routes of a group",
        Summary: "Positions or traces reach the public or other users, often only as aggregates (counts per cell, a heatmap, "
            + "differentially private statistics) so that no single person can be picked out; but where the group is sparse or its "
            + "whereabouts endanger it, every lit cell marks a place where its people gather and every bright line a route they "
            + "take. A fitness heatmap showed the layout of military bases and their patrol routes to anyone who looked.",
        Linddun: LinddunCategory.DataDisclosure,
        LinddunSubcategory: "Excessive sharing: aggregates that disclose the places and movements of a group",
        Solove: SoloveHarm.Disclosure,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(c) data minimisation", "Art. 25 data protection by design and by default", "Art. 35 data protection impact assessment", "Recital 26 anonymous information"],
        Pipl: ["Art. 28 sensitive personal information (whereabouts)", "Art. 51 technical measures including de-identification", "Art. 55 impact assessment before publishing personal information"],
        Research:
        [
            "Strava Global Heatmap (November 2017; noticed January 2018): an aggregated, anonymised view of about a billion activities and three trillion GPS points showed the outlines of military bases and patrol routes in Syria, Iraq, Afghanistan and Djibouti (N. Ruser, 27 Jan 2018; Strava, Heatmap Updates, 13 Mar 2018).",
            "Hassan W. U., Hussain S., Bates A. (2018) Analysis of Privacy Protections in Fitness Tracking Social Networks -or- You can run, but can you hide? USENIX Security 2018 - privacy zones around homes are inferred from the rest of public activities for 95.1% of moderately active users.",
            "Pyrgelis A., Troncoso C., De Cristofaro E. (2018) Knock Knock, Who's There? Membership Inference on Aggregate Location Data. NDSS 2018 - aggregate location time series reveal who contributed; differential privacy helps only at a large loss of utility.",
            "Dwork C., Roth A. (2014) The Algorithmic Foundations of Differential Privacy, Theorem 2.2 (group privacy) - an epsilon-DP release is only (g x epsilon)-DP for a group of g people, so it does not hide where a group of hundreds gathers.",
            "Taylor L., Floridi L., van der Sloot B., eds. (2017) Group Privacy: New Challenges of Data Technologies. Springer - harms to groups that no individual protection covers.",
        ],
        Mitigations:
        [
            "Cut sensitive sites (bases, shelters, clinics) and people's private zones out of what is aggregated, and keep them out by default (protections.exclusionZones: true).",
            "Release cells coarse enough that the group's sparse background fills them (generalize precision or snapToGrid), so a lit cell no longer marks where it gathers.",
            "Leave out groups whose whereabouts endanger them, and make contributing opt-in; a minimum count per cell or differential privacy protects each person but not the group.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var graph = context.Graph;
        var model = context.Model;
        var settings = context.Settings;
        foreach (var audience in model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!audience.IsAudience)
                continue;

            // The positions the audience reads (aggregated or not), by subject, in holding order.
            var bySubject = new Dictionary<string, List<Exposure>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var holding in graph.Holdings(audience.Id))
            {
                var form = holding.Form;
                // Positions released about single people show the group's sites too, and more: the rule speaks for them as
                // well, so that aggregating a release never adds a finding (the rules about single people speak besides).
                if (form.Sealed || !ItemForm.IsPosition(holding.Item) || CutsOutSites(graph, holding))
                    continue;
                if (!model.TryGetSubject(holding.Item.SubjectId, out var subject))
                    continue;
                var cell = form.SpatialPrecisionMetres(holding.Item) ?? 0;
                if (cell >= RegionMetres)
                    continue;
                var area = Math.Pow(Math.Max(cell, SiteMetres) / 1000, 2);
                double? background = subject.Density is { } density ? density.PeoplePerSquareKilometre * area : null;
                var sparse = background < settings.MinimumAnonymitySet;
                // A group that fills the map evenly shows only where many of its people live, unless the cells are fine
                // enough to show a site and its whereabouts endanger it.
                if (!sparse && !(subject.Vulnerable && cell < SiteMetres))
                    continue;
                if (!bySubject.TryGetValue(subject.Id, out var exposures))
                {
                    bySubject[subject.Id] = exposures = [];
                    order.Add(subject.Id);
                }

                exposures.Add(new Exposure(holding, cell, background, sparse));
            }

            foreach (var subjectId in order)
                yield return ToFinding(model, settings, audience, model.Subject(subjectId), bySubject[subjectId]);
        }
    }

    /// <summary>True when a flow on the way cut sensitive sites and private zones out before the aggregate was made.</summary>
    private static bool CutsOutSites(DataFlowGraph graph, Holding holding)
    {
        foreach (var flow in holding.Path)
        {
            if (graph.FactsOf(flow).ExcludesSensitiveSites)
                return true;
        }

        return false;
    }

    private Finding ToFinding(SystemModel model, AnalysisSettings settings, Element audience, DataSubject subject, List<Exposure> exposures)
    {
        var sparse = exposures.Any(e => e.Sparse);
        var likelihood = sparse ? Likelihood.Likely : Likelihood.Possible;
        var impact = subject.Vulnerable ? Impact.Severe : Impact.Major;
        var items = exposures.Select(e => e.Holding.Item).DistinctBy(i => i.Id).ToList();
        var itemNames = FindingText.List([.. items.Select(i => i.Name)]);
        var audienceName = audience.Type == ElementType.Public ? "the public" : audience.Name;
        var finest = exposures.MinBy(e => e.CellMetres)!;
        var k = exposures.Select(e => e.Holding.AggregationThreshold).Max();
        var epsilon = exposures.Select(e => e.Holding.NoiseEpsilon).Min();
        var aggregated = exposures.All(e => e.Holding.Form.Aggregated);
        var protection = (k, epsilon) switch
        {
            ({ } kk, { } ee) when kk > 1 => $"at least {kk} people per cell and differential privacy with epsilon {Number(ee)}",
            (_, { } ee) => $"differential privacy with epsilon {Number(ee)}",
            ({ } kk, null) when kk > 1 => $"at least {kk} people per cell",
            _ => "aggregation",
        };

        var why = finest.Background is { } background && finest.Sparse
            ? $"spread evenly, about {Number(background)} people of {subject.Name} would be found in {Area(finest.CellMetres)} (fewer than the {Number(settings.MinimumAnonymitySet)} the design requires), so the map is dark where they are spread out and lit only where they gather, and at cells of {Number(finest.CellMetres)} m each lit patch marks a site of theirs and each bright line a route they take."
            : $"their whereabouts endanger them, and at cells of {Number(finest.CellMetres)} m the places where they gather and the routes they take stand out.";
        var paths = FindingText.List([.. exposures.Select(e => FindingText.Path(e.Holding.PathIds))]);
        var message = aggregated
            ? $"{itemNames} about {subject.Name} {(items.Count == 1 ? "reaches" : "reach")} {audienceName} as aggregates ({protection}) via {paths}. "
                + $"No single person can be picked out, but the aggregate speaks about the group: {why} {FindingText.Capitalize(protection)} protects each person, "
                + "not a group of hundreds at one place (group privacy), and consent given one by one does not cover the group."
            : $"{itemNames} about {subject.Name} {(items.Count == 1 ? "reaches" : "reach")} {audienceName} position by position via {paths}. "
                + $"Besides what it tells about each person, it speaks about the group: {why} Aggregating it would protect each person, not the group.";
        message += " A fitness heatmap showed the outlines and patrol routes of military bases this way (2018).";

        var builder = new FindingBuilder(Metadata, $"{audience.Id}|{subject.Id}")
            .Titled($"Positions of {subject.Name} released to {audienceName} show where they gather and move")
            .Because(message)
            .Rated(likelihood, impact)
            .About(subject.Id)
            .Involving(items.Select(i => i.Id))
            .At(audience.Id)
            .Mitigated($"Cut sensitive sites and private zones out before aggregating (protections.exclusionZones: true on a flow on the way to {audienceName}), "
                + $"or release cells coarse enough that {subject.Name} fill them evenly (generalize precision or snapToGrid); leave out groups whose whereabouts endanger them.")
            .PointingTo(finest.Holding.Path.Count > 0 ? finest.Holding.Path[^1].Span : audience.Span);
        if (finest.Background is { } people)
        {
            builder.Estimated(new Estimate("people of the group per site-sized area, spread evenly", people, "people",
                "density x the larger of a 1 km site and the released cell (docs/rules/TM015-group-disclosure.md)",
                [
                    new("density per km2", Number(subject.Density!.PeoplePerSquareKilometre)),
                    new("cell metres", Number(finest.CellMetres)),
                    new("site metres", Number(SiteMetres)),
                    new("minimum anonymity set", Number(settings.MinimumAnonymitySet)),
                ]));
        }

        foreach (var exposure in exposures)
        {
            builder.Along(exposure.Holding.PathIds);
            if (exposure.Holding.Path.Count > 0)
            {
                // The publisher (the sender of the last flow) is where the release is decided.
                builder.At(exposure.Holding.Path[^1].From);
                builder.Remedied(new AddProtection(exposure.Holding.Path[^1].Id, "exclusion-zones"));
            }
        }

        return builder.Build();
    }

    private static string Area(double cellMetres) =>
        cellMetres > SiteMetres ? $"a released cell of {Number(cellMetres / 1000)} km" : "a site-sized square kilometre";

    private static string Number(double value) =>
        value.ToString(value >= 100 ? "N0" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>One aggregated position the audience reads: its cell, and the group's people per site-sized area where spread evenly.</summary>
    private sealed record Exposure(Holding Holding, double CellMetres, double? Background, bool Sparse);
}
