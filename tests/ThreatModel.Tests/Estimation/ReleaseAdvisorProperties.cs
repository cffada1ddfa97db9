using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Estimation;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class ReleaseAdvisorProperties
{
    private static readonly long[] Populations = [5_000, 80_000, 1_200_000, 45_000_000, 330_000_000];
    private static readonly string[] Presets = [.. QuasiIdentifierPresets.Names];

    /// <summary>
    /// Random releases near and far from the thresholds: up to eight attributes by preset or cardinality, some padded with
    /// attributes of one value (a postcode in a village), which keep a release with many attributes near the thresholds.
    /// </summary>
    private static (long Population, AdvisedAttribute[] Attributes, double Uniqueness, double AnonymitySet) Release(int seed)
    {
        var random = new Random(seed);
        var population = Populations[random.Next(Populations.Length)];
        var attributes = new List<AdvisedAttribute>();
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            var id = "a" + i.ToString(CultureInfo.InvariantCulture);
            if (random.Next(4) == 0)
            {
                attributes.Add(new AdvisedAttribute(id, random.Next(1, 100_000), []));
            }
            else
            {
                var spec = QuasiIdentifierPresets.Resolve(Presets[random.Next(Presets.Length)])!;
                attributes.Add(new AdvisedAttribute(id, spec.CardinalityIn(population), [.. GeneralizationLadders.For(spec, population)]));
            }
        }

        var padding = random.Next(3) == 0 ? random.Next(1, 40) : 0;
        for (var i = 0; i < padding; i++)
            attributes.Insert(random.Next(attributes.Count + 1), new AdvisedAttribute("one" + i.ToString(CultureInfo.InvariantCulture), 1, []));
        double[] uniqueness = [0.01, 0.05, 0.2, 0.5];
        double[] sets = [1, 2, 5, 10, 50];
        return (population, [.. attributes], uniqueness[random.Next(uniqueness.Length)], sets[random.Next(sets.Length)]);
    }

    [Property(MaxTest = 500)]
    public bool Suggests_TheChangeAnExhaustiveSearchOfEveryCandidateFinds(int seed)
    {
        var (population, attributes, uniqueness, set) = Release(seed);

        var advised = ReleaseAdvisor.Suggest(population, attributes, uniqueness, set);
        var exhaustive = ExhaustiveSearch(population, attributes, uniqueness, set);

        return advised.Count == exhaustive.Count && advised.Zip(exhaustive).All(p => Same(p.First, p.Second));
    }

    [Fact]
    public void ReleaseOfThousandsOfAttributes_IsAdvisedWithinASecond()
    {
        const long population = 1_200_000;
        string[] presets = ["birth-date", "postcode", "gender", "zip5", "age", "occupation"];
        var attributes = Enumerable.Range(0, 4_000).Select(i =>
        {
            var spec = QuasiIdentifierPresets.Resolve(presets[i % presets.Length])!;
            return new AdvisedAttribute($"q{i}", spec.CardinalityIn(population), [.. GeneralizationLadders.For(spec, population)]);
        }).ToArray();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var advice = ReleaseAdvisor.Suggest(population, attributes, 0.05, 10);
        watch.Stop();

        advice.Should().ContainSingle("no one or two changes bring 4,000 attributes under the thresholds: only aggregates do")
            .Which.AggregationThreshold.Should().Be(10);
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void ReleaseOfThousandsOfAttributesWithOneValue_GetsThePairThatMeetsTheThresholds()
    {
        // 3,000 postcodes of a village (one value each) beside a birth date and a street address.
        const long population = 1_000_000;
        var birthDate = QuasiIdentifierPresets.Resolve("birth-date")!;
        var address = QuasiIdentifierPresets.Resolve("street-address")!;
        AdvisedAttribute[] attributes =
        [
            .. Enumerable.Range(0, 1_500).Select(i => new AdvisedAttribute($"one{i}", 1, [])),
            new("dob", birthDate.CardinalityIn(population), [.. GeneralizationLadders.For(birthDate, population)]),
            .. Enumerable.Range(1_500, 1_500).Select(i => new AdvisedAttribute($"one{i}", 1, [])),
            new("address", address.CardinalityIn(population), [.. GeneralizationLadders.For(address, population)]),
        ];

        var change = ReleaseAdvisor.Suggest(population, attributes, 0.05, 10)[0];

        change.AggregationThreshold.Should().BeNull();
        change.Steps.Select(s => s.AttributeId).Should().BeSubsetOf(["dob", "address"]);
        change.Estimate.Meets(0.05, 10).Should().BeTrue();
    }

    private static bool Same(ReleaseChange a, ReleaseChange b) =>
        a.AggregationThreshold == b.AggregationThreshold
        && a.Estimate == b.Estimate
        && a.Steps.Select(s => (s.AttributeId, s.To?.Label, s.To?.Protection, s.To?.Cardinality))
            .SequenceEqual(b.Steps.Select(s => (s.AttributeId, s.To?.Label, s.To?.Protection, s.To?.Cardinality)));

    /// <summary>
    /// The advisor as first written: every candidate estimated in full from its cardinalities, in the order of the search
    /// (named forms; then suppressions, "at most C values" and every pair), the first of those that keep the most detail.
    /// </summary>
    private static List<ReleaseChange> ExhaustiveSearch(long population, IReadOnlyList<AdvisedAttribute> attributes, double uniquenessThreshold, double minimumAnonymitySet)
    {
        var changes = new List<ReleaseChange>();
        var options = attributes.Select(a => (IReadOnlyList<Coarsening?>)[.. a.Coarser, null]).ToArray();
        ReleaseChange? best = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            foreach (var option in attributes[i].Coarser)
                best = Better(best, Try([new ReleaseStep(attributes[i].Id, option)]));
        }

        if (best is null)
        {
            for (var i = 0; i < attributes.Count; i++)
                best = Better(best, Try([new ReleaseStep(attributes[i].Id, null)]));

            var maxK = ReidentificationEstimator.MaximumCombinedCardinality(population, uniquenessThreshold, minimumAnonymitySet);
            var logAll = ReidentificationEstimator.LogCardinality(attributes.Select(a => a.Cardinality));
            foreach (var attribute in attributes)
            {
                var allowed = Math.Floor(maxK / Math.Exp(logAll - Math.Log(Math.Max(1, attribute.Cardinality))));
                if (allowed >= 2 && allowed < attribute.Cardinality)
                {
                    var text = allowed.ToString("0", CultureInfo.InvariantCulture);
                    best = Better(best, Try([new ReleaseStep(attribute.Id, new Coarsening($"at most {text} values", $"generalize: {{ ITEM: {text} }}", allowed))]));
                }
            }

            for (var i = 0; i < attributes.Count; i++)
            {
                for (var j = i + 1; j < attributes.Count; j++)
                {
                    foreach (var a in options[i])
                    {
                        foreach (var b in options[j])
                        {
                            if (a is not null || b is not null)
                                best = Better(best, Try([new ReleaseStep(attributes[i].Id, a), new ReleaseStep(attributes[j].Id, b)]));
                        }
                    }
                }
            }
        }

        if (best is not null)
            changes.Add(best);
        var k = (int)Math.Ceiling(Math.Max(2, minimumAnonymitySet));
        changes.Add(new ReleaseChange([], k, ReidentificationEstimator.ForRelease(population, attributes.Select(a => a.Cardinality), new ReleaseProtection(k, null))));
        return changes;

        ReleaseChange? Try(IReadOnlyList<ReleaseStep> steps)
        {
            var cardinalities = attributes.Select(a => steps.FirstOrDefault(s => s.AttributeId == a.Id) is { } step ? step.To?.Cardinality ?? 1 : a.Cardinality);
            var estimate = ReidentificationEstimator.ForRelease(population, cardinalities, ReleaseProtection.None);
            return estimate.Meets(uniquenessThreshold, minimumAnonymitySet) ? new ReleaseChange(steps, null, estimate) : null;
        }

        static ReleaseChange? Better(ReleaseChange? current, ReleaseChange? candidate) =>
            candidate is null ? current
            : current is null ? candidate
            : candidate.Estimate.Records.CombinedCardinality > current.Estimate.Records.CombinedCardinality * (1 + 1e-12) ? candidate
            : current;
    }
}
