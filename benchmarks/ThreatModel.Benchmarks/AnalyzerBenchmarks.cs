using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Model;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Everything after reading: graph, facts and every built-in rule through the <see cref="Analyzer"/>, findings sorted.
/// 100,000 elements are measured with the <c>stages</c> command: several rules take minutes there (benchmarks/README.md).
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks
{
    private SystemModel _model = null!;
    private Analyzer _analyzer = null!;

    /// <summary>The number of elements; flows are about three times as many.</summary>
    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = DesignGenerator.Generate(N);
        _analyzer = Analyzer.CreateDefault();
    }

    /// <summary>Graph, facts and all rules.</summary>
    [Benchmark]
    public int AllRules() => _analyzer.Analyze(_model).Findings.Count;
}
