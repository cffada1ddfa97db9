using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// TM015: aggregates that show where a group gathers and moves. The designs retell the 2018 fitness heatmap that lit up
/// military bases and their patrol routes.
/// </summary>
public class GroupDisclosureRuleTests
{
    private static IReadOnlyList<Finding> Run(string yaml) =>
        new Analyzer([new GroupDisclosureRule()]).Analyze(DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow()).Findings;

    /// <summary>
    /// A fitness app publishes a heatmap of every recorded run. Soldiers spread thinly over remote provinces record their
    /// runs around their bases like everyone else; the heatmap shows a cell once a few people ran there.
    /// </summary>
    private static string Heatmap(string soldiers = "density: 0.05, vulnerable: true", string release = "aggregationThreshold: 3", string aggregate = "{}") => $$"""
        name: Global fitness heatmap
        subjects:
          - { id: soldiers, name: Soldiers on remote bases, population: 20000, {{soldiers}} }
        items:
          - { id: runs, name: recorded runs, kind: location, subject: soldiers, precision: 10, trace: { points: 500, spatialResolution: 10, temporalResolution: 1 } }
        elements:
          - { id: watch, type: person, subject: soldiers }
          - { id: activities, type: store, organization: fitness-app }
          - { id: heatmap, type: process, organization: fitness-app }
          - { id: everyone, type: public }
        flows:
          - { id: f-upload, from: watch, to: activities, items: [runs], purpose: fitness-tracking, protections: { consent: true } }
          - { id: f-aggregate, from: activities, to: heatmap, items: [runs], purpose: fitness-tracking, protections: {{aggregate}} }
          - { id: f-publish, from: heatmap, to: everyone, items: [runs], purpose: fitness-tracking, protections: { {{release}} } }
        """;

    [Fact]
    public void Fires_WhenAPublicHeatmapShowsRunsOfSoldiersSpreadThinOverRemoteProvinces()
    {
        var finding = Run(Heatmap()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM015");
        finding.Subjects.Should().Equal("soldiers");
        finding.Items.Should().Equal("runs");
        finding.Elements.Should().Equal("everyone", "heatmap"); // the audience, and the publisher where the release is decided
        finding.Remedies.Should().ContainSingle().Which.Should().Be(new AddProtection("f-publish", "exclusion-zones"));
        finding.EvidencePath.Should().Equal("f-upload", "f-aggregate", "f-publish");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Severe);
        finding.Severity.Should().Be(Severity.Critical);
        finding.Estimates.Should().ContainSingle().Which.Value.Should().BeApproximately(0.05, 1e-9);
        finding.Mitigation.Should().Contain("exclusionZones: true");
    }

    [Fact]
    public void IsQuiet_WhenBasesAndPrivateZonesAreCutOutBeforeAggregating()
    {
        Run(Heatmap(aggregate: "{ exclusionZones: true }")).Should().BeEmpty();
    }

    [Fact]
    public void StillFires_WhenTheHeatmapNeedsManyDifferentRunnersPerCell()
    {
        // Strava's March 2018 fix: heat only where several different athletes ran. A base of hundreds passes any such count.
        Run(Heatmap(release: "aggregationThreshold: 50")).Should().ContainSingle().Which.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void StillFires_WhenTheHeatmapIsDifferentiallyPrivate()
    {
        Run(Heatmap(release: "differentialPrivacy: 0.5")).Should().ContainSingle()
            .Which.Message.Should().Contain("differential privacy with epsilon 0.5").And.Contain("group privacy");
    }

    [Fact]
    public void IsQuiet_WhenTheCellsAreCoarserThanARegion()
    {
        Run(Heatmap(release: "aggregationThreshold: 3, snapToGrid: 10000")).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_ForCityRunnersWhoFillTheMapEvenly()
    {
        Run(Heatmap(soldiers: "density: 2000")).Should().BeEmpty();
    }

    [Fact]
    public void RatesHigh_ForHikersSpreadThinWhoAreNotVulnerable()
    {
        var finding = Run(Heatmap(soldiers: "density: 2")).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
    }

    [Fact]
    public void RatesPossible_ForAVulnerableGroupWhoseDensityIsUnknown()
    {
        var finding = Run(Heatmap(soldiers: "vulnerable: true")).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Possible);
        finding.Severity.Should().Be(Severity.High);
        finding.Estimates.Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_ForCountsPerDistrictOfADenseVulnerableGroup()
    {
        // Debtors per 2 km district, at least 20 per cell: statistics about where many of them live, not a map of their sites.
        Run(Heatmap(soldiers: "density: 40, vulnerable: true", release: "aggregationThreshold: 20, snapToGrid: 2000")).Should().BeEmpty();
    }

    [Fact]
    public void AlsoFires_WhenTheRunsReachThePublicRunByRun_SoThatAggregatingNeverAddsAFinding()
    {
        var finding = Run(Heatmap(release: "encryptedInTransit: true")).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(Severity.Critical);
        finding.Message.Should().Contain("position by position");
    }

    [Fact]
    public void StillFires_WhenEveryRunnerConsented_BecauseConsentDoesNotCoverTheGroup()
    {
        Run(Heatmap(release: "aggregationThreshold: 3, consent: true, legalBasis: consent")).Should().ContainSingle();
    }
}
