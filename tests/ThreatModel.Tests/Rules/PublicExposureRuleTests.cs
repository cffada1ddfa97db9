using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

public class PublicExposureRuleTests
{
    /// <summary>A court's map of debtors shown to app users: names, debts and home locations.</summary>
    private static SystemModel DebtorMap(Protections? release = null) =>
        new SystemModelBuilder("debtor map")
            .Subject("debtors", 50_000)
            .Item("name", DataItemKind.DirectIdentifier, "debtors")
            .Item("debt", DataItemKind.Financial, "debtors", stigmatizing: true)
            .Item("home", DataItemKind.Location, "debtors", precisionMetres: 10)
            .Person("debtor", "debtors")
            .Process("court", "court")
            .Process("map-service", "court")
            .Element("app-users", ElementType.OtherUsers)
            .Flow("f-case", "debtor", "court", ["name", "debt", "home"], "law-enforcement")
            .Flow("f-map", "court", "map-service", ["name", "debt", "home"], "public-shaming")
            .Flow("f-show", "map-service", "app-users", ["name", "debt", "home"], "public-shaming", release)
            .Build();

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new PublicExposureRule()]).Analyze(model).Findings;

    [Fact]
    public void Fires_WhenDebtsAreShownToOtherUsersWithNamesAndHomes()
    {
        var finding = Run(DebtorMap()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM008");
        finding.Subjects.Should().Equal("debtors");
        finding.Items.Should().Equal("debt", "name", "home");
        finding.Elements[0].Should().Be("app-users");
        finding.EvidencePath.Should().Equal("f-case", "f-map", "f-show");
        finding.Likelihood.Should().Be(Likelihood.Certain);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
        finding.Message.Should().Contain("names the person");
    }

    [Fact]
    public void IsQuiet_WhenTheAudienceGetsOnlyAggregates()
    {
        Run(DebtorMap(Protections.None with { AggregationThreshold = 20 })).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenNothingIdentifyingIsReleased()
    {
        var coarse = new Dictionary<string, Generalization> { ["home"] = new(null, 5_000, null) };

        Run(DebtorMap(Protections.None with { SuppressedItems = ["name"], Generalizations = coarse })).Should().BeEmpty();
    }

    [Fact]
    public void Fires_WhenAFaceIsShownOnAPublicScreenWithAnOffence()
    {
        var model = new SystemModelBuilder("jaywalker screen")
            .Subject("pedestrians", 12_000_000)
            .Item("face", DataItemKind.Biometric, "pedestrians")
            .Item("offence", DataItemKind.Behavioural, "pedestrians", stigmatizing: true)
            .Process("camera", "traffic-police")
            .Element("screen", ElementType.Public)
            .Flow("f-shame", "camera", "screen", ["face", "offence"], "public-shaming")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Severity.Should().Be(Severity.Critical);
        finding.EvidencePath.Should().Equal("f-shame");
        finding.Title.Should().Contain("anyone");
    }

    [Fact]
    public void Fires_WithAnEstimate_WhenQuasiIdentifiersSingleOutTheExposedPeople()
    {
        var model = new SystemModelBuilder("health list")
            .Subject("patients", 100_000)
            .QuasiIdentifier("birth-date", "patients", "birth-date")
            .QuasiIdentifier("postcode", "patients", "zip5")
            .QuasiIdentifier("sex", "patients", "sex")
            .Item("diagnosis", DataItemKind.SpecialCategory, "patients", specialCategory: "health")
            .Process("hospital", "hospital-co")
            .Element("web", ElementType.Public)
            .Flow("f-release", "hospital", "web", ["birth-date", "postcode", "sex", "diagnosis"], "research")
            .Build();

        var finding = Run(model).Should().ContainSingle().Subject;

        finding.Estimates.Should().ContainSingle().Which.Value.Should().BeGreaterThan(0.5);
        finding.Likelihood.Should().Be(Likelihood.Likely);
    }

    [Fact]
    public void IsQuiet_WhenTheStigmaIsShownWithoutAnythingThatIdentifies()
    {
        var model = new SystemModelBuilder("anonymous list")
            .Subject("debtors", 50_000)
            .Item("debt", DataItemKind.Financial, "debtors", stigmatizing: true)
            .Item("city", DataItemKind.Location, "debtors", precisionMetres: 20_000)
            .Process("court", "court")
            .Element("public", ElementType.Public)
            .Flow("f1", "court", "public", ["debt", "city"], "transparency")
            .Build();

        Run(model).Should().BeEmpty();
    }
}
