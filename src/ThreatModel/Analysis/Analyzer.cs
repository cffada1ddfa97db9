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
    public AnalysisResult Analyze(DataFlowGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var context = new AnalysisContext(graph, cancellationToken);
        var findings = new List<Finding>();
        var suppressed = new List<SuppressedFinding>();
        foreach (var rule in _rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var finding in rule.Evaluate(context))
            {
                if (FindSuppression(graph.Model, finding) is { } suppression)
                    suppressed.Add(new SuppressedFinding(finding, suppression.Justification, suppression.Span.ToString()));
                else
                    findings.Add(finding);
            }
        }

        findings.Sort(FindingOrder.Instance);
        suppressed.Sort((a, b) => FindingOrder.Instance.Compare(a.Finding, b.Finding));
        return new AnalysisResult(graph.Model, [.. _rules.Select(r => r.Metadata)], findings, suppressed);
    }

    /// <summary>A suppression on any element or flow the finding involves that accepts its rule.</summary>
    private static Suppression? FindSuppression(SystemModel model, Finding finding)
    {
        foreach (var id in finding.Elements)
        {
            if (model.TryGetElement(id, out var element) && Match(element.Suppressions) is { } s)
                return s;
        }

        foreach (var id in finding.EvidencePath)
        {
            if (model.TryGetFlow(id, out var flow) && Match(flow.Suppressions) is { } s)
                return s;
        }

        return null;

        Suppression? Match(IReadOnlyList<Suppression> suppressions) =>
            suppressions.FirstOrDefault(s => string.Equals(s.RuleId, finding.RuleId, StringComparison.OrdinalIgnoreCase));
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
