using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Reporting;
using ThreatModel.Rules;
using YamlDotNet.Core;

namespace ThreatModel.Benchmarks;

/// <summary>
/// A quick Stopwatch run of every stage for some sizes, for profiling between BenchmarkDotNet runs and for sizes
/// where a full BenchmarkDotNet run takes too long:
/// <c>dotnet run -c Release --project benchmarks/ThreatModel.Benchmarks -- stages 1000 10000</c>.
/// Prints wall time, process CPU time, bytes allocated and gen-0 collections per stage, per rule, and the peak working set.
/// Set STAGES_ROUNDS to repeat (default 3; the first round includes JIT compilation).
/// </summary>
internal static class Stages
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("STAGES_ROUNDS"), out var r) ? r : 3;

    public static int Run(IReadOnlyList<string> args)
    {
        var sizes = args.Count > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [100, 1_000, 10_000];
        var analyzer = new Analyzer(BuiltInRules.Create());
        foreach (var n in sizes)
        {
            var sw = Stopwatch.StartNew();
            var model = DesignGenerator.Generate(n);
            var yamlPath = DesignFiles.PathFor(n, DesignFormat.Yaml);
            var jsonPath = DesignFiles.PathFor(n, DesignFormat.Json);
            Console.WriteLine($"N={n}: {model.Elements.Count} elements, {model.Flows.Count} flows, {model.Items.Count} items, {model.Organizations.Count} organizations; "
                + $"generated and written in {sw.Elapsed.TotalMilliseconds:F0} ms; YAML {new FileInfo(yamlPath).Length / 1048576.0:F1} MB, JSON {new FileInfo(jsonPath).Length / 1048576.0:F1} MB");

            for (var round = 0; round < Rounds; round++)
            {
                Console.WriteLine($"  round {round}");
                var yaml = File.ReadAllText(yamlPath);
                var json = File.ReadAllText(jsonPath);
                Line("bare YamlDotNet parse", Measure(() => BareParse(yaml)));
                var read = default(SystemModel)!;
                Line("read YAML (text to model)", Measure(() => read = DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml, ReadBenchmarks.Limits).GetModelOrThrow()));
                Line("read JSON (text to model)", Measure(() => _ = DesignReader.Parse(json, "design.json", DesignFormat.Json, ReadBenchmarks.Limits).GetModelOrThrow()));
                var graph = default(DataFlowGraph)!;
                Line("graph build (holdings)", Measure(() => graph = DataFlowGraph.Build(read)), $"{graph.HoldingCount} holdings");
                Line("graph joins", Measure(() => _ = graph.Joins), $"{graph.Joins.Count} joins");
                var context = new AnalysisContext(graph);
                var total = 0;
                foreach (var rule in analyzer.Rules)
                {
                    var count = 0;
                    Line($"  rule {rule.Metadata.Id} {rule.Metadata.Name}", Measure(() => count = rule.Evaluate(context).Count()), $"{count} findings");
                    total += count;
                }

                var result = default(AnalysisResult)!;
                Line("analyzer (graph + facts + all rules)", Measure(() => result = analyzer.Analyze(read)), $"{result.Findings.Count} findings, {result.Suppressed.Count} suppressed");
                foreach (var writer in ReportWriters.All)
                    Line($"  report {writer.Format}", Measure(() => { using var output = new StringWriter(); writer.Write(result, output, ReportOptions.Default); }));
                foreach (var writer in ReportWriters.All) // as the CLI writes a file: UTF-8 streamed, no string builder holding the report
                    Line($"  report {writer.Format} streamed", Measure(() => writer.Write(result, Stream.Null, ReportOptions.Default)));
                Line("whole check of the YAML file (read, analyze, text report)", Measure(() =>
                {
                    var checkedModel = DesignReader.ReadFile(yamlPath, ReadBenchmarks.Limits).GetModelOrThrow();
                    using var output = new StringWriter();
                    ReportWriters.ForFormat("text")!.Write(analyzer.Analyze(checkedModel), output, ReportOptions.Default);
                }));
            }

            Console.WriteLine($"  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
        }

        return 0;
    }

    private static int BareParse(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var events = 0;
        while (parser.MoveNext())
            events++;
        return events;
    }

    private static void Line(string stage, string measured, string? note = null) =>
        Console.WriteLine($"    {stage,-58} {measured}{(note is null ? string.Empty : "  " + note)}");

    private static string Measure(Action action)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var collections = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return FormattableString.Invariant($"{sw.Elapsed.TotalMilliseconds,9:F1} ms (cpu {cpu.TotalMilliseconds,7:F0}) {(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0,8:F1} MB {GC.CollectionCount(0) - collections,3} gc0");
    }
}
