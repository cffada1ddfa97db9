using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;
using ThreatModel.Validation;

namespace ThreatModel.Analysis;

/// <summary>Runs every registered rule over a design and orders the findings.</summary>
public sealed class Analyzer
{
    private readonly IReadOnlyList<IPrivacyRule> _rules;

    /// <summary>Creates an analyzer over these rules (usually from DI: <c>services.AddThreatModeling()</c>).</summary>
    public Analyzer(IEnumerable<IPrivacyRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules.OrderBy(r => r.Metadata.Id, StringComparer.Ordinal)];
        var duplicate = _rules.GroupBy(r => r.Metadata.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Two rules share the id '{duplicate.Key}'; rule ids must be unique.", nameof(rules));
    }

    /// <summary>An analyzer over every built-in rule, for use without dependency injection.</summary>
    public static Analyzer CreateDefault() => new(BuiltInRules.Create());

    /// <summary>The rules, ordered by id.</summary>
    public IReadOnlyList<IPrivacyRule> Rules => _rules;

    /// <summary>Analyses a model under the default thresholds; the design's settings may only tighten them.</summary>
    public AnalysisResult Analyze(SystemModel model, CancellationToken cancellationToken = default) =>
        Analyze(model, AnalyzerOptions.Default, cancellationToken);

    /// <summary>Analyses a model under the reviewer's thresholds and design-settings policy in <paramref name="options"/>.</summary>
    public AnalysisResult Analyze(SystemModel model, AnalyzerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        var (settings, inForce) = Thresholds.Resolve(model.Settings, options);
        options.Progress?.Report("building graph");
        var graph = DataFlowGraph.Build(model.WithSettings(settings), cancellationToken);
        return Run(graph, model, inForce, options, cancellationToken);
    }

    /// <summary>Analyses a graph already built, under the default thresholds (the design's settings may only tighten them).</summary>
    /// <remarks>
    /// Rules run side by side, one rule per processor at a time, taken in id order as threads come free
    /// (<see cref="WorkSharing"/>; the first failure in rule order is rethrown as thrown), over the one graph: its facts
    /// are computed once, whichever rule asks first, and are safe to read from several threads. A rule's <see cref="IPrivacyRule.Evaluate"/>
    /// must therefore not share mutable state with other rules (the built-in ones keep all their state in locals).
    /// Findings are gathered rule by rule in id order and then sorted, so the result does not depend on which rule
    /// finished first.
    /// </remarks>
    public AnalysisResult Analyze(DataFlowGraph graph, CancellationToken cancellationToken = default) =>
        Analyze(graph, AnalyzerOptions.Default, cancellationToken);

    /// <summary>Analyses a graph already built, under <paramref name="options"/>; rebuilt only when the thresholds in force differ from the design's.</summary>
    public AnalysisResult Analyze(DataFlowGraph graph, AnalyzerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(options);
        var model = graph.Model;
        var (settings, inForce) = Thresholds.Resolve(model.Settings, options);
        if (settings != model.Settings)
        {
            options.Progress?.Report("building graph");
            graph = DataFlowGraph.Build(model.WithSettings(settings), cancellationToken);
        }

        return Run(graph, model, inForce, options, cancellationToken);
    }

    /// <summary>
    /// Errors for inline acceptances that name a rule this analyzer does not have (<c>accepts: TM999</c>, or a rule's
    /// name such as <c>purpose-creep</c> instead of its id), each at the rule id with a "did you mean", and for a
    /// <c>finding:</c> that is not a fingerprint (32 hexadecimal digits).
    /// </summary>
    public IReadOnlyList<Diagnostic> CheckAcceptances(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ids = new HashSet<string>(_rules.Select(r => r.Metadata.Id), StringComparer.OrdinalIgnoreCase);
        var diagnostics = new List<Diagnostic>();
        foreach (var suppression in model.Elements.SelectMany(e => e.Suppressions).Concat(model.Flows.SelectMany(f => f.Suppressions)))
        {
            if (suppression.Finding is { } fingerprint && !IsFingerprint(fingerprint))
            {
                diagnostics.Add(new Diagnostic(DiagnosticCodes.WrongType, DiagnosticSeverity.Error,
                    "The acceptance's 'finding' is not a fingerprint; expected the 32 hexadecimal digits a report prints after 'fingerprint:'.", suppression.Span));
            }

            if (suppression.RuleId.Length == 0 || ids.Contains(suppression.RuleId))
                continue;
            var byName = _rules.FirstOrDefault(r => string.Equals(r.Metadata.Name, suppression.RuleId, StringComparison.OrdinalIgnoreCase));
            var suggestion = byName?.Metadata.Id ?? NameSuggester.Closest(suppression.RuleId, ids.Order(StringComparer.Ordinal));
            var hint = (suggestion is null ? string.Empty : $" Did you mean {suggestion}?")
                + (_rules.Count == 0 ? string.Empty : $" Rule ids are {_rules[0].Metadata.Id}..{_rules[^1].Metadata.Id} (threatmodel rules lists them).");
            var span = suppression.RuleSpan.IsKnown ? suppression.RuleSpan : suppression.Span;
            diagnostics.Add(new Diagnostic(DiagnosticCodes.UndefinedReference, DiagnosticSeverity.Error, $"The acceptance names the rule '{suppression.RuleId}', which does not exist.{hint}", span));
        }

        return diagnostics;
    }

