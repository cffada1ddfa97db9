using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class CrossContextLinkageRuleTests
{
    private static SystemModelBuilder ScoringDesign(Protections? bankProtections = null, Protections? socialProtections = null, Linkability idLinkability = Linkability.Shared) =>
        new SystemModelBuilder("scoring")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens", linkability: idLinkability)
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("posts", DataItemKind.Behavioural, "citizens", context: "social")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("social-app", "social-co")
            .Process("scoring", "city")
            .Flow("f-bank-in", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-social-in", "citizen", "social-app", ["national-id", "posts"], "social-networking")
            .Flow("f-bank-score", "bank", "scoring", ["national-id", "loans"], "social-scoring", bankProtections)
            .Flow("f-social-score", "social-app", "scoring", ["national-id", "posts"], "social-scoring", socialProtections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new CrossContextLinkageRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenTwoContextsReachOneOrganizationWithTheSameNationalId()
    {
        var findings = Run(ScoringDesign().Build());

        var finding = findings.Should().ContainSingle().Subject;
        finding.RuleId.Should().Be("TM001");
        finding.Subjects.Should().Equal("citizens");
        finding.Items.Should().Contain(["national-id", "loans", "posts"]);
        finding.EvidencePath.Should().Equal("f-bank-in", "f-bank-score", "f-social-in", "f-social-score");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Severity.Should().BeOneOf(Severity.High, Severity.Critical);
        finding.Message.Should().Contain("national-id").And.Contain("financial").And.Contain("social");
    }

    [Fact]
    public void IsQuiet_WhenEachContextGetsItsOwnPseudonym()
    {
        var perContext = Protections.None with { Pseudonymization = new PseudonymizationSpec("id-broker", PerContext: true) };

        Run(ScoringDesign(perContext, perContext).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenPseudonymIsSharedAcrossContexts()
    {
        var shared = Protections.None with { Pseudonymization = new PseudonymizationSpec("id-broker", PerContext: false) };

        var finding = Run(ScoringDesign(shared, shared).Build()).Should().ContainSingle().Subject;

        finding.Title.Should().Contain("national-id");
        finding.Likelihood.Should().Be(Likelihood.Likely);
    }

    [Fact]
    public void IsQuiet_WhenTheReceiverOnlyRelaysEndToEndEncryptedContent()
    {
        var e2e = Protections.None with { EndToEndEncrypted = true };

        Run(ScoringDesign(e2e, e2e).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenOneSideSendsAPlainHashOfTheIdentifier()
    {
        var model = new SystemModelBuilder("hashed")
            .Subject("users", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Item("phone-hash", DataItemKind.PseudonymousIdentifier, "users", linkability: Linkability.HashedIdentifier, derivedFrom: ["phone"])
            .Item("purchases", DataItemKind.Financial, "users")
            .Item("visits", DataItemKind.Location, "users", precisionMetres: 50)
            .Process("shop", "shop-co")
            .Process("ads", "ad-co")
            .Process("broker", "broker-co")
            .Flow("f1", "shop", "broker", ["phone-hash", "purchases"], "advertising")
            .Flow("f2", "ads", "broker", ["phone", "visits"], "advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Message.Should().Contain("hash of phone");
    }

    [Fact]
    public void IsQuiet_WhenAllRecordsComeFromOneContext()
    {
        var model = new SystemModelBuilder("one context")
            .Subject("users", 1_000)
            .Item("id", DataItemKind.DirectIdentifier, "users")
            .Item("payments", DataItemKind.Financial, "users")
            .Process("a", "org-a")
            .Process("b", "org-b")
            .Process("c", "org-c")
            .Flow("f1", "a", "c", ["id", "payments"], "payment")
            .Flow("f2", "b", "c", ["id", "payments"], "payment")
            .Build();

        Run(model).Should().BeEmpty();
    }
}
