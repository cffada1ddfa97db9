using ThreatModel.Rules;

namespace ThreatModel.Tests.Estimation;

public class EstimationDocumentationTests
{
    public static TheoryData<string> RuleIds => new() { "TM001", "TM002", "TM003" };

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RulePage_IsEmbeddedAndCoversEverySection(string id)
    {
        var metadata = BuiltInRules.Create().Single(r => r.Metadata.Id == id).Metadata;

        var page = RuleDocumentation.PageOf(metadata);

        page.Should().NotBeNull($"docs/rules/{id}-{metadata.Name}.md must exist and be embedded");
        page.Should().StartWith($"# {id} {metadata.Name}:")
            .And.Contain("## The harm")
            .And.Contain("## Real cases")
            .And.Contain("## When it fires")
            .And.Contain("## How severity is graded")
            .And.Contain("../severity.md")
            .And.Contain("## What the finding shows")
            .And.Contain("## How to fix it")
            .And.Contain("## What it rests on");
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void RuleMetadata_IsComplete(string id)
    {
        var metadata = BuiltInRules.Create().Single(r => r.Metadata.Id == id).Metadata;

        metadata.Name.Should().MatchRegex("^[a-z]+(-[a-z]+)*$");
        metadata.Gdpr.Should().NotBeEmpty();
        metadata.Pipl.Should().NotBeEmpty();
        metadata.Research.Should().HaveCountGreaterThanOrEqualTo(3);
        metadata.Mitigations.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Fact]
    public void EstimationPage_DocumentsEveryPresetAndTheCitedSources()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "estimation.md"));

        foreach (var name in Model.DensityPresets.Names)
            page.Should().Contain($"`{name}`");
        page.Should().Contain("Sweeney").And.Contain("de Montjoye").And.Contain("Polakis").And.Contain("Dwork");
    }

}
