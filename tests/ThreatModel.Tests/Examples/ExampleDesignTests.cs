using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Examples;

/// <summary>The bundled examples keep their promises: each harm is found in the harmful design and gone from its twin.</summary>
public class ExampleDesignTests
{
    private static AnalysisResult Check(string relativePath)
    {
        var read = DesignReader.ReadFile(RepositoryPaths.Path("examples", relativePath));
        read.Errors.Should().BeEmpty($"{relativePath} must read without errors");
        return Analyzer.CreateDefault().Analyze(read.Model!);
    }

    public static TheoryData<string, string> HarmfulDesignsAndTheirTwins => new()
    {
        { "social-scoring/design.yaml", "social-scoring/mitigated.yaml" },
        { "debtor-map/design.yaml", "debtor-map/mitigated.yaml" },
        { "payments-release/design.yaml", "payments-release/mitigated.yaml" },
        { "social-credit-pilot/design.yaml", "social-credit-pilot/redesign.yaml" },
        { "fitness-heatmap/design.yaml", "fitness-heatmap/mitigated.yaml" },
    };

    [Theory]
    [MemberData(nameof(HarmfulDesignsAndTheirTwins))]
    public void HarmfulDesign_HasHighFindings_AndItsTwinHasNone(string harmful, string twin)
    {
        Check(harmful).AtOrAbove(Severity.High).Should().NotBeEmpty();
        Check(twin).AtOrAbove(Severity.High).Should().BeEmpty();
    }

    [Theory]
    [InlineData("social-scoring", "TM001")]
    [InlineData("debtor-map", "TM003")]
    [InlineData("payments-release", "TM002")]
    [InlineData("fitness-heatmap", "TM015")]
    public void TheHarmAnExampleIsAbout_IsFound_AndDisappearsInTheMitigatedTwin(string folder, string ruleId)
    {
        Check($"{folder}/design.yaml").Findings.Should().Contain(f => f.RuleId == ruleId);
        Check($"{folder}/mitigated.yaml").Findings.Should().NotContain(f => f.RuleId == ruleId);
    }

    [Fact]
    public void SocialCreditPilot_HasAFindingOfEveryRuleInTheCatalogue()
    {
        var fired = Check("social-credit-pilot/design.yaml").Findings.Select(f => f.RuleId).ToHashSet();

        BuiltInRules.Create().Select(r => r.Metadata.Id).Should().OnlyContain(id => fired.Contains(id));
    }

    [Fact]
    public void PaymentsRelease_EstimatesSweeneyStyleUniqueness()
    {
        var finding = Check("payments-release/design.yaml").Findings.Single(f => f.RuleId == "TM002");

        finding.Estimates.Should().Contain(e => e.Unit == "share" && e.Value > 0.8);
        finding.Mitigation.Should().Contain("birth-year");
    }
}
