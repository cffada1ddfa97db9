using BenchmarkDotNet.Running;
using ThreatModel.Benchmarks;

switch (args.FirstOrDefault())
{
    case "stages":
        return Stages.Run(args[1..]);
    case "generate":
        return Generate.Run(args[1..]);
    case "releases":
        return Releases.Run(args[1..]);
    case "plan":
        return PlanRun.Run(args[1..]);
    case "dump":
        return FactsDump.Run(args[1..]);
    default:
        var jobGiven = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        BenchmarkSwitcher.FromAssembly(typeof(Stages).Assembly).Run(args, new QuickConfig(withQuickJob: !jobGiven));
        return 0;
}
