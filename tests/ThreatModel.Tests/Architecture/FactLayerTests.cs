using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Tests.Architecture;

/// <summary>
/// Rules read the graph's facts and never interpret a flow's protections themselves (docs/facts.md): a protection one
/// rule honours, every rule honours.
/// </summary>
public partial class FactLayerTests
{
    private static readonly Assembly Library = typeof(Finding).Assembly;

    [Fact]
    public void NoRuleType_UsesTheProtectionsRecord()
    {
        var rules = Types.InAssembly(Library).That().ResideInNamespace("ThreatModel.Rules");
        rules.GetTypes().Should().NotBeEmpty("the sentence must speak of some rule types");

        var result = rules.ShouldNot().HaveDependencyOn(typeof(Protections).FullName!).GetResult();

        Assert.True(result.IsSuccessful, "Rules read FlowFacts, ItemForm and the other graph facts, not Protections; these types use it:\n  "
            + string.Join("\n  ", (result.FailingTypeNames ?? []).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void NoRuleSource_ReadsAFlowsProtections()
    {
        var folder = RepositoryPaths.Path("src", "ThreatModel", "Rules");
        var sources = Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        sources.Should().NotBeEmpty();

        var readers = (
            from file in sources
            from line in File.ReadLines(file).Select((text, index) => (Text: text, Number: index + 1))
            where ProtectionsAccess().IsMatch(line.Text)
            select $"{Path.GetRelativePath(folder, file)}:{line.Number}: {line.Text.Trim()}").ToList();

        readers.Should().BeEmpty("rules read graph.FactsOf(flow) and the other graph facts, never flow.Protections");
    }

    [GeneratedRegex(@"\bProtections\s*\.|\.\s*Protections\b")]
    private static partial Regex ProtectionsAccess();
}
