using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// Rules agree about the same data: a protection one rule honours, every rule honours (issue 9). Each design is written
/// from the words of the report that found the disagreement.
/// </summary>
public class ProtectionConsistencyTests
{
    private static SystemModel Read(string yaml) =>
        DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    private static IReadOnlyList<Finding> Check(string yaml) =>
        new Analyzer(BuiltInRules.Create()).Analyze(Read(yaml)).Findings;

    /// <summary>A dating app whose "nearby" answer snaps both positions to a fixed grid, with a rate limit.</summary>
    private static string DatingApp(double grid) => $$"""
        name: Dating app nearby
        subjects:
          - id: users
            name: Dating app users
            population: 100000
            density: 66
        items:
          - id: phone-position
            name: Phone position
            kind: location
            subject: users
            precision: 10
          - id: orientation
            name: Sexual orientation
            kind: special-category
            subject: users
          - id: profile-name
            name: Profile name
            kind: pseudonymous-identifier
            subject: users
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
            items: [phone-position, orientation, profile-name]
            purpose: matching
          - id: f-nearby
            from: app
            to: others
            items: [phone-position, orientation, profile-name]
            purpose: matching
            protections:
              snapToGrid: {{grid}}
              rateLimit: 100
            query:
              chosenBy: querier
              returns: distance
        """;

    [Fact]
    public void SnapToGrid_OnANearbyAnswer_IsHonouredByReidentificationAsByProximity()
    {
        var findings = Check(DatingApp(8000));

        findings.Should().NotContain(f => f.RuleId == "TM002", "an 8 km cell at 66 users/km² holds about 4,200 users");
        findings.Should().NotContain(f => f.RuleId == "TM003");
    }

    [Fact]
    public void SnapToGrid_OnANearbyAnswer_IsHonouredByPublicExposure()
    {
        var findings = Check(DatingApp(8000));

        findings.Where(f => f.RuleId == "TM008").Should().NotContain(f => f.Message.Contains("Phone position", StringComparison.Ordinal));
        findings.Where(f => f.RuleId == "TM008").Should().NotContain(f => f.Severity == Severity.Critical);
    }

    [Fact]
    public void PositionsReleasedOnA1KilometreGrid_AreRatedAtTheGrid_ByEveryRule()
    {
        var findings = Check("""
            name: Grid release
            subjects:
              - id: riders
                name: Riders
                population: 100000
                density: 66
            items:
              - id: position
                name: Trip position
                kind: location
                subject: riders
                precision: 10
            elements:
              - id: rider
                type: person
                subject: riders
              - id: operator
                type: process
                organization: op
              - id: public
                type: public
            flows:
              - id: f-collect
                from: rider
                to: operator
                items: [position]
                purpose: service
              - id: f-release
                from: operator
                to: public
                items: [position]
                purpose: research
                protections:
                  snapToGrid: 1000
            """);

        findings.Should().NotContain(f => f.RuleId == "TM002" || f.RuleId == "TM003");
    }

    [Fact]
    public void PositionsFinerThanOnePerson_AreRatedNearlyAllUnique_NotAtTheCellFormulasArtefact()
    {
        // 10 m at 66 people/km² is far finer than one person: every position is its own value. 36.8 % (e^-1) was the
        // value the cell formula gives when cells equal people.
        var release = Check("""
            name: Raw release
            subjects:
              - id: riders
                name: Riders
                population: 100000
                density: 66
            items:
              - id: position
                name: Trip position
                kind: location
                subject: riders
                precision: 10
            elements:
              - id: rider
                type: person
                subject: riders
              - id: operator
                type: process
                organization: op
              - id: researchers
                type: external
                organization: uni
            flows:
              - id: f-collect
                from: rider
                to: operator
                items: [position]
                purpose: service
              - id: f-release
                from: operator
                to: researchers
                items: [position]
                purpose: research
            """).Single(f => f.RuleId == "TM002");

        release.Title.Should().NotContain("36.8 %");
        release.Estimates.Single(e => e.Name == "expected share of people the quasi-identifiers single out").Value.Should().BeGreaterThan(0.9);
    }

