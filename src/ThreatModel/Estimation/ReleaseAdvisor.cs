using System.Globalization;

namespace ThreatModel.Estimation;

/// <summary>
/// Finds the change that brings a record release under the thresholds while keeping the most detail (the largest remaining
/// combined cardinality): a named coarser form of one attribute (birth-year for birth-date) when one is enough; otherwise
/// the best of suppressing one attribute, the most values one attribute may keep ("at most C values") and pairs of changes.
/// Releasing only aggregates over at least the minimum anonymity set always works and is offered last.
/// </summary>
internal static class ReleaseAdvisor
{
    public static IReadOnlyList<ReleaseChange> Suggest(
        long population,
        IReadOnlyList<AdvisedAttribute> attributes,
        double uniquenessThreshold,
        double minimumAnonymitySet)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var changes = new List<ReleaseChange>();
        var options = attributes.Select(a => (IReadOnlyList<Coarsening?>)[.. a.Coarser, null]).ToArray();

        // A named coarser form of one attribute keeps the most that can be acted on.
        ReleaseChange? best = null;
        for (var i = 0; i < attributes.Count; i++)
        {
            foreach (var option in attributes[i].Coarser)
                best = Better(best, Try([new ReleaseStep(attributes[i].Id, option)]));
        }

        if (best is null)
        {
            // Otherwise whatever keeps the most detail: suppressing one attribute, the most values one attribute may keep
            // with the others unchanged, or two changes together.
            for (var i = 0; i < attributes.Count; i++)
                best = Better(best, Try([new ReleaseStep(attributes[i].Id, null)]));

            var maxK = ReidentificationEstimator.MaximumCombinedCardinality(population, uniquenessThreshold, minimumAnonymitySet);
            var logAll = ReidentificationEstimator.LogCardinality(attributes.Select(a => a.Cardinality));
            foreach (var attribute in attributes)
            {
                var others = logAll - Math.Log(Math.Max(1, attribute.Cardinality));
                var allowed = Math.Floor(maxK / Math.Exp(others));
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
            var cardinalities = attributes.Select(a =>
                steps.FirstOrDefault(s => s.AttributeId == a.Id) is { } step ? step.To?.Cardinality ?? 1 : a.Cardinality);
            var estimate = ReidentificationEstimator.ForRelease(population, cardinalities, ReleaseProtection.None);
            return estimate.Meets(uniquenessThreshold, minimumAnonymitySet) ? new ReleaseChange(steps, null, estimate) : null;
        }
    }

    /// <summary>The change that keeps more detail (larger combined cardinality); the earlier one on ties.</summary>
    private static ReleaseChange? Better(ReleaseChange? current, ReleaseChange? candidate) =>
        candidate is null ? current
        : current is null ? candidate
        : candidate.Estimate.Records.CombinedCardinality > current.Estimate.Records.CombinedCardinality * (1 + 1e-12) ? candidate
        : current;
}
