using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Planning;

/// <summary>
/// Re-analyses an edited design from the analysis of a design it was edited from, re-running only what the edit can
/// change, with exactly the findings (same order, fingerprints, text and estimates) of a whole analysis. docs/plan.md,
/// "How a plan is searched".
/// </summary>
/// <remarks>
/// <para>
/// An edit changes flows and elements. The <b>touched subjects</b> are those whose data an edit can reach: the subjects
/// of the items a changed flow carries (before and after), and of the items on every flow into or out of a changed
/// element, with the person's or the decision's own subject; closed over derivation (an item derived from another
/// subject's item ties the two subjects together). A holding of an item depends only on the flows that carry that item
/// and on the items it is derived from, so no other subject's holdings change.
/// </para>
/// <para>
/// The <b>subject-separable</b> built-in rules make each finding about one subject from that subject's holdings and
/// the design's structure (elements, organizations, jurisdictions, flows): for them the findings about touched subjects
/// are re-made on the <b>slice</b> of the design that keeps every element and flow but only the touched subjects' items,
/// and the other findings are kept from the analysis before. The other rules (a finding about several subjects at once:
/// TM005's scores by association, TM006's purpose creep, TM013's store, TM014's records, and every custom rule) run on
/// the whole edited design. When the touched subjects hold more than half of the design's items, or the edit changes
/// anything else (items, subjects, organizations, jurisdictions, purposes, settings), the analysis is whole.
/// </para>
/// </remarks>
internal sealed class IncrementalAnalysis
{
    /// <summary>The built-in rules whose every finding is about one subject and is made from that subject's holdings.</summary>
    private static readonly HashSet<Type> SeparableRules =
    [
        typeof(CrossContextLinkageRule),
        typeof(ReidentificationRule),
        typeof(ProximityDisclosureRule),
        typeof(AggregationProfileRule),
        typeof(DecisionWithoutRecourseRule),
        typeof(PublicExposureRule),
        typeof(SurveillanceRule),
        typeof(SensitiveInferenceRule),
        typeof(IdentifierTrackingRule),
        typeof(TransferWithoutRecourseRule),
        typeof(GroupDisclosureRule),
        typeof(NoRecourseAtHomeRule),
    ];

    /// <summary>Above this share of the design's items the slice costs about as much as the whole: analyse the whole.</summary>
    private const double WholeAbove = 0.5;

    /// <summary>
    /// How many earlier analyses are kept as possible starting points, the most recently used first: a greedy step
    /// re-analyses a dozen candidates from the same design, which stays first as each of them starts from it.
    /// </summary>
    private const int Kept = 4;

    private readonly Analyzer _analyzer;
    private readonly Analyzer? _sliced;
    private readonly Analyzer? _rest;
    private readonly HashSet<string> _separableIds;
    private readonly AnalyzerOptions _options;
    private readonly List<AnalysisResult> _recent = [];

    /// <summary>Re-analyses with the rules of <paramref name="analyzer"/> under <paramref name="options"/>.</summary>
    public IncrementalAnalysis(Analyzer analyzer, AnalyzerOptions options)
    {
        _analyzer = analyzer;
        _options = options;
        var separable = analyzer.Rules.Where(r => SeparableRules.Contains(r.GetType())).ToList();
        var rest = analyzer.Rules.Where(r => !SeparableRules.Contains(r.GetType())).ToList();
        _separableIds = new HashSet<string>(separable.Select(r => r.Metadata.Id), StringComparer.Ordinal);
        _sliced = separable.Count > 0 ? new Analyzer(separable) : null;
        _rest = rest.Count > 0 ? new Analyzer(rest) : null;
    }

    /// <summary>How many analyses were made on a slice (the others were whole).</summary>
    public int Sliced { get; private set; }

    /// <summary>
    /// The analysis of <paramref name="model"/>: from the kept analysis of the design it differs least from, re-running
    /// only what the difference touches; whole when nothing kept is close enough.
    /// </summary>
    public AnalysisResult Analyze(SystemModel model, CancellationToken cancellationToken)
    {
        var result = Incrementally(model, cancellationToken) ?? _analyzer.Analyze(model, _options, cancellationToken);
        Keep(result);
        return result;
    }

