using System.Globalization;

namespace ThreatModel.Estimation;

/// <summary>
/// Finds the change that brings a record release under the thresholds while keeping the most detail (the largest remaining
/// combined cardinality): a named coarser form of one attribute (birth-year for birth-date) when one is enough; otherwise
/// the best of suppressing one attribute, the most values one attribute may keep ("at most C values") and pairs of changes.
/// Releasing only aggregates over at least the minimum anonymity set always works and is offered last.
/// </summary>
/// <remarks>
/// <para>
/// The estimate depends on the attributes only through log K, the sum of the logarithms of their cardinalities, and it
/// meets the thresholds exactly when log K is at most one boundary (the estimate is monotone in K). So a change is weighed
/// by what it does to that sum: a candidate costs a few additions, not a pass over every attribute, and pairs that cannot
/// reach the boundary are never enumerated (the two largest reductions bound every pair). A release of hundreds of
/// attributes, far above the thresholds, is answered in time linear in its attributes; the winner's estimate is then
/// computed from its cardinalities as before.
/// </para>
/// <para>
/// Candidates are weighed in the order of the full search (singles by attribute and option, then pairs by attribute,
/// attribute, option, option), and the earlier of two within a relative 1e-12 wins, as when every candidate was estimated
/// in full: equal changes of different attributes (two gender attributes suppressed) tie exactly.
/// </para>
/// </remarks>
internal static class ReleaseAdvisor
{
    /// <summary>Log-K slack around the boundary within which a candidate is estimated in full rather than placed by the boundary.</summary>
    private const double BoundarySlack = 1e-6;

    public static IReadOnlyList<ReleaseChange> Suggest(
        long population,
        IReadOnlyList<AdvisedAttribute> attributes,
        double uniquenessThreshold,
        double minimumAnonymitySet)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        var search = new Search(population, attributes, uniquenessThreshold, minimumAnonymitySet);
        var changes = new List<ReleaseChange>();
        if (search.Best() is { } best)
            changes.Add(best);

