using BenchmarkDotNet.Attributes;
using ThreatModel.Formats;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Reading and validating generated design files of growing size, against the floor of a bare YamlDotNet parse
/// (the parser's event loop over the same text, building nothing): from text in memory, and from the file as the
/// command line reads it (streamed, never held whole).
/// </summary>
[MemoryDiagnoser]
public class ReadBenchmarks
{
    private string _yaml = string.Empty;
    private string _json = string.Empty;
    private string _yamlPath = string.Empty;
    private string _jsonPath = string.Empty;

    /// <summary>The number of elements in the design.</summary>
    [Params(100, 1_000, 10_000, 100_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _yamlPath = DesignFiles.PathFor(N, DesignFormat.Yaml);
        _jsonPath = DesignFiles.PathFor(N, DesignFormat.Json);
        _yaml = File.ReadAllText(_yamlPath);
        _json = File.ReadAllText(_jsonPath);
    }

    /// <summary>The floor: YamlDotNet's parser pulling every event of the YAML text.</summary>
    [Benchmark(Baseline = true)]
    public int BareYamlParse() => CountEvents(new StringReader(_yaml));

    /// <summary>The floor for a file: the same parser over the file decoded as it is read.</summary>
    [Benchmark]
    public int BareYamlParseFile()
    {
        using var reader = new StreamReader(_yamlPath);
        return CountEvents(reader);
    }

    /// <summary>YAML text to a validated model, with positions.</summary>
    [Benchmark]
    public int ReadYaml() => DesignReader.Parse(_yaml, "design.yaml", DesignFormat.Yaml, Limits).GetModelOrThrow().Flows.Count;

    /// <summary>A YAML file to a validated model, as <c>check</c> reads it.</summary>
    [Benchmark]
    public int ReadYamlFile() => DesignReader.ReadFile(_yamlPath, Limits).GetModelOrThrow().Flows.Count;

    /// <summary>JSON text to a validated model, with positions.</summary>
    [Benchmark]
    public int ReadJson() => DesignReader.Parse(_json, "design.json", DesignFormat.Json, Limits).GetModelOrThrow().Flows.Count;

    /// <summary>A JSON file to a validated model, as <c>check</c> reads it.</summary>
    [Benchmark]
    public int ReadJsonFile() => DesignReader.ReadFile(_jsonPath, Limits).GetModelOrThrow().Flows.Count;

    /// <summary>Big designs pass the default 64 MiB file limit; the benchmark reads them all the same.</summary>
    internal static ReaderLimits Limits { get; } = ReaderLimits.Default with { MaxFileSize = 1L << 30, MaxNodes = 100_000_000 };

    private static int CountEvents(TextReader text)
    {
        var parser = new Parser(text);
        var events = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is Scalar)
                events++;
        }

        return events;
    }
}
