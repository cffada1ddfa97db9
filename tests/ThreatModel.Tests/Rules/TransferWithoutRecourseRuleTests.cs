using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class TransferWithoutRecourseRuleTests
{
    private static readonly Protections Contract = Protections.None with { LegalBasis = "contract" };
    private static readonly Protections LegitimateInterest = Protections.None with { LegalBasis = "legitimate-interest" };

    /// <summary>An EU app sends users' locations to an analytics unit abroad.</summary>
    private static SystemModelBuilder ExportDesign(string analyticsJurisdiction, Protections? exportProtections = null, bool vulnerable = false) =>
        new SystemModelBuilder("export")
            .Jurisdiction("eu", subjectRights: true, compelledAccess: false)
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Jurisdiction("ch", subjectRights: true, compelledAccess: false)
            .Organization("app-co", jurisdiction: "eu")
            .Organization("analytics-co", jurisdiction: analyticsJurisdiction)
            .Subject("users", 2_000_000, vulnerable: vulnerable)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Item("location", DataItemKind.Location, "users", precisionMetres: 10)
            .Element("user", ElementType.Person, jurisdiction: "eu", subject: "users")
            .Process("app", "app-co")
            .Process("analytics", "analytics-co")
            .Flow("f-use", "user", "app", ["user-id", "location"], "navigation", Contract)
            .Flow("f-export", "app", "analytics", ["user-id", "location"], "analytics", exportProtections ?? LegitimateInterest);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new TransferWithoutRecourseRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenDataCrossesIntoAJurisdictionWithCompelledAccessAndNoRights()
    {
        var finding = Run(ExportDesign("cn").Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM012");
        finding.Key.Should().Be("jurisdiction|analytics-co|users");
        finding.Subjects.Should().Equal("users");
        finding.Items.Should().Equal("user-id", "location");
        finding.Elements.Should().Equal("analytics");
        finding.EvidencePath.Should().Equal("f-export");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("compel access").And.Contain("cannot enforce");
    }

    [Fact]
    public void IsQuiet_WhenTheReceivingJurisdictionGivesRightsAndNoCompelledAccess()
    {
        Run(ExportDesign("ch").Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenOnlyEndToEndEncryptedContentCrosses()
    {
        var model = new SystemModelBuilder("sealed backup")
            .Jurisdiction("eu")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Organization("app-co", jurisdiction: "eu")
            .Organization("cloud-co", jurisdiction: "cn")
            .Subject("users", 1_000_000)
            .Item("messages", DataItemKind.CommunicationContent, "users")
            .Element("user", ElementType.Person, jurisdiction: "eu", subject: "users")
            .Process("app", "app-co")
            .Store("backup", "cloud-co", new RetentionSpec(30, true, true, SourceSpan.None))
            .Flow("f-send", "user", "app", ["messages"], "messaging", Contract with { EndToEndEncrypted = true })
            .Flow("f-backup", "app", "backup", ["messages"], "backup", Contract)
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenOnlyAggregatesCross()
    {
        Run(ExportDesign("cn", LegitimateInterest with { AggregationThreshold = 100 }).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsCritical_WhenMessagesOfAVulnerableGroupCrossIntoCompelledAccess()
    {
        var model = new SystemModelBuilder("dissidents")
            .Jurisdiction("eu")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Organization("app-co", jurisdiction: "eu")
            .Organization("moderation-co", jurisdiction: "cn")
            .Subject("activists", 20_000, vulnerable: true)
            .Item("account", DataItemKind.PseudonymousIdentifier, "activists")
            .Item("messages", DataItemKind.CommunicationContent, "activists")
            .Element("activist", ElementType.Person, jurisdiction: "eu", subject: "activists")
            .Process("app", "app-co")
            .Process("moderation", "moderation-co")
            .Flow("f-send", "activist", "app", ["account", "messages"], "messaging", Contract)
            .Flow("f-moderate", "app", "moderation", ["account", "messages"], "moderation", Contract)
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void Fires_OnlyForCompelledAccess_WhenPeopleKeepTheirRightsThere()
    {
        var model = new SystemModelBuilder("cloud act")
            .Jurisdiction("eu")
            .Jurisdiction("us", subjectRights: true, compelledAccess: true)
            .Organization("app-co", jurisdiction: "eu")
            .Organization("cloud-co", jurisdiction: "us")
            .Subject("users", 1_000_000)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Item("orders", DataItemKind.Behavioural, "users")
            .Process("app", "app-co")
            .Process("cloud", "cloud-co")
            .Flow("f-host", "app", "cloud", ["user-id", "orders"], "hosting", Contract)
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Message.Should().Contain("compel access").And.NotContain("cannot enforce");
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void IsQuiet_ForJurisdictions_WhenTheSendersJurisdictionIsUnspecified()
    {
        var model = new SystemModelBuilder("unknown origin")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true)
            .Organization("analytics-co", jurisdiction: "cn")
            .Subject("users", 1_000_000)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Process("app", "app-co")
            .Process("analytics", "analytics-co")
            .Flow("f-export", "app", "analytics", ["user-id"], "analytics", Contract)
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_OncePerReceivingOrganizationAndSubject_WhenFlowsLackALegalBasis()
    {
        var model = new SystemModelBuilder("broker")
            .Subject("customers", 500_000)
            .Item("email", DataItemKind.DirectIdentifier, "customers")
            .Item("orders", DataItemKind.Behavioural, "customers")
            .Item("returns", DataItemKind.Behavioural, "customers")
            .Process("shop", "shop-co")
            .Process("broker-intake", "broker-co")
            .Store("broker-db", "broker-co")
            .Flow("f-orders", "shop", "broker-intake", ["email", "orders"], "data-sale")
            .Flow("f-returns", "shop", "broker-db", ["email", "returns"], "data-sale")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Key.Should().Be("legal-basis|broker-co|customers");
        finding.Elements.Should().Equal("broker-intake", "broker-db");
        finding.EvidencePath.Should().Equal("f-orders", "f-returns");
        finding.Items.Should().Equal("email", "orders", "returns");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void RatesCollectionWithoutALegalBasisLowerThanATransfer()
    {
        var model = new SystemModelBuilder("signup")
            .Subject("users", 100_000)
            .Item("email", DataItemKind.DirectIdentifier, "users")
            .Person("user", "users")
            .Process("app", "app-co")
            .Flow("f-signup", "user", "app", ["email"], "account")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Title.Should().Contain("collects");
        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(Severity.Low);
    }

    [Fact]
    public void IsQuiet_WhenConsentIsRecordedOnTheFlow()
    {
        var model = new SystemModelBuilder("consented")
            .Subject("users", 100_000)
            .Item("email", DataItemKind.DirectIdentifier, "users")
            .Person("user", "users")
            .Process("app", "app-co")
            .Process("newsletter", "mail-co")
            .Flow("f-signup", "user", "app", ["email"], "account", Contract)
            .Flow("f-news", "app", "newsletter", ["email"], "marketing", Protections.None with { Consent = true })
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenFlowsStayInsideOneOrganization()
    {
        var model = new SystemModelBuilder("internal")
            .Subject("users", 100_000)
            .Item("email", DataItemKind.DirectIdentifier, "users")
            .Process("app", "app-co")
            .Store("db", "app-co")
            .Flow("f-keep", "app", "db", ["email"], "account")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_ForLegalBasis_WhenDataGoesBackToThePersonItIsAbout()
    {
        var model = new SystemModelBuilder("own data")
            .Subject("users", 100_000)
            .Item("statement", DataItemKind.Financial, "users")
            .Person("user", "users")
            .Process("bank", "bank-co")
            .Flow("f-statement", "bank", "user", ["statement"], "account")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void TreatsAnUploadedAddressBookAsATransferAboutOtherPeople()
    {
        var model = new SystemModelBuilder("address book")
            .Subject("users", 100_000)
            .Subject("contacts", 2_000_000)
            .Item("contact-phones", DataItemKind.DirectIdentifier, "contacts")
            .Person("user", "users")
            .Process("app", "app-co")
            .Flow("f-upload", "user", "app", ["contact-phones"], "find-friends")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Subjects.Should().Equal("contacts");
        finding.Title.Should().NotContain("collects");
        finding.Likelihood.Should().Be(Likelihood.Likely);
    }

    /// <summary>An EU app keeps users' locations in a store abroad, where users cannot enforce their rights but no authority compels access.</summary>
    private static SystemModel RightlessStore(RetentionSpec? retention = null, bool compelled = false) =>
        new SystemModelBuilder("store abroad")
            .Jurisdiction("eu", subjectRights: true, compelledAccess: false)
            .Jurisdiction("abroad", subjectRights: false, compelledAccess: compelled)
            .Organization("app-co", jurisdiction: "eu")
            .Organization("host-co", jurisdiction: "abroad")
            .Subject("users", 200_000)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Item("location", DataItemKind.Location, "users", precisionMetres: 10)
            .Element("user", ElementType.Person, jurisdiction: "eu", subject: "users")
            .Process("app", "app-co")
            .Store("records", "host-co", retention)
            .Flow("f-use", "user", "app", ["user-id", "location"], "navigation", Contract)
            .Flow("f-keep", "app", "records", ["user-id", "location"], "navigation", Contract)
            .Build();

    [Fact]
    public void NamesMovingTheReceiverHome_AndRightsByDesign_WhenTheDataLosesOnlyRights()
    {
        var finding = Run(RightlessStore()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.High);
        finding.Remedies.Should().Contain([new MoveToJurisdiction("records", "eu"), new GrantRights("records")]);
        Run(ThreatModel.Planning.DesignEdits.Apply(RightlessStore(), new MoveToJurisdiction("records", "eu"))).Should().BeEmpty();
    }

    [Fact]
    public void LowersTheLikelihood_WhenTheReceivingStoreLetsPeopleCorrectAndDelete_ByDesign()
    {
        var finding = Run(RightlessStore(new RetentionSpec(null, Deletion: true, Correction: true, SourceSpan.None))).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(SeverityMatrix.Of(Likelihood.Possible, finding.Impact)).And.Be(Severity.Medium);
        finding.Message.Should().Contain("which no independent authority enforces");
        finding.Remedies.Should().NotContain(new GrantRights("records"));
    }

    [Fact]
    public void RightsByDesign_DoNothingAgainstCompelledAccess()
    {
        var finding = Run(RightlessStore(new RetentionSpec(null, Deletion: true, Correction: true, SourceSpan.None), compelled: true)).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.High);
        finding.Remedies.Should().NotContain(r => r is GrantRights || r is MoveToJurisdiction);
    }
}