    private static string NearbyDebtors(string chosenBy, string returns, double? grid = null, double density = 40) => $$"""
        name: Debtors nearby
        subjects:
          - id: debtors
            name: Debtors
            population: 50000
            density: {{density}}
        items:
          - id: debtor-name
            name: Debtor's name
            kind: direct-identifier
            subject: debtors
          - id: debtor-location
            name: Debtor's location
            kind: location
            subject: debtors
            precision: 10
        elements:
          - id: debtor
            type: person
            subject: debtors
          - id: map
            type: process
            organization: court
          - id: app-users
            type: other-users
        flows:
          - id: f-judgment
            from: debtor
            to: map
            items: [debtor-name, debtor-location]
            purpose: enforcement
          - id: f-nearby
            from: map
            to: app-users
            items: [debtor-name, debtor-location]
            purpose: enforcement
        {{(grid is { } g ? $"    protections:\n      snapToGrid: {g}\n" : string.Empty)}}    query:
              chosenBy: {{chosenBy}}
              returns: {{returns}}
              radius: 500
        """;

    [Fact]
    public void AWithinRadiusAnswerFromTheCallersVerifiedPosition_DisclosesTheDisk_NotTheCarriedPosition()
    {
        var finding = Check(NearbyDebtors("system", "within-radius")).Single(f => f.RuleId == "TM003");

        finding.Title.Should().Contain("within about 500 m").And.NotContain("within about 20 m");
        finding.Likelihood.Should().Be(Likelihood.Likely, "the position is not shown: a named debtor is placed within the 500 m disk");
        finding.Estimates.Single(e => e.Name == "expected anonymity set of a disclosed position").Value.Should().BeApproximately(31.4, 0.1,
            "the 500 m disk at 40 debtors/km² holds about 31 debtors (docs/estimation.md)");
    }

    [Fact]
    public void AWithinRadiusAnswerFromAChosenPosition_StillShowsTheCarriedPositionExactly()
    {
        var finding = Check(NearbyDebtors("querier", "within-radius")).Single(f => f.RuleId == "TM003");

        finding.Severity.Should().Be(Severity.Critical);
    }

    [Fact]
    public void ProximityMitigation_OnADesignAlreadySnappedToA1000MetreGrid_ProposesACoarserGrid()
    {
        // At 250 debtors/km² a 200 m cell holds 10: the old advice, though the design already snaps to 1,000 m.
        var finding = Check(NearbyDebtors("querier", "distance", grid: 1000, density: 250)).Single(f => f.RuleId == "TM003");

        finding.Mitigation.Should().NotContain("snapToGrid: 200").And.NotContain("snapToGrid: 1000)");
        var proposed = System.Text.RegularExpressions.Regex.Matches(finding.Mitigation, @"snapToGrid: (\d+)").Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        proposed.Should().NotBeEmpty().And.OnlyContain(cell => cell > 1000);
    }

