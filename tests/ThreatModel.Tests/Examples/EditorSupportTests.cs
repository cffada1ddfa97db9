using System.Text.Json;
using System.Text.RegularExpressions;
using ThreatModel.Analysis;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Examples;

/// <summary>Editors find the schemas: every example names its schema, the schemas have an $id, and the docs' examples read.</summary>
public partial class EditorSupportTests
{
    private const string ModelinePrefix = "# yaml-language-server: $schema=";

    public static TheoryData<string> ExampleYamlDesigns()
    {
        var data = new TheoryData<string>();
        // examples/imports holds models of other formats (OTM, privacy overlays, Fides manifests), not designs.
        var imports = Path.Combine(RepositoryPaths.Examples, "imports") + Path.DirectorySeparatorChar;
        foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Examples, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (!path.StartsWith(imports, StringComparison.Ordinal))
                data.Add(Path.GetRelativePath(RepositoryPaths.Root, path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(ExampleYamlDesigns))]
    public void EveryExampleDesign_StartsWithTheModelineOfTheDesignSchema(string relativePath)
    {
        var path = Path.Combine(RepositoryPaths.Root, relativePath);
        var first = File.ReadLines(path).First();

        first.Should().StartWith(ModelinePrefix);
        var schema = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, first[ModelinePrefix.Length..]));
        schema.Should().Be(RepositoryPaths.Schema, "the modeline must point at docs/schema/design.schema.json from where the example is");
    }

    [Theory]
    [InlineData("design.schema.json")]
    [InlineData("config.schema.json")]
    [InlineData("report.schema.json")]
    public void EverySchema_HasAnId(string file)
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Path("docs", "schema", file)));

        schema.RootElement.GetProperty("$id").GetString().Should().Be(file);
    }

    [Fact]
    public void TheConfigurationExampleOfTheDocs_ReadsWithoutErrors()
    {
        var page = File.ReadAllText(RepositoryPaths.Path("docs", "config.md"));
        var example = YamlBlock().Match(page).Groups[1].Value;
        example.Should().Contain("rules:");

        var (configuration, diagnostics) = ReviewerConfigurationReader.Parse(example, "threatmodel.config.yaml", Analyzer.CreateDefault().Rules.Select(r => r.Metadata.Id));

        diagnostics.Should().BeEmpty();
        configuration!.Rules.Should().HaveCount(4);
        configuration.FailOnSet.Should().BeTrue();
    }

    [Fact]
    public void TheModelFormatPage_ShowsTheModelineForYaml_AndSchemaForJson()
    {
        var page = File.ReadAllText(RepositoryPaths.Path("docs", "model-format.md"));

        page.Should().Contain(ModelinePrefix).And.Contain("\"$schema\":");
    }

    [GeneratedRegex("```yaml\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlock();
}
