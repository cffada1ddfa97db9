using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Estimation;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules.Support;

namespace ThreatModel.Rules;

/// <summary>
/// TM002 re-identification: records about people released without their direct identifiers (suppressed, pseudonymised or
/// never included) to another organization, the public or other users, whose remaining quasi-identifiers, locations or
/// traces still single people out above <see cref="AnalysisSettings.UniquenessThreshold"/> or leave an expected anonymity
/// set below <see cref="AnalysisSettings.MinimumAnonymitySet"/>. One finding per (receiver, subject, attribute set), with
/// the estimate, its inputs, and the computed change that brings the release under the thresholds.
/// See docs/rules/TM002-re-identification.md.
/// </summary>
public sealed class ReidentificationRule : IPrivacyRule
{
    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM002",
        Name: "re-identification",
        Title: "De-identified records still single people out",
        Summary: "Records released without names or with pseudonyms are still about single people when what remains - birth date, "
            + "postcode, gender, a precise location, a few points of a movement or payment trace - is unique to most of them. "
            + "Anyone holding the same attributes with names (a voter roll, a customer file, a receipt, a social-media post) "
            + "can put the names back and learn everything else in the record.",
        Linddun: LinddunCategory.Identifying,
        LinddunSubcategory: "Identifying through quasi-identifiers and traces in de-identified data",
        Solove: SoloveHarm.Identification,
        DefaultSeverity: Severity.High,
        Gdpr: ["Recital 26 identifiability and anonymous information", "Art. 4(5) pseudonymisation", "Art. 25 data protection by design", "Art. 89(1) safeguards for research and statistics"],
        Pipl: ["Art. 4 anonymised information is not personal information", "Art. 73(3)-(4) de-identification and anonymisation", "Art. 51 technical measures incl. de-identification"],
        Research:
        [
            "Sweeney L. (2000) Simple demographics often identify people uniquely. Carnegie Mellon University, Data Privacy Working Paper 3 - 87% of the US population (1990) unique on 5-digit ZIP, gender and date of birth.",
            "Golle P. (2006) Revisiting the uniqueness of simple demographics in the US population. ACM WPES - 63% on the 2000 census.",
            "de Montjoye Y.-A., Hidalgo C.A., Verleysen M., Blondel V.D. (2013) Unique in the Crowd: the privacy bounds of human mobility. Scientific Reports 3:1376 - 4 points single out 95% of 1.5 million people.",
            "de Montjoye Y.-A., Radaelli L., Singh V.K., Pentland A. (2015) Unique in the shopping mall: on the reidentifiability of credit card metadata. Science 347(6221):536 - 4 (shop, day) points single out 90% of 1.1 million people.",
            "Rocher L., Hendrickx J.M., de Montjoye Y.-A. (2019) Estimating the success of re-identifications in incomplete datasets using generative models. Nature Communications 10:3069 - sampling gives no plausible deniability.",
            "Dwork C., Roth A. (2014) The Algorithmic Foundations of Differential Privacy. Foundations and Trends in Theoretical Computer Science 9(3-4).",
        ],
        Mitigations:
        [
            "Generalise quasi-identifiers (birth date to birth year, 5-digit to 3-digit postcode) until the release meets the uniqueness and anonymity-set thresholds.",
            "Suppress the attribute that makes records unique.",
            "Release only aggregates over at least k people, or statistics under differential privacy with a small epsilon (at most 1).",
            "Never release individual-level traces (locations, payments) with a pseudonym: a few points single out almost everyone, and coarsening barely helps.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var releases = new List<Release>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var removedAt = new Dictionary<string, ILookup<string, DataItem>>(StringComparer.Ordinal);
        foreach (var flow in context.Model.Flows)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            foreach (var release in ReleasesOn(context, flow, removedAt))
            {
                if (byKey.TryGetValue(release.Key, out var index))
                {
                    releases[index] = releases[index].Merge(release);
                }
                else
                {
                    byKey[release.Key] = releases.Count;
                    releases.Add(release);
                }
            }
        }

