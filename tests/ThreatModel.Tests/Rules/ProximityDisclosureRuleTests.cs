using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class ProximityDisclosureRuleTests
{
    /// <summary>The Hebei "map of deadbeat debtors": app users see debtors within 500 m of any position they choose.</summary>
    private static SystemModel DebtorMap(
        IReadOnlyList<string>? shown = null,
        Protections? protections = null,
        string chosenBy = "querier",
        string returns = "within-radius",
        Density? density = null,
        bool withDensity = true) =>
        new SystemModelBuilder("debtor map")
            .Subject("debtors", 50_000, withDensity ? density ?? new Density(40, null) : null, vulnerable: true, name: "debtors")
            .Item("debtor-name", DataItemKind.DirectIdentifier, "debtors", name: "Debtor's name")
            .Item("debtor-location", DataItemKind.Location, "debtors", precisionMetres: 10, name: "Debtor's live location")
            .Item("debt", DataItemKind.Financial, "debtors", stigmatizing: true, name: "Amount owed")
            .Person("debtor", "debtors")
            .Store("enforcement-db", "court")
            .Process("map-service", "court")
            .Element("app-users", ElementType.OtherUsers, name: "Map users")
            .Flow("f-judgment", "debtor", "enforcement-db", ["debtor-name", "debt", "debtor-location"], "debt-enforcement")
            .Flow("f-map-data", "enforcement-db", "map-service", ["debtor-name", "debt", "debtor-location"], "public-shaming")
            .Flow("f-nearby", "map-service", "app-users", shown ?? ["debtor-name", "debt", "debtor-location"], "public-shaming", protections,
                new ProximityQuery(chosenBy, returns, 500, SourceSpan.None))
            .Build();

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new ProximityDisclosureRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_OnTheDebtorMap_WithNamesAndPinsWithin500Metres()
    {
        var finding = Run(DebtorMap()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM003");
        finding.Subjects.Should().Equal("debtors");
        finding.Elements[0].Should().Be("app-users");
        finding.EvidencePath.Should().Equal("f-judgment", "f-map-data", "f-nearby");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
        finding.Items.Should().Contain(["debtor-location", "debtor-name", "debt"]);
        finding.Message.Should().Contain("Debtor's name").And.Contain("Amount owed").And.Contain("from any position they choose");
        finding.Estimates.Should().Contain(e => e.Name == "expected anonymity set of a disclosed position" && e.Value == 1);
    }

    [Fact]
    public void Fires_OnWithinRadiusMembershipAlone_WhenTheQuerierChoosesThePosition()
    {
        // No pins, no names: only "a debtor is within 500 m of the position you sent". Trilateration still finds them.
        var finding = Run(DebtorMap(shown: ["debt"])).Should().ContainSingle().Subject;

        finding.Title.Should().Contain("trilaterate");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Severe);
        var estimate = finding.Estimates.Should().ContainSingle().Subject;
        estimate.Inputs.Should().Contain(i => i.Key == "effective precision" && i.Value == "10 m");
        estimate.Inputs.Should().Contain(i => i.Key == "position chosen by" && i.Value == "querier");
        finding.Mitigation.Should().Contain("snapToGrid: 500");
    }

    [Fact]
    public void IsQuiet_WhenPositionsAreSnappedToACoarseGridBeforeAnyDistance_AndNoNameIsShown()
    {
        var snapped = Protections.None with { SnapToGridMetres = 2_000 };

        Run(DebtorMap(shown: ["debt"], protections: snapped)).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenSnappedToAGrid_ButNamesAreStillShown()
    {
        var snapped = Protections.None with { SnapToGridMetres = 2_000 };

        var finding = Run(DebtorMap(shown: ["debtor-name", "debt"], protections: snapped)).Should().ContainSingle().Subject;

        finding.Message.Should().Contain("neighbourhood");
        finding.Mitigation.Should().Contain("Do not show Debtor's name");
        finding.Impact.Should().Be(Impact.Severe);
    }

    [Fact]
    public void RateLimit_LowersLikelihood_ButTheFindingStands()
    {
        var limited = Protections.None with { RateLimitPerDay = 100 };

        var finding = Run(DebtorMap(shown: ["debt"], protections: limited)).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Message.Should().Contain("rate limit");
    }

    [Fact]
    public void Fires_OnRoundedDistances_FromChosenPositions()
    {
        var rounded = Protections.None with
        {
            Generalizations = new Dictionary<string, Generalization> { ["debtor-location"] = new(null, 1_000, null) },
        };

        // Distances rounded to 1 km, computed from positions the caller sends.
        var finding = Run(DebtorMap(shown: ["debt", "debtor-location"], protections: rounded, returns: "distance", density: DensityPresets.Resolve("urban")))
            .Should().ContainSingle().Subject;

        finding.Title.Should().Contain("trilaterate");
        finding.Estimates[0].Value.Should().BeLessThan(10);
        finding.Estimates[0].Inputs.Should().Contain(i => i.Key == "answer" && i.Value == "distance");
    }

    [Fact]
    public void IsQuiet_WhenAnswersComeFromTheCallersVerifiedPosition_InADenseCity()
    {
        Run(DebtorMap(shown: ["debt"], chosenBy: "system", density: DensityPresets.Resolve("dense-urban"))).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenOnlyCountsPerAreaReachTheAudience()
    {
        var counted = Protections.None with { AggregationThreshold = 20, SnapToGridMetres = 2_000 };

        Run(DebtorMap(shown: ["debt", "debtor-location"], protections: counted, chosenBy: "system", returns: "count")).Should().BeEmpty();
    }

    [Fact]
    public void UsesTheUrbanDefault_WhenTheSubjectHasNoDensity_AndSaysSo()
    {
        var finding = Run(DebtorMap(shown: ["debt"], withDensity: false)).Should().ContainSingle().Subject;

        finding.Estimates[0].Inputs.Should().Contain(i => i.Key == "density" && i.Value.Contains("default 'urban'", StringComparison.Ordinal));
        finding.Message.Should().Contain("7,000");
    }

    [Fact]
    public void Fires_WhenThePublicSeesAPreciseLocationWithAName()
    {
        var model = new SystemModelBuilder("public profiles")
            .Subject("members", 200_000, DensityPresets.Resolve("urban"))
            .Item("name", DataItemKind.DirectIdentifier, "members")
            .Item("home", DataItemKind.Location, "members", precisionMetres: 10)
            .Person("member", "members")
            .Process("site", "club")
            .Element("public", ElementType.Public)
            .Flow("f-profile", "member", "site", ["name", "home"], "membership")
            .Flow("f-page", "site", "public", ["name", "home"], "publication")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Title.Should().StartWith("Anyone can place");
    }

    [Fact]
    public void IsQuiet_WhenThePublicSeesOnlyACityLevelLocationWithoutAName()
    {
        var model = new SystemModelBuilder("city level")
            .Subject("members", 200_000, DensityPresets.Resolve("urban"))
            .Item("home", DataItemKind.Location, "members", precisionMetres: 10)
            .Process("site", "club")
            .Element("public", ElementType.Public)
            .Flow("f-page", "site", "public", ["home"], "publication",
                Protections.None with { Generalizations = new Dictionary<string, Generalization> { ["home"] = new(null, 5_000, null) } })
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_OnAStreetAddressShownWithAName()
    {
        var model = new SystemModelBuilder("address")
            .Subject("tenants", 10_000, DensityPresets.Resolve("urban"))
            .Item("name", DataItemKind.DirectIdentifier, "tenants")
            .QuasiIdentifier("address", "tenants", preset: "street-address")
            .Process("landlord", "landlord-co")
            .Element("public", ElementType.Public)
            .Flow("f-list", "landlord", "public", ["name", "address"], "shaming")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Estimates[0].Value.Should().Be(2.5);
    }

    [Fact]
    public void IsQuiet_WhenPeopleSeeOnlyTheirOwnLocation()
    {
        var model = new SystemModelBuilder("own location")
            .Subject("runners", 100_000)
            .Item("route", DataItemKind.Location, "runners", precisionMetres: 5)
            .Person("runner", "runners")
            .Process("tracker", "fitness-co")
            .Flow("f-up", "runner", "tracker", ["route"], "fitness")
            .Flow("f-down", "tracker", "runner", ["route"], "fitness")
            .Build();

        Run(model).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenAPersonOfAnotherSubjectLearnsTheLocation()
    {
        var model = new SystemModelBuilder("creditor app")
            .Subject("debtors", 50_000, new Density(40, null))
            .Subject("creditors", 5_000)
            .Item("debtor-location", DataItemKind.Location, "debtors", precisionMetres: 10)
            .Process("court-app", "court")
            .Person("creditor", "creditors")
            .Flow("f-locate", "court-app", "creditor", ["debtor-location"], "debt-collection")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Elements[0].Should().Be("creditor");
        finding.Impact.Should().Be(Impact.Major);
    }

    [Fact]
    public void ReportsOneFinding_PerAudienceAndSubject()
    {
        var model = new SystemModelBuilder("two flows")
            .Subject("users", 100_000, DensityPresets.Resolve("suburban"))
            .Item("position", DataItemKind.Location, "users", precisionMetres: 10)
            .Process("nearby", "dating-co")
            .Process("map", "dating-co")
            .Element("others", ElementType.OtherUsers)
            .Flow("f-distance", "nearby", "others", ["position"], "dating", query: new ProximityQuery("querier", "distance", null, SourceSpan.None))
            .Flow("f-map", "map", "others", ["position"], "dating")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.EvidencePath.Should().Contain(["f-distance", "f-map"]);
    }
}
