using ThreatModel.Analysis;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Scaling;

public class ConcurrencyTests
{
    [Fact]
    public void ConcurrentAnalyses_OfDifferentDesigns_EqualSequentialOnes()
    {
        var models = Enumerable.Range(1, 6).Select(seed => DesignGenerator.Generate(300 + 100 * seed, seed)).ToArray();
        var analyzer = new Analyzer(BuiltInRules.Create());
        var sequential = models.Select(m => FindingSignature.Full(analyzer.Analyze(m))).ToArray();

        var parallel = new IReadOnlyList<string>[models.Length];
        Parallel.For(0, models.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => parallel[i] = FindingSignature.Full(analyzer.Analyze(models[i])));

        for (var i = 0; i < models.Length; i++)
            parallel[i].Should().Equal(sequential[i], "design {0} must analyse the same on any thread", i);
    }

    [Fact]
    public void ConcurrentReads_OfOneGraph_EqualSequentialReads()
    {
        var model = DesignGenerator.Generate(1_200, seed: 4);
        static string Facts(DataFlowGraph graph, Model.SystemModel model, int part) => string.Join("\n",
            model.Organizations.Where((_, i) => i % 4 == part).SelectMany(o => graph.ReadableByOrganization(o.Id))
                .Select(h => $"{h.Holder.Id} {h.Item.Id} {string.Join(",", h.PathIds)}")
            .Concat(model.Items.Where((_, i) => i % 4 == part).SelectMany(i => graph.ReadersOf(i.Id)).Select(h => $"{h.Holder.Id} {h.Item.Id} {h.Path.Count}"))
            .Append(graph.Joins.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var expected = Enumerable.Range(0, 4).Select(p => Facts(DataFlowGraph.Build(model), model, p)).ToArray();
        var shared = DataFlowGraph.Build(model);
        var actual = new string[4];
        Parallel.For(0, 4, p => actual[p] = Facts(shared, model, p));

        actual.Should().Equal(expected);
    }

    [Fact]
    public void Analyze_Throws_WhenCancelledBeforehand()
    {
        var model = DesignGenerator.Generate(200);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => new Analyzer(BuiltInRules.Create()).Analyze(model, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void AnalyzeGraph_Throws_WhenCancelledBeforehand()
    {
        var graph = DataFlowGraph.Build(DesignGenerator.Generate(200));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => new Analyzer(BuiltInRules.Create()).Analyze(graph, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }

    [Fact]
    public void GraphBuild_Throws_WhenCancelledBeforehand()
    {
        var model = DesignGenerator.Generate(200);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => DataFlowGraph.Build(model, cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
    }
}
