using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace ThreatModel.Benchmarks;

/// <summary>
/// BenchmarkDotNet's defaults with allocations, and by default one launch, one warm-up and five measured iterations:
/// enough for stable medians of millisecond-to-second operations, quick enough that every size up to 100,000
/// elements runs on 2 cores. With <c>--job</c> on the command line, that job is used instead.
/// </summary>
internal sealed class QuickConfig : ManualConfig
{
    public QuickConfig(bool withQuickJob)
    {
        Add(DefaultConfig.Instance);
        if (withQuickJob)
            AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Quick"));
        AddDiagnoser(MemoryDiagnoser.Default);
        WithOptions(ConfigOptions.JoinSummary);
    }
}
