using ThreatModel.Rules;

namespace ThreatModel.Tests.Estimation;

public class EstimationDocumentationTests
{
    [Fact]
    public void EstimationPage_DocumentsEveryPresetAndTheCitedSources()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "estimation.md"));

        foreach (var name in Model.DensityPresets.Names)
            page.Should().Contain($"`{name}`");
        page.Should().Contain("Sweeney").And.Contain("de Montjoye").And.Contain("Polakis").And.Contain("Dwork");
    }

}