    [Fact]
    public void KeylessMd5OfTaxiLicenceNumbers_PublishedInTripRecords_IsFoundAsALinkableIdentifier()
    {
        // NYC taxi 2014: trip records published with an unsalted MD5 of the hack licence number.
        var findings = Check("""
            name: NYC taxi trips 2014
            subjects:
              - id: drivers
                name: Taxi drivers
                population: 42000
                density: 10
            items:
              - id: hack-licence
                name: Hack licence number
                kind: direct-identifier
                subject: drivers
              - id: hashed-licence
                name: MD5 of the hack licence number
                kind: pseudonymous-identifier
                subject: drivers
                linkability: hashed
                derivedFrom: [hack-licence]
              - id: fare
                name: Fare and tip
                kind: financial
                subject: drivers
              - id: pickup
                name: Pickup position
                kind: location
                subject: drivers
                precision: 10
            elements:
              - id: driver
                type: person
                subject: drivers
              - id: tlc
                name: Taxi and Limousine Commission
                type: process
                organization: tlc
              - id: public
                type: public
            flows:
              - id: f-trip
                from: driver
                to: tlc
                items: [hack-licence, pickup, fare]
                purpose: regulation
              - id: f-foil
                from: tlc
                to: public
                items: [hashed-licence, pickup, fare]
                purpose: transparency
            """);

        var tracking = findings.Single(f => f.RuleId == "TM011");
        tracking.Elements.Should().Contain("public");
        tracking.Items.Should().Contain(["hack-licence", "hashed-licence"]);
        tracking.Likelihood.Should().Be(Likelihood.Certain);
        findings.Should().NotContain(f => f.RuleId == "TM002" && f.Message.Contains("without Hack licence number", StringComparison.Ordinal));
    }

    private static string HashedPhoneUpload(bool partnerCollectsPhonesItself) => $$"""
        name: Shop uploads hashed phones
        subjects:
          - id: customers
            name: Customers
            population: 100000
        items:
          - id: phone
            name: Phone number
            kind: direct-identifier
            subject: customers
          - id: phone-hash
            name: Hashed phone number
            kind: pseudonymous-identifier
            subject: customers
            linkability: hashed
            derivedFrom: [phone]
        elements:
          - id: customer
            type: person
            subject: customers
          - id: shop
            type: process
            organization: shop
          - id: ads
            type: process
            organization: adco
        flows:
          - id: f-checkout
            from: customer
            to: shop
            items: [phone]
            purpose: order-fulfilment
          - id: f-upload
            from: shop
            to: ads
            items: [phone-hash]
            purpose: advertising
        {{(partnerCollectsPhonesItself ? "  - id: f-ad-signup\n    from: customer\n    to: ads\n    items: [phone]\n    purpose: advertising\n" : string.Empty)}}
        """;

    [Fact]
    public void AHashedPhoneUploadedToAnAdPartner_IsRatedNoLower_WhenThePartnerAlsoCollectsPhonesItself()
    {
        var alone = Check(HashedPhoneUpload(false)).Single(f => f.RuleId == "TM011");
        var also = Check(HashedPhoneUpload(true)).Single(f => f.RuleId == "TM011");

        ((int)also.Likelihood).Should().BeGreaterThanOrEqualTo((int)alone.Likelihood);
        ((int)also.Severity).Should().BeGreaterThanOrEqualTo((int)alone.Severity);
        also.EvidencePath.Should().Contain("f-upload");
    }

    [Fact]
    public void ReidentificationTitle_NamesTheLevelAReleaseGeneralisesZipTo()
    {
        var finding = Check("""
            name: Hospital discharge release
            subjects:
              - id: patients
                name: Patients
                population: 1000000
            items:
              - id: zip
                name: 5-digit ZIP
                kind: quasi-identifier
                subject: patients
                quasiIdentifier: zip5
              - id: birth-date
                name: Birth date
                kind: quasi-identifier
                subject: patients
                quasiIdentifier: birth-date
              - id: sex
                name: Sex
                kind: quasi-identifier
                subject: patients
                quasiIdentifier: sex
            elements:
              - id: patient
                type: person
                subject: patients
              - id: hospital
                type: process
                organization: hospital
              - id: buyer
                type: external
                organization: data-buyer
            flows:
              - id: f-admit
                from: patient
                to: hospital
                items: [zip, birth-date, sex]
                purpose: care
              - id: f-release
                from: hospital
                to: buyer
                items: [zip, birth-date, sex]
                purpose: research
                protections:
                  generalize:
                    zip: county
            """).Single(f => f.RuleId == "TM002");

        finding.Title.Should().Contain("county").And.NotContain("5-digit ZIP");
    }
}
