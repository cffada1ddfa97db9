using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class NonRepudiationRuleTests
{
    private static readonly Protections Deniable = Protections.None with { DeniableRecords = true };

    /// <summary>An e-voting service whose ballot store the design marks as keeping attributable records.</summary>
    private static SystemModelBuilder VotingDesign(Protections? voteProtections = null, IReadOnlyList<string>? voteItems = null, bool vulnerable = false) =>
        new SystemModelBuilder("e-voting")
            .Subject("voters", 5_000_000, vulnerable: vulnerable)
            .Item("voter-id", DataItemKind.DirectIdentifier, "voters")
            .Item("ballot", DataItemKind.Behavioural, "voters", context: "voting")
            .Person("voter", "voters")
            .Element("ballot-box", ElementType.Store, organization: "election-office", attributable: true)
            .Flow("f-vote", "voter", "ballot-box", voteItems ?? ["voter-id", "ballot"], "election", voteProtections);

    /// <summary>A messaging service that stores message content with the sender's phone number.</summary>
    private static SystemModelBuilder MessagingDesign(Protections? sendProtections = null, string? jurisdiction = null) =>
        new SystemModelBuilder("messaging")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Subject("users", 1_000_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Item("messages", DataItemKind.CommunicationContent, "users")
            .Person("user", "users")
            .Process("chat", "chat-co", jurisdiction: jurisdiction)
            .Store("history", "chat-co", new RetentionSpec(30, true, true, SourceSpan.None), jurisdiction: jurisdiction)
            .Flow("f-send", "user", "chat", ["phone", "messages"], "messaging", sendProtections)
            .Flow("f-log", "chat", "history", ["phone", "messages"], "messaging", sendProtections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new NonRepudiationRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenAnAttributableBallotStoreKeepsTheVoterId()
    {
        var finding = Run(VotingDesign().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM014");
        finding.Key.Should().Be("ballot-box");
        finding.Subjects.Should().Equal("voters");
        finding.Items.Should().Equal("ballot", "voter-id");
        finding.Elements.Should().Equal("ballot-box");
        finding.EvidencePath.Should().Equal("f-vote");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void IsQuiet_WhenTheAttributableStoreReceivesOnlyDeniableRecords()
    {
        Run(VotingDesign(Deniable).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsPossible_WhenTheFlaggedStoreReadsNoIdentifier()
    {
        var finding = Run(VotingDesign(voteItems: ["ballot"]).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void IsLikely_WhenTheStoreReadsOnlyAPseudonymSomeoneElseCanRelink()
    {
        var pseudonymized = Protections.None with { Pseudonymization = new PseudonymizationSpec("registrar", PerContext: true) };

        var finding = Run(VotingDesign(pseudonymized).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
    }

    [Fact]
    public void IsCritical_WhenAttendanceOfAVulnerableGroupIsKeptAttributably()
    {
        var finding = Run(VotingDesign(vulnerable: true).Build()).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void Fires_WhenAStoreLogsMessageContentWithTheSendersPhone()
    {
        var finding = Run(MessagingDesign().Build()).Should().ContainSingle().Subject;

        finding.Key.Should().Be("history");
        finding.Items.Should().Equal("messages", "phone");
        finding.EvidencePath.Should().Equal("f-send", "f-log");
        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Impact.Should().Be(Impact.Moderate);
        finding.Severity.Should().Be(Severity.Low);
    }

    [Fact]
    public void IsLikely_WhenLoggedMessagesSitWhereAuthoritiesCanCompelAccess()
    {
        var finding = Run(MessagingDesign(jurisdiction: "cn").Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Message.Should().Contain("compel access");
    }

    [Fact]
    public void IsQuiet_WhenMessageContentIsEndToEndEncrypted()
    {
        Run(MessagingDesign(Protections.None with { EndToEndEncrypted = true }).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenMessagesUseDeniableAuthentication()
    {
        Run(MessagingDesign(Deniable).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_OnAnOrdinaryStoreWithoutTheFlagOrMessageContent()
    {
        var model = new SystemModelBuilder("orders")
            .Subject("customers", 100_000)
            .Item("email", DataItemKind.DirectIdentifier, "customers")
            .Item("orders", DataItemKind.Behavioural, "customers")
            .Person("customer", "customers")
            .Process("shop", "shop-co")
            .Store("order-db", "shop-co")
            .Flow("f-order", "customer", "shop", ["email", "orders"], "contract")
            .Flow("f-keep", "shop", "order-db", ["email", "orders"], "contract")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenAProcessOnlyRelaysMessageContent()
    {
        var model = new SystemModelBuilder("relay")
            .Subject("users", 100_000)
            .Item("phone", DataItemKind.DirectIdentifier, "users")
            .Item("messages", DataItemKind.CommunicationContent, "users")
            .Person("alice", "users")
            .Person("bob", "users")
            .Process("relay", "chat-co")
            .Flow("f-send", "alice", "relay", ["phone", "messages"], "messaging")
            .Flow("f-deliver", "relay", "bob", ["phone", "messages"], "messaging")
            .Build();

        Run(model).Should().BeEmpty();
    }
}