    private static bool IsFingerprint(string text) => text.Length == 32 && text.All(char.IsAsciiHexDigit);

    private AnalysisResult Run(DataFlowGraph graph, SystemModel model, IReadOnlyList<ThresholdInForce> inForce, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var context = new AnalysisContext(graph, cancellationToken);
        var suppressions = SuppressionIndex.Of(graph.Model);
        var settings = RuleSettingsInForce(options.Rules);
        IReadOnlyList<IPrivacyRule> rules = settings.Count == 0
            ? _rules
            : [.. _rules.Where(r => !settings.TryGetValue(r.Metadata.Id, out var setting) || setting.Enabled)];
        var outcomes = new RuleOutcome[rules.Count];
        var progress = options.Progress;
        var finished = 0;
        WorkSharing.Run(rules.Count, Environment.ProcessorCount, (_, index) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rule = rules[index];
            outcomes[index] = Evaluate(rule, context, suppressions, settings.GetValueOrDefault(rule.Metadata.Id));
            if (progress is not null)
                progress.Report($"rule {rule.Metadata.Id} ({Interlocked.Increment(ref finished)}/{rules.Count})");
        });
        cancellationToken.ThrowIfCancellationRequested();

        var findings = new List<Finding>(outcomes.Sum(o => o.Findings.Count));
        var suppressed = new List<SuppressedFinding>();
        var used = new HashSet<Suppression>(ReferenceEqualityComparer.Instance);
        foreach (var outcome in outcomes)
        {
            findings.AddRange(outcome.Findings);
            if (outcome.Suppressed is { } accepted)
                suppressed.AddRange(accepted);
            if (outcome.Used is { } acceptances)
                used.UnionWith(acceptances);
        }

        findings.Sort(FindingOrder.Instance);
        suppressed.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));
        IReadOnlyList<UnusedAcceptance> unused = suppressions is null
            ? []
            : [.. suppressions.All.Where(a => !used.Contains(a.Suppression) && !TurnedOff(a.Suppression.RuleId)).Select(a => new UnusedAcceptance(a.Suppression, a.Owner))];
        // An acceptance of a rule the reviewer turned off covers nothing today, but is not stale: it is kept quiet.
        bool TurnedOff(string ruleId) => settings.TryGetValue(ruleId, out var setting) && !setting.Enabled;

        return new AnalysisResult(model, [.. rules.Select(r => r.Metadata)], findings, suppressed)
        {
            Thresholds = inForce,
            UnusedAcceptances = unused,
            RuleSettings = [.. settings.Values.OrderBy(s => s.RuleId, StringComparer.Ordinal)],
            ReviewerSource = settings.Count > 0 || options.ThresholdsFromReviewer ? options.ReviewerSource : null,
        };
    }

    /// <summary>The reviewer's settings that change something, for rules this analyzer has, by id (the last one of an id wins).</summary>
    private Dictionary<string, RuleSetting> RuleSettingsInForce(IReadOnlyList<RuleSetting> settings)
    {
        var inForce = new Dictionary<string, RuleSetting>(StringComparer.Ordinal);
        foreach (var setting in settings)
        {
            var rule = _rules.FirstOrDefault(r => string.Equals(r.Metadata.Id, setting.RuleId, StringComparison.OrdinalIgnoreCase));
            if (rule is not null && setting.ChangesAnything)
                inForce[rule.Metadata.Id] = setting with { RuleId = rule.Metadata.Id };
        }

        return inForce;
    }

    /// <summary>What one rule found: the findings that stand and those the design accepts, in the order the rule made them, and the acceptances used.</summary>
    private readonly record struct RuleOutcome(List<Finding> Findings, List<SuppressedFinding>? Suppressed, List<Suppression>? Used);

    private static RuleOutcome Evaluate(IPrivacyRule rule, AnalysisContext context, SuppressionIndex? suppressions, RuleSetting? setting)
    {
        var findings = new List<Finding>();
        List<SuppressedFinding>? suppressed = null;
        List<Suppression>? used = null;
        foreach (var found in rule.Evaluate(context))
        {
            var finding = found;
            if (setting is not null && setting.Apply(found.Severity) is var rerated && rerated != found.Severity)
                finding = found with { Severity = rerated };

            if (suppressions?.Find(finding) is { } suppression)
            {
                (suppressed ??= []).Add(new SuppressedFinding(finding, suppression.Justification, suppression.Span.ToString()));
                (used ??= []).Add(suppression);
            }
            else
            {
                findings.Add(finding);
            }
        }

        return new RuleOutcome(findings, suppressed, used);
    }
}

/// <summary>The stable order of findings: most severe first, then by rule, then by key.</summary>
public sealed class FindingOrder : IComparer<Finding>
{
    /// <summary>The one instance.</summary>
    public static FindingOrder Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(Finding? x, Finding? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var bySeverity = ((int)y.Severity).CompareTo((int)x.Severity); // Enum.CompareTo(object) would box both
        if (bySeverity != 0) return bySeverity;
        var byRule = string.CompareOrdinal(x.RuleId, y.RuleId);
        return byRule != 0 ? byRule : string.CompareOrdinal(x.Key, y.Key);
    }
}
