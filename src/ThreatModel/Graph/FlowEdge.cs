using QuikGraph;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>A flow as an edge of the QuikGraph graph.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Source">The sending element.</param>
/// <param name="Target">The receiving element.</param>
public sealed record FlowEdge(Flow Flow, Element Source, Element Target) : IEdge<Element>;
