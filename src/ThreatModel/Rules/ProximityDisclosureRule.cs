using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Estimation;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

namespace ThreatModel.Rules;

/// <summary>
/// TM003 proximity-disclosure: other users, the public, or a person of another subject learn where a subject is or lives -
/// from a location, a distance, or membership in "people within R metres" - precisely enough to single them out (an expected
/// anonymity set below <see cref="AnalysisSettings.MinimumAnonymitySet"/>), or together with their identity within a
/// neighbourhood. Queries from positions the caller chooses are taken at the precision trilateration reaches unless
/// positions are snapped to a fixed grid before any distance is computed. One finding per (audience, subject).
/// See docs/rules/TM003-proximity-disclosure.md.
/// </summary>
public sealed class ProximityDisclosureRule : IPrivacyRule
{
    /// <summary>
    /// People in a neighbourhood: the US Census Bureau's optimum census-tract population (tracts hold 1,200-8,000 people,
    /// optimally 4,000). A named person placed among fewer people than this can be found by asking around or looking up the area.
    /// </summary>
    public const double NeighbourhoodPopulation = 4_000;

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM003",
        Name: "proximity-disclosure",
        Title: "Other people can find where a person is or lives",
        Summary: "A map, a distance (\"1.2 km away\") or a \"people within 500 m\" list tells other users or the public where a person is. "
            + "Rounding, radius limits and random noise do not hide it from anyone who can query from positions of their choice: a few "
            + "queries trilaterate the person to within metres. With a name or a stigmatising fact attached, it exposes people to "
            + "stalking, harassment and vigilante shaming.",
        Linddun: LinddunCategory.DataDisclosure,
        LinddunSubcategory: "Disclosure of location through proximity and distance features; identifying by location",
        Solove: SoloveHarm.Disclosure,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(c) data minimisation", "Art. 25 data protection by design and by default", "Art. 32 security of processing", "Art. 9 special categories (when presence reveals them)"],
        Pipl: ["Art. 28 sensitive personal information incl. whereabouts (行踪轨迹)", "Art. 6 minimum scope", "Art. 51 technical measures"],
        Research:
        [
            "Polakis I., Argyros G., Petsios T., Sivakorn S., Keromytis A.D. (2015) Where's Wally? Precise User Discovery Attacks in Location Proximity Services. ACM CCS 2015 - Facebook users pinpointed within 5 m, 90% of Foursquare users within 15 m, in 3-7 s; spatial cloaking adopted after.",
            "Li M., Zhu H., Gao Z., Chen S., Yu L., Hu S., Ren K. (2014) All Your Location are Belong to Us: Breaking Mobile Social Networks for Automated User Location Tracking. ACM HotMobile 2014 - WeChat, Skout and Momo used as location oracles with spoofed positions.",
            "Dhondt K., Le Pochat V., Dimova Y., Joosen W., Volckaert S. (2024) Swipe Left for Identity Theft. USENIX Security 2024 - 6 of 15 dating apps allow pinpointing a user's location.",
            "Check Point Research (2024) Hornet dating app: location within 10 m despite randomised distances.",
            "China Daily (2019-01-16) Hebei High People's Court 'map of deadbeat debtors' shows debtors within 500 m to WeChat users.",
        ],
        Mitigations:
        [
            "Snap positions to a fixed grid (geohash/S2 cell) before computing any distance or 'nearby' answer; size the cell for the density so that it holds at least k people.",
            "Compute answers from the caller's verified position, not a position the caller sends; rate-limit and check velocity (these lower likelihood, they do not remove it).",
            "Never show names, ID numbers or stigmatising facts with positions; never send raw coordinates to clients.",
            "Show counts per area instead of people, with a minimum count per cell.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var audience in context.Model.Elements)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!audience.IsAudience && audience.Type != ElementType.Person)
                continue;
            var exposures = new List<Exposure>();
            foreach (var flow in context.Graph.Incoming(audience.Id))
                exposures.AddRange(ExposuresOn(context, flow, audience));

            foreach (var group in exposures.GroupBy(e => e.Subject.Id, StringComparer.Ordinal))
            {
                if (Assess(context, audience, [.. group]) is { } finding)
                    yield return finding;
            }
        }
    }

    /// <summary>How one flow into an audience exposes where the people of each subject are.</summary>
    private static IEnumerable<Exposure> ExposuresOn(AnalysisContext context, Flow flow, Element audience)
    {
        var model = context.Model;
        var delivered = context.Graph.FormsDeliveredBy(flow)
            .Where(d => d.Form.ReadableAboutIndividuals && !(audience.Type == ElementType.Person && audience.SubjectId == d.Item.SubjectId))
            .ToList();
        var query = ProximityQueryFacts.Of(flow);

        foreach (var subjectId in delivered.Select(d => d.Item.SubjectId).Distinct(StringComparer.Ordinal))
        {
            if (!model.TryGetSubject(subjectId, out var subject))
                continue;
            var density = subject.Density ?? DensityPresets.Default;
            var mine = delivered.Where(d => d.Item.SubjectId == subjectId).ToList();

            foreach (var (item, form) in mine)
            {
                // A geographic quasi-identifier (address, postcode) places a person among the people sharing its value.
                if (item.Kind == DataItemKind.QuasiIdentifier && item.Location is null
                    && (form.Generalization?.QuasiIdentifier ?? item.QuasiIdentifier) is { PeoplePerValue: { } sharing } spec)
                {
                    var area = sharing / Math.Max(density.PeoplePerSquareKilometre, 1e-9);
                    // A value placed to a stated distance (a street without its number: about 250 m) is as precise as that;
                    // the people sharing it are still the anonymity set.
                    var placed = spec.SpatialPrecisionMetres ?? Math.Sqrt(area / Math.PI) * 1000;
                    var estimate = new ProximityEstimate(placed, area, Math.Max(1, sharing), false, false,
                        $"shown as {spec.Preset ?? "an area"} shared by about {Number(sharing)} people"
                        + (spec.SpatialPrecisionMetres is { } metres ? $", placed to about {Number(metres)} m" : string.Empty));
                    yield return new Exposure(subject, flow, [item], estimate, null, density);
                }
                else if (form.DisplayedPrecisionMetres(item) is { } displayed && query is null)
                {
                    var exposure = new ProximityExposure(density.PeoplePerSquareKilometre, HeldPrecision(item), ProximityAnswer.Location,
                        DisplayedPrecisionMetres: displayed, SnapToGridMetres: form.GridMetres, RateLimitPerDay: context.Graph.FactsOf(flow).RateLimitPerDay);
                    yield return new Exposure(subject, flow, [item], ProximityEstimator.Estimate(exposure), exposure, density);
                }
            }

            if (query is null)
                continue;

            var shown = mine.Where(d => d.Form.DisplayedPrecisionMetres(d.Item) is not null).ToList();
            // A distance or within-radius answer from the caller's verified position discloses the region of the answer
            // (the disk of the radius, the rounding of the distance), whatever positions it is computed from: the
            // positions it carries are its inputs, not shown (docs/estimation.md). From a position the caller chooses, the
            // positions in the answer can be swept across the whole map, so they count as shown.
            var shownExactly = shown.Count > 0 && (query.QuerierChoosesPosition || !query.AnswersFromHiddenPositions);
            if (shownExactly)
            {
                // The answer carries the positions themselves: a caller who picks the query position can sweep the whole map.
                var finest = shown.MinBy(d => d.Form.DisplayedPrecisionMetres(d.Item))!;
                var exposure = new ProximityExposure(density.PeoplePerSquareKilometre, HeldPrecision(finest.Item), ProximityAnswer.Location,
                    finest.Form.DisplayedPrecisionMetres(finest.Item), query.RadiusMetres, query.QuerierChoosesPosition, finest.Form.GridMetres ?? query.GridMetres, query.RateLimitPerDay);
                yield return new Exposure(subject, flow, [.. shown.Select(d => d.Item).DistinctBy(i => i.Id)], ProximityEstimator.Estimate(exposure), exposure, density);
            }

            if (query.Answer == ProximityAnswer.Location && shown.Count > 0)
                continue;

            // The service answers from the positions it holds, whatever it shows.
            var held = context.Graph.Holdings(flow.From)
                .Where(h => h.Item.SubjectId == subjectId && h.Form.Readable && h.Form.DisplayedPrecisionMetres(h.Item) is not null)
                .Select(h => h.Item).DistinctBy(i => i.Id).ToList();
            if (!shownExactly)
                held = [.. held.Concat(shown.Select(d => d.Item)).DistinctBy(i => i.Id)];
            var precision = held.Count > 0 ? held.Min(HeldPrecision) : ProximityEstimator.DefaultLocationPrecisionMetres;
            var displayedAnswer = !shownExactly && query.Answer == ProximityAnswer.Distance && shown.Count > 0
                ? shown.Max(d => d.Form.DisplayedPrecisionMetres(d.Item))
                : null;
            // A distance rounded before it is shown ("1 km away") is displayed at that rounding (the fact layer's reading).
            if (query.RoundedToMetres is { } rounded && !shownExactly)
                displayedAnswer = Math.Max(displayedAnswer ?? 0, rounded);
            var answered = new ProximityExposure(density.PeoplePerSquareKilometre, precision, query.Answer, displayedAnswer, query.RadiusMetres,
                query.QuerierChoosesPosition, query.GridMetres, query.RateLimitPerDay);
            yield return new Exposure(subject, flow, held, ProximityEstimator.Estimate(answered), answered, density);
        }
    }

    private static double HeldPrecision(DataItem item) =>
        Math.Max(item.Location?.PrecisionMetres ?? ProximityEstimator.DefaultLocationPrecisionMetres, item.Trace?.SpatialResolutionMetres ?? 0);

    private Finding? Assess(AnalysisContext context, Element audience, IReadOnlyList<Exposure> exposures)
    {
        var settings = context.Settings;
        var subject = exposures[0].Subject;
        var readable = context.Graph.ReadableHoldings(audience.Id).Where(h => h.Item.SubjectId == subject.Id && h.Form.ReadableAboutIndividuals).ToList();
        var identity = readable
            .Where(h => (h.Item.Kind == DataItemKind.DirectIdentifier && h.Form.Pseudonym is null) || h.Item.Kind == DataItemKind.Biometric)
            .Select(h => h.Item).ToList();
        var stigma = readable
            .Where(h => h.Item.Stigmatizing || DataSensitivity.RevealsSpecialCategory(h.Item))
            .Select(h => h.Item).ToList();

        // An exposure counts when it singles the person out, or places a named person within a neighbourhood.
        var firing = exposures
            .Where(e => e.Estimate.ExpectedAnonymitySet < settings.MinimumAnonymitySet || (identity.Count > 0 && e.Estimate.ExpectedAnonymitySet < NeighbourhoodPopulation))
            .Select(e => (Exposure: e, Likelihood: LikelihoodOf(e, settings)))
            .OrderByDescending(e => e.Likelihood)
            .ThenBy(e => e.Exposure.Estimate.ExpectedAnonymitySet)
            .ThenByDescending(e => e.Exposure.Estimate.Trilateration)
            .ThenBy(e => e.Exposure.Flow.Span.Line).ThenBy(e => e.Exposure.Flow.Id, StringComparer.Ordinal)
            .ToList();
        if (firing.Count == 0)
            return null;

        var (lead, likelihood) = firing[0];
        var trilateration = firing.Select(f => f.Exposure).FirstOrDefault(e => e.Estimate.Trilateration);
        var set = lead.Estimate.ExpectedAnonymitySet;
        var singledOut = set < settings.MinimumAnonymitySet;
        var impact = identity.Count > 0 || stigma.Count > 0 || subject.Vulnerable ? Impact.Severe : Impact.Major;
        var who = audience.Type == ElementType.Public ? "Anyone" : audience.Name;

        var sentences = new List<string>();
        if (!ReferenceEquals(lead, trilateration))
            sentences.Add($"{who} can see where {subject.Name} are through {lead.Flow.Id}, to about {Number(lead.Estimate.EffectivePrecisionMetres)} m ({lead.Estimate.Basis}).");
        if (trilateration is not null)
        {
            var answer = trilateration.Inputs!.Answer == ProximityAnswer.WithinRadius
                ? $"whether they are within {Number(trilateration.Inputs.RadiusMetres ?? 0)} m"
                : "their distance";
            sentences.Add($"{who} can ask {answer} from any position they choose ({trilateration.Flow.Id}). Moving that position and watching the answer change "
                + $"locates each person to about {Number(trilateration.Estimate.EffectivePrecisionMetres)} m, whatever the rounding or radius "
                + "(Polakis et al. 2015 pinpointed Facebook users within 5 m in seconds; Li et al. 2014 did the same to WeChat with spoofed positions).");
        }

        sentences.Add($"At {Number(lead.Density.PeoplePerSquareKilometre)} {subject.Name} per km²{(subject.Density is null ? $" (the '{DensityPresets.DefaultName}' default: the design gives no density)" : string.Empty)}, "
            + $"that area holds about {Number(set)} of them{(singledOut ? $", fewer than the {Number(settings.MinimumAnonymitySet)} the design requires" : string.Empty)}.");
        if (identity.Count > 0)
            sentences.Add($"{who} can also read {FindingText.List(identity.Select(i => i.Name))}, and so can tell whom they have found{(singledOut ? string.Empty : $": an area of fewer than {Number(NeighbourhoodPopulation)} people is a neighbourhood where a named person can be found")}.");
        if (stigma.Count > 0)
            sentences.Add($"The position comes with {FindingText.List(stigma.Select(i => i.Name))}, which exposes the person to shaming or worse where they live.");
        if (lead.RateLimitPerDay is { } limit)
            sentences.Add($"The rate limit of {limit} queries a day slows this down but does not stop it.");

        var items = exposures.SelectMany(e => e.Items).Concat(identity).Concat(stigma).Select(i => i.Id).Distinct(StringComparer.Ordinal).ToList();
        var builder = new FindingBuilder(Metadata, $"{audience.Id}|{subject.Id}")
            .Titled(ReferenceEquals(lead, trilateration)
                ? $"{who} can trilaterate {subject.Name} to about {Number(lead.Estimate.EffectivePrecisionMetres)} m through {lead.Flow.Id}"
                : $"{who} can place {subject.Name} within about {Number(lead.Estimate.EffectivePrecisionMetres)} m through {lead.Flow.Id}")
            .Because(string.Join(" ", sentences))
            .Rated(likelihood, impact)
            .About(subject.Id)
            .Involving(items)
            .At(audience.Id)
            .At(exposures.Select(e => e.Flow.From))
            .PointingTo(lead.Flow.Span)
            .Estimated(EstimateOf(lead, subject, settings));
        if (trilateration is not null && !ReferenceEquals(lead, trilateration))
            builder.Estimated(EstimateOf(trilateration, subject, settings));
        foreach (var (exposure, _) in firing)
            builder.Along(context.Graph.ArrivalPath(exposure.Flow, exposure.Items));
        builder.Mitigated(MitigationFor(lead, trilateration, identity, stigma, settings, builder));
        return builder.Build();
    }

    /// <summary>
    /// Certain when the design shows a position that singles the person out; likely for queries, and for a named person
    /// placed within a neighbourhood; one step lower under a rate limit.
    /// </summary>
    private static Likelihood LikelihoodOf(Exposure exposure, AnalysisSettings settings)
    {
        var likelihood = !exposure.IsQuery && exposure.Estimate.ExpectedAnonymitySet < settings.MinimumAnonymitySet ? Likelihood.Certain : Likelihood.Likely;
        return exposure.RateLimitPerDay is not null ? likelihood - 1 : likelihood;
    }

    private static Estimate EstimateOf(Exposure exposure, DataSubject subject, AnalysisSettings settings)
    {
        var density = exposure.Density;
        var inputs = new List<KeyValuePair<string, string>>
        {
            new("density", $"{Number(density.PeoplePerSquareKilometre)} per km²" + (subject.Density is null
                ? $" (default '{DensityPresets.DefaultName}': the design gives no density for {subject.Id})"
                : density.Preset is { } preset ? $" ('{preset}')" : string.Empty)),
        };
        if (exposure.Inputs is { } q)
        {
            inputs.Add(new("stored precision", Number(q.LocationPrecisionMetres) + " m"));
            inputs.Add(new("answer", q.Answer switch { ProximityAnswer.WithinRadius => "within-radius", ProximityAnswer.Distance => "distance", _ => "location" }));
            if (q.DisplayedPrecisionMetres is { } shown)
                inputs.Add(new("displayed precision", Number(shown) + " m"));
            if (q.RadiusMetres is { } radius && q.Answer == ProximityAnswer.WithinRadius)
                inputs.Add(new("radius", Number(radius) + " m"));
            if (q.Answer != ProximityAnswer.Location || q.QuerierChoosesPosition)
                inputs.Add(new("position chosen by", q.QuerierChoosesPosition ? "querier" : "system"));
            inputs.Add(new("snap to grid", q.SnapToGridMetres is { } g ? Number(g) + " m" : "none"));
            if (q.RateLimitPerDay is { } limit)
                inputs.Add(new("rate limit", $"{limit} a day (lowers likelihood only)"));
        }

        inputs.Add(new("region", exposure.Estimate.Basis));
        inputs.Add(new("effective precision", Number(exposure.Estimate.EffectivePrecisionMetres) + " m"));
        inputs.Add(new("area", exposure.Estimate.AreaSquareKilometres.ToString("0.######", CultureInfo.InvariantCulture) + " km²"));
        inputs.Add(new("minimum anonymity set", Number(settings.MinimumAnonymitySet)));
        return new Estimate("expected anonymity set of a disclosed position", exposure.Estimate.ExpectedAnonymitySet, "people",
            "density x area (pi r^2, or g^2 for a grid cell); trilateration collapses rounding and radius to the stored precision (Polakis et al. 2015); docs/estimation.md",
            inputs);
    }

    private static string MitigationFor(Exposure lead, Exposure? trilateration, IReadOnlyList<DataItem> identity, IReadOnlyList<DataItem> stigma, AnalysisSettings settings, FindingBuilder builder)
    {
        var density = lead.Density.PeoplePerSquareKilometre;
        var parts = new List<string>();
        var cell = NiceCell(ProximityEstimator.GridCellFor(density, settings.MinimumAnonymitySet));
        // A mitigation is always coarser than the grid in force: when that grid already holds k people and the finding
        // stands (a named person within a neighbourhood), propose the cell that hides a named person, and never a finer grid.
        var inForce = Math.Max(lead.Inputs?.SnapToGridMetres ?? 0, trilateration?.Inputs?.SnapToGridMetres ?? 0);
        if (inForce > 0 && cell <= inForce)
            cell = NiceCell(Math.Max(identity.Count > 0 ? ProximityEstimator.GridCellFor(density, NeighbourhoodPopulation) : 0, inForce * 1.0001));
        var cellText = Number(cell, raw: true);
        var perCell = Number(ProximityEstimator.AnonymitySetOfCell(density, cell));
        var query = trilateration ?? (lead.IsQuery ? lead : null);
        builder.Remedied(new SnapToGrid((query ?? lead).Flow.Id, cell));
        if (query is not null && !lead.IsQuery)
            builder.Remedied(new SnapToGrid(lead.Flow.Id, cell));
        if (query is not null)
        {
            var shownToo = !lead.IsQuery && lead.Flow.Id == query.Flow.Id ? " and before showing any position" : string.Empty;
            parts.Add($"Snap positions to a fixed grid of at least {cellText} m before computing any distance or 'within' answer{shownToo} on {query.Flow.Id} (snapToGrid: {cellText}): "
                + $"a cell then holds about {perCell} people and nothing finer can be learnt; rounding, radius limits and random noise do not stop trilateration.");
            if (trilateration is not null)
                parts.Add("Answer only from the caller's verified position (query.chosenBy: system) and rate-limit: both lower the likelihood, neither removes it.");
        }

        if (!lead.IsQuery && (query is null || lead.Flow.Id != query.Flow.Id))
        {
            var items = string.Join(", ", lead.Items.Select(i => i.Id));
            parts.Add($"Show positions on {lead.Flow.Id} no finer than a fixed {cellText} m grid (snapToGrid: {cellText}, or generalize: {{ {items}: {{ precision: {cellText} }} }}), "
                + $"about {perCell} people per cell.");
        }

        if (identity.Count > 0)
        {
            var neighbourhood = Number(NiceCell(ProximityEstimator.GridCellFor(density, NeighbourhoodPopulation)), raw: true);
            parts.Add($"Do not show {FindingText.List(identity.Select(i => i.Name))} with positions: with a name, any position finer than a neighbourhood finds the person "
                + $"(here a cell of {neighbourhood} m would be needed to hide a named person among {Number(NeighbourhoodPopulation)}).");
        }

        if (stigma.Count > 0)
            parts.Add($"Do not attach {FindingText.List(stigma.Select(i => i.Name))} to positions.");
        parts.Add("Or show counts per area only, with a minimum count per cell (aggregationThreshold).");
        return string.Join(" ", parts);
    }

    /// <summary>The first size at or above <paramref name="metres"/> among 10, 20, 25, 50, 100, 200, 250, 500, 1,000 ... metres.</summary>
    private static double NiceCell(double metres)
    {
        for (var scale = 10.0; scale < 1e8; scale *= 10)
        {
            foreach (var step in new[] { 1.0, 2.0, 2.5, 5.0 })
            {
                if (step * scale >= metres)
                    return step * scale;
            }
        }

        return Math.Ceiling(metres);
    }

    private static string Number(double value, bool raw = false) =>
        raw ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>One way an audience learns where the people of one subject are.</summary>
    /// <param name="Subject">Whose position.</param>
    /// <param name="Flow">The flow that exposes it.</param>
    /// <param name="Items">The position items behind it.</param>
    /// <param name="Estimate">Where the audience can place the person, among how many.</param>
    /// <param name="Inputs">The estimator's inputs; null for geographic quasi-identifiers, placed by their people per value.</param>
    /// <param name="Density">The density used.</param>
    private sealed record Exposure(
        DataSubject Subject,
        Flow Flow,
        IReadOnlyList<DataItem> Items,
        ProximityEstimate Estimate,
        ProximityExposure? Inputs,
        Density Density)
    {
        /// <summary>True for distance and within-radius answers, computed from positions the audience never sees.</summary>
        public bool IsQuery => Inputs is { Answer: not ProximityAnswer.Location };

        /// <summary>Queries slowed by a rate limit.</summary>
        public int? RateLimitPerDay => Inputs?.RateLimitPerDay;
    }
}
