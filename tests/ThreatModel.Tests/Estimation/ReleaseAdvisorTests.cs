using ThreatModel.Estimation;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class ReleaseAdvisorTests
{
    private static AdvisedAttribute Preset(string id, string preset, long population)
    {
        var spec = QuasiIdentifierPresets.Resolve(preset)!;
        return new AdvisedAttribute(id, spec.CardinalityIn(population), [.. GeneralizationLadders.For(spec, population)]);
    }

    [Fact]
    public void SweeneyTriple_IsFixedByGeneralisingBirthDateToBirthYear()
    {
        const long population = 248_000_000;
        var attributes = new[] { Preset("zip", "zip5", population), Preset("gender", "gender", population), Preset("dob", "birth-date", population) };

        var advice = ReleaseAdvisor.Suggest(population, attributes, 0.05, 10);

        var change = advice[0];
        change.Steps.Should().ContainSingle().Which.Should().Match<ReleaseStep>(s => s.AttributeId == "dob" && s.To!.Label == "birth-year");
        change.Estimate.Meets(0.05, 10).Should().BeTrue();
        advice[^1].AggregationThreshold.Should().Be(10);
        advice[^1].Estimate.Meets(0.05, 10).Should().BeTrue();
    }

    [Fact]
    public void AttributesWithoutPresets_GetTheLargestCardinalityThatMeetsTheThresholds()
    {
        const long population = 10_000;
        var attributes = new[] { new AdvisedAttribute("code", 1_000_000, []) };

        var change = ReleaseAdvisor.Suggest(population, attributes, 0.05, 10)[0];

        change.Steps.Should().ContainSingle();
        change.Steps[0].To!.Cardinality.Should().BeApproximately(1_111, 1);
        change.Estimate.Meets(0.05, 10).Should().BeTrue();
    }

    [Fact]
    public void WhenOneChangeIsNotEnough_APairIsSuggested()
    {
        const long population = 1_000_000;
        var attributes = new[] { Preset("dob", "birth-date", population), Preset("address", "street-address", population) };

        var change = ReleaseAdvisor.Suggest(population, attributes, 0.05, 10)[0];

        change.Estimate.Meets(0.05, 10).Should().BeTrue();
        change.AggregationThreshold.Should().BeNull();
    }

    [Fact]
    public void Ladders_OnlyOfferCoarserForms()
    {
        GeneralizationLadders.CoarserThan("birth-date").Should().StartWith(["birth-month-year", "birth-year"]);
        GeneralizationLadders.CoarserThan("zip5").Should().Equal("county", "zip3");
        GeneralizationLadders.CoarserThan("gender").Should().BeEmpty();
        GeneralizationLadders.CoarserThan(null).Should().BeEmpty();
    }
}