    private AnalysisResult? Incrementally(SystemModel model, CancellationToken cancellationToken)
    {
        if (_sliced is null)
            return null;
        var (start, changes) = ClosestKept(model);
        if (start is null || changes is null)
            return null;
        Keep(start);
        if (changes.Flows.Count == 0 && changes.Elements.Count == 0)
            return start with { Model = model }; // the same design
        var touched = TouchedSubjects(start.Model, model, changes);
        if (touched.Count == 0)
            return null;
        var items = model.Items.Where(i => touched.Contains(i.SubjectId)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
        if (items.Count > WholeAbove * model.Items.Count)
            return null;

        var slice = Slice(model, items);
        var sliced = _sliced.Analyze(slice, _options, cancellationToken);
        var rest = _rest?.Analyze(model, _options, cancellationToken);
        Sliced++;

        bool Kept(Finding f) => _separableIds.Contains(f.RuleId) && !f.Subjects.Any(touched.Contains);
        bool Remade(Finding f) => f.Subjects.Any(touched.Contains);
        var findings = start.Findings.Where(Kept).Concat(sliced.Findings.Where(Remade)).Concat(rest?.Findings ?? []).ToList();
        findings.Sort(FindingOrder.Instance);
        var suppressed = start.Suppressed.Where(s => Kept(s.Finding)).Concat(sliced.Suppressed.Where(s => Remade(s.Finding))).Concat(rest?.Suppressed ?? []).ToList();
        suppressed.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));
        return start with
        {
            Model = model,
            Findings = findings,
            Suppressed = suppressed,
            UnusedAcceptances = Unused(model, suppressed, start.RuleSettings),
        };
    }

    /// <summary>The kept analysis whose design differs least from <paramref name="model"/>, and the difference; (null, null) when none is comparable.</summary>
    private (AnalysisResult? From, Changes? Changes) ClosestKept(SystemModel model)
    {
        AnalysisResult? best = null;
        Changes? least = null;
        foreach (var kept in _recent)
        {
            if (Changes.Between(kept.Model, model, least?.Count ?? int.MaxValue) is not { } changes)
                continue;
            if (least is null || changes.Count < least.Count)
            {
                best = kept;
                least = changes;
            }
        }

        return (best, least);
    }

    /// <summary>Keeps <paramref name="result"/> as a starting point, most recently used first, at most <see cref="Kept"/>.</summary>
    private void Keep(AnalysisResult result)
    {
        _recent.RemoveAll(r => ReferenceEquals(r.Model, result.Model));
        _recent.Insert(0, result);
        if (_recent.Count > Kept)
            _recent.RemoveAt(_recent.Count - 1);
    }

    /// <summary>The subjects whose data the changes can reach, closed over derivation across subjects.</summary>
    private static HashSet<string> TouchedSubjects(SystemModel before, SystemModel after, Changes changes)
    {
        var subjects = new HashSet<string>(StringComparer.Ordinal);
        void AddItem(SystemModel model, string itemId)
        {
            if (model.TryGetItem(itemId, out var item))
                subjects.Add(item.SubjectId);
        }

        void AddFlow(SystemModel model, Flow flow)
        {
            foreach (var item in flow.Items)
                AddItem(model, item);
            foreach (var item in flow.Protections.SuppressedItems)
                AddItem(model, item);
            foreach (var item in flow.Protections.Generalizations.Keys)
                AddItem(model, item);
        }

        foreach (var (old, now) in changes.Flows)
        {
            if (old is not null)
                AddFlow(before, old);
            if (now is not null)
                AddFlow(after, now);
        }

        if (changes.Elements.Count > 0)
        {
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (old, now) in changes.Elements)
            {
                foreach (var element in new[] { old, now })
                {
                    if (element is null)
                        continue;
                    ids.Add(element.Id);
                    if (element.SubjectId is { } person)
                        subjects.Add(person);
                    if (element.Decision?.SubjectId is { } decided)
                        subjects.Add(decided);
                }
            }

            foreach (var model in new[] { before, after })
            {
                foreach (var flow in model.Flows)
                {
                    if (ids.Contains(flow.From) || ids.Contains(flow.To))
                        AddFlow(model, flow);
                }
            }
        }

        // An item derived from another subject's item ties the two subjects: close over that, in both directions.
        var ties = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var item in after.Items)
        {
            foreach (var source in item.DerivedFrom)
            {
                if (!after.TryGetItem(source, out var from) || from.SubjectId == item.SubjectId)
                    continue;
                Tie(item.SubjectId, from.SubjectId);
                Tie(from.SubjectId, item.SubjectId);
            }
        }

        var queue = new Queue<string>(subjects);
        while (queue.TryDequeue(out var subject))
        {
            foreach (var tied in ties.GetValueOrDefault(subject) ?? [])
            {
                if (subjects.Add(tied))
                    queue.Enqueue(tied);
            }
        }

        return subjects;

        void Tie(string a, string b)
        {
            if (!ties.TryGetValue(a, out var list))
                ties[a] = list = [];
            list.Add(b);
        }
    }

    /// <summary>
    /// The design with only <paramref name="items"/>: every subject, organization, jurisdiction, element and flow is
    /// kept (a flow carries only the kept items, and its protections name only them), so the kept items' holdings, and
    /// every fact about the kept subjects, are those of the whole design.
    /// </summary>
    private static SystemModel Slice(SystemModel model, HashSet<string> items)
    {
        var flows = new List<Flow>(model.Flows.Count);
        foreach (var flow in model.Flows)
            flows.Add(SliceOf(flow, items));
        return new SystemModel(model.Name, model.Description, model.SourceFile, model.Settings, model.Subjects,
            [.. model.Items.Where(i => items.Contains(i.Id))], model.Organizations, model.Jurisdictions, model.Elements, flows, model.Purposes);
    }

    private static Flow SliceOf(Flow flow, HashSet<string> items)
    {
        if (AllIn(flow.Items, items) && AllIn(flow.Protections.SuppressedItems, items) && AllIn(flow.Protections.Generalizations.Keys, items))
            return flow;
        var p = flow.Protections;
        var protections = p;
        if (!AllIn(p.SuppressedItems, items))
            protections = protections with { SuppressedItems = [.. p.SuppressedItems.Where(items.Contains)] };
        if (!AllIn(p.Generalizations.Keys, items))
        {
            var generalizations = new Dictionary<string, Generalization>(StringComparer.Ordinal);
            foreach (var (item, generalization) in p.Generalizations)
            {
                if (items.Contains(item))
                    generalizations[item] = generalization;
            }

            protections = protections with { Generalizations = generalizations };
        }

        return flow with { Items = [.. flow.Items.Where(items.Contains)], Protections = protections };
    }

    private static bool AllIn(IEnumerable<string> ids, HashSet<string> set)
    {
        foreach (var id in ids)
        {
            if (!set.Contains(id))
                return false;
        }

        return true;
    }

    /// <summary>The acceptances that cover no finding, as the analyzer reports them.</summary>
    private static IReadOnlyList<UnusedAcceptance> Unused(SystemModel model, List<SuppressedFinding> suppressed, IReadOnlyList<RuleSetting> settings)
    {
        if (SuppressionIndex.Of(model) is not { } index)
            return [];
        var used = new HashSet<Suppression>(ReferenceEqualityComparer.Instance);
        foreach (var accepted in suppressed)
        {
            if (index.Find(accepted.Finding) is { } suppression)
                used.Add(suppression);
        }

        var off = new HashSet<string>(settings.Where(s => !s.Enabled).Select(s => s.RuleId), StringComparer.Ordinal);
        return [.. index.All.Where(a => !used.Contains(a.Suppression) && !off.Contains(a.Suppression.RuleId)).Select(a => new UnusedAcceptance(a.Suppression, a.Owner))];
    }

    /// <summary>The flows and elements that differ between two designs (added, removed or changed), as (before, after) pairs.</summary>
    private sealed class Changes
    {
        public List<(Flow? Before, Flow? After)> Flows { get; } = [];

        public List<(Element? Before, Element? After)> Elements { get; } = [];

        public int Count => Flows.Count + Elements.Count;

        /// <summary>
        /// The changes from <paramref name="before"/> to <paramref name="after"/>, or null when they differ in anything
        /// but flows and elements, or in more than <paramref name="limit"/> of them.
        /// </summary>
        public static Changes? Between(SystemModel before, SystemModel after, int limit)
        {
            if (!Same(before.Items, after.Items) || !Same(before.Subjects, after.Subjects) || !Same(before.Organizations, after.Organizations)
                || !Same(before.Jurisdictions, after.Jurisdictions) || !Same(before.Purposes, after.Purposes)
                || before.Settings != after.Settings || before.Name != after.Name || before.SourceFile != after.SourceFile)
                return null;
            var changes = new Changes();
            if (!Diff(before.Flows, after.Flows, f => f.Id, changes.Flows, limit))
                return null;
            if (!Diff(before.Elements, after.Elements, e => e.Id, changes.Elements, limit - changes.Flows.Count))
                return null;
            return changes;
        }

        private static bool Same<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
            where T : class
        {
            if (ReferenceEquals(a, b))
                return true;
            if (a.Count != b.Count)
                return false;
            for (var k = 0; k < a.Count; k++)
            {
                if (!ReferenceEquals(a[k], b[k]))
                    return false;
            }

            return true;
        }

        /// <summary>The differing pairs, by position when both lists have the same ids in the same order, else by id; false past <paramref name="limit"/>.</summary>
        private static bool Diff<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id, List<(T? Before, T? After)> into, int limit)
            where T : class
        {
            if (ReferenceEquals(before, after))
                return true;
            if (before.Count == after.Count)
            {
                var aligned = true;
                for (var k = 0; k < before.Count; k++)
                {
                    if (ReferenceEquals(before[k], after[k]))
                        continue;
                    if (!string.Equals(id(before[k]), id(after[k]), StringComparison.Ordinal))
                    {
                        aligned = false;
                        break;
                    }

                    into.Add((before[k], after[k]));
                    if (into.Count > limit)
                        return false;
                }

                if (aligned)
                    return true;
                into.Clear();
            }

            // Duplicate ids (which validation reports) make a by-id comparison ambiguous: treat every such object as changed.
            var old = new Dictionary<string, T>(StringComparer.Ordinal);
            var duplicated = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in before)
            {
                if (!old.TryAdd(id(value), value))
                    duplicated.Add(id(value));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var value in after)
            {
                var key = id(value);
                if (!seen.Add(key))
                    duplicated.Add(key);
                if (old.TryGetValue(key, out var was) && ReferenceEquals(was, value) && !duplicated.Contains(key))
                    continue;
                into.Add((old.GetValueOrDefault(key), value));
            }

            foreach (var value in before)
            {
                if (!seen.Contains(id(value)) || duplicated.Contains(id(value)))
                    into.Add((value, null));
            }

            return into.Count <= limit;
        }
    }
}
