using ThreatModel.Formats;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Validation;

/// <summary>Warnings for what a design leaves to a default or gets subtly wrong: density, derivation sources, purposes.</summary>
public sealed class SilentDefaultWarningTests
{
    private static IReadOnlyList<Diagnostic> Read(string yaml)
    {
        var result = DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml);
        result.Succeeded.Should().BeTrue("warnings never stop a design from being analysed");
        return result.Diagnostics;
    }

    [Fact]
    public void WarnsThatTaxiDriversWithoutDensityGetTheUrbanDefault_NamingTheSubjectAndThePresets()
    {
        var diagnostics = Read("""
            name: taxi trips
            subjects:
              - id: drivers
                population: 42000
            items:
              - { id: licence, kind: direct-identifier, subject: drivers }
              - { id: pickup, kind: location, subject: drivers, precision: 10 }
            elements:
              - { id: driver, type: person, subject: drivers }
              - { id: dispatch, type: process, organization: taxi-co }
            flows:
              - { id: f-trip, from: driver, to: dispatch, items: [licence, pickup], purpose: navigation }
            """);

        var warning = diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.DefaultedDensity).Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain("'drivers'").And.Contain("'urban' default").And.Contain("7,000 people per km²")
            .And.Contain("rural, town, suburban, urban, dense-urban, very-dense, extreme");
        warning.ToString().Should().StartWith("design.yaml:3:9: warning TM2001:");
    }

    [Fact]
    public void IsQuietAboutDensity_WhenTheDesignHoldsNoPositionOfThePeople()
    {
        var diagnostics = Read("""
            name: payments
            subjects:
              - id: customers
                population: 1100000
            items:
              - { id: card, kind: direct-identifier, subject: customers }
            elements:
              - { id: customer, type: person, subject: customers }
              - { id: bank, type: process, organization: bank-co }
            flows:
              - { id: f-pay, from: customer, to: bank, items: [card], purpose: payment }
            """);

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void IsQuietAboutDensity_WhenTheSubjectStatesOne()
    {
        var diagnostics = Read("""
            name: debtors
            subjects:
              - { id: debtors, population: 100000, density: 12 }
            items:
              - { id: home, kind: location, subject: debtors, precision: 10 }
            elements:
              - { id: debtor, type: person, subject: debtors }
              - { id: court, type: process, organization: court }
            flows:
              - { id: f-home, from: debtor, to: court, items: [home], purpose: law-enforcement }
            """);

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void WarnsWhenAScoreIsDerivedFromItemsTheScoringElementNeverReceives_NamingThem()
    {
        var diagnostics = Read("""
            name: scoring
            subjects:
              - { id: residents, population: 1000 }
            items:
              - { id: payments, kind: financial, subject: residents }
              - { id: friends, kind: social-graph, subject: residents }
              - { id: debts, kind: financial, subject: residents }
              - { id: score, kind: score, subject: residents, derivedFrom: [payments, friends, debts] }
            elements:
              - { id: resident, type: person, subject: residents }
              - { id: scoring, type: process, organization: city }
              - { id: bank, type: process, organization: bank-co }
            flows:
              - { id: f-pay, from: resident, to: scoring, items: [payments], purpose: social-scoring }
              - { id: f-score, from: scoring, to: bank, items: [score], purpose: social-scoring }
            """);

        var warning = diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.SourceNotReceived).Subject;
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain("'score' is derived from 'friends', 'debts'").And.Contain("'scoring'").And.NotContain("'payments'");
        warning.Span.Line.Should().Be(8);
    }

    [Fact]
    public void IsQuietAboutDerivation_WhenTheScoringElementReceivesEverySource()
    {
        var diagnostics = Read("""
            name: scoring
            subjects:
              - { id: residents, population: 1000 }
            items:
              - { id: payments, kind: financial, subject: residents }
              - { id: score, kind: score, subject: residents, derivedFrom: [payments] }
            elements:
              - { id: resident, type: person, subject: residents }
              - { id: scoring, type: process, organization: city }
              - { id: bank, type: process, organization: bank-co }
            flows:
              - { id: f-pay, from: resident, to: scoring, items: [payments], purpose: social-scoring }
              - { id: f-score, from: scoring, to: bank, items: [score], purpose: social-scoring }
            """);

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void IsQuietAboutDerivation_WhenTheBureauComputesARatingFromAScoreItComputesItself()
    {
        // The bureau never sends the friends' score: it computes it from what it receives, then the rating from that.
        var diagnostics = Read("""
            name: bureau
            subjects:
              - { id: residents, population: 1000 }
            items:
              - { id: friends, kind: social-graph, subject: residents }
              - { id: payments, kind: financial, subject: residents }
              - { id: friend-scores, kind: score, subject: residents, derivedFrom: [friends] }
              - { id: rating, kind: score, subject: residents, derivedFrom: [payments, friend-scores] }
            elements:
              - { id: resident, type: person, subject: residents }
              - { id: bureau, type: process, organization: bureau-co }
              - { id: lender, type: process, organization: bank-co }
            flows:
              - { id: f-data, from: resident, to: bureau, items: [friends, payments], purpose: credit-scoring }
              - { id: f-rating, from: bureau, to: lender, items: [rating], purpose: credit-scoring }
            """);

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void IsQuietAboutDerivation_AtAnElementThatReceivesNothing_WhereDataEnterTheDesign()
    {
        // The operator hashes the phone numbers of its own subscribers: they are outside the design, not a missing flow.
        var diagnostics = Read("""
            name: telco
            subjects:
              - { id: subscribers, population: 1000 }
            items:
              - { id: phone, kind: direct-identifier, subject: subscribers }
              - { id: phone-hash, kind: pseudonymous-identifier, subject: subscribers, derivedFrom: [phone] }
            elements:
              - { id: telco, type: process, organization: telco-co }
              - { id: broker, type: process, organization: broker-co }
            flows:
              - { id: f-hashes, from: telco, to: broker, items: [phone-hash], purpose: advertising }
            """);

        diagnostics.Should().BeEmpty();
    }

    [Fact]
    public void WarnsAboutAMisspeltPurpose_WithDidYouMean_AtThePurpose()
    {
        var diagnostics = Read("""
            name: scoring
            subjects:
              - { id: residents, population: 1000 }
            items:
              - { id: payments, kind: financial, subject: residents }
            elements:
              - { id: resident, type: person, subject: residents }
              - { id: bank, type: process, organization: bank-co }
              - { id: scoring, type: process, organization: city }
            flows:
              - { id: f-pay, from: resident, to: bank, items: [payments], purpose: payment }
              - { id: f-score, from: bank, to: scoring, items: [payments], purpose: social-scorring }
            """);

        var warning = diagnostics.Should().ContainSingle().Subject;
        warning.Code.Should().Be(DiagnosticCodes.UnknownPurpose);
        warning.Severity.Should().Be(DiagnosticSeverity.Warning);
        warning.Message.Should().Contain("'social-scorring'").And.Contain("Did you mean 'social-scoring'?");
        warning.ToString().Should().StartWith("design.yaml:12:73: warning TM2003:");
    }

    [Fact]
    public void WarnsOncePerUnknownPurpose_WithoutGuessing_WhenNothingIsClose()
    {
        var diagnostics = Read("""
            name: games
            subjects:
              - { id: players, population: 1000 }
            items:
              - { id: hours, kind: behavioural, subject: players }
            elements:
              - { id: player, type: person, subject: players }
              - { id: app, type: process, organization: game-co }
              - { id: store, type: store, organization: game-co }
            flows:
              - { id: f-play, from: player, to: app, items: [hours], purpose: gaming }
              - { id: f-save, from: app, to: store, items: [hours], purpose: gaming }
            """);

        var warning = diagnostics.Should().ContainSingle().Subject;
        warning.Message.Should().Contain("'gaming' (also on flow 'f-save')").And.NotContain("Did you mean").And.Contain("declare it under 'purposes'");
    }

    [Fact]
    public void IsQuietAboutAPurposeTheDesignDeclares()
    {
        var diagnostics = Read("""
            name: games
            subjects:
              - { id: players, population: 1000 }
            items:
              - { id: hours, kind: behavioural, subject: players }
            elements:
              - { id: player, type: person, subject: players }
              - { id: app, type: process, organization: game-co }
            purposes:
              - { id: gaming }
            flows:
              - { id: f-play, from: player, to: app, items: [hours], purpose: gaming }
            """);

        diagnostics.Should().BeEmpty();
    }
}
