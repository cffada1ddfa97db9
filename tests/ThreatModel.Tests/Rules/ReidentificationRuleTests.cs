using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class ReidentificationRuleTests
{
    private static readonly string[] PaymentItems = ["card-number", "customer-name", "birth-date", "postcode", "gender", "amounts"];

    /// <summary>The "anonymised payments" release: names and card numbers suppressed, birth date, 5-digit postcode and gender kept.</summary>
    private static SystemModelBuilder PaymentsRelease(Protections? publish = null, bool withTrace = false, string receiver = "public") =>
        new SystemModelBuilder("anonymised payments")
            .Subject("customers", 1_100_000, name: "Card holders")
            .Item("card-number", DataItemKind.DirectIdentifier, "customers", name: "Card number")
            .Item("customer-name", DataItemKind.DirectIdentifier, "customers", name: "Customer name")
            .QuasiIdentifier("birth-date", "customers", preset: "birth-date")
            .QuasiIdentifier("postcode", "customers", preset: "zip5")
            .QuasiIdentifier("gender", "customers", preset: "gender")
            .Item("amounts", DataItemKind.Financial, "customers", name: "Monthly spending",
                trace: withTrace ? new TraceSpec(200, null, 1440) : null)
            .Person("customer", "customers")
            .Store("ledger", "payco")
            .Process("export", "payco")
            .Element("public", ElementType.Public, name: "Anyone downloading the data set")
            .Process("researchers", "university")
            .Flow("f-pay", "customer", "ledger", PaymentItems, "payment")
            .Flow("f-extract", "ledger", "export", PaymentItems, "research")
            .Flow("f-publish", "export", receiver, PaymentItems, "research",
                publish ?? Protections.None with { SuppressedItems = ["card-number", "customer-name"] });

    private static Protections Suppressed(Protections? with = null) =>
        (with ?? Protections.None) with { SuppressedItems = ["card-number", "customer-name"] };

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new ReidentificationRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenAnonymisedPaymentsKeepBirthDatePostcodeAndGender()
    {
        var finding = Run(PaymentsRelease().Build()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM002");
        finding.Subjects.Should().Equal("customers");
        finding.Items.Should().Contain(["birth-date", "postcode", "gender", "amounts"]);
        finding.Elements[0].Should().Be("public");
        finding.EvidencePath.Should().Equal("f-pay", "f-extract", "f-publish");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        var unique = finding.Estimates.Should().ContainSingle(e => e.Name == "expected share of people the quasi-identifiers single out").Subject;
        // Postcode areas of unequal size and birth dates along an age pyramid: about 57%, below the 87% of equal-sized cells.
        unique.Value.Should().BeInRange(0.45, 0.75);
        unique.Inputs.Should().Contain(i => i.Key == "population N" && i.Value == "1,100,000");
        unique.Inputs.Should().Contain(i => i.Key == "birth-date");
        finding.Message.Should().Contain("without Card number and Customer name");
    }

    [Fact]
    public void NamesTheGeneralisationThatBringsTheReleaseUnderTheThreshold()
    {
        var finding = Run(PaymentsRelease().Build()).Should().ContainSingle().Subject;

        finding.Mitigation.Should().Contain("birth-year").And.Contain("generalize: { birth-date: birth-year }").And.Contain("aggregationThreshold: 10");
        var after = finding.Estimates.Should().ContainSingle(e => e.Name == "expected share of people singled out after the change").Subject;
        after.Value.Should().BeLessThanOrEqualTo(0.05);
    }

    [Fact]
    public void IsQuiet_WhenBirthYearAndThreeDigitZipAreReleased()
    {
        var generalized = Suppressed() with
        {
            Generalizations = new Dictionary<string, Generalization>
            {
                ["birth-date"] = new(QuasiIdentifierPresets.Resolve("birth-year"), null, null),
                ["postcode"] = new(QuasiIdentifierPresets.Resolve("zip3"), null, null),
            },
        };

        Run(PaymentsRelease(generalized).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenOnlyAggregatesOverAtLeastKPeopleAreReleased()
    {
        Run(PaymentsRelease(Suppressed() with { AggregationThreshold = 20 }, withTrace: true).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenTheAggregationThresholdIsBelowTheMinimumAnonymitySet()
    {
        var finding = Run(PaymentsRelease(Suppressed() with { AggregationThreshold = 3 }).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Mitigation.Should().Contain("aggregationThreshold: 10");
        finding.Estimates.Should().Contain(e => e.Name == "expected anonymity set" && e.Value == 3);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(1.0)]
    public void IsQuiet_UnderDifferentialPrivacyWithSmallEpsilon(double epsilon)
    {
        Run(PaymentsRelease(Suppressed() with { DifferentialPrivacyEpsilon = epsilon }, withTrace: true).Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WithLowerLikelihood_UnderDifferentialPrivacyWithLargeEpsilon()
    {
        var finding = Run(PaymentsRelease(Suppressed() with { DifferentialPrivacyEpsilon = 8 }).Build()).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Estimates.SelectMany(e => e.Inputs).Should().Contain(i => i.Key == "differential privacy epsilon" && i.Value == "8");
        finding.Mitigation.Should().Contain("epsilon");
    }

    [Fact]
    public void IsQuiet_WhenTheIdentifiersAreInTheClear()
    {
        // A release with names is a disclosure, not a re-identification.
        Run(PaymentsRelease(Protections.None).Build()).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheRecordsStayInsideTheOrganization()
    {
        var model = new SystemModelBuilder("internal")
            .Subject("customers", 1_100_000)
            .QuasiIdentifier("birth-date", "customers", preset: "birth-date")
            .QuasiIdentifier("postcode", "customers", preset: "zip5")
            .Item("amounts", DataItemKind.Financial, "customers")
            .Store("ledger", "payco")
            .Store("analytics", "payco")
            .Flow("f-copy", "ledger", "analytics", ["birth-date", "postcode", "amounts"], "analytics")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenPseudonymisedRecordsGoToAPartner()
    {
        var pseudonymised = Protections.None with { Pseudonymization = new PseudonymizationSpec("payco", PerContext: true) };

        var finding = Run(PaymentsRelease(pseudonymised, receiver: "researchers").Build()).Should().ContainSingle().Subject;

        finding.Message.Should().Contain("pseudonyms");
        finding.Elements[0].Should().Be("researchers");
        finding.Likelihood.Should().Be(Likelihood.Likely);
    }

    [Fact]
    public void IsQuiet_WhenThePartnerHoldsThePseudonymKey()
    {
        var ownKey = Protections.None with { Pseudonymization = new PseudonymizationSpec("university", PerContext: false) };

        Run(PaymentsRelease(ownKey, receiver: "researchers").Build()).Should().BeEmpty();
    }

    [Fact]
    public void Fires_OnTraces_EvenAfterQuasiIdentifiersAreGeneralised()
    {
        var generalized = Suppressed() with
        {
            Generalizations = new Dictionary<string, Generalization>
            {
                ["birth-date"] = new(QuasiIdentifierPresets.Resolve("birth-year"), null, null),
                ["postcode"] = new(QuasiIdentifierPresets.Resolve("zip3"), null, null),
            },
        };

        var finding = Run(PaymentsRelease(generalized, withTrace: true).Build()).Should().ContainSingle().Subject;

        var trace = finding.Estimates.Should().ContainSingle(e => e.Name.StartsWith("expected share of people 4 known points", StringComparison.Ordinal)).Subject;
        trace.Value.Should().BeApproximately(0.90, 0.01);
        trace.Inputs.Should().Contain(i => i.Key == "points known to the adversary p" && i.Value == "4");
        finding.Mitigation.Should().Contain("suppress: [amounts]");
    }

    [Fact]
    public void Fires_OnAPseudonymisedLocationTrace_AndStaysWhenItIsCoarsened()
    {
        static SystemModel Trace(Generalization? coarser) => new SystemModelBuilder("trace release")
            .Subject("riders", 2_000_000)
            .Item("rider-id", DataItemKind.DirectIdentifier, "riders")
            .Item("trips", DataItemKind.Location, "riders", precisionMetres: 10, trace: new TraceSpec(2_000, 10, 5))
            .Process("app", "mobility-co")
            .Process("partner", "ad-co")
            .Flow("f-share", "app", "partner", ["rider-id", "trips"], "advertising",
                Protections.None with
                {
                    Pseudonymization = new PseudonymizationSpec("mobility-co", PerContext: true),
                    Generalizations = coarser is null ? new Dictionary<string, Generalization>() : new Dictionary<string, Generalization> { ["trips"] = coarser },
                })
            .Build();

        var fine = Run(Trace(null)).Should().ContainSingle().Subject;
        var coarse = Run(Trace(new Generalization(null, 2_000, 1_440))).Should().ContainSingle().Subject;

        fine.Estimates[0].Value.Should().BeGreaterThan(0.9);
        coarse.Estimates[0].Value.Should().BeLessThan(fine.Estimates[0].Value).And.BeGreaterThan(0.3);
    }

    [Fact]
    public void IsQuiet_WhenALocationTraceIsReleasedOnlyAsAggregates()
    {
        var model = new SystemModelBuilder("trace aggregates")
            .Subject("riders", 2_000_000)
            .Item("trips", DataItemKind.Location, "riders", precisionMetres: 10, trace: new TraceSpec(2_000, 10, 5))
            .Process("app", "mobility-co")
            .Element("public", ElementType.Public)
            .Flow("f-heatmap", "app", "public", ["trips"], "statistics", Protections.None with { AggregationThreshold = 50 })
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenAPreciseHomeLocationIsReleased_AndIsQuietAtOneKilometre()
    {
        static SystemModel Homes(double? generalizedPrecision) => new SystemModelBuilder("homes")
            .Subject("patients", 1_000_000, DensityPresets.Resolve("urban"))
            .Item("home", DataItemKind.Location, "patients", precisionMetres: 10)
            .Item("diagnosis", DataItemKind.SpecialCategory, "patients", specialCategory: "health")
            .Process("hospital", "hospital-co")
            .Process("registry", "research-co")
            .Flow("f-registry", "hospital", "registry", ["home", "diagnosis"], "research",
                generalizedPrecision is { } p
                    ? Protections.None with { Generalizations = new Dictionary<string, Generalization> { ["home"] = new(null, p, null) } }
                    : null)
            .Build();

        var finding = Run(Homes(null)).Should().ContainSingle().Subject;
        finding.Impact.Should().Be(Impact.Major);
        finding.Mitigation.Should().Contain("precision");
        Run(Homes(1_000)).Should().BeEmpty();
    }

    [Fact]
    public void Fires_OnASmallAnonymitySet_EvenWhenFewRecordsAreUnique()
    {
        // K = N / 5: about 0.7% unique, but each record hides a person among only about 6.
        var model = new SystemModelBuilder("small sets")
            .Subject("members", 100_000)
            .QuasiIdentifier("code", "members", cardinality: 20_000)
            .Item("fees", DataItemKind.Financial, "members")
            .Process("club", "club-co")
            .Process("sponsor", "sponsor-co")
            .Flow("f", "club", "sponsor", ["code", "fees"], "marketing")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Estimates.Should().Contain(e => e.Name == "expected share of people the quasi-identifiers single out" && e.Value < 0.05);
        finding.Estimates.Should().Contain(e => e.Name == "expected anonymity set" && e.Value < 10);
        finding.Mitigation.Should().Contain("at most").And.Contain("generalize: { code: ");
    }

    [Fact]
    public void ReportsOneFinding_ForTwoReleasesOfTheSameDataToTheSameReceiver()
    {
        var model = PaymentsRelease()
            .Process("export-2", "payco")
            .Flow("f-extract-2", "ledger", "export-2", PaymentItems, "research")
            .Flow("f-publish-2", "export-2", "public", PaymentItems, "research", Suppressed())
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.EvidencePath.Should().Contain(["f-publish", "f-publish-2"]);
        finding.Elements.Should().Contain(["public", "export", "export-2"]);
    }

    [Fact]
    public void IsQuiet_WhenTheRecordsCarryNoQuasiIdentifierOrTrace()
    {
        var model = new SystemModelBuilder("counts")
            .Subject("customers", 1_000_000)
            .Item("amounts", DataItemKind.Financial, "customers")
            .Process("bank", "bank-co")
            .Element("public", ElementType.Public)
            .Flow("f", "bank", "public", ["amounts"], "statistics")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void RatesSevere_WhenStigmatisingDataOfAVulnerableGroupCanBeReidentified()
    {
        var model = new SystemModelBuilder("hiv registry")
            .Subject("patients", 50_000, vulnerable: true)
            .QuasiIdentifier("birth-date", "patients", preset: "birth-date")
            .QuasiIdentifier("postcode", "patients", preset: "zip5")
            .Item("status", DataItemKind.SpecialCategory, "patients", specialCategory: "health", stigmatizing: true)
            .Process("clinic", "clinic-co")
            .Element("public", ElementType.Public)
            .Flow("f", "clinic", "public", ["birth-date", "postcode", "status"], "research")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
    }
}
