using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Benchmarks;

/// <summary>
/// <c>plan N [seed] [incremental|whole|both|edit]</c>: times <see cref="Planner.Plan"/> once on a generated design of N
/// elements (fail on high, budget <c>PLAN_BUDGET</c>, 100 by default; batched above <c>PLAN_BATCH_ABOVE</c> failing
/// findings, 200 by default, as <see cref="Planner.BatchAbove"/>) and prints what benchmarks/README.md tabulates:
/// elements, failing before, method, analyses (and how many on a slice), edits, failing findings removed, failing after,
/// wall and process CPU time, and the peak working set. With <c>both</c> (the default) the incremental plan runs first,
/// then the whole one, and the two plans are compared edit by edit. <c>edit</c> times one re-analysis instead: the
/// design after the first remedy of its first failing finding, analysed whole and incrementally (from the analysis of
/// the design), each <c>PLAN_ROUNDS</c> times (3 by default), and checks that the two give the same findings.
/// </summary>
internal static class PlanRun
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var nodes))
        {
            Console.Error.WriteLine("usage: plan N [seed] [incremental|whole|both|edit]");
            return 2;
        }

        var seed = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var mode = args.Count > 2 ? args[2] : "both";
        var budget = int.TryParse(Environment.GetEnvironmentVariable("PLAN_BUDGET"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 100;
        var batchAbove = int.TryParse(Environment.GetEnvironmentVariable("PLAN_BATCH_ABOVE"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var a) ? a : 200;
        var model = DesignGenerator.Generate(nodes, seed);
        var options = new PlanOptions { Threshold = Severity.High, Budget = budget };
        if (mode == "edit")
            return OneEdit(model, nodes);
        Console.WriteLine($"plan: {nodes:N0} elements, {model.Flows.Count:N0} flows, {model.Items.Count:N0} items, seed {seed}, fail on high, budget {budget}");

        Plan? first = null;
        foreach (var incremental in mode switch { "incremental" => [true], "whole" => [false], _ => new[] { true, false } })
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var planner = new Planner(Analyzer.CreateDefault()) { Incremental = incremental, BatchAbove = batchAbove };
            var plan = planner.Plan(model, options);
            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var removed = plan.Steps.Sum(s => s.Removed.Count);
            Console.WriteLine($"  {(incremental ? "incremental" : "whole"),-11}  failing before {plan.FailingBefore:N0}  method {plan.Method}  analyses {plan.Analyses}"
                + $"  edits {plan.Steps.Count}  failing removed {removed:N0}  failing after {plan.FailingAfter:N0}"
                + $"  wall {watch.Elapsed.TotalSeconds:F2} s  CPU {cpu.TotalSeconds:F2} s  peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MB");
            if (first is null)
            {
                first = plan;
            }
            else
            {
                var same = first.Steps.Select(s => s.Edit.Key).SequenceEqual(plan.Steps.Select(s => s.Edit.Key), StringComparer.Ordinal)
                    && first.After.Findings.Select(f => f.Fingerprint + f.Severity).SequenceEqual(plan.After.Findings.Select(f => f.Fingerprint + f.Severity), StringComparer.Ordinal);
                Console.WriteLine($"  the two plans are {(same ? "the same (edits in order, findings after)" : "DIFFERENT")}");
                if (!same)
                    return 1;
            }
        }

        Console.WriteLine($"  load average {LoadAverage()}");
        return 0;
    }

    /// <summary>One edit re-analysed, whole and incrementally, a few rounds each (the first is cold).</summary>
    private static int OneEdit(SystemModel model, int nodes)
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("PLAN_ROUNDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 3;
        var analyzer = Analyzer.CreateDefault();
        var before = analyzer.Analyze(model);
        var edit = before.AtOrAbove(Severity.High).First(f => f.Remedies.Count > 0).Remedies[0];
        var edited = DesignEdits.Apply(model, edit);
        Console.WriteLine($"edit: {nodes:N0} elements, {model.Flows.Count:N0} flows, {before.Findings.Count:N0} findings; one edit: {edit.Key}");
        AnalysisResult? whole = null;
        AnalysisResult? incremental = null;
        for (var round = 0; round < rounds; round++)
        {
            var (wholeWall, wholeCpu) = Timed(() => whole = analyzer.Analyze(edited));
            var analysis = new IncrementalAnalysis(analyzer, AnalyzerOptions.Default);
            analysis.Analyze(model, default); // the starting point (a whole analysis, not timed)
            var (incrementalWall, incrementalCpu) = Timed(() => incremental = analysis.Analyze(edited, default));
            Console.WriteLine($"  round {round + 1}: whole {wholeWall:F0} ms ({wholeCpu:F0} ms CPU), incremental {incrementalWall:F0} ms ({incrementalCpu:F0} ms CPU, on a slice: {analysis.Sliced == 1})");
        }

        var same = whole!.Findings.Select(f => f.Fingerprint + f.Severity + f.Message).SequenceEqual(incremental!.Findings.Select(f => f.Fingerprint + f.Severity + f.Message), StringComparer.Ordinal);
        Console.WriteLine($"  {whole.Findings.Count:N0} findings after; the two analyses are {(same ? "the same" : "DIFFERENT")}; load average {LoadAverage()}");
        return same ? 0 : 1;
    }

    private static (double WallMs, double CpuMs) Timed(Action action)
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        return (watch.Elapsed.TotalMilliseconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
