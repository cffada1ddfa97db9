using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// Issue 13: what a design can say about the adversary and the data (known points of a trace, the place of a point, a known
/// price, a rounded distance, a partial address, skewed presets) reaches the estimates. Each design is the case in
/// its own words.
/// </summary>
public class EstimateInputsTests
{
    private static SystemModel Read(string yaml) =>
        DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    private static IReadOnlyList<Finding> Check(string yaml) =>
        new Analyzer(BuiltInRules.Create()).Analyze(Read(yaml)).Findings;

    /// <summary>A release of pseudonymised card payments to researchers, with the trace block given.</summary>
    private static string Payments(string trace) => $$"""
        name: Card payments for research
        subjects:
          - id: customers
            population: 1100000
            density: urban
        items:
          - id: customer-id
            kind: direct-identifier
            subject: customers
          - id: payments
            kind: financial
            subject: customers
            trace:
        {{trace}}
        elements:
          - id: customer
            type: person
            subject: customers
          - id: bank
            type: process
            organization: bank
          - id: researchers
            type: external
            organization: university
        flows:
          - id: f-pay
            from: customer
            to: bank
            items: [customer-id, payments]
            purpose: payment
          - id: f-release
            from: bank
            to: researchers
            items: [customer-id, payments]
            purpose: research
            protections:
              suppress: [customer-id]
        """;

    private static double TraceShare(IReadOnlyList<Finding> findings) =>
        findings.Single(f => f.RuleId == "TM002").Estimates.Single(e => e.Name.Contains("known points of the trace", StringComparison.Ordinal)).Value;

    [Fact]
    public void AnAdversaryKnowingTwoPaymentsPerPerson_IsEstimatedAtTwoPoints_NotFour()
    {
        // Issue 13: "a release of two points per person had to be faked as a trace of two points".
        var four = TraceShare(Check(Payments("      points: 200\n      temporalResolution: 1440")));
        var two = TraceShare(Check(Payments("      points: 200\n      temporalResolution: 1440\n      knownPoints: 2")));

        four.Should().BeApproximately(0.90, 0.01);
        two.Should().BeLessThan(four).And.BeApproximately(0.41, 0.02);
    }

    [Fact]
    public void AKnownPrice_RaisesTheShareThePaymentsSingleOut()
    {
        var withoutPrice = TraceShare(Check(Payments("      points: 200\n      temporalResolution: 1440\n      knownPoints: 2")));
        var withPrice = TraceShare(Check(Payments("      points: 200\n      temporalResolution: 1440\n      knownPoints: 2\n      priceKnown: true")));

        withPrice.Should().BeApproximately(1 - ((1 - withoutPrice) * (1 - 0.22)), 1e-9);
    }

    [Fact]
    public void APlaceOfGridCells_IsEstimatedAsAMobilityTraceOfThatCellArea()
    {
        // A 2 km grid cell covers 4 km²; the mobility study's antenna area is 1.5 km².
        var findings = Check(Payments("      points: 200\n      spatialResolution: 2000\n      place: grid"));

        var estimate = findings.Single(f => f.RuleId == "TM002").Estimates.Single(e => e.Name.Contains("known points of the trace", StringComparison.Ordinal));
        estimate.Inputs.Should().Contain(new KeyValuePair<string, string>("model", "mobility (de Montjoye et al. 2013)"));
        estimate.Inputs.Should().Contain(new KeyValuePair<string, string>("place of a point", "grid"));
        estimate.Inputs.Should().Contain(new KeyValuePair<string, string>("coarsening factor s x t", "2.67"));
    }

    [Fact]
    public void KnownPoints_RoundTripThroughTheDesignWriter()
    {
        var model = Read(Payments("      points: 200\n      knownPoints: 3\n      place: shop\n      priceKnown: true"));

        var written = DesignWriter.ToYaml(model);
        var again = Read(written);

        again.Items.Single(i => i.Id == "payments").Trace.Should().BeEquivalentTo(model.Items.Single(i => i.Id == "payments").Trace);
    }

    [Fact]
    public void KnownPointsOfZero_IsAnErrorWithItsLine()
    {
        var result = DesignReader.Parse(Payments("      points: 200\n      knownPoints: 0"), "design.yaml", DesignFormat.Yaml);

        result.Diagnostics.Should().Contain(d => d.Message.Contains("knows 0 points", StringComparison.Ordinal) && d.Span.Line > 0);
    }

    /// <summary>A dating app showing how far other users are, from the caller's verified position.</summary>
    private static string DatingApp(string query) => $$"""
        name: Dating app distances
        subjects:
          - id: users
            population: 200000
            density: 500
        items:
          - id: phone-position
            kind: location
            subject: users
            precision: 10
        elements:
          - id: user
            type: person
            subject: users
          - id: app
            type: process
            organization: dating
          - id: others
            type: other-users
        flows:
          - id: f-report
            from: user
            to: app
            items: [phone-position]
            purpose: matching
          - id: f-distance
            from: app
            to: others
            items: [phone-position]
            purpose: matching
            query:
        {{query}}
        """;

    private static double ProximitySet(IReadOnlyList<Finding> findings) =>
        findings.Where(f => f.RuleId == "TM003").SelectMany(f => f.Estimates).Where(e => e.Name == "expected anonymity set of a disclosed position").Select(e => e.Value).DefaultIfEmpty(double.PositiveInfinity).Min();

    [Fact]
    public void ADistanceShownAsOneKilometreAway_FromTheCallersOwnPosition_HidesThePersonInThatKilometre()
    {
        // Issue 13: "a dating app that shows '1 km away'". 500 users/km² within 1 km: about 1,571.
        var exact = Check(DatingApp("      chosenBy: system\n      returns: distance"));
        var rounded = Check(DatingApp("      chosenBy: system\n      returns: distance\n      roundedToMetres: 1000"));

        ProximitySet(exact).Should().BeLessThan(10);
        ProximitySet(rounded).Should().BeGreaterThan(1_000);
    }

    [Fact]
    public void ADistanceRoundedToOneKilometre_FromPositionsTheCallerChooses_IsStillTrilaterated()
    {
        var findings = Check(DatingApp("      chosenBy: querier\n      returns: distance\n      roundedToMetres: 1000"));

        findings.Should().Contain(f => f.RuleId == "TM003");
        ProximitySet(findings).Should().BeLessThan(10);
    }

    [Fact]
    public void APartialStreetAddress_ShownToEveryone_PlacesAPersonToTheStreet()
    {
        var findings = Check("""
            name: Neighbourhood board
            settings:
              minimumAnonymitySet: 100
            subjects:
              - id: residents
                population: 50000
                density: 7000
            items:
              - id: street
                name: Street (without number)
                kind: quasi-identifier
                subject: residents
                quasiIdentifier: street
            elements:
              - id: resident
                type: person
                subject: residents
              - id: board
                type: process
                organization: board-co
              - id: public
                type: public
            flows:
              - id: f-post
                from: resident
                to: board
                items: [street]
                purpose: community
              - id: f-show
                from: board
                to: public
                items: [street]
                purpose: community
            """);

        var estimate = findings.Where(f => f.RuleId == "TM003").SelectMany(f => f.Estimates).Single(e => e.Name == "expected anonymity set of a disclosed position");
        estimate.Value.Should().BeApproximately(78, 0.5);
        estimate.Inputs.Should().Contain(new KeyValuePair<string, string>("effective precision", "250 m"));
    }
}
