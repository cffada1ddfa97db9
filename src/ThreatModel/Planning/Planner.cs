using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Planning;

/// <summary>What a plan must reach and how much it may change.</summary>
public sealed record PlanOptions
{
    /// <summary>Findings at or above this severity must go (<c>--fail-on</c>); High by default.</summary>
    public Severity Threshold { get; init; } = Severity.High;

    /// <summary>The most edits the plan may use (<c>--budget</c>); 20 by default.</summary>
    public int Budget { get; init; } = 20;

    /// <summary>The review thresholds and design-settings policy of every analysis.</summary>
    public AnalyzerOptions Analysis { get; init; } = AnalyzerOptions.Default;
}

/// <summary>
/// Searches for a small set of <see cref="DesignEdit"/>s that brings a design under a threshold: greedy by the
/// severity-weighted findings an edit removes, with re-analysis. Candidates are the remedies the failing findings name
/// (and, for a finding that names none, dropping its items from the last flow of each evidence route). On a design
/// with few failing findings each step re-analyses the design under the best-claimed candidates and keeps the one that
/// removes most; on a large one each round applies a batch of edits that claim different findings and re-analyses once,
/// keeping the edits that removed what they claimed. Ties go to the cheaper edit, then to the smaller key (ordinal), so
/// the plan is deterministic. A final pass leaves out every edit the others make redundant. docs/plan.md.
/// </summary>
public sealed class Planner
{
    private readonly Analyzer _analyzer;

    /// <summary>Creates a planner that analyses with <paramref name="analyzer"/>.</summary>
    public Planner(Analyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        _analyzer = analyzer;
    }

    /// <summary>Above this many failing findings a plan is searched in batches (one re-analysis per round, not per candidate).</summary>
    public int BatchAbove { get; init; } = 200;

    /// <summary>How many of the best-claimed candidates one greedy step re-analyses.</summary>
    public int CandidatesPerStep { get; init; } = 12;

    /// <summary>
    /// True (the default) to re-analyse an edited design incrementally: only the findings about the data subjects an edit
    /// touches are re-made, with exactly the findings of a whole analysis; false to analyse the whole edited design each
    /// time (to compare, or to measure). docs/plan.md, "How a plan is searched".
    /// </summary>
    public bool Incremental { get; init; } = true;

