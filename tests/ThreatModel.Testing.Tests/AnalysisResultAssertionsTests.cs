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
            .WithMessage("*no finding of rule \"TM001\"*records must stay unlinkable*TM001 at*routes: f1; f2*fix: *");
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

        act.Should().Throw<XunitException>().WithMessage("*at or above Severity.High*");
    }
}
