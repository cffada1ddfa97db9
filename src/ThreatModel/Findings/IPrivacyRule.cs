namespace ThreatModel.Findings;

/// <summary>
/// A privacy-harm rule: reads the facts of a <see cref="Graph.DataFlowGraph"/> and reports findings.
/// Rules never parse files and never walk the graph themselves; register them with
/// <c>services.AddThreatModeling()</c> and <c>AddRule&lt;T&gt;()</c>.
/// The analyzer evaluates rules side by side on several threads over one shared graph: a rule must keep its working
/// state inside <see cref="Evaluate"/> (no mutable fields shared between calls) and only read the context.
/// </summary>
public interface IPrivacyRule
{
    /// <summary>Stable metadata: id, name, taxonomy, sources, mitigations.</summary>
    RuleMetadata Metadata { get; }

    /// <summary>The findings this rule makes on one design.</summary>
    IEnumerable<Finding> Evaluate(AnalysisContext context);
}
