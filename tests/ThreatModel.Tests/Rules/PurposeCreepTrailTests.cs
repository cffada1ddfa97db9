using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// TM006 keeps each trail's later purposes as bits, exact for up to 32 purposes and a filter in front of a walk
/// beyond: these designs use more purposes than that and must read the same as small ones.
/// </summary>
public class PurposeCreepTrailTests
{
    /// <summary>Payment data scored by the city, plus <paramref name="extraPurposes"/> archive flows with purposes of their own.</summary>
    private static SystemModelBuilder PaymentDataWithManyPurposes(int extraPurposes)
    {
        var builder = new SystemModelBuilder("payments")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("scoring", "city")
            .Process("district", "district-office")
            .Flow("f-pay", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-onward", "bank", "scoring", ["national-id", "loans"], "social-scoring")
            .Flow("f-district", "scoring", "district", ["national-id", "loans"], "social-scoring");
        for (var k = 0; k < extraPurposes; k++)
        {
            builder.Store($"archive-{k:D2}", "bank-co");
            builder.Flow($"f-archive-{k:D2}", "bank", $"archive-{k:D2}", ["loans"], $"archive-purpose-{k:D2}");
            builder.Purpose($"archive-purpose-{k:D2}", "payment");
        }

        return builder;
    }

    private static IReadOnlyList<Finding> Run(SystemModel model) =>
        new Analyzer([new PurposeCreepRule()]).Analyze(model).Findings;

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    [InlineData(70)]
    public void FiresOnce_WhereTheNewPurposeFirstAppears_HoweverManyPurposesTheDesignUses(int extraPurposes)
    {
        var finding = Run(PaymentDataWithManyPurposes(extraPurposes).Build()).Should().ContainSingle().Subject;

        finding.Elements.Should().Equal("scoring");
        finding.EvidencePath.Should().Equal("f-pay", "f-onward");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(40)]
    public void Fires_AtEachNewPurposeAlongOneTrail_HoweverManyPurposesTheDesignUses(int extraPurposes)
    {
        var model = PaymentDataWithManyPurposes(extraPurposes)
            .Process("police", "police-bureau")
            .Flow("f-police", "district", "police", ["national-id", "loans"], "law-enforcement")
            .Build();

        var findings = Run(model);

        findings.Select(f => f.Elements[0]).Should().BeEquivalentTo("scoring", "police");
        findings.Single(f => f.Elements[0] == "police").EvidencePath.Should().Equal("f-pay", "f-onward", "f-district", "f-police");
    }
}
