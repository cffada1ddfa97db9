using System.Diagnostics;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Scaling;

/// <summary>
/// A cancellation request stops an analysis soon, wherever it is: building the graph, finding joins, or in any rule,
/// TM002 rating releases included. What the analysis does after the request is measured as the process CPU time spent
/// between the request and the throw (bounded by <see cref="Bound"/>), which other processes on a loaded machine do not
/// inflate (the whole solution's tests beside it once stretched the wall-clock latency past a second); the wall-clock
/// latency is bounded too, loosely, so a hang still fails. benchmarks/README.md gives the latencies measured.
/// </summary>
[Collection(nameof(CancellationTests))]
public class CancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan WallBound = TimeSpan.FromSeconds(5);

    private static readonly Lazy<SystemModel> ReleaseDesign = new(() => ReleaseDesignGenerator.Generate(new ReleaseDesignOptions(QuasiIdentifiers: 16_000, Flows: 41)));

    private static readonly Lazy<SystemModel> LargeDesign = new(() => DesignGenerator.Generate(10_000));

    [Fact]
    public void Analyze_OfThousandsOfQuasiIdentifiersOnFortyOneFlows_StopsSoonAfterCancellation() =>
        // 16,000 quasi-identifiers: since TM002's advice became linear, 4,000 analyse in less than the delay itself.
        ShouldStopSoon(LatencyOfCancellingAfter(ReleaseDesign.Value, TimeSpan.FromMilliseconds(10)));

    [Fact]
    public void Analyze_OfTenThousandElements_StopsSoonAfterCancellation() =>
        ShouldStopSoon(LatencyOfCancellingAfter(LargeDesign.Value, TimeSpan.FromMilliseconds(50)));

    [Fact]
    public void Analyze_OfTenThousandElements_StopsSoonAfterCancellation_WhileTheRulesRun()
    {
        // The graph is built beforehand, so the request reaches the rules (and the joins TM001 asks for) mid-way.
        var graph = DataFlowGraph.Build(LargeDesign.Value);

        ShouldStopSoon(LatencyOfCancellingAfter(graph, TimeSpan.FromMilliseconds(50)));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void EveryBuiltInRule_Throws_WhenCancelledBeforehand(string ruleId)
    {
        var rule = BuiltInRules.Create().Single(r => r.Metadata.Id == ruleId);
        var graph = DataFlowGraph.Build(DesignGenerator.Generate(300));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => rule.Evaluate(new AnalysisContext(graph, cancelled.Token)).ToList();

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void JoinSearch_CancelledMidway_LeavesTheGraphUsable()
    {
        var model = DesignGenerator.Generate(1_000, seed: 3);
        var graph = DataFlowGraph.Build(model);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => new CrossContextLinkageRule().Evaluate(new AnalysisContext(graph, cancelled.Token)).ToList();

        act.Should().Throw<OperationCanceledException>();
        graph.Joins.Select(Describe).Should().Equal(DataFlowGraph.Build(model).Joins.Select(Describe)).And.NotBeEmpty();
    }

    public static TheoryData<string> RuleIds() => [.. BuiltInRules.Create().Select(r => r.Metadata.Id)];

    private static string Describe(Join join) =>
        $"{join.Place} {join.Subject.Id} {join.Key.Token} {string.Join(",", join.Records.Select(r => r.Flow.Id))}";

    private static (TimeSpan Wall, TimeSpan Cpu) LatencyOfCancellingAfter(SystemModel model, TimeSpan delay) =>
        Latency(delay, token => Analyzer.CreateDefault().Analyze(model, token));

    private static (TimeSpan Wall, TimeSpan Cpu) LatencyOfCancellingAfter(DataFlowGraph graph, TimeSpan delay) =>
        Latency(delay, token => Analyzer.CreateDefault().Analyze(graph, token));

    private static void ShouldStopSoon((TimeSpan Wall, TimeSpan Cpu) latency)
    {
        latency.Cpu.Should().BeLessThan(Bound, "the analysis should do little work once cancellation is requested");
        latency.Wall.Should().BeLessThan(WallBound, "the analysis should stop, however loaded the machine");
    }

    /// <summary>
    /// Runs an analysis, cancels it after <paramref name="delay"/>, and returns how long after the request it threw: wall
    /// time, and the CPU time the process spent meanwhile (the tests of this collection run alone in their assembly). The
    /// request comes from a thread of its own, not a thread-pool timer: the analysis keeps the pool's threads busy, and a
    /// timer callback queued behind them could fire only after the analysis ended. The time of the request is taken
    /// before the token is cancelled, so the analysis cannot throw before it is known.
    /// </summary>
    private static (TimeSpan Wall, TimeSpan Cpu) Latency(TimeSpan delay, Func<CancellationToken, AnalysisResult> analyze)
    {
        using var process = Process.GetCurrentProcess();
        using var source = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var requested = TimeSpan.Zero;
        var cpuAtRequest = TimeSpan.Zero;
        var canceller = new Thread(() =>
        {
            Thread.Sleep(delay);
            process.Refresh();
            cpuAtRequest = process.TotalProcessorTime;
            requested = clock.Elapsed;
            source.Cancel();
        }) { IsBackground = true };
        canceller.Start();

        var act = () => analyze(source.Token);

        act.Should().Throw<OperationCanceledException>("the analysis takes longer than {0}", delay);
        var wall = clock.Elapsed - requested;
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuAtRequest;
        canceller.Join();
        return (wall, cpu);
    }
}

/// <summary>Latency is measured alone: the other tests of the assembly do not run beside it and steal its cores.</summary>
[CollectionDefinition(nameof(CancellationTests), DisableParallelization = true)]
public sealed class CancellationTestsCollection;
