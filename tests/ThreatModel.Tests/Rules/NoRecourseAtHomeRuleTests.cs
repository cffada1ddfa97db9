using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// TM016: data kept or decided on at home, in a jurisdiction without enforceable rights (issue 13: "in a jurisdiction
/// without enforceable subject rights, declaring a legal basis on every flow removes all its findings").
/// </summary>
public class NoRecourseAtHomeRuleTests
{
    private static IReadOnlyList<Finding> Run(string yaml, params IPrivacyRule[] rules) =>
        new Analyzer(rules.Length > 0 ? rules : [new NoRecourseAtHomeRule()])
            .Analyze(DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow()).Findings;

    /// <summary>
    /// A lender in a country whose law gives borrowers no rights over their data: the app sends the loan application to
    /// the lender's store, a scoring process decides on credit from it, and every flow declares a legal basis and consent.
    /// </summary>
    private static string Lender(string home = "subjectRights: false", string protections = "{ legalBasis: contract, consent: true }") => $$"""
        name: Lender at home
        jurisdictions:
          - { id: home, name: Home country, {{home}} }
        organizations:
          - { id: lender, name: Lender, jurisdiction: home }
        subjects:
          - { id: borrowers, name: Borrowers, population: 40000 }
        items:
          - { id: borrower-id, kind: direct-identifier, subject: borrowers }
          - { id: income, kind: financial, subject: borrowers }
        elements:
          - { id: applicant, type: person, subject: borrowers, jurisdiction: home }
          - { id: applications, type: store, organization: lender }
          - id: scoring
            type: process
            organization: lender
            decision: { affects: [credit], subject: borrowers, automated: true, informed: true, inputsVisible: true, appeal: true }
        flows:
          - { id: f-apply, from: applicant, to: applications, items: [borrower-id, income], purpose: credit-scoring, protections: {{protections}} }
          - { id: f-score, from: applications, to: scoring, items: [borrower-id, income], purpose: credit-scoring, protections: {{protections}} }
        """;

    [Fact]
    public void Fires_WhenALenderKeepsAndDecidesOnDataWhereBorrowersHaveNoRights_EvenWithALegalBasisOnEveryFlow()
    {
        var finding = Run(Lender()).Should().ContainSingle().Subject;

        finding.RuleId.Should().Be("TM016");
        finding.Key.Should().Be("lender|borrowers");
        finding.Subjects.Should().Equal("borrowers");
        finding.Items.Should().Equal("borrower-id", "income");
        finding.Elements.Should().Equal("applications", "scoring");
        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Impact.Should().Be(Impact.Major);
        finding.Severity.Should().Be(Severity.High);
        finding.Message.Should().Contain("Home country").And.Contain("declares a legal basis or consent");
    }

    [Fact]
    public void IsQuiet_WhenTheHomeJurisdictionGivesEnforceableRights()
    {
        Run(Lender(home: "subjectRights: true")).Should().BeEmpty();
    }

    [Fact]
    public void IsQuiet_WhenTheTransferRuleAlreadyReportsTheCrossingIntoTheJurisdiction()
    {
        // An EU shop sends customer records to a store abroad: TM012 reports the loss of rights at the border, TM016 does not repeat it.
        const string yaml = """
            name: Export
            jurisdictions:
              - { id: eu, name: EU, subjectRights: true }
              - { id: abroad, name: Abroad, subjectRights: false }
            organizations:
              - { id: shop, jurisdiction: eu }
              - { id: warehouse, jurisdiction: abroad }
            subjects:
              - { id: customers, population: 10000 }
            items:
              - { id: email, kind: direct-identifier, subject: customers }
            elements:
              - { id: shop-app, type: process, organization: shop }
              - { id: records, type: store, organization: warehouse }
            flows:
              - { id: f-export, from: shop-app, to: records, items: [email], purpose: marketing, protections: { legalBasis: contract } }
            """;

        var findings = Run(yaml, new NoRecourseAtHomeRule(), new TransferWithoutRecourseRule());

        findings.Should().ContainSingle().Which.RuleId.Should().Be("TM012");
    }

