using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Generator;
using ThreatModel.Reporting;

namespace ThreatModel.Benchmarks;

/// <summary>Each report writer over the findings of a generated design.</summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private AnalysisResult _result = null!;
    private IReportWriter _writer = null!;

    /// <summary>The number of elements in the design.</summary>
    [Params(1_000, 10_000)]
    public int N { get; set; }

    /// <summary>The report format.</summary>
    [ParamsSource(nameof(Formats))]
    public string Format { get; set; } = "text";

    /// <summary>Every registered format.</summary>
    public static IEnumerable<string> Formats => ReportWriters.Formats;

    [GlobalSetup]
    public void Setup()
    {
        _result = Analyzer.CreateDefault().Analyze(DesignGenerator.Generate(N));
        _writer = ReportWriters.ForFormat(Format)!;
    }

    /// <summary>Writes the report to memory.</summary>
    [Benchmark]
    public int Write()
    {
        using var output = new StringWriter();
        _writer.Write(_result, output, ReportOptions.Default);
        return output.GetStringBuilder().Length;
    }
}
