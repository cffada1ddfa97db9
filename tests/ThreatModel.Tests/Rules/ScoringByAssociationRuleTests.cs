using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class ScoringByAssociationRuleTests
{
    private static readonly DecisionSpec CreditDecision = new() { Affects = ["credit"], SubjectId = "users", Automated = true, SubjectInformed = true };

    /// <summary>A lender scores app users on their repayments and, in the harmful variant, on their friends.</summary>
    private static SystemModelBuilder Lender(bool friendsReachScorer = true, string[]? scoreDerivedFrom = null, DecisionSpec? decision = null)
    {
        var builder = new SystemModelBuilder("lender")
            .Subject("users", 500_000_000)
            .Item("user-id", DataItemKind.DirectIdentifier, "users")
            .Item("repayments", DataItemKind.Financial, "users")
            .Item("friends", DataItemKind.SocialGraph, "users")
            .Item("credit-score", DataItemKind.Score, "users", derivedFrom: scoreDerivedFrom ?? ["repayments", "friends"])
            .Person("user", "users")
            .Process("app", "platform")
            .Process("scorer", "lender", decision)
            .Process("loan-desk", "lender")
            .Process("recommender", "social-co")
            .Flow("f-app", "user", "app", ["user-id", "repayments", "friends"], "lending")
            .Flow("f-score-in", "app", "scorer", friendsReachScorer ? ["user-id", "repayments", "friends"] : ["user-id", "repayments"], "credit-scoring")
            .Flow("f-score-out", "scorer", "loan-desk", ["user-id", "credit-score"], "lending");
        if (!friendsReachScorer)
            builder.Flow("f-recommend", "app", "recommender", ["user-id", "friends"], "social-networking");
        return builder;
    }

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new ScoringByAssociationRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenACreditScoreIsDerivedFromTheSocialGraph()
    {
        var finding = Run(Lender(decision: CreditDecision).Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM005");
        finding.Subjects.Should().Equal("users");
        finding.Items.Should().Contain(["friends", "credit-score"]);
        finding.Elements.Should().Equal("scorer");
        finding.EvidencePath.Should().Equal("f-app", "f-score-in", "f-score-out");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("data about other people").And.Contain("who they are connected to");
    }

    [Fact]
    public void IsQuiet_WhenTheSocialGraphGoesOnlyToAnotherOrganizationAndTheScoreUsesOwnConduct()
    {
        Run(Lender(friendsReachScorer: false, scoreDerivedFrom: ["repayments"], decision: CreditDecision).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheScoreIsDeclaredWithoutTheSocialGraphAndNoDecisionReadsIt()
    {
        Run(Lender(scoreDerivedFrom: ["repayments"]).Build()).Should().BeEmpty();
    }

    [Fact]
    public void RatesPossible_WhenTheScoreIsDeclaredWithoutFriendsButTheDecisionReadsThem()
    {
        var finding = Run(Lender(scoreDerivedFrom: ["repayments"], decision: CreditDecision).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
    }

    [Fact]
    public void RatesSevere_WhenTheDecisionAffectsEssentialAccessUsingFriendsScores()
    {
        var travel = new DecisionSpec
        {
            Affects = ["travel"],
            SubjectId = "citizens",
            Automated = true,
            SubjectInformed = false,
            InputsVisible = false,
            Appeal = false,
        };
        var model = new SystemModelBuilder("association")
            .Subject("citizens", 10_000_000)
            .Subject("relatives", 30_000_000)
            .Item("id", DataItemKind.DirectIdentifier, "citizens")
            .Item("relative-scores", DataItemKind.Score, "relatives")
            .Person("citizen", "citizens")
            .Person("relative", "relatives")
            .Process("registry", "bureau")
            .Process("gate", "railway", travel)
            .Flow("f-relatives", "relative", "registry", ["relative-scores"], "social-scoring")
            .Flow("f-gate", "registry", "gate", ["relative-scores"], "social-scoring")
            .Flow("f-id", "citizen", "gate", ["id"], "travel")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Subjects.Should().Equal("citizens", "relatives");
        finding.EvidencePath.Should().Equal("f-relatives", "f-gate");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    private static SystemModelBuilder AddressBook(Protections? upload = null, bool contactsJoin = false)
    {
        var builder = new SystemModelBuilder("address book")
            .Subject("users", 2_000_000_000)
            .Subject("contacts", 3_000_000_000)
            .Item("user-id", DataItemKind.DirectIdentifier, "users")
            .Item("address-book", DataItemKind.SocialGraph, "users")
            .Item("contact-phone", DataItemKind.DirectIdentifier, "contacts")
            .Item("contact-name", DataItemKind.DirectIdentifier, "contacts")
            .Person("user", "users")
            .Process("sync", "platform")
            .Store("graph-db", "platform")
            .Flow("f-upload", "user", "sync", ["user-id", "address-book", "contact-phone", "contact-name"], "social-networking", upload)
            .Flow("f-store", "sync", "graph-db", ["user-id", "address-book", "contact-phone", "contact-name"], "social-networking");
        if (contactsJoin)
            builder.Person("contact", "contacts").Flow("f-join", "contact", "sync", ["contact-phone"], "identity-verification");
        return builder;
    }

    [Fact]
    public void Fires_WhenUploadedAddressBooksGiveThePlatformDataAboutPeopleWhoNeverJoined()
    {
        var finding = Run(AddressBook().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM005");
        finding.Subjects.Should().Equal("contacts");
        finding.Items.Should().Equal("contact-phone", "contact-name");
        finding.Elements.Should().Equal("sync");
        finding.EvidencePath.Should().Equal("f-upload");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Severity.Should().Be(Severity.High);
        finding.Title.Should().Contain("shadow profile");
    }

    [Fact]
    public void IsQuiet_WhenContactsAreMatchedWithoutThePlatformReadingThem()
    {
        var privateDiscovery = Protections.None with { EndToEndEncrypted = true };

        Run(AddressBook(privateDiscovery).Build()).Should().BeEmpty();
    }

    [Fact]
    public void NamesOnlyTheContactItemsUploaded_WhenTheAppSuppressesTheOthersBeforeUpload()
    {
        var namesStayOnThePhone = Protections.None with { SuppressedItems = ["contact-name"] };

        var finding = Run(AddressBook(namesStayOnThePhone).Build()).Should().ContainSingle().Subject;

        finding.Items.Should().Equal("contact-phone");
    }

    [Fact]
    public void IsQuiet_WhenTheAppSuppressesEveryContactItemBeforeUpload()
    {
        var contactsStayOnThePhone = Protections.None with { SuppressedItems = ["contact-phone", "contact-name"] };

        Run(AddressBook(contactsStayOnThePhone).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheContactsAreThemselvesPeopleWhoJoined()
    {
        Run(AddressBook(contactsJoin: true).Build()).Should().BeEmpty();
    }
}
