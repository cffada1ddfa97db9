using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace ThreatModel.Benchmarks;

/// <summary>
/// One launch, one warm-up and five measured iterations, with allocations: enough for stable medians of
/// millisecond-to-second operations, quick enough that every size up to 100,000 elements runs on 2 cores.
/// Pass <c>--job</c> on the command line to use a BenchmarkDotNet job instead.
/// </summary>
internal sealed class QuickConfig : ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Quick"));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
