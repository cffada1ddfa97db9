using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class PurposeCreepRuleTests
{
    /// <summary>Citizens pay through a bank; the bank passes their loans on under <paramref name="onwardPurpose"/>.</summary>
    private static SystemModelBuilder PaymentData(string onwardPurpose = "social-scoring", Protections? onward = null, long citizens = 10_000_000) =>
        new SystemModelBuilder("payments")
            .Subject("citizens", citizens)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("scoring", "city")
            .Flow("f-pay", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-onward", "bank", "scoring", ["national-id", "loans"], onwardPurpose, onward);

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new PurposeCreepRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenPaymentDataAreUsedForSocialScoring()
    {
        var finding = Run(PaymentData().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM006");
        finding.Subjects.Should().Equal("citizens");
        finding.Items.Should().Equal("national-id", "loans");
        finding.Elements.Should().Equal("scoring");
        finding.EvidencePath.Should().Equal("f-pay", "f-onward");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Title.Should().Be("Data collected for payment are used for social-scoring at city");
    }

    [Fact]
    public void IsQuiet_WhenTheOnwardPurposeIsCompatible()
    {
        Run(PaymentData("fraud-prevention").Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheNewPurposeReceivesOnlyAggregates()
    {
        Run(PaymentData(onward: Protections.None with { AggregationThreshold = 100 }).Build()).Should().BeEmpty();
    }

    [Fact]
    public void RatesLower_WhenPeopleConsentToTheNewPurpose()
    {
        var consented = Protections.None with { Consent = true, LegalBasis = "consent" };

        var finding = Run(PaymentData(onward: consented).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Rare);
        finding.Severity.Should().Be(Severity.Low);
        finding.Message.Should().Contain("consent");
    }

    [Fact]
    public void Fires_WhenTheNewPurposeIsMisspelt_ATypoDoesNotSwitchCheckingOff()
    {
        var finding = Run(PaymentData("social-scorring").Build()).Should().ContainSingle().Subject;

        finding.Title.Should().Be("Data collected for payment are used for social-scorring at city");
        finding.Message.Should().Contain("'social-scorring' is in neither the purpose table");
    }

    [Fact]
    public void Fires_WhenDataCollectedForAnUndeclaredPurposeAreUsedForAnother()
    {
        var model = new SystemModelBuilder("unknown")
            .Subject("people", 1_000)
            .Item("thing", DataItemKind.Behavioural, "people")
            .Person("person", "people")
            .Process("a", "org-a")
            .Process("b", "org-b")
            .Flow("f1", "person", "a", ["thing"], "frobnication")
            .Flow("f2", "a", "b", ["thing"], "quuxing")
            .Build();

        Run(model).Should().ContainSingle().Which.Title.Should().Be("Data collected for frobnication are used for quuxing at org-b");
    }

    [Fact]
    public void IsQuiet_WhenAnUndeclaredPurposeContinuesUnchanged()
    {
        var model = new SystemModelBuilder("same")
            .Subject("people", 1_000)
            .Item("thing", DataItemKind.Behavioural, "people")
            .Person("person", "people")
            .Process("a", "org-a")
            .Process("b", "org-b")
            .Flow("f1", "person", "a", ["thing"], "frobnication")
            .Flow("f2", "a", "b", ["thing"], "frobnication")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void ReportsOneFindingWithBothRoutes_WhenPaymentDataReachTheScoringOfficeTwoWays()
    {
        // The bank sends loans to the city's scoring office directly and, through its ledger, to the city's profile store.
        var model = new SystemModelBuilder("two routes")
            .Subject("citizens", 1_000_000)
            .Item("loans", DataItemKind.Financial, "citizens")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Store("ledger", "bank-co")
            .Process("scoring", "city")
            .Store("profiles", "city")
            .Flow("f-pay", "citizen", "bank", ["loans"], "payment")
            .Flow("f-direct", "bank", "scoring", ["loans"], "social-scoring")
            .Flow("f-book", "bank", "ledger", ["loans"], "payment")
            .Flow("f-export", "ledger", "profiles", ["loans"], "social-scoring")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("scoring", "profiles");
        finding.EvidencePath.Should().StartWith(["f-pay", "f-direct"]).And.Contain(["f-book", "f-export"]);
        finding.Message.Should().Contain("path f-pay -> f-direct (the shortest of 2 routes)");
    }

    [Fact]
    public void ReportsTwoFindings_WhenTheSameDataAreUsedForANewPurposeAtTwoOrganizations()
    {
        var model = PaymentData()
            .Process("insurer", "insure-co")
            .Flow("f-insure", "bank", "insurer", ["national-id", "loans"], "insurance")
            .Build();

        Run(model).Select(f => f.Title).Should().BeEquivalentTo(
            "Data collected for payment are used for social-scoring at city",
            "Data collected for payment are used for insurance at insure-co");
    }

    [Fact]
    public void IsQuiet_WhenTheDesignDeclaresThePurposesCompatible()
    {
        Run(PaymentData().Purpose("social-scoring", "payment").Build()).Should().BeEmpty();
    }

    [Fact]
    public void RatesCritical_WhenContactTracingLocationsAreUsedForLawEnforcement()
    {
        var model = new SystemModelBuilder("contact tracing")
            .Subject("residents", 5_700_000)
            .Item("phone", DataItemKind.DirectIdentifier, "residents")
            .Item("proximity-log", DataItemKind.Location, "residents", precisionMetres: 2)
            .Person("resident", "residents")
            .Process("tracing", "health-ministry")
            .Process("statistics", "health-ministry")
            .Process("investigation", "police", name: "Police investigations")
            .Flow("f-trace", "resident", "tracing", ["phone", "proximity-log"], "contact-tracing")
            .Flow("f-health", "tracing", "statistics", ["proximity-log"], "public-health")
            .Flow("f-police", "tracing", "investigation", ["phone", "proximity-log"], "criminal-investigation")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Title.Should().Be("Data collected for contact-tracing are used for law-enforcement at police");
        finding.EvidencePath.Should().Equal("f-trace", "f-police");
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void FiresOnce_WhereTheNewPurposeFirstAppears_NotAtEveryLaterHop()
    {
        var model = PaymentData()
            .Process("district", "district-office")
            .Flow("f-district", "scoring", "district", ["national-id", "loans"], "social-scoring")
            .Build();

        Run(model).Should().ContainSingle().Which.Elements.Should().Equal("scoring");
    }

    [Fact]
    public void Fires_WhenAScoreDerivedFromPaymentDataReachesThePolice()
    {
        var model = PaymentData("fraud-prevention")
            .Item("risk", DataItemKind.Score, "citizens", derivedFrom: ["loans"])
            .Process("police", "police-bureau")
            .Flow("f-risk", "scoring", "police", ["risk"], "law-enforcement")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Items.Should().Equal("risk");
        finding.EvidencePath.Should().Equal("f-pay", "f-onward", "f-risk");
        finding.Title.Should().Contain("payment").And.Contain("law-enforcement");
    }

    [Fact]
    public void RatesLower_WhenANonConsequentialNewPurposeStaysInsideTheCollectingOrganization()
    {
        // A town's customers: at a million people or more who never consented the scale would raise impact (docs/severity.md).
        var model = PaymentData("fraud-prevention", citizens: 50_000)
            .Process("insights", "bank-co")
            .Flow("f-insights", "bank", "insights", ["loans"], "analytics")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Minor);
        finding.Severity.Should().Be(Severity.Medium);
        finding.Message.Should().Contain("stays inside the organization");
    }

    [Fact]
    public void IsQuiet_WhenOnlyAnIdentifierReachesTheNewPurpose()
    {
        var model = PaymentData("fraud-prevention")
            .Process("ads", "ad-co")
            .Flow("f-ads", "bank", "ads", ["national-id"], "advertising")
            .Build();

        Run(model).Should().BeEmpty();
    }
}
