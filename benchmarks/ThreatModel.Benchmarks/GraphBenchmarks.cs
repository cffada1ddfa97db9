using BenchmarkDotNet.Attributes;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Benchmarks;

/// <summary>
/// The graph layer on generated designs of growing size: the graph with its holding facts, then the joins.
/// </summary>
[MemoryDiagnoser]
public class GraphBenchmarks
{
    private SystemModel _model = null!;

    /// <summary>The number of elements; flows are about three times as many.</summary>
    [Params(100, 1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DesignGenerator.Generate(N);
    }

    /// <summary>The graph and its holdings: who holds which item in which form, by which shortest path.</summary>
    [Benchmark]
    public int GraphBuild() => DataFlowGraph.Build(_model).HoldingCount;

    /// <summary>The graph facts rules read: holdings, then every join of records from different contexts.</summary>
    [Benchmark]
    public int GraphFacts() => DataFlowGraph.Build(_model).Joins.Count;
}