        var k = (int)Math.Ceiling(Math.Max(2, minimumAnonymitySet));
        changes.Add(new ReleaseChange([], k, ReidentificationEstimator.ForRelease(population, attributes.Select(a => a.Cardinality), new ReleaseProtection(k, null))));
        return changes;
    }

    /// <summary>One search for the best change, over log K: the attributes' terms, their options' terms and the boundary.</summary>
    private sealed class Search
    {
        private readonly long _population;
        private readonly IReadOnlyList<AdvisedAttribute> _attributes;
        private readonly double _uniquenessThreshold;
        private readonly double _minimumAnonymitySet;

        // log K of the release as it is, each attribute's term of it, and the change of that term for each option
        // (coarser forms, then suppression): log K after one change is _logK + delta.
        private readonly double _logK;
        private readonly double[] _terms;
        private readonly double[][] _deltas;

        // The largest log K that meets the thresholds (-infinity: none does; +infinity: every one does).
        private readonly double _boundary;

        private Candidate _best;

        public Search(long population, IReadOnlyList<AdvisedAttribute> attributes, double uniquenessThreshold, double minimumAnonymitySet)
        {
            _population = population;
            _attributes = attributes;
            _uniquenessThreshold = uniquenessThreshold;
            _minimumAnonymitySet = minimumAnonymitySet;
            _terms = new double[attributes.Count];
            _deltas = new double[attributes.Count][];
            for (var i = 0; i < attributes.Count; i++)
            {
                _terms[i] = Term(attributes[i].Cardinality);
                var coarser = attributes[i].Coarser;
                var deltas = _deltas[i] = new double[coarser.Count + 1];
                for (var o = 0; o < coarser.Count; o++)
                    deltas[o] = Term(coarser[o].Cardinality) - _terms[i];
                deltas[^1] = -_terms[i];
            }

            _logK = ReidentificationEstimator.LogCardinality(attributes.Select(a => a.Cardinality));
            _boundary = Boundary();
        }

        /// <summary>The change that keeps the most detail, or null when no single change or pair meets the thresholds.</summary>
        public ReleaseChange? Best()
        {
            var count = _attributes.Count;
            // A named coarser form of one attribute keeps the most that can be acted on.
            for (var i = 0; i < count; i++)
            {
                for (var o = 0; o < _attributes[i].Coarser.Count; o++)
                    Weigh(_deltas[i][o], new Step(i, o, null));
            }

            if (_best.Found)
                return ToChange();

            // Otherwise whatever keeps the most detail: suppressing one attribute, the most values one attribute may keep
            // with the others unchanged, or two changes together.
            for (var i = 0; i < count; i++)
                Weigh(_deltas[i][^1], new Step(i, SuppressOption(i), null));

            var maxK = ReidentificationEstimator.MaximumCombinedCardinality(_population, _uniquenessThreshold, _minimumAnonymitySet);
            for (var i = 0; i < count; i++)
            {
                var attribute = _attributes[i];
                var others = _logK - Math.Log(Math.Max(1, attribute.Cardinality));
                var allowed = Math.Floor(maxK / Math.Exp(others));
                if (allowed >= 2 && allowed < attribute.Cardinality)
                {
                    var text = allowed.ToString("0", CultureInfo.InvariantCulture);
                    Weigh(Term(allowed) - _terms[i], new Step(i, -1, new Coarsening($"at most {text} values", $"generalize: {{ ITEM: {text} }}", allowed)));
                }
            }

            WeighPairs();
            return _best.Found ? ToChange() : null;
        }

        /// <summary>
        /// Every pair of changes to two attributes (each generalised or suppressed, not both suppressed) that can meet the
        /// thresholds, in the order of the full search. Suppression lowers a term the most, so a pair lowers log K by at
        /// most the two attributes' suppressions: when even the two largest leave it above the boundary no pair is looked
        /// at, and an attribute, or an option of it, that no partner's suppression could complete is skipped.
        /// </summary>
        private void WeighPairs()
        {
            var count = _attributes.Count;
            if (count < 2)
                return;
            var reach = _boundary + BoundarySlack - _logK; // pairs whose deltas sum above this fail
            int lowest = -1, second = -1;
            for (var i = 0; i < count; i++)
            {
                var suppressed = _deltas[i][^1];
                if (lowest < 0 || suppressed < _deltas[lowest][^1])
                    (second, lowest) = (lowest, i);
                else if (second < 0 || suppressed < _deltas[second][^1])
                    second = i;
            }

            if (_deltas[lowest][^1] + _deltas[second][^1] > reach)
                return;

            for (var i = 0; i < count; i++)
            {
                var first = _deltas[i];
                if (first[^1] + _deltas[i == lowest ? second : lowest][^1] > reach)
                    continue;
                for (var j = i + 1; j < count; j++)
                {
                    var other = _deltas[j];
                    if (first[^1] + other[^1] > reach)
                        continue;
                    for (var a = 0; a < first.Length; a++)
                    {
                        if (first[a] + other[^1] > reach)
                            continue;
                        for (var b = 0; b < other.Length; b++)
                        {
                            if (a < first.Length - 1 || b < other.Length - 1)
                                Weigh(first[a] + other[b], new Step(i, a, null), new Step(j, b, null));
                        }
                    }
                }
            }
        }

        /// <summary>Weighs one candidate whose log K is <see cref="_logK"/> + <paramref name="delta"/>: kept when it meets the thresholds and keeps clearly more.</summary>
        private void Weigh(double delta, Step first, Step? second = null)
        {
            var logK = _logK + delta;
            if (!Meets(logK))
                return;
            var cardinality = ReidentificationEstimator.CombinedCardinality(logK);
            if (!_best.Found || cardinality > _best.Cardinality * (1 + 1e-12))
                _best = new Candidate(true, cardinality, first, second);
        }

        private bool Meets(double logK)
        {
            if (logK > _boundary + BoundarySlack)
                return false;
            if (logK < _boundary - BoundarySlack)
                return true;
            return Estimate(logK).Meets(_uniquenessThreshold, _minimumAnonymitySet);
        }

        private ReleaseEstimate Estimate(double logK) =>
            ReidentificationEstimator.Protect(ReidentificationEstimator.FromLogCardinality(_population, logK), ReleaseProtection.None);

        /// <summary>
        /// The largest log K whose estimate meets the thresholds, to within far less than <see cref="BoundarySlack"/>, found by
        /// bisection on the estimate itself (so every threshold setting, however odd, is weighed as the estimate weighs it).
        /// </summary>
        private double Boundary()
        {
            if (!Estimate(0).Meets(_uniquenessThreshold, _minimumAnonymitySet))
                return double.NegativeInfinity;
            const double top = ReidentificationEstimator.MaximumLogCardinality;
            if (Estimate(top).Meets(_uniquenessThreshold, _minimumAnonymitySet))
                return double.PositiveInfinity;
            double meets = 0, fails = top;
            for (var round = 0; round < 64 && fails - meets > BoundarySlack / 64; round++)
            {
                var middle = (meets + fails) / 2;
                if (Estimate(middle).Meets(_uniquenessThreshold, _minimumAnonymitySet))
                    meets = middle;
                else
                    fails = middle;
            }

            return meets;
        }

        /// <summary>The best candidate as a change, with its estimate computed from its cardinalities in attribute order.</summary>
        private ReleaseChange ToChange()
        {
            var cardinalities = new double[_attributes.Count];
            for (var i = 0; i < cardinalities.Length; i++)
                cardinalities[i] = _attributes[i].Cardinality;
            var steps = new List<ReleaseStep>(2);
            Step[] chosen = _best.Second is { } second ? [_best.First, second] : [_best.First];
            foreach (var step in chosen)
            {
                var attribute = _attributes[step.Attribute];
                var to = step.Made ?? (step.Option < attribute.Coarser.Count ? attribute.Coarser[step.Option] : null);
                steps.Add(new ReleaseStep(attribute.Id, to));
                cardinalities[step.Attribute] = to?.Cardinality ?? 1;
            }

            return new ReleaseChange(steps, null, ReidentificationEstimator.ForRelease(_population, cardinalities, ReleaseProtection.None));
        }

        private int SuppressOption(int attribute) => _attributes[attribute].Coarser.Count;

        /// <summary>An attribute's term of log K, as <see cref="ReidentificationEstimator.LogCardinality"/> counts it.</summary>
        private static double Term(double cardinality) => Math.Log(Math.Max(1, double.IsFinite(cardinality) ? cardinality : 1));
    }

    /// <summary>One change: attribute index and option index (its coarser forms, then suppression), or a form the advisor made.</summary>
    private readonly record struct Step(int Attribute, int Option, Coarsening? Made);

    /// <summary>The best change so far and its combined cardinality.</summary>
    private readonly record struct Candidate(bool Found, double Cardinality, Step First, Step? Second);
}
