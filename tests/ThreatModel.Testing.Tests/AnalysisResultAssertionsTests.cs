using ThreatModel.Findings;
using ThreatModel.Model;
using Xunit.Sdk;

namespace ThreatModel.Testing.Tests;

public class AnalysisResultAssertionsTests
{
    private static SystemModel LinkedDesign(bool perContext) =>
        new SystemModelBuilder("scoring")
            .Subject("citizens", 1_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("posts", DataItemKind.Behavioural, "citizens", context: "social")
            .Process("bank", "bank-co")
            .Process("social-app", "social-co")
            .Process("scoring", "bureau")
            .Flow("f1", "bank", "scoring", ["national-id", "loans"], "credit-scoring",
                Protections.None with { LegalBasis = "consent", Consent = true, Pseudonymization = perContext ? new PseudonymizationSpec("broker", true) : null })
            .Flow("f2", "social-app", "scoring", ["national-id", "posts"], "credit-scoring",
                Protections.None with { LegalBasis = "consent", Consent = true, Pseudonymization = perContext ? new PseudonymizationSpec("broker", true) : null })
            .Build();

    [Fact]
    public void HaveFindingOf_Passes_WhenTheRuleFires_AndReturnsItsFindings()
    {
        var findings = LinkedDesign(perContext: false).Review().Should().HaveFindingOf("cross-context-linkage").Which;

        findings.Should().OnlyContain(f => f.RuleId == "TM001");
    }

    [Fact]
    public void NotHaveFindingOf_FailsWithEveryOffendingFindingListed()
    {
        var act = () => LinkedDesign(perContext: false).Review().Should().NotHaveFindingOf("TM001", "records must stay unlinkable");

        act.Should().Throw<XunitException>()
            .WithMessage("Expected design scoring to have no finding of rule TM001 because records must stay unlinkable, but found 1:*- high TM001 at*routes: f1; f2*fix: *");
    }

    [Fact]
    public void NotHaveFindingOf_Passes_OnTheMitigatedDesign()
    {
        LinkedDesign(perContext: true).Review().Should().NotHaveFindingOf("TM001");
    }

    [Fact]
    public void HaveNoFindingsAtOrAbove_Fails_WhenAHighFindingStands()
    {
        var act = () => LinkedDesign(perContext: false).Review().Should().HaveNoFindingsAtOrAbove(Severity.High);

        var message = act.Should().Throw<XunitException>().Which.Message;
        message.Should().StartWith("Expected design scoring to have no findings at or above high, but found ");
        message.Should().NotContain("\"").And.NotContain("Severity.High").And.NotContain("{value");
    }

    [Fact]
    public void HaveFindingOf_Fails_NamingTheRuleWithoutQuotes()
    {
        var act = () => LinkedDesign(perContext: true).Review().Should().HaveFindingOf("TM001");

        act.Should().Throw<XunitException>().WithMessage("Expected design scoring to have a finding of rule TM001, but it has none. Rules with findings: *");
    }

    [Fact]
    public void ADesignFile_IsReviewedByPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"threatmodel-testing-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, """
            name: Debtor map
            subjects:
              - { id: debtors, name: People with unpaid judgments, population: 50000, density: 40, vulnerable: true }
            items:
              - { id: debtor-name, kind: direct-identifier, subject: debtors }
              - { id: debtor-location, kind: location, subject: debtors, precision: 10 }
              - { id: debt, kind: financial, subject: debtors, stigmatizing: true }
            elements:
              - { id: map-service, type: process, organization: court }
              - { id: app-users, type: other-users }
            flows:
              - { id: f-nearby, from: map-service, to: app-users, items: [debtor-name, debt, debtor-location], purpose: public-shaming, query: { chosenBy: querier, returns: within-radius, radius: 500 } }
            """);
        try
        {
            var act = () => DesignFile.Review(path).Should().HaveNoFindingsAtOrAbove(Severity.High);

            act.Should().Throw<XunitException>().WithMessage("Expected design Debtor map to have no findings at or above high, but found *");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ADesignFileThatCannotBeRead_FailsWithItsDiagnostics()
    {
        var act = () => DesignFile.Review("no/such/design.yaml");

        act.Should().Throw<ThreatModel.Validation.InvalidDesignException>().WithMessage("*no/such/design.yaml:1:1: error TM1000*");
    }
}
