using BenchmarkDotNet.Running;
using ThreatModel.Benchmarks;

switch (args.FirstOrDefault())
{
    case "stages":
        return Stages.Run(args[1..]);
    case "dump":
        return FactsDump.Run(args[1..]);
    default:
        BenchmarkSwitcher.FromAssembly(typeof(Stages).Assembly).Run(args, new QuickConfig());
        return 0;
}
