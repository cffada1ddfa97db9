using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class AggregationProfileRuleTests
{
    /// <summary>A payment super-app: payments, messages, games, news, location and friends, each a service.</summary>
    private static SystemModelBuilder SuperApp(bool separateOrganizations = false, Protections? chat = null, Protections? games = null, Protections? news = null, Protections? identity = null, bool power = false)
    {
        string Org(string service) => separateOrganizations ? service + "-co" : "superapp";
        return new SystemModelBuilder("super-app")
            .Organization("superapp", powerOverSubjects: power)
            .Subject("users", 1_300_000_000)
            .Item("user-id", DataItemKind.DirectIdentifier, "users")
            .Item("payments", DataItemKind.Financial, "users")
            .Item("messages", DataItemKind.CommunicationContent, "users")
            .Item("game-play", DataItemKind.Behavioural, "users", context: "games")
            .Item("news-reads", DataItemKind.Behavioural, "users", context: "news")
            .Item("position", DataItemKind.Location, "users", precisionMetres: 10)
            .Item("friends", DataItemKind.SocialGraph, "users")
            .Person("user", "users")
            .Process("pay", Org("pay"))
            .Process("chat", Org("chat"))
            .Process("games", Org("games"))
            .Process("news", Org("news"))
            .Process("maps", Org("maps"))
            .Flow("f-pay", "user", "pay", ["user-id", "payments"], "payment", identity)
            .Flow("f-chat", "user", "chat", ["user-id", "messages", "friends"], "messaging", Merge(identity, chat))
            .Flow("f-games", "user", "games", ["user-id", "game-play"], "gaming", Merge(identity, games))
            .Flow("f-news", "user", "news", ["user-id", "news-reads"], "news", Merge(identity, news))
            .Flow("f-maps", "user", "maps", ["user-id", "position"], "navigation", identity);
    }

    private static Protections? Merge(Protections? identity, Protections? other) =>
        identity is null ? other : other is null ? identity : other with { Pseudonymization = identity.Pseudonymization };

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new AggregationProfileRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenOneOrganizationHoldsPaymentsMessagesGamesNewsLocationAndFriends()
    {
        var finding = Run(SuperApp().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM004");
        finding.Subjects.Should().Equal("users");
        finding.Items.Should().Contain(["payments", "messages", "game-play", "news-reads", "position", "friends", "user-id"]);
        finding.EvidencePath.Should().BeEquivalentTo(["f-pay", "f-chat", "f-games", "f-news", "f-maps"]);
        finding.Elements.Should().BeEquivalentTo(["pay", "chat", "games", "news", "maps"]);
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
        finding.Title.Should().Contain("6 contexts");
        finding.Message.Should().Contain("accumulation in one place");
    }

    [Fact]
    public void RatesCertain_WhenTheOrganizationHasPowerOverThePeopleItProfiles()
    {
        var finding = Run(SuperApp(power: true).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Message.Should().Contain("has power over these people");
    }

    [Fact]
    public void IsQuiet_WhenEachContextIsKeptInItsOwnOrganization()
    {
        Run(SuperApp(separateOrganizations: true).Build()).Should().BeEmpty();
    }

    [Fact]
    public void LeavesMessagesOut_WhenTheyAreEndToEndEncrypted()
    {
        var e2e = Protections.None with { EndToEndEncrypted = true };

        var finding = Run(SuperApp(chat: e2e).Build()).Should().ContainSingle().Subject;

        finding.Items.Should().NotContain(["messages", "friends"]);
        finding.Title.Should().Contain("4 contexts").And.NotContain("communications");
        // Two sensitive contexts remain (financial, location): the impact drops from Severe to Moderate.
        finding.Impact.Should().Be(Impact.Moderate);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void IsQuiet_WhenOnlyTwoContextsRemainReadableAboutIndividuals()
    {
        var e2e = Protections.None with { EndToEndEncrypted = true };
        var aggregated = Protections.None with { AggregationThreshold = 50 };
        var model = SuperApp(chat: e2e, games: aggregated, news: aggregated).Build();

        // payments and location remain: below the threshold of three contexts.
        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void RatesLower_WhenEveryContextArrivesUnderItsOwnPseudonym()
    {
        var perContext = Protections.None with { Pseudonymization = new PseudonymizationSpec("id-broker", PerContext: true) };

        var finding = Run(SuperApp(identity: perContext).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Rare);
        finding.Message.Should().Contain("own pseudonym");
    }

    [Fact]
    public void Fires_WhateverTheRoute_WhenContextsArriveFromOtherOrganizationsThroughOneStore()
    {
        var model = new SystemModelBuilder("broker")
            .Subject("people", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "people")
            .Item("purchases", DataItemKind.Financial, "people")
            .Item("visits", DataItemKind.Location, "people", precisionMetres: 50)
            .Item("reading", DataItemKind.Behavioural, "people", context: "news")
            .Process("shop", "shop-co")
            .Process("telco", "telco-co")
            .Process("publisher", "news-co")
            .Store("warehouse", "broker-co")
            .Flow("f1", "shop", "warehouse", ["phone", "purchases"], "advertising")
            .Flow("f2", "telco", "warehouse", ["phone", "visits"], "advertising")
            .Flow("f3", "publisher", "warehouse", ["phone", "reading"], "advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("warehouse");
        finding.EvidencePath.Should().Equal("f1", "f2", "f3");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Moderate);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void IsQuiet_WhenTheThirdContextIsAScoreTheOrganizationComputesItself()
    {
        var model = new SystemModelBuilder("lender")
            .Subject("borrowers", 1_000_000)
            .Item("repayments", DataItemKind.Financial, "borrowers")
            .Item("branch-visits", DataItemKind.Location, "borrowers", precisionMetres: 100)
            .Item("risk", DataItemKind.Score, "borrowers", derivedFrom: ["repayments", "branch-visits"])
            .Person("borrower", "borrowers")
            .Process("scorer", "bank")
            .Process("loan-desk", "bank")
            .Flow("f-in", "borrower", "scorer", ["repayments", "branch-visits"], "lending")
            .Flow("f-risk", "scorer", "loan-desk", ["risk"], "lending")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void NamesDropsOnEveryFlowThatBringsACutContextIn_AndMadeTogetherTheyClearTheProfile()
    {
        // A web front end also takes payments, positions and news reads: the remedy keeps the two contexts that would take
        // most drops to cut (financial and location; news ties with them and comes last by name) and cuts every other
        // context on every flow that brings it in, news on both of its flows.
        var model = SuperApp().Process("web", "superapp").Flow("f-web", "user", "web", ["user-id", "payments", "position", "news-reads"], "payment").Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Remedies.Should().OnlyContain(r => r is DropItem);
        finding.Remedies.Should().Contain([new DropItem("f-news", "news-reads"), new DropItem("f-web", "news-reads"), new DropItem("f-games", "game-play")]);
        finding.Remedies.Should().NotContain(r => ((DropItem)r).Item == "payments" || ((DropItem)r).Item == "position");
        Run(ThreatModel.Planning.DesignEdits.Apply(model, finding.Remedies)).Should().BeEmpty();
    }

    [Fact]
    public void KeepsTheContextTheOrganizationProducesItself_AndCutsOneThatAFlowBringsIn()
    {
        // Cameras record offences themselves (no flow brings them) and pass faces, positions and offences to the police store.
        var model = new SystemModelBuilder("police")
            .Organization("police")
            .Subject("residents", 1_000_000)
            .Item("face", DataItemKind.Biometric, "residents")
            .Item("position", DataItemKind.Location, "residents", precisionMetres: 10)
            .Item("offences", DataItemKind.Behavioural, "residents", context: "government")
            .Person("resident", "residents")
            .Process("cameras", "police")
            .Store("police-db", "police")
            .Flow("f-capture", "resident", "cameras", ["face", "position"], "law-enforcement")
            .Flow("f-match", "cameras", "police-db", ["face", "position", "offences"], "law-enforcement")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Remedies.Should().Equal(new DropItem("f-capture", "position"));
        var edited = ThreatModel.Planning.DesignEdits.Apply(model, finding.Remedies);
        edited.Flow("f-match").Protections.SuppressedItems.Should().Equal("position");
        Run(edited).Should().BeEmpty();
    }
}
