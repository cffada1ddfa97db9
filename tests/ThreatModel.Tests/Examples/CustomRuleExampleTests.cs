using Microsoft.Extensions.DependencyInjection;
using ThreatModel.Analysis;
using ThreatModel.Examples.CustomRule;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Tests.Examples;

/// <summary>The custom rule in examples/custom-rule, registered the way a user registers their own rule.</summary>
public class CustomRuleExampleTests
{
    private static Analyzer AnalyzerWithTheCustomRule() =>
        new ServiceCollection()
            .AddThreatModeling()
            .AddRule<VulnerableDataToAdvertiserRule>()
            .BuildServiceProvider()
            .GetRequiredService<Analyzer>();

    // A children's game sends each child's play history and device id to an ad network; the mitigated twin sends the ad
    // network only counts over at least 50 children.
    private static SystemModel ChildrensGame(Protections? toAdNetwork = null) =>
        new SystemModelBuilder("Children's game")
            .Organization("studio", kind: "company", name: "Game studio")
            .Organization("ads", kind: "ad-network", name: "Ad network")
            .Subject("children", 300_000, vulnerable: true, name: "Children who play")
            .Item("device-id", DataItemKind.PseudonymousIdentifier, "children")
            .Item("play-history", DataItemKind.Behavioural, "children")
            .Person("child", "children")
            .Process("game", "studio")
            .Process("ad-server", "ads")
            .Flow("f-play", "child", "game", ["device-id", "play-history"], "service")
            .Flow("f-ads", "game", "ad-server", ["device-id", "play-history"], "advertising", toAdNetwork)
            .Build();

    [Fact]
    public void AddRule_RunsTheCustomRuleBesideTheBuiltInOnes()
    {
        var rules = AnalyzerWithTheCustomRule().Rules.Select(r => r.Metadata.Id).ToList();

        rules.Should().Contain("EX001").And.Contain("TM001");
    }

    [Fact]
    public void Fires_WhenAChildsPlayHistoryReachesAnAdNetwork()
    {
        var result = AnalyzerWithTheCustomRule().Analyze(ChildrensGame());

        var finding = result.Findings.Should().ContainSingle(f => f.RuleId == "EX001").Subject;
        finding.Subjects.Should().Equal("children");
        finding.Items.Should().BeEquivalentTo(["device-id", "play-history"]);
        finding.Elements.Should().Equal("ad-server");
        finding.EvidenceRoutes.Should().ContainSingle().Which.Should().Equal("f-play", "f-ads");
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void IsQuiet_WhenTheAdNetworkReceivesOnlyAggregatesOverFiftyChildren()
    {
        var aggregated = Protections.None with { AggregationThreshold = 50 };

        var result = AnalyzerWithTheCustomRule().Analyze(ChildrensGame(aggregated));

        result.Findings.Should().NotContain(f => f.RuleId == "EX001");
    }
}
