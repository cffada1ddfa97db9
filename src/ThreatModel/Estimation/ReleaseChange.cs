namespace ThreatModel.Estimation;

/// <summary>One step of a change: generalise an attribute to a coarser form, or suppress it.</summary>
/// <param name="AttributeId">The item changed.</param>
/// <param name="To">The coarser form, or null to suppress the item.</param>
internal sealed record ReleaseStep(string AttributeId, Coarsening? To);

/// <summary>A change to a release and the estimate it leads to.</summary>
/// <param name="Steps">What to change; empty for releasing aggregates only.</param>
/// <param name="AggregationThreshold">For aggregate-only changes: the threshold k to release at.</param>
/// <param name="Estimate">The estimate after the change.</param>
internal sealed record ReleaseChange(IReadOnlyList<ReleaseStep> Steps, int? AggregationThreshold, ReleaseEstimate Estimate);
