using BenchmarkDotNet.Running;
using ThreatModel.Benchmarks;

if (args.Length > 0 && args[0] == "stages")
    return Stages.Run(args[1..]);

BenchmarkSwitcher.FromAssembly(typeof(Stages).Assembly).Run(args, new QuickConfig());
return 0;
