using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

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

    /// <summary>Analyses a model.</summary>
    public AnalysisResult Analyze(SystemModel model, CancellationToken cancellationToken = default) =>
        Analyze(DataFlowGraph.Build(model, cancellationToken), cancellationToken);

    /// <summary>Analyses a graph already built.</summary>
    /// <remarks>
    /// Rules run side by side, one rule per processor at a time, taken in id order as threads come free
    /// (<see cref="WorkSharing"/>; the first failure in rule order is rethrown as thrown), over the one graph: its facts
    /// are computed once, whichever rule asks first, and are safe to read from several threads. A rule's <see cref="IPrivacyRule.Evaluate"/>
    /// must therefore not share mutable state with other rules (the built-in ones keep all their state in locals).
    /// Findings are gathered rule by rule in id order and then sorted, so the result does not depend on which rule
    /// finished first.
    /// </remarks>
    public AnalysisResult Analyze(DataFlowGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        cancellationToken.ThrowIfCancellationRequested();
        var context = new AnalysisContext(graph, cancellationToken);
        var suppressions = SuppressionIndex.Of(graph.Model);
        var outcomes = new RuleOutcome[_rules.Count];
        WorkSharing.Run(_rules.Count, Environment.ProcessorCount, (_, index) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            outcomes[index] = Evaluate(_rules[index], context, suppressions);
        });
        cancellationToken.ThrowIfCancellationRequested();

        var findings = new List<Finding>(outcomes.Sum(o => o.Findings.Count));
        var suppressed = new List<SuppressedFinding>();
        foreach (var outcome in outcomes)
        {
            findings.AddRange(outcome.Findings);
            if (outcome.Suppressed is { } accepted)
                suppressed.AddRange(accepted);
        }

        findings.Sort(FindingOrder.Instance);
        suppressed.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));
        return new AnalysisResult(graph.Model, [.. _rules.Select(r => r.Metadata)], findings, suppressed);
    }

    /// <summary>What one rule found: the findings that stand and those the design accepts, in the order the rule made them.</summary>
    private readonly record struct RuleOutcome(List<Finding> Findings, List<SuppressedFinding>? Suppressed);

    private static RuleOutcome Evaluate(IPrivacyRule rule, AnalysisContext context, SuppressionIndex? suppressions)
    {
        var findings = new List<Finding>();
        List<SuppressedFinding>? suppressed = null;
        foreach (var finding in rule.Evaluate(context))
        {
            if (suppressions?.Find(finding) is { } suppression)
                (suppressed ??= []).Add(new SuppressedFinding(finding, suppression.Justification, suppression.Span.ToString()));
            else
                findings.Add(finding);
        }

        return new RuleOutcome(findings, suppressed);
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
        var bySeverity = y.Severity.CompareTo(x.Severity);
        if (bySeverity != 0) return bySeverity;
        var byRule = string.CompareOrdinal(x.RuleId, y.RuleId);
        return byRule != 0 ? byRule : string.CompareOrdinal(x.Key, y.Key);
    }
}
