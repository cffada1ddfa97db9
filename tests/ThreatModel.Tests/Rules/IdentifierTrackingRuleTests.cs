using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class IdentifierTrackingRuleTests
{
    private static readonly Protections PerContext = Protections.None with { Pseudonymization = new PseudonymizationSpec("id-authority", PerContext: true) };
    private static readonly Protections SharedPseudonym = Protections.None with { Pseudonymization = new PseudonymizationSpec("id-authority", PerContext: false) };

    /// <summary>A citizen gives a national ID to a bank and a telecom operator; the bank passes it on to a credit bureau.</summary>
    private static SystemModelBuilder NationalIdDesign(Protections? protections = null, bool vulnerable = false) =>
        new SystemModelBuilder("national id")
            .Subject("citizens", 10_000_000, vulnerable: vulnerable)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("phone-plan", DataItemKind.Behavioural, "citizens")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("bureau", "bureau-co")
            .Process("telco", "telco-co")
            .Flow("f-bank", "citizen", "bank", ["national-id", "loans"], "payment", protections)
            .Flow("f-bureau", "bank", "bureau", ["national-id", "loans"], "credit-scoring", protections)
            .Flow("f-telco", "citizen", "telco", ["national-id", "phone-plan"], "contract", protections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new IdentifierTrackingRule()]).Analyze(model).Findings;

    /// <summary>
    /// A gym collects members' phone numbers at sign-up and also receives the same numbers from a partner shop: its shortest
    /// witness is its own collection, but the design passes the identifier between organizations all the same (found by
    /// FsCheck, seed 38: any protection added to the shop's flow used to make it surface, raising the rating).
    /// </summary>
    [Fact]
    public void RatesThePassingAsCertain_WhenThePartyAlsoCollectsTheIdentifierItself()
    {
        var model = new SystemModelBuilder("gym")
            .Subject("members", 50_000)
            .Item("phone", DataItemKind.DirectIdentifier, "members")
            .Item("purchases", DataItemKind.Financial, "members")
            .Person("member", "members")
            .Process("shop", "shop-co")
            .Process("gym", "gym-co")
            .Flow("f-buy", "member", "shop", ["phone", "purchases"], "payment")
            .Flow("f-join", "member", "gym", ["phone"], "contract")
            .Flow("f-share", "shop", "gym", ["phone", "purchases"], "marketing")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Message.Should().Contain("passes the identifier from one organization to another");
        finding.EvidenceRoutes.Should().Contain(route => route.Contains("f-share"));
        finding.Remedies.Should().Contain(new AddProtection("f-share", "per-context-pseudonym"));
    }

    [Fact]
    public void Fires_WhenANationalIdIsPassedOnAndCollectedByThreeOrganizations()
    {
        var finding = Run(NationalIdDesign().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM011");
        finding.Subjects.Should().Equal("citizens");
        finding.Items.Should().Equal("national-id");
        finding.Elements.Should().Equal("bank", "bureau", "telco");
        finding.EvidencePath.Should().Equal("f-bank", "f-bureau", "f-telco");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Title.Should().Contain("3 independent parties");
    }

    [Fact]
    public void IsQuiet_WhenEachOrganizationGetsAPerContextPseudonym()
    {
        Run(NationalIdDesign(PerContext).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenOrganizationsShareOnePseudonymUnderOneKey()
    {
        var finding = Run(NationalIdDesign(SharedPseudonym).Build()).Should().ContainSingle().Subject;

        finding.Message.Should().Contain("one pseudonym under id-authority's key");
        finding.Likelihood.Should().Be(Likelihood.Certain);
    }

    [Fact]
    public void IsPossible_WhenEachOrganizationCollectedTheIdentifierFromThePeople()
    {
        var model = new SystemModelBuilder("independent")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("phone-plan", DataItemKind.Behavioural, "citizens")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("telco", "telco-co")
            .Flow("f-bank", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-telco", "citizen", "telco", ["national-id", "phone-plan"], "contract")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(Severity.Medium);
        finding.EvidencePath.Should().Equal("f-bank", "f-telco");
    }

    [Fact]
    public void ReportsAHashTogetherWithTheIdentifierItWasComputedFrom()
    {
        var model = new SystemModelBuilder("hashed phone")
            .Subject("users", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Item("phone-hash", DataItemKind.PseudonymousIdentifier, "users", linkability: Linkability.HashedIdentifier, derivedFrom: ["phone"])
            .Item("purchases", DataItemKind.Behavioural, "users")
            .Person("user", "users")
            .Process("shop", "shop-co")
            .Process("ad-platform", "ad-co")
            .Flow("f-buy", "user", "shop", ["phone", "purchases"], "payment")
            .Flow("f-audience", "shop", "ad-platform", ["phone-hash", "purchases"], "advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Key.Should().Be("phone");
        finding.Items.Should().Equal("phone", "phone-hash");
        finding.EvidencePath.Should().Equal("f-buy", "f-audience");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Message.Should().Contain("a hash anyone can recompute");
    }

    [Fact]
    public void IsQuiet_WhenOnlyOneOrganizationReadsTheIdentifier()
    {
        var model = new SystemModelBuilder("one org")
            .Subject("users", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Person("user", "users")
            .Process("app", "app-co")
            .Store("accounts", "app-co")
            .Flow("f-signup", "user", "app", ["phone"], "account")
            .Flow("f-keep", "app", "accounts", ["phone"], "account")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheIdentifierIsSealedFromTheRelay()
    {
        var e2e = Protections.None with { EndToEndEncrypted = true };
        var model = new SystemModelBuilder("relay")
            .Subject("users", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Person("user", "users")
            .Process("app", "app-co")
            .Process("relay", "relay-co")
            .Process("backup", "backup-co")
            .Flow("f-signup", "user", "app", ["phone"], "account")
            .Flow("f-relay", "app", "relay", ["phone"], "messaging", e2e)
            .Flow("f-backup", "relay", "backup", ["phone"], "backup")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_ForIdentifiersMadePerContext()
    {
        var model = new SystemModelBuilder("per-context ids")
            .Subject("users", 1_000_000)
            .Item("pairwise-id", DataItemKind.PseudonymousIdentifier, "users", linkability: Linkability.PerContext)
            .Process("login", "idp-co")
            .Process("shop", "shop-co")
            .Process("news", "news-co")
            .Flow("f-shop", "login", "shop", ["pairwise-id"], "authentication")
            .Flow("f-news", "login", "news", ["pairwise-id"], "authentication")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void DoesNotCountThePublicAsAParty_PublicationIsExposureNotTracking()
    {
        var model = NationalIdDesign(vulnerable: true)
            .Element("public", ElementType.Public)
            .Flow("f-publish", "bureau", "public", ["national-id"], "public-shaming")
            .Build();

        Run(model).Should().OnlyContain(f => !f.Elements.Contains("public"));
    }

    [Property(MaxTest = 40)]
    public bool NamesEveryOrganizationThatReadsTheIdentifier_UnlessEachGetsItsOwnPseudonym(PositiveInt size, bool perContext)
    {
        var organizations = 2 + size.Get % 10;
        var builder = new SystemModelBuilder("spread")
            .Subject("users", 1_000_000)
            .Item("device-id", DataItemKind.PseudonymousIdentifier, "users")
            .Process("sdk", "sdk-co");
        for (var i = 0; i < organizations - 1; i++)
        {
            builder.Process($"partner-{i}", $"partner-co-{i}")
                .Flow($"f-{i}", "sdk", $"partner-{i}", ["device-id"], "advertising", perContext ? PerContext : null);
        }

        var findings = Run(builder.Build());

        return perContext
            ? findings.Count == 0
            : findings.Count == 1 && findings[0].Elements.Count == organizations && findings[0].Likelihood == Likelihood.Certain;
    }

    [Fact]
    public void NamesAPseudonymOnEveryFlowThatBringsTheIdentifierToEachParty_AndMadeTogetherTheyClearIt()
    {
        // Three organizations each collect the national ID at a branch and in an app: a pseudonym on one flow per party
        // would leave every party reading it on the other.
        var builder = new SystemModelBuilder("branches and apps")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Person("citizen", "citizens");
        foreach (var party in new[] { "bank", "telco", "insurer" })
        {
            builder.Process(party + "-branch", party + "-co").Process(party + "-app", party + "-co")
                .Flow("f-" + party + "-branch", "citizen", party + "-branch", ["national-id"], "contract")
                .Flow("f-" + party + "-app", "citizen", party + "-app", ["national-id"], "contract");
        }

        var model = builder.Build();
        var finding = Run(model).Should().ContainSingle().Subject;

        var pseudonyms = finding.Remedies.OfType<AddProtection>().Where(a => a.Protection == "per-context-pseudonym").ToList();
        pseudonyms.Select(p => p.Flow).Should().BeEquivalentTo(["f-bank-branch", "f-bank-app", "f-telco-branch", "f-telco-app", "f-insurer-branch", "f-insurer-app"]);
        Run(ThreatModel.Planning.DesignEdits.Apply(model, pseudonyms)).Should().BeEmpty();
    }
}
