using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Rules;

namespace ThreatModel.Benchmarks;

/// <summary>
/// A quick Stopwatch run of every stage for some sizes, for profiling between BenchmarkDotNet runs:
/// <c>dotnet run -c Release --project benchmarks/ThreatModel.Benchmarks -- stages 1000 10000</c>.
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
            var generate = sw.Elapsed;
            Console.WriteLine($"N={n}: {model.Elements.Count} elements, {model.Flows.Count} flows, {model.Items.Count} items, {model.Organizations.Count} organizations; generated in {generate.TotalMilliseconds:F0} ms");

            for (var round = 0; round < Rounds; round++)
            {
                var graph = default(DataFlowGraph)!;
                var build = Measure(() => graph = DataFlowGraph.Build(model));
                var joins = Measure(() => _ = graph.Joins);
                var result = default(AnalysisResult)!;
                var rules = Measure(() => result = analyzer.Analyze(graph));
                Console.WriteLine(
                    $"  round {round}: build {build} ({graph.HoldingCount} holdings), joins {joins} ({graph.Joins.Count}), rules {rules} ({result.Findings.Count} findings, {result.Suppressed.Count} suppressed), "
                    + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
            }
        }

        return 0;
    }

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
        return FormattableString.Invariant($"{sw.Elapsed.TotalMilliseconds:F1} ms (cpu {cpu.TotalMilliseconds:F0})/{(GC.GetAllocatedBytesForCurrentThread() - allocated) / 1048576.0:F1} MB/{GC.CollectionCount(0) - collections} gc0");
    }
}
