using BenchmarkDotNet.Attributes;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Benchmarks;

/// <summary>
/// The fact queries rules make over a graph already built, each over the whole design: what every organization can
/// read, who reads every item, what every flow delivers. A rule that asks them all must stay near-linear.
/// </summary>
[MemoryDiagnoser]
public class FactQueryBenchmarks
{
    private SystemModel _model = null!;
    private DataFlowGraph _graph = null!;

    /// <summary>The number of elements.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DesignGenerator.Generate(N);
        _graph = DataFlowGraph.Build(_model);
    }

    /// <summary><see cref="DataFlowGraph.ReadableByOrganization"/> for every organization.</summary>
    [Benchmark]
    public int ReadableByEveryOrganization()
    {
        var count = 0;
        foreach (var organization in _model.Organizations)
            count += _graph.ReadableByOrganization(organization.Id).Count;
        return count;
    }

    /// <summary><see cref="DataFlowGraph.ReadersOf"/> for every item.</summary>
    [Benchmark]
    public int ReadersOfEveryItem()
    {
        var count = 0;
        foreach (var item in _model.Items)
            count += _graph.ReadersOf(item.Id).Count();
        return count;
    }

    /// <summary><see cref="DataFlowGraph.FormsDeliveredBy"/> for every flow.</summary>
    [Benchmark]
    public int FormsDeliveredByEveryFlow()
    {
        var count = 0;
        foreach (var flow in _model.Flows)
            count += _graph.FormsDeliveredBy(flow).Count();
        return count;
    }
}
