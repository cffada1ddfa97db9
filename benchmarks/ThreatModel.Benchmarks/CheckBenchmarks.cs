using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Reporting;

namespace ThreatModel.Benchmarks;

/// <summary>
/// The whole <c>check</c> in process, from the design file on disk to the text report: read, validate, build the
/// graph, run every rule, write the report.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private string _yamlPath = string.Empty;
    private string _jsonPath = string.Empty;
    private Analyzer _analyzer = null!;

    /// <summary>The number of elements in the design.</summary>
    [Params(100, 1_000, 10_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yamlPath = DesignFiles.PathFor(N, DesignFormat.Yaml);
        _jsonPath = DesignFiles.PathFor(N, DesignFormat.Json);
        _analyzer = Analyzer.CreateDefault();
    }

    /// <summary>check design.yaml --format text.</summary>
    [Benchmark]
    public long CheckYaml() => Check(_yamlPath);

    /// <summary>check design.json --format text.</summary>
    [Benchmark]
    public long CheckJson() => Check(_jsonPath);

    private long Check(string path)
    {
        var model = DesignReader.ReadFile(path, ReadBenchmarks.Limits).GetModelOrThrow();
        var result = _analyzer.Analyze(model);
        using var output = new StringWriter();
        ReportWriters.ForFormat("text")!.Write(result, output, ReportOptions.Default);
        return output.GetStringBuilder().Length;
    }
}
