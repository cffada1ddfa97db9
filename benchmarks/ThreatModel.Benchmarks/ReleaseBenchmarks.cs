using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Benchmarks;

/// <summary>
/// TM002 on designs that release thousands of quasi-identifiers (<see cref="ReleaseDesignGenerator"/>, 41 flows, 4 subject
/// groups): the rule alone on a warm graph, and the whole analysis. 4,000 quasi-identifiers is the 306 KB design of issue 9.
/// </summary>
[MemoryDiagnoser]
public class ReleaseBenchmarks
{
    private SystemModel _model = null!;
    private AnalysisContext _context = null!;
    private Analyzer _analyzer = null!;
    private readonly ReidentificationRule _rule = new();

    /// <summary>Quasi-identifiers in the design.</summary>
    [Params(1_000, 4_000)]
    public int QuasiIdentifiers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = ReleaseDesignGenerator.Generate(new ReleaseDesignOptions(QuasiIdentifiers));
        _context = new AnalysisContext(DataFlowGraph.Build(_model));
        _ = _rule.Evaluate(_context).Count(); // the graph facts TM002 reads, computed once
        _analyzer = Analyzer.CreateDefault();
    }

    /// <summary>TM002 alone on a graph whose facts are computed: reading the releases, rating them, writing the findings.</summary>
    [Benchmark]
    public int Reidentification() => _rule.Evaluate(_context).Count();

    /// <summary>Graph, facts and every rule.</summary>
    [Benchmark]
    public int AllRules() => _analyzer.Analyze(_model).Findings.Count;
}
