using ThreatModel.Rules;
using ThreatModel.Rules.Support;

namespace ThreatModel.Tests.Rules;

public class PrivacyHarmRuleCatalogueTests
{
    public static TheoryData<string> RuleIds => new() { "TM004", "TM005", "TM006", "TM007", "TM008", "TM009" };

    private static IPrivacyRule Rule(string id) => BuiltInRules.Create().Single(r => r.Metadata.Id == id);

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Metadata_IsComplete(string id)
    {
        var metadata = Rule(id).Metadata;

        metadata.Name.Should().MatchRegex("^[a-z]+(-[a-z]+)*$");
        metadata.Summary.Should().NotBeNullOrWhiteSpace();
        metadata.Gdpr.Should().NotBeEmpty();
        metadata.Pipl.Should().NotBeEmpty();
        metadata.Research.Should().HaveCountGreaterThanOrEqualTo(3);
        metadata.Mitigations.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void DocumentationPage_IsEmbeddedAndCoversEverySection(string id)
    {
        var metadata = Rule(id).Metadata;

        var page = RuleDocumentation.PageOf(metadata);

        page.Should().NotBeNull($"docs/rules/{id}-{metadata.Name}.md must exist and be embedded");
        page.Should().StartWith($"# {id} {metadata.Name}:")
            .And.Contain("## The harm")
            .And.Contain("## When it fires")
            .And.Contain("## How severity is graded")
            .And.Contain("../severity.md")
            .And.Contain("## What the finding shows")
            .And.Contain("## How to fix it")
            .And.Contain("## What it rests on");
    }

    [Fact]
    public void PurposesPage_ListsEveryDefaultPurposeAndAlias()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "purposes.md"));

        foreach (var entry in PurposeCompatibility.Defaults)
        {
            var row = page.Split('\n').SingleOrDefault(l => l.StartsWith($"| `{entry.Id}` |", StringComparison.Ordinal));
            row.Should().NotBeNull($"docs/purposes.md must have a row for {entry.Id}");
            var cells = row!.Split('|').Select(c => c.Trim()).ToArray();
            cells[2].Split(", ", StringSplitOptions.RemoveEmptyEntries).Should().BeEquivalentTo(entry.Aliases, $"aliases of {entry.Id}");
            cells[3].Replace("—", string.Empty, StringComparison.Ordinal).Split(" (")[0].Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim())
                .Where(c => c.Length > 0).Should().BeEquivalentTo(entry.CompatibleWith, $"compatible purposes of {entry.Id}");
            cells[4].Should().Be(entry.Consequential ? "yes" : "no", $"consequential flag of {entry.Id}");
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ThreatModel.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("ThreatModel.sln not found above the test output directory.");
    }
}
