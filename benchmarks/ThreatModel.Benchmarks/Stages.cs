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

            for (var round = 0; round < 3; round++)
            {
                var before = GC.GetTotalAllocatedBytes(precise: true);
                sw.Restart();
                var graph = DataFlowGraph.Build(model);
                var build = sw.Elapsed;
                sw.Restart();
                var joins = graph.Joins;
                var joinTime = sw.Elapsed;
                sw.Restart();
                var result = analyzer.Analyze(graph);
                var rules = sw.Elapsed;
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                Console.WriteLine(
                    $"  round {round}: build {build.TotalMilliseconds:F1} ms ({graph.HoldingCount} holdings), joins {joinTime.TotalMilliseconds:F1} ms ({joins.Count}), "
                    + $"rules {rules.TotalMilliseconds:F1} ms ({result.Findings.Count} findings, {result.Suppressed.Count} suppressed), "
                    + $"total {(build + joinTime + rules).TotalMilliseconds:F1} ms, allocated {allocated / 1048576.0:F1} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
            }
        }

        return 0;
    }
}
