using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Everything after reading, on generated designs of growing size: the graph with its holding facts, the joins,
/// and every built-in rule through the <see cref="Analyzer"/>.
/// </summary>
[MemoryDiagnoser]
public class AnalysisBenchmarks
{
    private SystemModel _model = null!;
    private Analyzer _analyzer = null!;

    /// <summary>The number of elements; flows are about three times as many.</summary>
    [Params(100, 1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DesignGenerator.Generate(N);
        _analyzer = new Analyzer(BuiltInRules.Create());
    }

    /// <summary>The graph and its holdings: who holds which item in which form, by which shortest path.</summary>
    [Benchmark]
    public int GraphBuild() => DataFlowGraph.Build(_model).HoldingCount;

    /// <summary>The graph facts rules read: holdings, then every join of records from different contexts.</summary>
    [Benchmark]
    public int GraphFacts() => DataFlowGraph.Build(_model).Joins.Count;

    /// <summary>Everything after reading: graph, facts and all built-in rules, findings sorted.</summary>
    [Benchmark]
    public int AllRules() => _analyzer.Analyze(_model).Findings.Count;
}
