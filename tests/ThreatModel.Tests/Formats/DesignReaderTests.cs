using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

public sealed class DesignReaderTests
{
    [Fact]
    public void ReadsTheFullDesign_WithoutDiagnostics()
    {
        var result = DesignReader.ReadFile(TestPaths.Design("full.yaml"));

        result.Diagnostics.Should().BeEmpty();
        result.Succeeded.Should().BeTrue();
        result.Model!.Name.Should().Be("Debtor map");
    }

    [Fact]
    public void YamlAndJson_OfTheSameDesign_ReadToEqualModels()
    {
        var yaml = DesignReader.ReadFile(TestPaths.Design("full.yaml")).GetModelOrThrow();
        var json = DesignReader.ReadFile(TestPaths.Design("full.json")).GetModelOrThrow();

        json.ShouldSayTheSameAs(yaml);
    }
}
