using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Benchmarks;

/// <summary>
/// <c>threatmodel plan</c> without reading or writing: the search with its re-analyses, on generated designs of 1,000
/// and 10,000 elements, fail on high, budget 100, with incremental and with whole re-analysis. Returns the plan size; benchmarks/README.md records size, findings
/// removed and time (and 100,000 elements with the CLI).
/// </summary>
[MemoryDiagnoser]
public class PlanBenchmarks
{
    private SystemModel _model = null!;
    private Planner _planner = null!;

    /// <summary>The number of elements; flows are about three times as many.</summary>
    [Params(1_000, 10_000)]
    public int N { get; set; }

    /// <summary>Incremental re-analysis (the default) or a whole analysis of every edited design.</summary>
    [Params(true, false)]
    public bool Incremental { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DesignGenerator.Generate(N);
        _planner = new Planner(Analyzer.CreateDefault()) { Incremental = Incremental };
    }

    /// <summary>The plan for the design: greedy below 200 failing findings, batched above.</summary>
    [Benchmark]
    public int Plan() => _planner.Plan(_model, new PlanOptions { Threshold = Severity.High, Budget = 100 }).Steps.Count;
}