    /// <summary>A plan for <paramref name="model"/>.</summary>
    public Plan Plan(SystemModel model, PlanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Budget);
        var search = new Search(this, options, cancellationToken);
        var before = search.Analyze(model);
        var plan = before.AtOrAbove(options.Threshold).Count() > BatchAbove
            ? search.Batched(before)
            : search.Greedy(before);
        return search.Prune(plan);
    }

    /// <summary>How much a severity counts when findings removed are weighed: each level counts four times the one below.</summary>
    public static int Weight(Severity severity) => 1 << (2 * (int)severity);

    private sealed class Search(Planner planner, PlanOptions options, CancellationToken cancellationToken)
    {
        private readonly HashSet<string> _banned = new(StringComparer.Ordinal);
        private readonly IncrementalAnalysis? _incremental = planner.Incremental ? new(planner._analyzer, options.Analysis) : null;
        private int _analyses;

        public AnalysisResult Analyze(SystemModel model)
        {
            _analyses++;
            return _incremental is not null
                ? _incremental.Analyze(model, cancellationToken)
                : planner._analyzer.Analyze(model, options.Analysis, cancellationToken);
        }

        public Plan Greedy(AnalysisResult before)
        {
            var current = before;
            var steps = new List<PlanStep>();
            var pruned = 0;
            var lastWeight = long.MaxValue;
            while (true)
            {
                Extend(ref current, steps);
                // Findings still fail and the search stopped (budget spent, or no edit or group fits what is left of it):
                // edits that later ones made redundant free room for more. Another round only while the failing weight falls.
                var weight = Failing(current).Sum(f => (long)Weight(f.Severity));
                if (weight == 0 || weight >= lastWeight || Prune(before, steps, current) is not { } smaller)
                    break;
                lastWeight = weight;
                pruned += steps.Count - smaller.Steps.Count;
                steps = smaller.Steps;
                current = smaller.After;
            }

            return new Plan(before, current, steps, options.Threshold, options.Budget) { Method = "greedy", Analyses = _analyses, Pruned = pruned };
        }

        /// <summary>Greedy steps from <paramref name="current"/> until nothing fails, the budget is spent or nothing gains.</summary>
        private void Extend(ref AnalysisResult current, List<PlanStep> steps)
        {
            while (steps.Count < options.Budget)
            {
                var failing = Failing(current);
                if (failing.Count == 0)
                    break;
                (DesignEdit Edit, AnalysisResult After, int Gain)? best = null;
                var candidates = Candidates(current.Model, failing);
                // The best-claimed few first; only when none of them removes anything, the next few, and so on.
                for (var start = 0; start < candidates.Count && best is null; start += planner.CandidatesPerStep)
                {
                    foreach (var candidate in candidates.Skip(start).Take(planner.CandidatesPerStep))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (TryApply(current.Model, [candidate.Edit]) is not { } edited)
                            continue;
                        var after = Analyze(edited);
                        var gain = Gain(failing, after);
                        if (gain > 0 && (best is null || gain > best.Value.Gain))
                            best = (candidate.Edit, after, gain);
                    }
                }

                if (best is not { } chosen)
                {
                    // No single edit removes anything: some findings go only when several edits are made together (an
                    // identifier readable at six parties needs a pseudonym on every flow). Try the remedies of one kind
                    // that a failing finding names, all at once, heaviest finding first.
                    if (Together(current, failing, options.Budget - steps.Count) is not { } group)
                        break;
                    foreach (var edit in group.Edits)
                        _banned.Add(edit.Key); // made once, an edit changes nothing the second time
                    for (var k = 0; k < group.Edits.Count - 1; k++)
                        steps.Add(new PlanStep(group.Edits[k], [], [], []));
                    steps.Add(Step(group.Edits[^1], failing, group.After));
                    current = group.After;
                    continue;
                }

                _banned.Add(chosen.Edit.Key);
                steps.Add(Step(chosen.Edit, failing, chosen.After));
                current = chosen.After;
            }
        }

        /// <summary>The first group of same-kind remedies of one failing finding that, made together, removes something; null when none does.</summary>
        private (List<DesignEdit> Edits, AnalysisResult After)? Together(AnalysisResult current, List<Finding> failing, int budget)
        {
            foreach (var finding in failing.OrderByDescending(f => f.Severity).ThenBy(f => f.Fingerprint, StringComparer.Ordinal))
            {
                var groups = RemediesOf(current.Model, finding)
                    .GroupBy(r => r is AddProtection add ? "add-protection|" + add.Protection : r.Kind, StringComparer.Ordinal)
                    .Select(g => g.ToList())
                    .Append([.. AlongRoutes(current.Model, finding).Where(r => !_banned.Contains(r.Key))])
                    .Where(g => g.Count > 1 && g.Count <= budget);
                foreach (var edits in groups)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (TryApply(current.Model, edits) is not { } edited)
                        continue;
                    var after = Analyze(edited);
                    if (Gain(failing, after) > 0)
                        return (edits, after);
                }
            }

            return null;
        }

        public Plan Batched(AnalysisResult before)
        {
            var current = before;
            var steps = new List<PlanStep>();
            while (steps.Count < options.Budget)
            {
                var failing = Failing(current);
                if (failing.Count == 0)
                    break;
                var claimedBy = new Dictionary<string, DesignEdit>(StringComparer.Ordinal);
                var picked = new List<(DesignEdit Edit, List<Finding> Claims)>();
                foreach (var candidate in Candidates(current.Model, failing))
                {
                    if (picked.Count >= options.Budget - steps.Count)
                        break;
                    var claims = candidate.Claims.Where(f => !claimedBy.ContainsKey(f.Fingerprint)).ToList();
                    if (claims.Count == 0)
                        continue;
                    foreach (var claim in claims)
                        claimedBy[claim.Fingerprint] = candidate.Edit;
                    picked.Add((candidate.Edit, claims));
                }

                if (picked.Count == 0 || TryApply(current.Model, picked.Select(p => p.Edit)) is not { } edited)
                    break;
                var after = Analyze(edited);
                var still = FailingFingerprints(after);
                var useful = picked.Where(p => p.Claims.Any(f => !still.Contains(f.Fingerprint))).ToList();
                foreach (var useless in picked.Except(useful))
                    _banned.Add(useless.Edit.Key);
                if (useful.Count == 0)
                    continue;
                if (useful.Count < picked.Count)
                {
                    edited = TryApply(current.Model, useful.Select(p => p.Edit))!;
                    after = Analyze(edited);
                }

                foreach (var (edit, _) in useful)
                    _banned.Add(edit.Key);
                steps.AddRange(Attribute(useful.Select(p => p.Edit).ToList(), failing, after));
                current = after;
            }

            return new Plan(before, current, steps, options.Threshold, options.Budget) { Method = "greedy-batched", Analyses = _analyses };
        }

        /// <summary>
        /// The final pruning pass (docs/plan.md): greedy looks one edit ahead, so an edit chosen early can be made
        /// redundant by later ones (the textbook weakness of greedy set cover). Each edit in turn, the last chosen first,
        /// is left out when the design with the rest fails on no finding that it does not fail on with all of them (for a
        /// plan that clears: when the design still clears). One re-analysis of the design as written, with the remaining
        /// edits, per edit tried. A batched plan that does not clear is returned as it is: on a large design each try is a
        /// whole analysis and the plan is far from clearing.
        /// </summary>
        public Plan Prune(Plan plan)
        {
            if (plan.Steps.Count < 2 || (!plan.Clears && plan.Method != "greedy") || Prune(plan.Before, [.. plan.Steps], plan.After) is not { } smaller)
                return plan with { Analyses = _analyses };
            return new Plan(plan.Before, smaller.After, smaller.Steps, plan.Threshold, plan.Budget)
            {
                Method = plan.Method,
                Analyses = _analyses,
                Pruned = plan.Pruned + plan.Steps.Count - smaller.Steps.Count,
            };
        }

        /// <summary>The steps without the edits the others make redundant, and the analysis with the rest; null when none is.</summary>
        private (List<PlanStep> Steps, AnalysisResult After)? Prune(AnalysisResult before, List<PlanStep> steps, AnalysisResult after)
        {
            var kept = steps.Select(s => s.Edit).ToList();
            var allowed = new Dictionary<string, Severity>(StringComparer.Ordinal);
            foreach (var finding in after.AtOrAbove(options.Threshold))
                allowed.TryAdd(finding.Fingerprint, finding.Severity);
            var result = after;
            for (var k = kept.Count - 1; k >= 0 && kept.Count > 1; k--)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var without = kept.Where((_, i) => i != k).ToList();
                if (TryApply(before.Model, without) is not { } edited)
                    continue;
                var analysis = Analyze(edited);
                if (!analysis.AtOrAbove(options.Threshold).All(f => allowed.TryGetValue(f.Fingerprint, out var severity) && f.Severity <= severity))
                    continue;
                kept = without;
                result = analysis;
            }

            return kept.Count == steps.Count ? null : (Reattribute(before, steps, kept, result), result);
        }

        /// <summary>
        /// The steps of the kept edits: each keeps what it removed of the findings that exist without the left-out edits
        /// (those failing before, and those a kept edit introduced); what a left-out edit's step removed goes to the kept
        /// edit that names it, else to the first that touches its evidence, else to the first.
        /// </summary>
        private List<PlanStep> Reattribute(AnalysisResult before, List<PlanStep> steps, List<DesignEdit> kept, AnalysisResult after)
        {
            var keptSteps = steps.Where(s => kept.Contains(s.Edit)).ToList();
            var exists = new HashSet<string>(Failing(before).Select(f => f.Fingerprint), StringComparer.Ordinal);
            foreach (var step in keptSteps)
                exists.UnionWith(step.Introduced.Select(f => f.Fingerprint));
            var afterByFingerprint = ByFingerprint(after);
            var removed = keptSteps.ToDictionary(s => s.Edit, s => s.Removed.Where(f => exists.Contains(f.Fingerprint)).ToList());
            foreach (var step in steps.Where(s => !kept.Contains(s.Edit)))
            {
                foreach (var finding in step.Removed.Where(f => exists.Contains(f.Fingerprint)))
                    removed[Owner(kept, finding)].Add(finding);
            }

            return [.. keptSteps.Select(s => new PlanStep(s.Edit, removed[s.Edit],
                [.. removed[s.Edit].Select(f => afterByFingerprint.GetValueOrDefault(f.Fingerprint)).OfType<Finding>()], s.Introduced))];
        }

        private List<Finding> Failing(AnalysisResult result) => [.. result.AtOrAbove(options.Threshold)];

        private HashSet<string> FailingFingerprints(AnalysisResult result) =>
            new(result.AtOrAbove(options.Threshold).Select(f => f.Fingerprint), StringComparer.Ordinal);

        /// <summary>The weight of failing findings removed (or lowered below the threshold) minus the weight of failing findings added.</summary>
        private int Gain(List<Finding> failing, AnalysisResult after)
        {
            var still = FailingFingerprints(after);
            var before = new HashSet<string>(failing.Select(f => f.Fingerprint), StringComparer.Ordinal);
            var gain = 0;
            foreach (var finding in failing)
            {
                if (!still.Contains(finding.Fingerprint))
                    gain += Weight(finding.Severity);
            }

            foreach (var finding in after.AtOrAbove(options.Threshold))
            {
                if (!before.Contains(finding.Fingerprint))
                    gain -= Weight(finding.Severity);
            }

            return gain;
        }

        private PlanStep Step(DesignEdit edit, List<Finding> failing, AnalysisResult after)
        {
            var still = FailingFingerprints(after);
            var afterByFingerprint = ByFingerprint(after);
            var removed = failing.Where(f => !still.Contains(f.Fingerprint)).ToList();
            var before = new HashSet<string>(failing.Select(f => f.Fingerprint), StringComparer.Ordinal);
            return new PlanStep(edit, removed,
                [.. removed.Select(f => afterByFingerprint.GetValueOrDefault(f.Fingerprint)).OfType<Finding>()],
                [.. after.AtOrAbove(options.Threshold).Where(f => !before.Contains(f.Fingerprint))]);
        }

        /// <summary>One step per edit of a round: each removed finding goes to the edit that claimed it, else to the first edit that touches its evidence, else to the first edit.</summary>
        private List<PlanStep> Attribute(List<DesignEdit> edits, List<Finding> failing, AnalysisResult after)
        {
            var still = FailingFingerprints(after);
            var afterByFingerprint = ByFingerprint(after);
            var before = new HashSet<string>(failing.Select(f => f.Fingerprint), StringComparer.Ordinal);
            var removed = edits.ToDictionary(e => e, _ => new List<Finding>());
            var introduced = edits.ToDictionary(e => e, _ => new List<Finding>());
            foreach (var finding in failing.Where(f => !still.Contains(f.Fingerprint)))
                removed[Owner(edits, finding)].Add(finding);
            foreach (var finding in after.AtOrAbove(options.Threshold).Where(f => !before.Contains(f.Fingerprint)))
                introduced[Owner(edits, finding)].Add(finding);
            return [.. edits.Select(e => new PlanStep(e, removed[e],
                [.. removed[e].Select(f => afterByFingerprint.GetValueOrDefault(f.Fingerprint)).OfType<Finding>()], introduced[e]))];
        }

        private static DesignEdit Owner(List<DesignEdit> edits, Finding finding) =>
            edits.FirstOrDefault(e => finding.Remedies.Contains(e))
            ?? edits.FirstOrDefault(e => finding.EvidencePath.Contains(e.Target, StringComparer.Ordinal) || finding.Elements.Contains(e.Target, StringComparer.Ordinal))
            ?? edits[0];

        private static Dictionary<string, Finding> ByFingerprint(AnalysisResult result)
        {
            var map = new Dictionary<string, Finding>(StringComparer.Ordinal);
            foreach (var finding in result.Findings)
                map.TryAdd(finding.Fingerprint, finding);
            return map;
        }

        private SystemModel? TryApply(SystemModel model, IEnumerable<DesignEdit> edits)
        {
            try
            {
                return DesignEdits.Apply(model, edits);
            }
            catch (ArgumentException)
            {
                // A remedy that does not fit the design (a rule named an element that is no store, say): never tried again.
                foreach (var edit in edits)
                    _banned.Add(edit.Key);
                return null;
            }
        }

        /// <summary>
        /// The edits the failing findings name, each with the findings that name it, best claimed first: by the weight
        /// of the findings that name it, then the cheaper edit, then the key.
        /// </summary>
        private List<(DesignEdit Edit, List<Finding> Claims)> Candidates(SystemModel model, List<Finding> failing)
        {
            var claims = new Dictionary<DesignEdit, List<Finding>>();
            var order = new List<DesignEdit>();
            foreach (var finding in failing)
            {
                foreach (var remedy in RemediesOf(model, finding))
                {
                    if (!claims.TryGetValue(remedy, out var list))
                    {
                        claims[remedy] = list = [];
                        order.Add(remedy);
                    }

                    list.Add(finding);
                }
            }

            return [.. order
                .Select(e => (Edit: e, Claims: claims[e], Weight: claims[e].Sum(f => (long)Weight(f.Severity))))
                .OrderByDescending(c => c.Weight)
                .ThenBy(c => c.Edit.CostWeight)
                .ThenBy(c => c.Edit.Key, StringComparer.Ordinal)
                .Select(c => (c.Edit, c.Claims))];
        }

        /// <summary>The remedies a finding names that were not found useless, or the fallback when there are none.</summary>
        private List<DesignEdit> RemediesOf(SystemModel model, Finding finding)
        {
            var remedies = finding.Remedies.Where(r => !_banned.Contains(r.Key)).ToList();
            return remedies.Count > 0 ? remedies : [.. Fallback(model, finding).Where(r => !_banned.Contains(r.Key))];
        }

        /// <summary>The last resort for a finding: stop every flow of every evidence route from delivering the finding's items.</summary>
        private static IEnumerable<DesignEdit> AlongRoutes(SystemModel model, Finding finding)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var id in finding.EvidencePath)
            {
                if (!model.TryGetFlow(id, out var flow))
                    continue;
                foreach (var item in finding.Items)
                {
                    var edit = new DropItem(flow.Id, item);
                    if (flow.Items.Contains(item, StringComparer.Ordinal) && seen.Add(edit.Key))
                        yield return edit;
                }
            }
        }

        /// <summary>For a finding that names no edit: stop the last flow of each evidence route from delivering the finding's items.</summary>
        private static IEnumerable<DesignEdit> Fallback(SystemModel model, Finding finding)
        {
            foreach (var route in finding.EvidenceRoutes)
            {
                if (route.Count == 0 || !model.TryGetFlow(route[^1], out var flow))
                    continue;
                foreach (var item in finding.Items)
                {
                    if (flow.Items.Contains(item, StringComparer.Ordinal))
                        yield return new DropItem(flow.Id, item);
                }
            }
        }
    }
}
