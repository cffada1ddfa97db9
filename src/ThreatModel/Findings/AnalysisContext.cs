using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Findings;

/// <summary>What a rule reads: the model, the graph facts, and cancellation.</summary>
/// <param name="Graph">The data-flow graph and its computed facts.</param>
/// <param name="CancellationToken">Stops long analyses.</param>
public sealed record AnalysisContext(DataFlowGraph Graph, CancellationToken CancellationToken = default)
{
    /// <summary>The design.</summary>
    public SystemModel Model => Graph.Model;

    /// <summary>The design's review thresholds.</summary>
    public AnalysisSettings Settings => Graph.Model.Settings;
}
