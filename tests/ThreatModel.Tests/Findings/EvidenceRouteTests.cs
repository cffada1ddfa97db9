using System.Text;
using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Reporting;
using ThreatModel.Rules;
using ThreatModel.Tests.Reporting;

namespace ThreatModel.Tests.Findings;

/// <summary>
/// A finding's evidence is a set of separate routes. Reported defect: on the social-scoring design the TM001 finding
/// read <c>path: f-bank-account -> f-social-signup -> f-offence-record</c>, an arrow chain joining three unrelated flows.
/// </summary>
public class EvidenceRouteTests
{
    // A bank, a social network and the police each collect records keyed by the resident ID number and pass them to the
    // city credit bureau: three separate routes into one place.
    private const string SocialScoring = """
        name: City social scoring
        organizations:
          - { id: bank, name: Commercial bank }
          - { id: social-network, name: Social network }
          - { id: city, name: City government }
          - { id: bureau, name: City credit bureau }
        subjects:
          - { id: residents, name: Residents, population: 10000000 }
        items:
          - { id: national-id, name: Resident ID number, kind: direct-identifier, subject: residents, context: government }
          - { id: loan-history, name: Loans, kind: financial, subject: residents }
          - { id: posts, name: Posts, kind: behavioural, subject: residents, context: social }
          - { id: offences, name: Traffic offences, kind: behavioural, subject: residents, context: government }
        elements:
          - { id: resident, name: Resident, type: person, subject: residents }
          - { id: bank-core, name: Core banking, type: process, organization: bank }
          - { id: social-app, name: Social app, type: process, organization: social-network }
          - { id: police, name: Police records, type: process, organization: city }
          - { id: scoring, name: Scoring engine, type: process, organization: bureau }
        flows:
          - { id: f-bank-account, from: resident, to: bank-core, items: [national-id, loan-history], purpose: payment }
          - { id: f-social-signup, from: resident, to: social-app, items: [national-id, posts], purpose: social-networking }
          - { id: f-offence-record, from: resident, to: police, items: [national-id, offences], purpose: law-enforcement }
          - { id: f-bank-to-bureau, from: bank-core, to: scoring, items: [national-id, loan-history], purpose: social-scoring }
          - { id: f-social-to-bureau, from: social-app, to: scoring, items: [national-id, posts], purpose: social-scoring }
          - { id: f-police-to-bureau, from: police, to: scoring, items: [national-id, offences], purpose: social-scoring }
        """;

    private static readonly string[][] ThreeRoutes =
    [
        ["f-bank-account", "f-bank-to-bureau"],
        ["f-social-signup", "f-social-to-bureau"],
        ["f-offence-record", "f-police-to-bureau"],
    ];

