using System.Diagnostics;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Generator;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Writes a release design (<see cref="ReleaseDesignGenerator"/>) and times its analysis with a Stopwatch:
/// <c>dotnet run -c Release --project benchmarks/ThreatModel.Benchmarks -- releases 4000 releases.yaml [flows] [seed]</c>.
/// The file can then be checked with the CLI; STAGES_ROUNDS sets how many analyses are timed (default 3).
/// </summary>
internal static class Releases
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var quasi) || quasi < 4)
        {
            Console.Error.WriteLine("usage: releases <quasi-identifiers (>= 4)> <out.yaml|out.json> [flows=41] [seed=1]");
            return 2;
        }

        var flows = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 41;
        var seed = args.Count > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var model = ReleaseDesignGenerator.Generate(new ReleaseDesignOptions(quasi, flows, Seed: seed));
        DesignWriter.WriteFile(model, args[1]);
        Console.WriteLine($"{args[1]}: {model.Items.Count} items, {model.Flows.Count} flows, {new FileInfo(args[1]).Length / 1024.0:F0} KB");

        var rounds = int.TryParse(Environment.GetEnvironmentVariable("STAGES_ROUNDS"), out var r) ? r : 3;
        var analyzer = Analyzer.CreateDefault();
        for (var round = 0; round < rounds; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var result = analyzer.Analyze(model);
            sw.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(FormattableString.Invariant(
                $"  analyzer round {round}: {sw.Elapsed.TotalMilliseconds:F0} ms (cpu {cpu.TotalMilliseconds:F0} ms), {result.Findings.Count} findings ({result.Findings.Count(f => f.RuleId == "TM002")} TM002)"));
        }

        return 0;
    }
}