    [Fact]
    public void IsQuiet_WhenOnlyAggregatesAreKeptThere()
    {
        Run(Lender(protections: "{ aggregationThreshold: 20 }")).Should().BeEmpty();
    }

    [Fact]
    public void RatesModerate_ForAShopKeepingAddressesWhereCustomersHaveNoRights()
    {
        const string yaml = """
            name: Shop at home
            jurisdictions:
              - { id: home, name: Home country, subjectRights: false }
            organizations:
              - { id: shop, jurisdiction: home }
            subjects:
              - { id: customers, population: 10000 }
            items:
              - { id: address, kind: quasi-identifier, subject: customers, quasiIdentifier: postcode }
            elements:
              - { id: customer, type: person, subject: customers, jurisdiction: home }
              - { id: orders, type: store, organization: shop }
            flows:
              - { id: f-order, from: customer, to: orders, items: [address], purpose: delivery, protections: { legalBasis: contract } }
            """;

        var finding = Run(yaml).Should().ContainSingle().Subject;

        finding.Impact.Should().Be(Impact.Moderate);
        finding.Severity.Should().Be(Severity.Medium);
    }

    [Fact]
    public void NamesGrantRights_AtTheStoreWithout_AndMadeItLowersTheLikelihood_SoTheFindingStaysAtMedium()
    {
        // The scoring decision already informs, shows its inputs and takes appeals; the store lets no one correct or delete.
        var finding = Run(Lender()).Single();

        finding.Remedies.Should().Equal(new GrantRights("applications"));
        var edited = DesignEdits.Apply(DesignReader.Parse(Lender(), "design.yaml", DesignFormat.Yaml).GetModelOrThrow(), finding.Remedies);
        var after = new Analyzer([new NoRecourseAtHomeRule()]).Analyze(edited).Findings.Should().ContainSingle().Subject;

        after.Fingerprint.Should().Be(finding.Fingerprint);
        after.Likelihood.Should().Be(Likelihood.Possible);
        after.Impact.Should().Be(finding.Impact);
        after.Severity.Should().Be(SeverityMatrix.Of(Likelihood.Possible, Impact.Major)).And.Be(Severity.Medium);
        after.Message.Should().Contain("no independent authority enforces it");
    }

    [Fact]
    public void KeepsTheLikelihood_WhileOneDecisionOfTheParty_GivesNoRights()
    {
        var yaml = Lender().Replace("informed: true, inputsVisible: true, appeal: true", "informed: true", StringComparison.Ordinal)
            .Replace("- { id: applications, type: store, organization: lender }", "- { id: applications, type: store, organization: lender, retention: { deletion: true, correction: true } }", StringComparison.Ordinal);

        var finding = Run(yaml).Should().ContainSingle().Subject;

        finding.Likelihood.Should().Be(Likelihood.Likely);
        finding.Remedies.Should().Equal(new GrantRights("scoring"));
    }

    [Fact]
    public void NamesMoveToJurisdiction_First_WhenTheDesignDeclaresOneWithRights_AndMadeItRemovesTheFinding()
    {
        var yaml = Lender().Replace("- { id: home, name: Home country, subjectRights: false }",
            "- { id: home, name: Home country, subjectRights: false }\n  - { id: eu, name: European Union, subjectRights: true }", StringComparison.Ordinal);
        var model = DesignReader.Parse(yaml, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

        var finding = Run(yaml).Should().ContainSingle().Subject;

        finding.Remedies.Should().StartWith([new MoveToJurisdiction("applications", "eu"), new MoveToJurisdiction("scoring", "eu")]);
        var moves = finding.Remedies.OfType<MoveToJurisdiction>().ToList();
        new Analyzer([new NoRecourseAtHomeRule()]).Analyze(DesignEdits.Apply(model, moves)).Findings.Should().BeEmpty();
    }
}
