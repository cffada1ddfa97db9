using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>TM010-TM014 together on one design: every rule speaks, and the output is the same on every run.</summary>
public class HarmCatalogueDeterminismTests
{
    private static readonly IPrivacyRule[] Catalogue =
    [
        new SensitiveInferenceRule(), new IdentifierTrackingRule(), new TransferWithoutRecourseRule(), new RetentionWithoutLimitRule(), new NonRepudiationRule(),
    ];

    private static SystemModel Design() =>
        new SystemModelBuilder("bank and partners")
            .Jurisdiction("eu")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Organization("bank-co", jurisdiction: "eu")
            .Organization("bureau-co", jurisdiction: "cn")
            .Subject("citizens", 1_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("id-hash", DataItemKind.PseudonymousIdentifier, "citizens", linkability: Linkability.HashedIdentifier, derivedFrom: ["national-id"])
            .Item("purchases", DataItemKind.Financial, "citizens", specialCategory: "health")
            .Item("messages", DataItemKind.CommunicationContent, "citizens")
            .Item("religion-guess", DataItemKind.Score, "citizens", derivedFrom: ["purchases"], specialCategory: "religion")
            .Element("citizen", ElementType.Person, jurisdiction: "eu", subject: "citizens")
            .Process("bank", "bank-co")
            .Store("bank-db", "bank-co")
            .Process("bureau", "bureau-co")
            .Process("ads", "ad-co")
            .Flow("f1", "citizen", "bank", ["national-id", "purchases", "messages"], "payment")
            .Flow("f2", "bank", "bank-db", ["national-id", "purchases", "messages"], "record-keeping")
            .Flow("f3", "bank-db", "bureau", ["national-id", "religion-guess"], "credit-scoring")
            .Flow("f4", "bank", "ads", ["id-hash", "purchases"], "advertising")
            .Build();

    private static IReadOnlyList<string> Render(AnalysisResult result) =>
        [.. result.Findings.Select(f => $"{f.RuleId}|{f.Key}|{f.Severity}|{f.Title}|{f.Message}|{string.Join(",", f.Subjects)}|{string.Join(",", f.Items)}|{string.Join(",", f.Elements)}|{string.Join(",", f.EvidencePath)}|{f.Mitigation}")];

    [Fact]
    public void EveryRuleFindsItsHarmInTheCombinedDesign()
    {
        var findings = new Analyzer(Catalogue).Analyze(Design()).Findings;

        findings.Select(f => f.RuleId).Distinct().Should().BeEquivalentTo(["TM010", "TM011", "TM012", "TM013", "TM014"]);
        findings.Select(f => (f.RuleId, f.Key)).Should().OnlyHaveUniqueItems();
        findings.Should().OnlyContain(f => f.Severity == SeverityMatrix.Of(f.Likelihood, f.Impact) && f.Mitigation.Length > 0 && f.EvidencePath.Count > 0);
    }

    [Fact]
    public void GivesTheSameFindingsOnEveryRun()
    {
        var first = Render(new Analyzer(Catalogue).Analyze(Design()));
        var second = Render(new Analyzer([.. Catalogue.Reverse()]).Analyze(Design()));

        second.Should().Equal(first);
    }
}
