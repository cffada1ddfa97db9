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
/// TM002 rating releases included. The bound here is generous for a loaded machine; benchmarks/README.md gives the
/// latencies measured.
/// </summary>
[Collection(nameof(CancellationTests))]
public class CancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    private static readonly Lazy<SystemModel> ReleaseDesign = new(() => ReleaseDesignGenerator.Generate(new ReleaseDesignOptions(QuasiIdentifiers: 16_000, Flows: 41)));

    private static readonly Lazy<SystemModel> LargeDesign = new(() => DesignGenerator.Generate(10_000));

    [Fact]
    public void Analyze_OfThousandsOfQuasiIdentifiersOnFortyOneFlows_StopsSoonAfterCancellation() =>
        // 16,000 quasi-identifiers: since TM002's advice became linear, 4,000 analyse in less than the delay itself.
        LatencyOfCancellingAfter(ReleaseDesign.Value, TimeSpan.FromMilliseconds(10)).Should().BeLessThan(Bound);

    [Fact]
    public void Analyze_OfTenThousandElements_StopsSoonAfterCancellation() =>
        LatencyOfCancellingAfter(LargeDesign.Value, TimeSpan.FromMilliseconds(50)).Should().BeLessThan(Bound);

    [Fact]
    public void Analyze_OfTenThousandElements_StopsSoonAfterCancellation_WhileTheRulesRun()
    {
        // The graph is built beforehand, so the request reaches the rules (and the joins TM001 asks for) mid-way.
        var graph = DataFlowGraph.Build(LargeDesign.Value);

        LatencyOfCancellingAfter(graph, TimeSpan.FromMilliseconds(50)).Should().BeLessThan(Bound);
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

    private static TimeSpan LatencyOfCancellingAfter(SystemModel model, TimeSpan delay) =>
        Latency(delay, token => Analyzer.CreateDefault().Analyze(model, token));

    private static TimeSpan LatencyOfCancellingAfter(DataFlowGraph graph, TimeSpan delay) =>
        Latency(delay, token => Analyzer.CreateDefault().Analyze(graph, token));

    /// <summary>Runs an analysis, cancels it after <paramref name="delay"/>, and returns how long after the request it threw.</summary>
    private static TimeSpan Latency(TimeSpan delay, Func<CancellationToken, AnalysisResult> analyze)
    {
        using var source = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var requested = TimeSpan.Zero;
        using var registration = source.Token.Register(() => requested = clock.Elapsed);
        source.CancelAfter(delay);

        var act = () => analyze(source.Token);

        act.Should().Throw<OperationCanceledException>("the analysis takes longer than {0}", delay);
        return clock.Elapsed - requested;
    }
}

/// <summary>Latency is measured alone: the other tests of the assembly do not run beside it and steal its cores.</summary>
[CollectionDefinition(nameof(CancellationTests), DisableParallelization = true)]
public sealed class CancellationTestsCollection;