    private static AnalysisResult AnalyzeSocialScoring()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SocialScoring));
        var model = DesignReader.Read(stream, "social-scoring.yaml").GetModelOrThrow();
        return new Analyzer([new CrossContextLinkageRule()]).Analyze(model);
    }

    private static Finding Linkage(AnalysisResult result) => result.Findings.Should().ContainSingle(f => f.RuleId == "TM001").Subject;

    [Fact]
    public void SocialScoringLinkage_HasThreeSeparateRoutes_OnePerRecordReachingTheBureau()
    {
        var finding = Linkage(AnalyzeSocialScoring());

        finding.EvidenceRoutes.Should().BeEquivalentTo(ThreeRoutes, o => o.WithStrictOrdering());
        finding.EvidencePath.Should().Equal(ThreeRoutes.SelectMany(r => r));
    }

    [Fact]
    public void TextReport_WritesEachRouteAsItsOwnPath_NeverOneArrowChain()
    {
        var text = WriterHarness.Render(new TextReportWriter(), AnalyzeSocialScoring(), new ReportOptions());

        text.Should().Contain("  routes: f-bank-account -> f-bank-to-bureau; f-social-signup -> f-social-to-bureau; f-offence-record -> f-police-to-bureau\n")
            .And.NotContain("f-bank-to-bureau -> f-social-signup");
    }

    [Fact]
    public void MarkdownReport_ListsEachRouteOnItsOwnLine()
    {
        var markdown = WriterHarness.Render(new MarkdownReportWriter(), AnalyzeSocialScoring(), new ReportOptions());

        markdown.Should().Contain("- **Evidence routes:**\n  - `f-bank-account -> f-bank-to-bureau`\n  - `f-social-signup -> f-social-to-bureau`\n  - `f-offence-record -> f-police-to-bureau`\n");
    }

    [Fact]
    public void JsonReport_CarriesEvidenceRoutes_AsOneArrayPerRoute()
    {
        using var json = JsonDocument.Parse(WriterHarness.Render(new JsonReportWriter(), AnalyzeSocialScoring(), new ReportOptions()));

        var finding = json.RootElement.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "TM001");
        var routes = finding.GetProperty("evidenceRoutes").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(id => id.GetString()!).ToArray()).ToArray();
        routes.Should().BeEquivalentTo(ThreeRoutes, o => o.WithStrictOrdering());
    }

    [Fact]
    public void SarifReport_HasOneCodeFlowPerRoute_WithTheRouteFlowsInOrder()
    {
        using var sarif = JsonDocument.Parse(WriterHarness.Render(new SarifReportWriter(), AnalyzeSocialScoring(), new ReportOptions()));

        var result = sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Single(r => r.GetProperty("ruleId").GetString() == "TM001");
        var flows = result.GetProperty("codeFlows").EnumerateArray()
            .Select(c => c.GetProperty("threadFlows").EnumerateArray().Single().GetProperty("locations").EnumerateArray()
                .Select(l => l.GetProperty("location").GetProperty("message").GetProperty("text").GetString()!.Split(':')[0]).ToArray())
            .ToArray();
        flows.Should().BeEquivalentTo(ThreeRoutes.Select(r => r.Select(id => "flow " + id).ToArray()), o => o.WithStrictOrdering());
    }

    [Fact]
    public void FindingBuilder_AddsOneRoutePerAlongCall_AndKeepsARepeatedRouteOnce()
    {
        var rule = new CrossContextLinkageRule().Metadata;

        var finding = new FindingBuilder(rule, "key")
            .Along("f-a", "f-b")
            .Along("f-c", "f-b")
            .Along("f-a", "f-b")
            .Along([])
            .Build();

        finding.EvidenceRoutes.Should().BeEquivalentTo(new[] { new[] { "f-a", "f-b" }, ["f-c", "f-b"] }, o => o.WithStrictOrdering());
        finding.EvidencePath.Should().Equal("f-a", "f-b", "f-c");
    }

    [Fact]
    public void FindingBuilder_KeepsEachOfManyRoutesOnce_InTheOrderFirstGiven()
    {
        // A purpose-creep finding gathers every route of its root cause: twelve records reach one place, each route given twice.
        var rule = new PurposeCreepRule().Metadata;
        var routes = Enumerable.Range(1, 12).Select(n => new[] { $"f-collect-{n}", "f-share" }).ToArray();
        var builder = new FindingBuilder(rule, "key");
        foreach (var route in routes.Concat(routes.Reverse()))
            builder.Along(route);

        var finding = builder.Build();

        finding.EvidenceRoutes.Should().BeEquivalentTo(routes, o => o.WithStrictOrdering());
        finding.EvidencePath.Should().Equal([.. routes.Select(r => r[0]).Take(1), "f-share", .. routes.Skip(1).Select(r => r[0])]);
    }

    [Fact]
    public void FindingBuilder_KeepsAFlowRepeatedWithinARouteOnce_ForShortAndLongRoutes()
    {
        var rule = new PurposeCreepRule().Metadata;
        var longRoute = Enumerable.Range(1, 10).Select(n => $"f-{n}").Append("f-3").Append("f-10");

        var finding = new FindingBuilder(rule, "key")
            .Along("f-a", "f-b", "f-a")
            .Along(longRoute)
            .Build();

        finding.EvidenceRoutes.Should().BeEquivalentTo(
            new[] { new[] { "f-a", "f-b" }, Enumerable.Range(1, 10).Select(n => $"f-{n}").ToArray() }, o => o.WithStrictOrdering());
        finding.EvidencePath.Should().Equal(["f-a", "f-b", .. Enumerable.Range(1, 10).Select(n => $"f-{n}")]);
    }

    [Fact]
    public void Fingerprint_DependsOnlyOnRuleAndKey_NotOnRoutes()
    {
        var rule = new CrossContextLinkageRule().Metadata;

        var one = new FindingBuilder(rule, "bureau|residents").Along("f-a").Build();
        var two = new FindingBuilder(rule, "bureau|residents").Along("f-a").Along("f-b").Build();

        two.Fingerprint.Should().Be(one.Fingerprint).And.Be(Fingerprints.Of("TM001", "bureau|residents"));
    }
}
