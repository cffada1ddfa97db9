using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class SensitiveInferenceRuleTests
{
    private static readonly Protections Aggregated = Protections.None with { AggregationThreshold = 50 };

    /// <summary>Target-style: a retailer scores pregnancy from loyalty-card purchases and hands the score to marketing.</summary>
    private static SystemModelBuilder RetailerDesign(Protections? trainingProtections = null, bool vulnerable = false) =>
        new SystemModelBuilder("retailer")
            .Subject("shoppers", 1_000_000, vulnerable: vulnerable)
            .Item("loyalty-id", DataItemKind.PseudonymousIdentifier, "shoppers")
            .Item("purchases", DataItemKind.Behavioural, "shoppers")
            .Item("pregnancy-score", DataItemKind.Score, "shoppers", derivedFrom: ["purchases"], specialCategory: "pregnancy")
            .Person("shopper", "shoppers")
            .Process("till", "retailer")
            .Store("warehouse", "retailer", new RetentionSpec(365, true, true, SourceSpan.None))
            .Process("model", "retailer")
            .Process("marketing", "retailer")
            .Flow("f-buy", "shopper", "till", ["loyalty-id", "purchases"], "payment")
            .Flow("f-store", "till", "warehouse", ["loyalty-id", "purchases"], "analytics")
            .Flow("f-train", "warehouse", "model", ["loyalty-id", "purchases"], "analytics", trainingProtections)
            .Flow("f-target", "model", "marketing", ["loyalty-id", "pregnancy-score"], "advertising");

    /// <summary>A pharmacy whose purchase records (tagged health) go on to an ad network.</summary>
    private static SystemModelBuilder PharmacyDesign(Protections? adProtections = null, IReadOnlyList<string>? adItems = null) =>
        new SystemModelBuilder("pharmacy")
            .Subject("customers", 200_000)
            .Item("card-number", DataItemKind.DirectIdentifier, "customers")
            .Item("pharmacy-purchases", DataItemKind.Financial, "customers", specialCategory: "health")
            .Person("customer", "customers")
            .Process("pharmacy-till", "pharmacy")
            .Store("pharmacy-db", "pharmacy")
            .Process("ad-network", "ad-co")
            .Flow("f-buy", "customer", "pharmacy-till", ["card-number", "pharmacy-purchases"], "payment")
            .Flow("f-keep", "pharmacy-till", "pharmacy-db", ["card-number", "pharmacy-purchases"], "record-keeping")
            .Flow("f-ads", "pharmacy-db", "ad-network", adItems ?? ["card-number", "pharmacy-purchases"], "advertising", adProtections);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new SensitiveInferenceRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenPregnancyIsInferredFromPurchases()
    {
        var finding = Run(RetailerDesign().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM010");
        finding.Subjects.Should().Equal("shoppers");
        finding.Items.Should().Contain(["pregnancy-score", "purchases"]);
        finding.Elements.Should().Equal("model", "marketing");
        finding.EvidencePath.Should().Equal("f-buy", "f-store", "f-train", "f-target");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("pregnancy").And.Contain("purchases");
    }

    [Fact]
    public void IsQuiet_WhenTheModelSeesOnlyAggregates()
    {
        Run(RetailerDesign(Aggregated).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsCritical_WhenTheInferenceIsAboutAVulnerableGroup()
    {
        var finding = Run(RetailerDesign(vulnerable: true).Build()).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void IsQuiet_WhenThePeopleDisclosedTheSameCategoryThemselves()
    {
        var model = new SystemModelBuilder("clinic")
            .Subject("patients", 10_000)
            .Item("patient-id", DataItemKind.DirectIdentifier, "patients")
            .Item("diagnosis", DataItemKind.SpecialCategory, "patients", specialCategory: "health")
            .Item("readmission-risk", DataItemKind.Score, "patients", derivedFrom: ["diagnosis"], specialCategory: "health")
            .Person("patient", "patients")
            .Process("clinic", "hospital")
            .Process("care-planning", "hospital")
            .Flow("f-intake", "patient", "clinic", ["patient-id", "diagnosis"], "care", Protections.None with { LegalBasis = "vital-interest" })
            .Flow("f-plan", "clinic", "care-planning", ["patient-id", "readmission-risk"], "care")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenTheInferredCategoryDiffersFromTheDisclosedOne()
    {
        var model = new SystemModelBuilder("dating")
            .Subject("members", 100_000)
            .Item("member-id", DataItemKind.PseudonymousIdentifier, "members")
            .Item("hiv-status", DataItemKind.SpecialCategory, "members", specialCategory: "health")
            .Item("orientation-guess", DataItemKind.SpecialCategory, "members", derivedFrom: ["hiv-status"], specialCategory: "sexuality")
            .Person("member", "members")
            .Process("profile", "dating-co")
            .Process("segments", "dating-co")
            .Flow("f-profile", "member", "profile", ["member-id", "hiv-status"], "matching")
            .Flow("f-segment", "profile", "segments", ["member-id", "orientation-guess"], "advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Title.Should().Contain("Sexuality");
        finding.EvidencePath.Should().Equal("f-profile", "f-segment");
    }

    [Fact]
    public void Fires_AsLikely_WhenTheInferenceIsDeclaredButNoFlowCarriesIt()
    {
        var model = new SystemModelBuilder("likes")
            .Subject("users", 50_000_000)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Item("likes", DataItemKind.Behavioural, "users")
            .Item("religion-guess", DataItemKind.SpecialCategory, "users", derivedFrom: ["likes"], specialCategory: "religion")
            .Person("user", "users")
            .Process("platform", "social-co")
            .Flow("f-like", "user", "platform", ["user-id", "likes"], "social-networking")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("platform");
        finding.EvidencePath.Should().Equal("f-like");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void IsCritical_WhenTheInferenceFeedsADecision()
    {
        var decision = new DecisionSpec
        {
            Affects = ["insurance"],
            SubjectId = "drivers",
            Automated = true,
            SubjectInformed = false,
            InputsVisible = false,
            Appeal = false,
        };
        var model = new SystemModelBuilder("insurer")
            .Subject("drivers", 500_000)
            .Item("policy-id", DataItemKind.DirectIdentifier, "drivers")
            .Item("visits", DataItemKind.Location, "drivers", precisionMetres: 20)
            .Item("health-guess", DataItemKind.Score, "drivers", derivedFrom: ["visits"], specialCategory: "health")
            .Person("driver", "drivers")
            .Process("telematics", "insure-co")
            .Process("pricing", "insure-co", decision)
            .Flow("f-track", "driver", "telematics", ["policy-id", "visits"], "insurance")
            .Flow("f-price", "telematics", "pricing", ["policy-id", "health-guess"], "insurance")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void Fires_WhenTaggedPurchasesReachAnotherOrganization()
    {
        var finding = Run(PharmacyDesign().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM010");
        finding.Subjects.Should().Equal("customers");
        finding.Items.Should().Contain(["pharmacy-purchases", "card-number"]);
        finding.Elements.Should().Equal("ad-network");
        finding.EvidencePath.Should().Equal("f-buy", "f-keep", "f-ads");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("health").And.Contain("pharmacy");
    }

    [Fact]
    public void IsQuiet_WhenTaggedPurchasesAreSuppressedOnTheWayOut()
    {
        var suppress = Protections.None with { SuppressedItems = ["pharmacy-purchases"] };

        Run(PharmacyDesign(suppress).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTaggedPurchasesLeaveOnlyAsAggregates()
    {
        Run(PharmacyDesign(Aggregated).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTaggedDataStaysWithTheFirstReceiver()
    {
        var model = new SystemModelBuilder("pharmacy only")
            .Subject("customers", 200_000)
            .Item("card-number", DataItemKind.DirectIdentifier, "customers")
            .Item("pharmacy-purchases", DataItemKind.Financial, "customers", specialCategory: "health")
            .Person("customer", "customers")
            .Process("pharmacy-till", "pharmacy")
            .Store("pharmacy-db", "pharmacy")
            .Flow("f-buy", "customer", "pharmacy-till", ["card-number", "pharmacy-purchases"], "payment")
            .Flow("f-keep", "pharmacy-till", "pharmacy-db", ["card-number", "pharmacy-purchases"], "record-keeping")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void IsPossible_WhenTheReceiverGetsNoIdentifierWithTheTaggedData()
    {
        var finding = Run(PharmacyDesign(adItems: ["pharmacy-purchases"]).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void IsCritical_WhenAppUseRevealingSexualityOfAVulnerableGroupReachesAdvertisers()
    {
        var model = new SystemModelBuilder("dating app sdk")
            .Subject("members", 3_000_000, vulnerable: true)
            .Item("advertising-id", DataItemKind.PseudonymousIdentifier, "members")
            .Item("app-use", DataItemKind.Behavioural, "members", specialCategory: "sexuality")
            .Person("member", "members")
            .Process("app", "dating-co")
            .Process("ad-sdk", "ad-co")
            .Flow("f-open", "member", "app", ["advertising-id", "app-use"], "matching")
            .Flow("f-bid", "app", "ad-sdk", ["advertising-id", "app-use"], "advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("ad-sdk");
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void ReportsEachReceivingOrganizationOnce()
    {
        var model = PharmacyDesign()
            .Process("ad-store", "ad-co")
            .Process("broker", "broker-co")
            .Flow("f-ad-keep", "ad-network", "ad-store", ["card-number", "pharmacy-purchases"], "advertising")
            .Flow("f-sell", "ad-network", "broker", ["card-number", "pharmacy-purchases"], "data-sale")
            .Build();

        var findings = Run(model);

        findings.Should().HaveCount(2);
        findings.Select(f => f.Elements[0]).Should().BeEquivalentTo(["ad-network", "broker"]);
        findings.Single(f => f.Elements[0] == "ad-network").Elements.Should().Equal("ad-network", "ad-store");
    }

    [Fact]
    public void Fires_WhenAnInferenceMadeOnThePersonsOwnDeviceIsSentToAServer()
    {
        var model = new SystemModelBuilder("on-device")
            .Subject("users", 1_000_000)
            .Item("account", DataItemKind.PseudonymousIdentifier, "users")
            .Item("steps", DataItemKind.Behavioural, "users")
            .Item("depression-risk", DataItemKind.Score, "users", derivedFrom: ["steps"], specialCategory: "health")
            .Person("user", "users")
            .Process("wellness-cloud", "wellness-co")
            .Flow("f-sync", "user", "wellness-cloud", ["account", "depression-risk"], "wellness")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("wellness-cloud");
        finding.EvidencePath.Should().Equal("f-sync");
        finding.Message.Should().Contain("the people's own devices");
    }

    [Fact]
    public void IsQuiet_WhenTheInferenceStaysOnThePersonsOwnDevice()
    {
        var model = new SystemModelBuilder("on-device only")
            .Subject("users", 1_000_000)
            .Item("account", DataItemKind.PseudonymousIdentifier, "users")
            .Item("steps", DataItemKind.Behavioural, "users")
            .Item("depression-risk", DataItemKind.Score, "users", derivedFrom: ["steps"], specialCategory: "health")
            .Person("user", "users")
            .Process("wellness-cloud", "wellness-co")
            .Flow("f-sync", "user", "wellness-cloud", ["account"], "wellness")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenAnUncarriedInferenceIsComputedThroughAnIntermediateTrait()
    {
        var model = new SystemModelBuilder("trait chain")
            .Subject("users", 50_000_000)
            .Item("user-id", DataItemKind.PseudonymousIdentifier, "users")
            .Item("likes", DataItemKind.Behavioural, "users")
            .Item("personality", DataItemKind.Score, "users", derivedFrom: ["likes"])
            .Item("politics-guess", DataItemKind.SpecialCategory, "users", derivedFrom: ["personality"], specialCategory: "politics")
            .Person("user", "users")
            .Process("platform", "social-co")
            .Process("campaign", "campaign-co")
            .Flow("f-like", "user", "platform", ["user-id", "likes"], "social-networking")
            .Flow("f-sell", "platform", "campaign", ["user-id", "personality"], "political-advertising")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("platform", "campaign");
        finding.Items.Should().Contain(["politics-guess", "personality", "likes"]);
        finding.EvidencePath.Should().Equal("f-like", "f-sell");
        finding.Likelihood.Should().Be(Likelihood.Likely);
    }
}
