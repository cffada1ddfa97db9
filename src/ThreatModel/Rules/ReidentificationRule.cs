using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Estimation;
using ThreatModel.Graph;
using ThreatModel.Knowledge;
using ThreatModel.Model;
using ThreatModel.Rules.Wording;

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
        var collector = new ReleaseCollector(context);
        foreach (var flow in context.Model.Flows)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            collector.Collect(flow);
        }

        foreach (var release in collector.Releases)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (release.Exceeds(context.Settings))
                yield return ToFinding(context, release);
        }
    }

    /// <summary>
    /// Reads what each flow releases about each subject, as the graph states it (<see cref="DataFlowGraph.DeliveryOf(Flow, DataItem)"/>),
    /// and merges releases of the same attributes about the same subject to the same receiver. Text is written later,
    /// only for the findings.
    /// </summary>
    private sealed class ReleaseCollector(AnalysisContext context)
    {
        private readonly Dictionary<string, Release> _byKey = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Dictionary<string, List<DataItem>>> _identifiersAt = new(StringComparer.Ordinal);
        private readonly HashSet<string> _attributeSubjects = new(StringComparer.Ordinal);
        private readonly List<DataItem> _flowItems = [];
        private readonly List<string> _subjects = [];
        private readonly List<ItemDelivery> _deliveries = [];
        private readonly DeliveryScratch _scratch = new();
        private readonly List<ReleaseProtection> _used = [];
        private readonly List<string> _attributeIds = [];
        private readonly List<(DataItem Item, ItemForm Form)> _identifierForms = [];

        /// <summary>The releases in the order they were first seen.</summary>
        public List<Release> Releases { get; } = [];

        /// <summary>What one flow releases about each subject without direct identifiers in the clear.</summary>
        public void Collect(Flow flow)
        {
            var model = context.Model;
            if (!model.TryGetElement(flow.From, out var sender) || !model.TryGetElement(flow.To, out var receiver))
                return;
            // Collection from the person is not a release; a release leaves the organization that holds the data.
            if (sender.Type == ElementType.Person || !DataFlowGraph.CrossesOrganization(sender, receiver))
                return;

            // Only a subject with an attribute that can single people out (a quasi-identifier, a position, a trace) on
            // this flow can have a release here: the other subjects' items are not looked at.
            var facts = context.Graph.FactsOf(flow);
            _flowItems.Clear();
            _attributeSubjects.Clear();
            for (var i = 0; i < flow.Items.Count; i++)
            {
                if (!IsRepeated(flow.Items, i) && !facts.Suppresses(flow.Items[i]) && model.TryGetItem(flow.Items[i], out var item))
                {
                    _flowItems.Add(item);
                    if (IsAttribute(item))
                        _attributeSubjects.Add(item.SubjectId);
                }
            }

            if (_attributeSubjects.Count == 0)
                return;
            _deliveries.Clear();
            _scratch.Clear();
            _subjects.Clear();
            foreach (var item in _flowItems)
            {
                if (_attributeSubjects.Contains(item.SubjectId) && context.Graph.DeliveryOf(flow, item, _scratch) is { } delivery)
                {
                    _deliveries.Add(delivery);
                    if (!_subjects.Contains(item.SubjectId))
                        _subjects.Add(item.SubjectId);
                }
            }

            foreach (var subjectId in _subjects)
            {
                // People receiving their own records are not a release; identifiers in the clear make it a disclosure,
                // not a re-identification: other rules speak to that.
                if (model.TryGetSubject(subjectId, out var subject)
                    && !(receiver.Type == ElementType.Person && receiver.SubjectId == subjectId)
                    && !NamesAny(subjectId))
                    Read(flow, sender, receiver, subject);
            }
        }

        private bool NamesAny(string subjectId)
        {
            foreach (var delivery in _deliveries)
            {
                if (delivery.NamesPeople && delivery.Item.SubjectId == subjectId)
                    return true;
            }

            return false;
        }

        private bool AnyAboutIndividuals(string subjectId)
        {
            foreach (var delivery in _deliveries)
            {
                if (delivery.Item.SubjectId == subjectId && IsAttribute(delivery.Item) && delivery.AboutIndividuals)
                    return true;
            }

            return false;
        }

        private static bool IsRepeated(IReadOnlyList<string> items, int index)
        {
            for (var k = 0; k < index; k++)
            {
                if (string.Equals(items[k], items[index], StringComparison.Ordinal))
                    return true;
            }

            return false;
        }

        /// <summary>Reads the release of one subject's deliveries and merges it with the same release by other flows.</summary>
        private void Read(Flow flow, Element sender, Element receiver, DataSubject subject)
        {
            var population = subject.Population;
            var density = subject.Density ?? DensityPresets.Default;
            // Record-level when any attribute arrives about single people; otherwise what arrives as aggregates.
            var recordLevel = AnyAboutIndividuals(subject.Id);

            _used.Clear();
            var quasi = new List<QuasiAttribute>();
            var traces = new List<TraceAttribute>();
            var payload = new List<DataItem>();
            var pseudonymised = false;
            foreach (var delivery in _deliveries)
            {
                var item = delivery.Item;
                if (item.SubjectId != subject.Id)
                    continue;
                pseudonymised |= delivery.Pseudonymised;
                if (!IsAttribute(item))
                {
                    if (delivery.Readable && !item.IsIdentifier)
                        payload.Add(item);
                    continue;
                }

                // The first of the most singling-out forms stands for the item.
                QuasiAttribute? bestQuasi = null;
                TraceAttribute? bestTrace = null;
                for (var f = 0; f < delivery.FormCount; f++)
                {
                    var (form, k, epsilon) = delivery.FormAt(f);
                    if (!(recordLevel ? form.ReadableAboutIndividuals : form.Readable && form.Aggregated))
                        continue;
                    _used.Add(new ReleaseProtection(k, epsilon));
                    if (item.Trace is not null)
                    {
                        var trace = TraceOf(item, form);
                        if (bestTrace is null || Comparer<double>.Default.Compare(trace.Estimate.ExpectedUniqueShare, bestTrace.Estimate.ExpectedUniqueShare) > 0)
                            bestTrace = trace;
                    }
                    else
                    {
                        var attribute = QuasiOf(item, form, population, density);
                        if (bestQuasi is null || Comparer<double>.Default.Compare(attribute.Cardinality, bestQuasi.Cardinality) > 0)
                            bestQuasi = attribute;
                    }
                }

                if (bestTrace is not null)
                    traces.Add(bestTrace);
                else if (bestQuasi is not null)
                    quasi.Add(bestQuasi);
                else if (delivery.Readable && !item.IsIdentifier)
                    payload.Add(item);
            }

            if (_used.Count == 0)
                return;

            var protection = recordLevel ? ReleaseProtection.None : Weakest(_used);
            _attributeIds.Clear();
            foreach (var attribute in quasi)
                _attributeIds.Add(attribute.Item.Id);
            foreach (var trace in traces)
                _attributeIds.Add(trace.Item.Id);
            _attributeIds.Sort(StringComparer.Ordinal);
            var key = $"{receiver.Id}|{subject.Id}|{string.Join("+", _attributeIds)}";
            var removed = IdentifiersAt(flow.From).GetValueOrDefault(subject.Id) ?? [];
            var reading = new Reading(quasi, traces, protection, Outcome.Of(population, quasi, traces, protection));
            if (_byKey.TryGetValue(key, out var release))
            {
                release.Merge(reading, sender, flow, payload, removed, pseudonymised);
            }
            else
            {
                _byKey[key] = release = new Release(key, receiver, subject, reading, sender, flow, payload, removed, pseudonymised);
                Releases.Add(release);
            }
        }

        /// <summary>The sender's direct identifiers readable about single people, per subject, in the order it holds them; once per sender.</summary>
        private Dictionary<string, List<DataItem>> IdentifiersAt(string senderId)
        {
            if (_identifiersAt.TryGetValue(senderId, out var known))
                return known;
            var bySubject = new Dictionary<string, List<DataItem>>(StringComparer.Ordinal);
            _identifierForms.Clear();
            context.Graph.IndividualFormsOf(senderId, IsDirectIdentifier, _identifierForms);
            foreach (var (item, _) in _identifierForms)
            {
                if (!bySubject.TryGetValue(item.SubjectId, out var list))
                    bySubject[item.SubjectId] = list = [];
                if (!list.Exists(known => known.Id == item.Id))
                    list.Add(item);
            }

            _identifiersAt[senderId] = bySubject;
            return bySubject;
        }
    }

    private static bool IsDirectIdentifier(DataItem item) => item.Kind == DataItemKind.DirectIdentifier;

    private static bool IsAttribute(DataItem item) =>
        item.Trace is not null
        || (item.Kind == DataItemKind.QuasiIdentifier && item.QuasiIdentifier is not null)
        || item.Kind == DataItemKind.Location || item.Location is not null;

    /// <summary>The weakest protection among items released together: the smallest threshold, the largest epsilon; none beats some.</summary>
    private static ReleaseProtection Weakest(List<ReleaseProtection> released)
    {
        int? k = null;
        double? epsilon = null;
        bool allThresholds = true, allEpsilons = true;
        foreach (var p in released)
        {
            if (p.AggregationThreshold is { } threshold)
                k = k is null ? threshold : Math.Min(k.Value, threshold);
            else
                allThresholds = false;
            if (p.DifferentialPrivacyEpsilon is { } e)
                epsilon = epsilon is null ? e : Math.Max(epsilon.Value, e);
            else
                allEpsilons = false;
        }

        return new ReleaseProtection(allThresholds ? k : null, allEpsilons ? epsilon : null);
    }

    private static QuasiAttribute QuasiOf(DataItem item, ItemForm form, long population, Density density)
    {
        if (item.Kind == DataItemKind.QuasiIdentifier && form.QuasiIdentifier(item, population) is { } released)
        {
            return new QuasiAttribute(item, released.CardinalityIn(population), population, released, 0, 0, density)
            {
                Generalised = form.Generalised(item, population),
                Distribution = QuasiIdentifierDistributions.Of(released, population),
            };
        }

        // A position is a geographic quasi-identifier: the people sharing it are those within its effective precision
        // (after generalisation and snapping to a grid, as the graph states it). Finer than one person, every position
        // is its own value: the cells outnumber the people.
        var precision = form.SpatialPrecisionMetres(item) ?? ProximityEstimator.DefaultLocationPrecisionMetres;
        var sharing = form.PeopleSharingPosition(item, density.PeoplePerSquareKilometre) ?? 1;
        var positions = Math.Max(1, population / Math.Max(sharing, 1e-9));
        return new QuasiAttribute(item, positions, population, null, precision, sharing, density) { Grid = form.SnappedToGrid(item), Distribution = ValueDistribution.Uniform(positions) };
    }

    private static TraceAttribute TraceOf(DataItem item, ItemForm form)
    {
        var trace = item.Trace!;
        // The place of a point, when the design names it, decides the study the estimate follows: shops the card-payment
        // study, antennas, disks and grid cells the mobility one. Otherwise the item's kind does.
        var kind = trace.Place switch
        {
            TracePlace.Shop => TraceKind.Transactions,
            TracePlace.Antenna or TracePlace.Radius or TracePlace.Grid => TraceKind.Mobility,
            _ => item.Kind switch
            {
                DataItemKind.Location => TraceKind.Mobility,
                DataItemKind.Financial or DataItemKind.Behavioural => TraceKind.Transactions,
                _ => trace.SpatialResolutionMetres is not null ? TraceKind.Mobility : TraceKind.Transactions,
            },
        };
        var spatial = form.SpatialPrecisionMetres(item);
        // A grid cell of side g covers g^2: the disk of the same area has radius g / sqrt(pi).
        var radius = trace.Place == TracePlace.Grid && spatial is { } side ? side / Math.Sqrt(Math.PI) : spatial;
        var temporal = form.TemporalResolutionMinutes(item) ?? trace.TemporalResolutionMinutes;
        var points = TraceUniquenessEstimator.KnownPoints(trace.PointsPerPerson, trace.KnownPoints ?? TraceUniquenessEstimator.DefaultKnownPoints);
        return new TraceAttribute(item, trace.PointsPerPerson, spatial, temporal, TraceUniquenessEstimator.Estimate(kind, points, radius, temporal, trace.PriceKnown));
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

        var attributes = release.Quasi.Select(q => q.Name).Concat(release.Traces.Select(t => t.Item.Name)).ToList();
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
            sentences.Add($"What remains still singles people out: {string.Join("; ", release.Quasi.Select(q => $"{q.NameWithLevel}, {q.Description}"))}. "
                + $"Together they take about {Number(qi.Records.CombinedCardinality)} combinations for {Number(subject.Population)} people, so about {Percent(qi.ExpectedUniqueShare)} "
                + $"are unique and each record hides a person among about {People(qi.ExpectedAnonymitySet)} (values as common as their published distributions, attributes independent; Golle 2006 counted 63% of the US unique on ZIP, gender and birth date).");
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
        IReadOnlyList<DataItem> attributeItems = [.. release.Quasi.Select(q => q.Item), .. release.Traces.Select(t => t.Item)];
        foreach (var flow in release.Flows)
            builder.Along(context.Graph.ArrivalPath(flow, attributeItems));

        foreach (var estimate in Estimates(release, settings))
            builder.Estimated(estimate);
        builder.Mitigated(MitigationFor(release, settings, builder));
        var k = ((int)Math.Ceiling(Math.Max(2, settings.MinimumAnonymitySet))).ToString(CultureInfo.InvariantCulture);
        foreach (var flow in release.Flows)
            builder.Remedied(new AddProtection(flow.Id, "aggregation", k));
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
            inputs.Add(new("assumptions", Assumptions));
            yield return new Estimate("expected share of people the quasi-identifiers single out", qi.ExpectedUniqueShare, "share",
                "expected population uniques under the product of the attributes' marginals, size-weighted: E[(1 - P)^(N-1)] (Bethlehem et al. 1990; checked against Sweeney 2000 and Golle 2006); docs/estimation.md", inputs);
            yield return new Estimate("expected anonymity set", qi.ExpectedAnonymitySet, "people",
                "1 + (N-1) x product of the attributes' sums of squared value shares (uniform: 1 + (N-1)/K); docs/estimation.md",
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
                new("known points from", trace.Item.Trace?.KnownPoints is null ? "the default of 4, as in both studies" : "the design (trace.knownPoints)"),
                new("place of a point", trace.Item.Trace?.Place is { } place ? place.ToString().ToLowerInvariant() : "from the item's kind"),
                new("spatial resolution", trace.SpatialMetres is { } s ? Number(s) + " m" : e.Kind == TraceKind.Mobility ? "base (one antenna area)" : "base (one shop)"),
                new("temporal resolution", Number(trace.TemporalMinutes) + " min"),
                new("coarsening factor s x t", Number(e.SpatialFactor * e.TemporalFactor)),
                new("unicity at base resolution", Percent(e.BaseUniqueness)),
                new("exponent beta(p)", Number(e.Exponent)),
            };
            if (trace.Item.Trace?.PriceKnown == true)
                inputs.Add(new("price known", "yes: 22% of the remaining non-uniqueness removed (de Montjoye et al. 2015)"));
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

    private const string Assumptions = "attributes independent of each other; values as common as the stated distribution (preset marginals: docs/estimation.md); "
        + "the adversary knows the person is among the N";

    /// <summary>The release's quasi-identifiers after a change, estimated as the finding's own estimate is.</summary>
    private static ReleaseEstimate AfterChange(Release release, ReleaseChange change)
    {
        var population = release.Subject.Population;
        var distributions = new List<ValueDistribution>();
        foreach (var attribute in release.Quasi)
        {
            var step = change.Steps.FirstOrDefault(s => s.AttributeId == attribute.Item.Id);
            if (step is null)
                distributions.Add(attribute.Distribution);
            else if (step.To is { } to)
                distributions.Add(attribute.Released is not null && QuasiIdentifierPresets.Resolve(to.Label) is { } preset
                    ? QuasiIdentifierDistributions.Of(preset, population)
                    : ValueDistribution.Uniform(to.Cardinality));
        }

        return ReidentificationEstimator.Protect(MarginalUniquenessEstimator.Estimate(population, distributions), ReleaseProtection.None);
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
                    foreach (var flow in release.Flows)
                    {
                        foreach (var step in change.Steps.Where(s => flow.Items.Contains(s.AttributeId, StringComparer.Ordinal)))
                        {
                            builder.Remedied(step.To is null ? new DropItem(flow.Id, step.AttributeId)
                                : QuasiIdentifierPresets.Resolve(step.To.Label) is not null ? new Generalize(flow.Id, step.AttributeId, step.To.Label)
                                : new DropItem(flow.Id, step.AttributeId));
                        }
                    }

                    var steps = string.Join(" and ", change.Steps.Select(s => Describe(release, s)));
                    var after = AfterChange(release, change);
                    parts.Add($"{FindingText.Capitalize(steps)} on {flows}: about {Percent(after.ExpectedUniqueShare)} unique, anonymity set about {People(after.ExpectedAnonymitySet)}.");
                    builder.Estimated(new Estimate("expected share of people singled out after the change", after.ExpectedUniqueShare, "share",
                        "expected population uniques under the product of the marginals, as above (the change is chosen by the uniform cell model)", [new("change", steps), new("combinations K", Number(after.Records.CombinedCardinality)),
                            new("expected anonymity set", People(after.ExpectedAnonymitySet)), new("assumptions", Assumptions)]));
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
        if (step.To is not { } to)
            return $"suppress {attribute.Item.Name} (suppress: [{attribute.Item.Id}])";
        var (label, protection) = attribute.Words(to);
        return $"generalise {attribute.Item.Name} to {label} ({protection.Replace("ITEM", attribute.Item.Id, StringComparison.Ordinal)})";
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

    /// <summary>
    /// A quasi-identifier (<paramref name="Released"/>, as released) or a position (<paramref name="Precision"/> metres, shared
    /// by <paramref name="Sharing"/> people) in a release, with its cardinality. Its description and coarser forms are made
    /// on first use: only releases that become findings need them.
    /// </summary>
    private sealed record QuasiAttribute(DataItem Item, double Cardinality, long Population, QuasiIdentifierSpec? Released, double Precision, double Sharing, Density Density)
    {
        private string? _description;

        /// <summary>True when the quasi-identifier is released at a coarser level than collected (the graph's fact).</summary>
        public bool Generalised { get; init; }

        /// <summary>True when the position is snapped to a fixed grid of <see cref="Precision"/> metres.</summary>
        public bool Grid { get; init; }

        /// <summary>How the people spread over the attribute's values (the preset's published marginal, else uniform).</summary>
        public required ValueDistribution Distribution { get; init; }

        /// <summary>The attribute as the title names it: the level it is released at when generalised ("county"), else the item's name.</summary>
        public string Name => Generalised && Released is { } released ? GeneralizationLevels.NameOf(released) : Item.Name;

        /// <summary>The item's name, with the level it is released at when generalised.</summary>
        public string NameWithLevel => Generalised && Released is { } released ? $"{Item.Name} generalised to {GeneralizationLevels.NameOf(released)}" : Item.Name;
        private IReadOnlyList<Coarsening>? _coarser;

        /// <summary>The cardinality in words, with the preset or the density it comes from.</summary>
        public string Description => _description ??= Released is { } released
            ? Number(Cardinality) + " values" + (released.Preset is { } preset ? $" ({preset} preset" + (released.PeoplePerValue is { } ppv ? $", about {Number(ppv)} people per value)" : ")") : string.Empty)
                + (Distribution.IsUniform ? ", equally common" : $", {Distribution.Description}")
            : $"position at {Number(Precision)} m: about {Number(Sharing)} people {(Grid ? "in that grid cell" : "within that radius")} at {Number(Density.PeoplePerSquareKilometre)} per km²{DensityNote(Density)}, {Number(Cardinality)} distinct values";

        /// <summary>
        /// The coarser forms the attribute could be released in. A position's coarser precisions are named only when a
        /// finding proposes one (<see cref="Words"/>): the advisor weighs them by cardinality alone.
        /// </summary>
        public IReadOnlyList<Coarsening> Coarser => _coarser ??= Released is { } released
            ? GeneralizationLadders.For(released, Population).ToList()
            : GeneralizationLadders.PrecisionSteps.Where(r => r > Precision)
                .Select(r => new Coarsening(string.Empty, string.Empty, Math.Max(1, Population / ProximityEstimator.AnonymitySet(Density.PeoplePerSquareKilometre, r))))
                .ToList();

        /// <summary>The label and the protection (ITEM for the item id) of one of <see cref="Coarser"/>, or of a form the advisor made.</summary>
        public (string Label, string Protection) Words(Coarsening to)
        {
            if (Released is null && _coarser is { } coarser)
            {
                var steps = GeneralizationLadders.PrecisionSteps.Where(r => r > Precision).ToList();
                for (var k = 0; k < coarser.Count; k++)
                {
                    if (ReferenceEquals(coarser[k], to))
                        return ($"{Number(steps[k])} m precision", $"generalize: {{ {Item.Id}: {{ precision: {Number(steps[k], raw: true)} }} }}");
                }
            }

            return (to.Label, to.Protection);
        }
    }

    /// <summary>A trace in a release, with its resolution as released and its unicity estimate.</summary>
    private sealed record TraceAttribute(DataItem Item, int PointsHeld, double? SpatialMetres, double TemporalMinutes, TraceUniquenessEstimate Estimate);

    /// <summary>The estimates of one release after its protections.</summary>
    private sealed record Outcome(ReleaseEstimate? QuasiIdentifiers, IReadOnlyDictionary<string, double> TraceShares, double UniqueShare, double? AnonymitySet, bool Applies)
    {
        public static Outcome Of(long population, IReadOnlyList<QuasiAttribute> quasi, IReadOnlyList<TraceAttribute> traces, ReleaseProtection protection)
        {
            var qi = quasi.Count > 0 ? ReidentificationEstimator.Protect(MarginalUniquenessEstimator.Estimate(population, quasi.Select(q => q.Distribution)), protection) : null;
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

    /// <summary>What one flow's records about a subject reveal: the attributes that single people out, their protection and the estimates.</summary>
    private sealed record Reading(IReadOnlyList<QuasiAttribute> Quasi, IReadOnlyList<TraceAttribute> Traces, ReleaseProtection Protection, Outcome Outcome)
    {
        /// <summary>
        /// The reading that singles out more people: one that applies, then the larger unique share, then the smaller
        /// anonymity set, then the weaker protection (the larger epsilon, the smaller aggregation threshold; none is
        /// weakest), so that which flow is read first never decides the rating; full ties keep <paramref name="a"/>.
        /// </summary>
        public static Reading Worse(Reading a, Reading b)
        {
            if (a.Outcome.Applies != b.Outcome.Applies)
                return a.Outcome.Applies ? a : b;
            if (b.Outcome.UniqueShare != a.Outcome.UniqueShare)
                return b.Outcome.UniqueShare > a.Outcome.UniqueShare ? b : a;
            var setA = a.Outcome.AnonymitySet ?? double.MaxValue;
            var setB = b.Outcome.AnonymitySet ?? double.MaxValue;
            if (setA != setB)
                return setB < setA ? b : a;
            var epsilonA = a.Protection.DifferentialPrivacyEpsilon ?? double.PositiveInfinity;
            var epsilonB = b.Protection.DifferentialPrivacyEpsilon ?? double.PositiveInfinity;
            if (epsilonA != epsilonB)
                return epsilonB > epsilonA ? b : a;
            return (b.Protection.AggregationThreshold ?? 0) < (a.Protection.AggregationThreshold ?? 0) ? b : a;
        }
    }

    /// <summary>
    /// Records about one subject reaching one receiver without identifiers in the clear, from one or more flows: one root
    /// cause. The worse reading stands; every sender, flow, payload item and removed identifier is kept once, in the order met.
    /// </summary>
    private sealed class Release(string key, Element receiver, DataSubject subject, Reading reading, Element sender, Flow flow, List<DataItem> payload, List<DataItem> removed, bool pseudonymised)
    {
        private readonly DistinctById<Element> _senders = new([sender], e => e.Id);
        private readonly DistinctById<Flow> _flows = new([flow], f => f.Id);
        private readonly DistinctById<DataItem> _payload = new(payload, i => i.Id);
        private readonly DistinctById<DataItem> _removed = new([.. removed], i => i.Id);
        private Reading _reading = reading;

        public string Key { get; } = key;

        public Element Receiver { get; } = receiver;

        public DataSubject Subject { get; } = subject;

        public IReadOnlyList<Element> Senders => _senders.Items;

        public IReadOnlyList<Flow> Flows => _flows.Items;

        public IReadOnlyList<QuasiAttribute> Quasi => _reading.Quasi;

        public IReadOnlyList<TraceAttribute> Traces => _reading.Traces;

        public IReadOnlyList<DataItem> Payload => _payload.Items;

        public IReadOnlyList<DataItem> RemovedIdentifiers => _removed.Items;

        public bool Pseudonymised { get; private set; } = pseudonymised;

        public ReleaseProtection Protection => _reading.Protection;

        public Outcome Outcome => _reading.Outcome;

        public bool Exceeds(AnalysisSettings settings) =>
            Outcome.Applies && (Outcome.UniqueShare > settings.UniquenessThreshold * (1 + ReleaseEstimate.Tolerance)
                || Outcome.QuasiIdentifiers?.Meets(settings.UniquenessThreshold, settings.MinimumAnonymitySet) == false);

        /// <summary>The same data to the same receiver by another flow: the worse reading stands, every flow is evidence.</summary>
        public void Merge(Reading reading, Element sender, Flow flow, List<DataItem> payload, List<DataItem> removed, bool pseudonymised)
        {
            _reading = Reading.Worse(_reading, reading);
            _senders.Add(sender);
            _flows.Add(flow);
            foreach (var item in payload)
                _payload.Add(item);
            foreach (var item in removed)
                _removed.Add(item);
            Pseudonymised |= pseudonymised;
        }
    }

    /// <summary>A list that keeps the first of each id, in the order added; a set of ids is made once the list grows past a few.</summary>
    private sealed class DistinctById<T>(List<T> items, Func<T, string> idOf)
    {
        private HashSet<string>? _ids;

        public List<T> Items { get; } = items;

        public void Add(T value)
        {
            var id = idOf(value);
            if (_ids is null && Items.Count > 8)
                _ids = new HashSet<string>(Items.Select(idOf), StringComparer.Ordinal);
            if (_ids is not null ? !_ids.Add(id) : Items.Exists(v => idOf(v) == id))
                return;
            Items.Add(value);
        }
    }
}
