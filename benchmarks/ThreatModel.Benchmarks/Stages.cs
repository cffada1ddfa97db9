using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;
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
/// Prints wall time, process CPU time, bytes allocated (all threads), collections, GC pause and the memory a stage leaves reachable, per rule, and the peak working set.
/// Set STAGES_ROUNDS to repeat (default 3; the first round includes JIT compilation). Set STAGES_ONLY=analysis to time
/// only the graph, the rules and the analyzer (the design is then read once, untimed, before the rounds), or
/// STAGES_ONLY=analyzer to time only the analyzer, or STAGES_ONLY=graph for the graph build and joins (for a profiler).
/// </summary>
/// <remarks>
/// The rules are timed twice: on a fresh graph, in the analyzer's order, so each lazy graph fact (holders, readers,
/// forms delivered, joins...) is paid by the first rule that asks for it, as inside <see cref="Analyzer.Analyze(SystemModel, CancellationToken)"/>;
/// then again on the now warm graph, which is each rule body alone. The analyzer line minus the graph build and the
/// fresh-graph rules is what the analyzer costs outside the rules (suppressions, ordering).
/// </remarks>
internal static class Stages
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("STAGES_ROUNDS"), out var r) ? r : 3;
    private static readonly string? Only = Environment.GetEnvironmentVariable("STAGES_ONLY");

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

            var preRead = Only is "analysis" or "analyzer" or "graph" ? DesignReader.ReadFile(yamlPath, ReadBenchmarks.Limits).GetModelOrThrow() : null;
            for (var round = 0; round < Rounds; round++)
            {
                Console.WriteLine($"  round {round}");
                var read = preRead!;
                if (preRead is null)
                {
                    var yaml = File.ReadAllText(yamlPath);
                    var json = File.ReadAllText(jsonPath);
                    Line("bare YamlDotNet parse", Measure(() => BareParse(yaml)));
                    Line("read YAML (text to model)", Measure(() => read = DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml, ReadBenchmarks.Limits).GetModelOrThrow()));
                    Line("read JSON (text to model)", Measure(() => _ = DesignReader.Parse(json, "design.json", DesignFormat.Json, ReadBenchmarks.Limits).GetModelOrThrow()));
                }

                var result = default(AnalysisResult)!;
                if (Only == "analyzer")
                {
                    Line("analyzer (graph + facts + all rules)", Measure(() => result = analyzer.Analyze(read)), $"{result.Findings.Count} findings, {result.Suppressed.Count} suppressed");
                    continue;
                }

                var graph = default(DataFlowGraph)!;
                if (Only == "graph")
                {
                    Line("graph build (holdings)", Measure(() => graph = DataFlowGraph.Build(read)), $"{graph.HoldingCount} holdings");
                    Line("graph joins", Measure(() => _ = graph.Joins), $"{graph.Joins.Count} joins");
                    continue;
                }

                Line("graph build (holdings)", Measure(() => graph = DataFlowGraph.Build(read)), $"{graph.HoldingCount} holdings");
                var freshContext = new AnalysisContext(graph);
                Console.WriteLine("    rules on the fresh graph, in analyzer order (each pays the lazy facts it asks for first):");
                foreach (var rule in analyzer.Rules)
                {
                    var count = 0;
                    Line($"  fresh {rule.Metadata.Id} {rule.Metadata.Name}", Measure(() => count = rule.Evaluate(freshContext).Count()), $"{count} findings");
                }

                graph = DataFlowGraph.Build(read);
                Line("graph joins (on another fresh graph)", Measure(() => _ = graph.Joins), $"{graph.Joins.Count} joins");
                var context = new AnalysisContext(graph);
                foreach (var rule in analyzer.Rules)
                    _ = rule.Evaluate(context).Count();
                Console.WriteLine("    rules on the warm graph (rule bodies alone):");
                foreach (var rule in analyzer.Rules)
                {
                    var count = 0;
                    Line($"  rule {rule.Metadata.Id} {rule.Metadata.Name}", Measure(() => count = rule.Evaluate(context).Count()), $"{count} findings");
                }

                Line("analyzer on the warm graph (rules side by side, ordering)", Measure(() => result = analyzer.Analyze(graph)), $"{result.Findings.Count} findings");
                Line("analyzer (graph + facts + all rules)", Measure(() => result = analyzer.Analyze(read)), $"{result.Findings.Count} findings, {result.Suppressed.Count} suppressed");
                if (preRead is not null)
                    continue;
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
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var fullCollections = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        action();
        sw.Stop();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        collections = GC.CollectionCount(0) - collections;
        fullCollections = GC.CollectionCount(2) - fullCollections;
        paused = GC.GetTotalPauseDuration() - paused;
        // What the stage leaves reachable (graph caches, findings): survivors every collection must mark and copy.
        var kept = GC.GetTotalMemory(forceFullCollection: true) - heap;
        return FormattableString.Invariant(
            $"{sw.Elapsed.TotalMilliseconds,9:F1} ms (cpu {cpu.TotalMilliseconds,6:F0}, gc paused {paused.TotalMilliseconds,5:F0}) {allocated / 1048576.0,7:F1} MB, kept {kept / 1048576.0,6:F1} MB, gc {collections,2}/{fullCollections} full");
    }
}
