using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

public class DensityPresetsTests
{
    [Theory]
    [InlineData("rural", 50)]
    [InlineData("town", 1_500)]
    [InlineData("suburban", 1_500)]
    [InlineData("urban", 7_000)]
    [InlineData("dense-urban", 20_000)]
    [InlineData("very-dense", 27_000)]
    [InlineData("extreme", 130_000)]
    [InlineData("densest", 130_000)]
    [InlineData("Urban", 7_000)]
    public void Presets_HaveTheResearchedValues(string name, double expected) =>
        DensityPresets.Resolve(name)!.PeoplePerSquareKilometre.Should().Be(expected);

    [Fact]
    public void Names_RunFromSparseToDense_AndEveryNameResolves()
    {
        var values = DensityPresets.Names.Select(n => DensityPresets.Resolve(n)!.PeoplePerSquareKilometre).ToList();

        values.Should().BeInAscendingOrder();
        DensityPresets.Default.PeoplePerSquareKilometre.Should().Be(7_000);
        DensityPresets.Resolve("megalopolis").Should().BeNull();
    }
}
