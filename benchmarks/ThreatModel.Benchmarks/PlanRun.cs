using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Planning;

namespace ThreatModel.Benchmarks;

/// <summary>
/// <c>plan N [seed] [incremental|whole|both]</c>: times <see cref="Planner.Plan"/> once on a generated design of N
/// elements (fail on high, budget <c>PLAN_BUDGET</c>, 100 by default) and prints what benchmarks/README.md tabulates:
/// elements, failing before, method, analyses (and how many on a slice), edits, failing findings removed, failing after,
/// wall and process CPU time, and the peak working set. With <c>both</c> (the default) the incremental plan runs first,
/// then the whole one, and the two plans are compared edit by edit.
/// </summary>
internal static class PlanRun
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var nodes))
        {
            Console.Error.WriteLine("usage: plan N [seed] [incremental|whole|both]");
            return 2;
        }

        var seed = args.Count > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var mode = args.Count > 2 ? args[2] : "both";
        var budget = int.TryParse(Environment.GetEnvironmentVariable("PLAN_BUDGET"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : 100;
        var model = DesignGenerator.Generate(nodes, seed);
        var options = new PlanOptions { Threshold = Severity.High, Budget = budget };
        Console.WriteLine($"plan: {nodes:N0} elements, {model.Flows.Count:N0} flows, {model.Items.Count:N0} items, seed {seed}, fail on high, budget {budget}");

        Plan? first = null;
        foreach (var incremental in mode switch { "incremental" => [true], "whole" => [false], _ => new[] { true, false } })
        {
            GC.Collect();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var planner = new Planner(Analyzer.CreateDefault()) { Incremental = incremental };
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

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