        foreach (var release in releases)
        {
            if (release.Exceeds(context.Settings))
                yield return ToFinding(context, release);
        }
    }

    /// <summary>What one flow releases about each subject without direct identifiers in the clear.</summary>
    private static IEnumerable<Release> ReleasesOn(AnalysisContext context, Flow flow, Dictionary<string, ILookup<string, DataItem>> removedAt)
    {
        var model = context.Model;
        if (!model.TryGetElement(flow.From, out var sender) || !model.TryGetElement(flow.To, out var receiver))
            yield break;
        // Collection from the person is not a release; a release leaves the organization that holds the data.
        if (sender.Type == ElementType.Person || !context.Graph.CrossesOrganization(flow))
            yield break;

        var deliveries = Deliveries(context, flow, receiver);
        foreach (var subjectId in deliveries.Select(d => d.Item.SubjectId).Distinct(StringComparer.Ordinal))
        {
            // People receiving their own records are not a release.
            if (!model.TryGetSubject(subjectId, out var subject) || (receiver.Type == ElementType.Person && receiver.SubjectId == subjectId))
                continue;
            var mine = deliveries.Where(d => d.Item.SubjectId == subjectId).ToList();
            // Identifiers in the clear make it a disclosure, not a re-identification: other rules speak to that.
            if (mine.Any(d => d.Item.Kind == DataItemKind.DirectIdentifier && d.Form.ReadableAboutIndividuals && !Pseudonymised(d.Form, receiver)))
                continue;
            if (Read(context, flow, sender, receiver, subject, mine, removedAt) is { } release)
                yield return release;
        }
    }

    /// <summary>The items a flow delivers, each in every form it arrives in, with the aggregation and noise applied on the way.</summary>
    private static List<Delivery> Deliveries(AnalysisContext context, Flow flow, Element receiver)
    {
        var model = context.Model;
        var result = new List<Delivery>();
        foreach (var itemId in flow.Items.Distinct(StringComparer.Ordinal))
        {
            if (flow.Protections.SuppressedItems.Contains(itemId) || !model.TryGetItem(itemId, out var item))
                continue;
            foreach (var holding in context.Graph.Holdings(flow.From, itemId))
            {
                var form = FlowTransform.Apply(model, flow, item, holding.Form, receiver);
                var protection = ProtectionOf(flow);
                foreach (var earlier in holding.Path)
                    protection = protection.Combine(ProtectionOf(earlier));
                var delivery = new Delivery(item, form, protection);
                if (!result.Contains(delivery))
                    result.Add(delivery);
            }
        }

        return result;
    }

    private static ReleaseProtection ProtectionOf(Flow flow) =>
        new(flow.Protections.AggregationThreshold, flow.Protections.DifferentialPrivacyEpsilon);

    private static bool Pseudonymised(ItemForm form, Element receiver) =>
        form.Pseudonym is not null && form.PseudonymKeyHolder != (receiver.OrganizationId ?? receiver.Id);

    private static Release? Read(AnalysisContext context, Flow flow, Element sender, Element receiver, DataSubject subject, List<Delivery> deliveries, Dictionary<string, ILookup<string, DataItem>> removedAt)
    {
        var population = subject.Population;
        var density = subject.Density ?? DensityPresets.Default;
        var individual = deliveries.Where(d => d.Form.ReadableAboutIndividuals && IsAttribute(d.Item)).ToList();
        var recordLevel = individual.Count > 0;
        var used = recordLevel ? individual : deliveries.Where(d => d.Form.Readable && d.Form.Aggregated && IsAttribute(d.Item)).ToList();
        if (used.Count == 0)
            return null;

        var protection = recordLevel ? ReleaseProtection.None : Weakest(used.Select(d => d.Protection));
        var quasi = new List<QuasiAttribute>();
        var traces = new List<TraceAttribute>();
        foreach (var group in used.GroupBy(d => d.Item.Id, StringComparer.Ordinal))
        {
            var item = group.First().Item;
            if (item.Trace is not null)
                traces.Add(group.Select(d => TraceOf(item, d.Form)).MaxBy(t => t.Estimate.ExpectedUniqueShare)!);
            else
                quasi.Add(group.Select(d => QuasiOf(item, d.Form, population, density)).MaxBy(q => q.Cardinality)!);
        }

        var attributeIds = quasi.Select(q => q.Item.Id).Concat(traces.Select(t => t.Item.Id)).ToList();
        var payload = deliveries.Where(d => d.Form.Readable && !d.Item.IsIdentifier && !attributeIds.Contains(d.Item.Id))
            .Select(d => d.Item).DistinctBy(i => i.Id).ToList();
        var pseudonymised = deliveries.Any(d => d.Item.IsIdentifier && d.Form.Pseudonym is not null);
        // The sender's direct identifiers, per subject: looked up once per sender, not once per flow and subject.
        if (!removedAt.TryGetValue(flow.From, out var identifiersBySubject))
        {
            removedAt[flow.From] = identifiersBySubject = context.Graph.Holdings(flow.From)
                .Where(h => h.Item.Kind == DataItemKind.DirectIdentifier && h.Form.ReadableAboutIndividuals)
                .Select(h => h.Item).DistinctBy(i => i.Id).ToLookup(i => i.SubjectId, StringComparer.Ordinal);
        }

        var removed = identifiersBySubject[subject.Id].ToList();
        var key = $"{receiver.Id}|{subject.Id}|{string.Join("+", attributeIds.Order(StringComparer.Ordinal))}";
        return new Release(key, receiver, [sender], subject, [flow], quasi, traces, payload, removed, pseudonymised, protection, Outcome.Of(population, quasi, traces, protection));
    }

    private static bool IsAttribute(DataItem item) =>
        item.Trace is not null
        || (item.Kind == DataItemKind.QuasiIdentifier && item.QuasiIdentifier is not null)
        || item.Kind == DataItemKind.Location || item.Location is not null;

    /// <summary>The weakest protection among items released together: the smallest threshold, the largest epsilon; none beats some.</summary>
    private static ReleaseProtection Weakest(IEnumerable<ReleaseProtection> protections)
    {
        var list = protections.ToList();
        int? k = list.All(p => p.AggregationThreshold is not null) ? list.Min(p => p.AggregationThreshold) : null;
        double? epsilon = list.All(p => p.DifferentialPrivacyEpsilon is not null) ? list.Max(p => p.DifferentialPrivacyEpsilon) : null;
        return new ReleaseProtection(k, epsilon);
    }

    private static QuasiAttribute QuasiOf(DataItem item, ItemForm form, long population, Density density)
    {
        if (item.Kind == DataItemKind.QuasiIdentifier && item.QuasiIdentifier is { } spec)
        {
            var released = form.Generalization?.QuasiIdentifier is { } coarser && coarser.CardinalityIn(population) < spec.CardinalityIn(population) ? coarser : spec;
            var cardinality = released.CardinalityIn(population);
            var text = Number(cardinality) + " values" + (released.Preset is { } preset ? $" ({preset} preset" + (released.PeoplePerValue is { } ppv ? $", about {Number(ppv)} people per value)" : ")") : string.Empty);
            var coarserForms = GeneralizationLadders.For(released, population).ToList();
            return new QuasiAttribute(item, cardinality, text, coarserForms);
        }

        // A position is a geographic quasi-identifier: the people sharing it are those within its precision.
        var precision = Math.Max(item.Location?.PrecisionMetres ?? ProximityEstimator.DefaultLocationPrecisionMetres, form.Generalization?.PrecisionMetres ?? 0);
        var sharing = ProximityEstimator.AnonymitySet(density.PeoplePerSquareKilometre, precision);
        var positions = Math.Max(1, population / sharing);
        var description = $"position at {Number(precision)} m: about {Number(sharing)} people within that radius at {Number(density.PeoplePerSquareKilometre)} per km²{DensityNote(density)}, {Number(positions)} distinct values";
        var steps = GeneralizationLadders.PrecisionSteps.Where(r => r > precision)
            .Select(r => new Coarsening($"{Number(r)} m precision", $"generalize: {{ {item.Id}: {{ precision: {Number(r, raw: true)} }} }}",
                Math.Max(1, population / ProximityEstimator.AnonymitySet(density.PeoplePerSquareKilometre, r))))
            .ToList();
        return new QuasiAttribute(item, positions, description, steps);
    }

    private static TraceAttribute TraceOf(DataItem item, ItemForm form)
    {
        var trace = item.Trace!;
        var kind = item.Kind switch
        {
            DataItemKind.Location => TraceKind.Mobility,
            DataItemKind.Financial or DataItemKind.Behavioural => TraceKind.Transactions,
            _ => trace.SpatialResolutionMetres is not null ? TraceKind.Mobility : TraceKind.Transactions,
        };
        var spatial = Max(Max(trace.SpatialResolutionMetres, item.Location?.PrecisionMetres), form.Generalization?.PrecisionMetres);
        var temporal = Math.Max(trace.TemporalResolutionMinutes, form.Generalization?.TemporalResolutionMinutes ?? 0);
        var points = TraceUniquenessEstimator.KnownPoints(trace.PointsPerPerson);
        return new TraceAttribute(item, trace.PointsPerPerson, spatial, temporal, TraceUniquenessEstimator.Estimate(kind, points, spatial, temporal));
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);

    private Finding ToFinding(AnalysisContext context, Release release)
    {
        var settings = context.Settings;
        var outcome = release.Outcome;
        var subject = release.Subject;
        var receiver = release.Receiver;
        var audience = receiver.IsAudience;

        var strong = outcome.UniqueShare >= 0.5 || outcome.AnonymitySet is < 2;
        var likelihood = strong || audience ? Likelihood.Likely : Likelihood.Possible;
        if (release.Protection.Aggregated || release.Protection.DifferentialPrivacyEpsilon is not null)
            likelihood = likelihood == Likelihood.Likely ? Likelihood.Possible : Likelihood.Rare;

        var revealed = release.Payload.Concat(release.Traces.Select(t => t.Item)).Concat(release.Quasi.Select(q => q.Item).Where(i => i.Kind == DataItemKind.Location)).ToList();
        var grave = revealed.Any(DataSensitivity.IsGrave);
        var sensitive = release.Traces.Count > 0 || revealed.Any(i => DataSensitivity.IsSensitive(i) || i.Kind is DataItemKind.CommunicationMetadata or DataItemKind.SocialGraph);
        // Grave data about a vulnerable group, or in reach of anyone, is severe (docs/severity.md).
        var impact = (grave, sensitive, subject.Vulnerable || audience) switch
        {
            (true, _, true) => Impact.Severe,
            (true, _, _) or (_, true, _) => Impact.Major,
            (_, _, _) when subject.Vulnerable => Impact.Major,
            _ => Impact.Moderate,
        };

        var attributes = release.Quasi.Select(q => q.Item.Name).Concat(release.Traces.Select(t => t.Item.Name)).ToList();
        var flows = string.Join(", ", release.Flows.Select(f => f.Id));
        var what = release.Payload.Count > 0 ? $" ({string.Join(", ", release.Payload.Select(i => i.Name))})" : string.Empty;
        var how = release.Pseudonymised ? "with pseudonyms in place of direct identifiers"
            : release.RemovedIdentifiers.Count > 0 ? $"without {FindingText.List(release.RemovedIdentifiers.Select(i => i.Name))}"
            : "without direct identifiers";
        var form = release.Protection.Aggregated ? $" as aggregates over as few as {release.Protection.AggregationThreshold} people"
            : release.Protection.DifferentialPrivacyEpsilon is { } eps ? $" under differential privacy with epsilon {Number(eps)}, above the strong regime of 1"
            : string.Empty;

        var sentences = new List<string>
        {
            $"Records about {subject.Name}{what} reach {receiver.Name} {how}{form}, via {flows}.",
        };
        if (outcome.QuasiIdentifiers is { } qi)
        {
            sentences.Add($"What remains still singles people out: {string.Join("; ", release.Quasi.Select(q => $"{q.Item.Name}, {q.Description}"))}. "
                + $"Together they take about {Number(qi.Records.CombinedCardinality)} combinations for {Number(subject.Population)} people, so about {Percent(qi.ExpectedUniqueShare)} "
                + $"are unique and each record hides a person among about {People(qi.ExpectedAnonymitySet)} (Poisson cell model; Sweeney 2000 measured 87% of the US unique on ZIP, gender and birth date).");
        }

        foreach (var trace in release.Traces)
        {
            sentences.Add($"{FindingText.Capitalize(trace.Item.Name)} keeps {Number(trace.PointsHeld)} points per person; an adversary who knows {trace.Estimate.KnownPoints} of them "
                + $"(a receipt, a photo, home and work) singles out about {Percent(outcome.TraceShares[trace.Item.Id])} (de Montjoye et al. {(trace.Estimate.Kind == TraceKind.Mobility ? "2013" : "2015")}).");
        }

        sentences.Add($"Anyone who holds the same attributes with names - a voter roll, a customer file, a social-media profile - can put the names back{(audience ? ", and here anyone can try" : string.Empty)}.");

        var builder = new FindingBuilder(Metadata, release.Key)
            .Titled($"De-identified records about {subject.Name} at {receiver.Name} single people out by {string.Join(" + ", attributes)} ({Percent(outcome.UniqueShare)} unique)")
            .Because(string.Join(" ", sentences))
            .Rated(likelihood, impact)
            .About(subject.Id)
            .Involving(release.Quasi.Select(q => q.Item.Id))
            .Involving(release.Traces.Select(t => t.Item.Id))
            .Involving(release.Payload.Select(i => i.Id))
            .At(receiver.Id)
            .At(release.Senders.Select(e => e.Id))
            .PointingTo(release.Flows[0].Span);
        foreach (var flow in release.Flows)
            builder.Along(context.Graph.ArrivalPath(flow, [.. release.Quasi.Select(q => q.Item), .. release.Traces.Select(t => t.Item)]));

        foreach (var estimate in Estimates(release, settings))
            builder.Estimated(estimate);
        builder.Mitigated(MitigationFor(release, settings, builder));
        return builder.Build();
    }

    private static IEnumerable<Estimate> Estimates(Release release, AnalysisSettings settings)
    {
        var outcome = release.Outcome;
        var population = release.Subject.Population.ToString("N0", CultureInfo.InvariantCulture);
        var protections = new List<KeyValuePair<string, string>>();
        if (release.Protection.AggregationThreshold is { } k)
            protections.Add(new("aggregation threshold", k.ToString(CultureInfo.InvariantCulture)));
        if (release.Protection.DifferentialPrivacyEpsilon is { } epsilon)
        {
            protections.Add(new("differential privacy epsilon", Number(epsilon)));
            protections.Add(new("bound on singling out, tanh(epsilon/2)", Percent(DifferentialPrivacy.AdvantageBound(epsilon))));
        }

        if (outcome.QuasiIdentifiers is { } qi)
        {
            var inputs = new List<KeyValuePair<string, string>> { new("population N", population) };
            inputs.AddRange(release.Quasi.Select(q => new KeyValuePair<string, string>(q.Item.Id, q.Description)));
            inputs.Add(new("combinations K", Number(qi.Records.CombinedCardinality)));
            inputs.AddRange(protections);
            inputs.Add(new("uniqueness threshold", Percent(settings.UniquenessThreshold)));
            yield return new Estimate("expected share of people the quasi-identifiers single out", qi.ExpectedUniqueShare, "share",
                "Poisson cell model, (1 - 1/K)^(N-1) (Sweeney 2000; Golle 2006); docs/estimation.md", inputs);
            yield return new Estimate("expected anonymity set", qi.ExpectedAnonymitySet, "people",
                "Poisson cell model, 1 + (N-1)/K; docs/estimation.md",
                [new("population N", population), new("combinations K", Number(qi.Records.CombinedCardinality)), .. protections, new("minimum anonymity set", Number(settings.MinimumAnonymitySet))]);
        }

        foreach (var trace in release.Traces)
        {
            var e = trace.Estimate;
            var inputs = new List<KeyValuePair<string, string>>
            {
                new("trace", trace.Item.Id),
                new("model", e.Kind == TraceKind.Mobility ? "mobility (de Montjoye et al. 2013)" : "transactions (de Montjoye et al. 2015)"),
                new("points held per person", Number(trace.PointsHeld)),
                new("points known to the adversary p", e.KnownPoints.ToString(CultureInfo.InvariantCulture)),
                new("spatial resolution", trace.SpatialMetres is { } s ? Number(s) + " m" : e.Kind == TraceKind.Mobility ? "base (one antenna area)" : "base (one shop)"),
                new("temporal resolution", Number(trace.TemporalMinutes) + " min"),
                new("coarsening factor s x t", Number(e.SpatialFactor * e.TemporalFactor)),
                new("unicity at base resolution", Percent(e.BaseUniqueness)),
                new("exponent beta(p)", Number(e.Exponent)),
            };
            if (e.FinerThanStudied)
                inputs.Add(new("note", "finer than the study's resolution: a lower bound"));
            if (e.CoarserThanStudied)
                inputs.Add(new("note", "coarser than the study reports: extrapolated"));
            inputs.AddRange(protections);
            yield return new Estimate($"expected share of people {e.KnownPoints} known points of the trace single out", outcome.TraceShares[trace.Item.Id], "share",
                "trace unicity, epsilon0(p) (s t)^-beta(p), ThreatModel's approximation anchored on de Montjoye et al. 2013 and 2015; docs/estimation.md", inputs);
        }

        if (outcome.QuasiIdentifiers is not null && release.Traces.Count > 0)
        {
            yield return new Estimate("expected share of people singled out by quasi-identifiers or trace", outcome.UniqueShare, "share",
                "1 - (1 - u_qi) x product of (1 - u_trace): a person unique on either part is unique on the record", [new("population N", population)]);
        }
    }

    private static string MitigationFor(Release release, AnalysisSettings settings, FindingBuilder builder)
    {
        var parts = new List<string>();
        var k = (int)Math.Ceiling(Math.Max(2, settings.MinimumAnonymitySet));
        var flows = string.Join(", ", release.Flows.Select(f => f.Id));
        var outcome = release.Outcome;

        if (outcome.QuasiIdentifiers is { } qi && !qi.Meets(settings.UniquenessThreshold, settings.MinimumAnonymitySet))
        {
            if (release.Protection.Aggregated)
            {
                parts.Add($"Raise the aggregation threshold on {flows} to at least {k} people (aggregationThreshold: {k}).");
            }
            else if (release.Protection.DifferentialPrivacyEpsilon is not null)
            {
                parts.Add($"Lower epsilon on {flows} to at most {Number(DifferentialPrivacy.StrongEpsilon)} (differentialPrivacy: 1).");
            }
            else
            {
                var advice = ReleaseAdvisor.Suggest(release.Subject.Population, [.. release.Quasi.Select(q => new AdvisedAttribute(q.Item.Id, q.Cardinality, q.Coarser))],
                    settings.UniquenessThreshold, settings.MinimumAnonymitySet);
                if (advice.FirstOrDefault(a => a.Steps.Count > 0) is { } change)
                {
                    var steps = string.Join(" and ", change.Steps.Select(s => Describe(release, s)));
                    parts.Add($"{FindingText.Capitalize(steps)} on {flows}: about {Percent(change.Estimate.ExpectedUniqueShare)} unique, anonymity set about {People(change.Estimate.ExpectedAnonymitySet)}.");
                    builder.Estimated(new Estimate("expected share of people singled out after the change", change.Estimate.ExpectedUniqueShare, "share",
                        "Poisson cell model, as above", [new("change", steps), new("combinations K", Number(change.Estimate.Records.CombinedCardinality)),
                            new("expected anonymity set", People(change.Estimate.ExpectedAnonymitySet))]));
                }
            }
        }

        foreach (var trace in release.Traces)
        {
            if (outcome.TraceShares[trace.Item.Id] <= settings.UniquenessThreshold)
                continue;
            var needed = TraceUniquenessEstimator.CoarseningNeeded(trace.Estimate.Kind, trace.Estimate.KnownPoints, settings.UniquenessThreshold);
            var factor = double.IsFinite(needed) ? $"places and times about {Magnitude(needed / (trace.Estimate.SpatialFactor * trace.Estimate.TemporalFactor))} times coarser" : "more than any coarsening";
            parts.Add($"Do not release {trace.Item.Name} per person: coarsening barely helps (unicity falls as about the 1/10 power of resolution; it would take {factor}), "
                + $"so drop it from {flows} (suppress: [{trace.Item.Id}]) or release it only as aggregates.");
        }

        if (!release.Protection.Aggregated && release.Protection.DifferentialPrivacyEpsilon is null)
            parts.Add($"Or release only aggregates over at least {k} people (aggregationThreshold: {k}), or statistics under differential privacy with epsilon at most 1 (differentialPrivacy: 1).");
        return string.Join(" ", parts);
    }

    private static string Describe(Release release, ReleaseStep step)
    {
        var attribute = release.Quasi.First(q => q.Item.Id == step.AttributeId);
        return step.To is { } to
            ? $"generalise {attribute.Item.Name} to {to.Label} ({to.Protection.Replace("ITEM", attribute.Item.Id, StringComparison.Ordinal)})"
            : $"suppress {attribute.Item.Name} (suppress: [{attribute.Item.Id}])";
    }

    private static string DensityNote(Density density) =>
        density.Preset is { } preset ? $" ('{preset}')" : string.Empty;

    private static string Number(double value, bool raw = false) =>
        raw ? value.ToString("0.##", CultureInfo.InvariantCulture)
        : value.ToString(Math.Abs(value) >= 100 ? "N0" : "0.##", CultureInfo.InvariantCulture);

    private static string People(double count) => count.ToString(count >= 10 ? "N0" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>A large factor as "5.4 x 10^9"; plain below a million.</summary>
    private static string Magnitude(double value)
    {
        if (value < 1e6)
            return Number(value);
        var exponent = (int)Math.Floor(Math.Log10(value));
        return $"{(value / Math.Pow(10, exponent)).ToString("0.#", CultureInfo.InvariantCulture)} x 10^{exponent}";
    }

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    /// <summary>One item as delivered by a flow: its form and the protections on the way.</summary>
    private sealed record Delivery(DataItem Item, ItemForm Form, ReleaseProtection Protection);

    /// <summary>A quasi-identifier or position in a release, with its cardinality and coarser forms.</summary>
    private sealed record QuasiAttribute(DataItem Item, double Cardinality, string Description, IReadOnlyList<Coarsening> Coarser);

    /// <summary>A trace in a release, with its resolution as released and its unicity estimate.</summary>
    private sealed record TraceAttribute(DataItem Item, int PointsHeld, double? SpatialMetres, double TemporalMinutes, TraceUniquenessEstimate Estimate);

    /// <summary>The estimates of one release after its protections.</summary>
    private sealed record Outcome(ReleaseEstimate? QuasiIdentifiers, IReadOnlyDictionary<string, double> TraceShares, double UniqueShare, double? AnonymitySet, bool Applies)
    {
        public static Outcome Of(long population, IReadOnlyList<QuasiAttribute> quasi, IReadOnlyList<TraceAttribute> traces, ReleaseProtection protection)
        {
            var qi = quasi.Count > 0 ? ReidentificationEstimator.ForRelease(population, quasi.Select(q => q.Cardinality), protection) : null;
            var shares = new Dictionary<string, double>(StringComparer.Ordinal);
            var notUnique = 1 - (qi?.ExpectedUniqueShare ?? 0);
            foreach (var trace in traces)
            {
                // A trace released with the record is protected like the rest of it.
                var share = ReidentificationEstimator.Protect(
                    new UniquenessEstimate(population, double.PositiveInfinity, trace.Estimate.ExpectedUniqueShare, 1), protection).ExpectedUniqueShare;
                shares[trace.Item.Id] = share;
                notUnique *= 1 - share;
            }

            return new Outcome(qi, shares, 1 - notUnique, qi?.ExpectedAnonymitySet, !protection.StrongDifferentialPrivacy);
        }
    }

    /// <summary>Records about one subject reaching one receiver without identifiers in the clear, from one or more flows.</summary>
    private sealed record Release(
        string Key,
        Element Receiver,
        IReadOnlyList<Element> Senders,
        DataSubject Subject,
        IReadOnlyList<Flow> Flows,
        IReadOnlyList<QuasiAttribute> Quasi,
        IReadOnlyList<TraceAttribute> Traces,
        IReadOnlyList<DataItem> Payload,
        IReadOnlyList<DataItem> RemovedIdentifiers,
        bool Pseudonymised,
        ReleaseProtection Protection,
        Outcome Outcome)
    {
        public bool Exceeds(AnalysisSettings settings) =>
            Outcome.Applies && (Outcome.UniqueShare > settings.UniquenessThreshold * (1 + ReleaseEstimate.Tolerance)
                || Outcome.QuasiIdentifiers?.Meets(settings.UniquenessThreshold, settings.MinimumAnonymitySet) == false);

        /// <summary>The same data to the same receiver by another flow: one root cause; the worse estimate stands, every flow is evidence.</summary>
        public Release Merge(Release other)
        {
            var worse = Worse(this, other);
            return worse with
            {
                Senders = [.. Senders.Concat(other.Senders).DistinctBy(e => e.Id)],
                Flows = [.. Flows.Concat(other.Flows).DistinctBy(f => f.Id)],
                Payload = [.. Payload.Concat(other.Payload).DistinctBy(i => i.Id)],
                RemovedIdentifiers = [.. RemovedIdentifiers.Concat(other.RemovedIdentifiers).DistinctBy(i => i.Id)],
                Pseudonymised = Pseudonymised || other.Pseudonymised,
            };
        }

        private static Release Worse(Release a, Release b)
        {
            if (a.Outcome.Applies != b.Outcome.Applies)
                return a.Outcome.Applies ? a : b;
            if (b.Outcome.UniqueShare > a.Outcome.UniqueShare)
                return b;
            return b.Outcome.UniqueShare == a.Outcome.UniqueShare && (b.Outcome.AnonymitySet ?? double.MaxValue) < (a.Outcome.AnonymitySet ?? double.MaxValue) ? b : a;
        }
    }
}
