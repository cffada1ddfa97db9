using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;
using ThreatModel.Knowledge;

namespace ThreatModel.Tests.Rules;

public class PrivacyHarmRuleCatalogueTests
{
    public static TheoryData<string> RuleIds => new() { "TM004", "TM005", "TM006", "TM007", "TM008", "TM009" };

    private static IPrivacyRule Rule(string id) => BuiltInRules.Create().Single(r => r.Metadata.Id == id);

    [Fact]
    public void PurposesPage_ListsEveryDefaultPurposeAndAlias()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "purposes.md"));

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

    // Evidence paths are left out: the graph keeps one witness per holding, and which of two equally short paths it keeps
    // follows the order of the flows.
    [Fact]
    public void Findings_DoNotDependOnTheOrderOfTheDesign()
    {
        var decision = new DecisionSpec
        {
            Affects = ["travel"],
            SubjectId = "residents",
            Automated = true,
            SubjectInformed = false,
            InputsVisible = false,
            Appeal = false,
        };
        var steps = new List<Action<SystemModelBuilder>>
        {
            b => b.Subject("residents", 1_000_000),
            b => b.Subject("contacts", 2_000_000),
            b => b.Organization("city", kind: "government"),
            b => b.Organization("app-co", kind: "platform"),
            b => b.Item("id", DataItemKind.DirectIdentifier, "residents"),
            b => b.Item("payments", DataItemKind.Financial, "residents"),
            b => b.Item("trace", DataItemKind.Location, "residents", precisionMetres: 10),
            b => b.Item("messages", DataItemKind.CommunicationContent, "residents"),
            b => b.Item("friends", DataItemKind.SocialGraph, "residents"),
            b => b.Item("debts", DataItemKind.Financial, "residents", stigmatizing: true),
            b => b.Item("contact-phone", DataItemKind.DirectIdentifier, "contacts"),
            b => b.Item("score", DataItemKind.Score, "residents", derivedFrom: ["payments", "friends", "debts"]),
            b => b.Person("alice", "residents"),
            b => b.Person("bob", "residents"),
            b => b.Process("app", "app-co"),
            b => b.Process("court", "city"),
            b => b.Process("scoring", "city", decision),
            b => b.Element("screen", ElementType.Public),
            b => b.Flow("f-app", "alice", "app", ["id", "payments", "trace", "messages", "friends", "contact-phone"], "payment", collection: new CollectionSpec(true, false)),
            b => b.Flow("f-deliver", "app", "bob", ["messages"], "messaging"),
            b => b.Flow("f-court", "alice", "court", ["id", "debts"], "law-enforcement"),
            b => b.Flow("f-a", "app", "scoring", ["id", "payments", "friends", "trace"], "social-scoring"),
            b => b.Flow("f-b", "court", "scoring", ["id", "debts"], "social-scoring"),
            b => b.Flow("f-bob", "bob", "app", ["id", "payments"], "payment"),
            b => b.Flow("f-show", "scoring", "screen", ["id", "score", "debts"], "public-shaming"),
        };

        IReadOnlyList<string> Signature(IEnumerable<Action<SystemModelBuilder>> order)
        {
            var builder = new SystemModelBuilder("order");
            foreach (var step in order)
                step(builder);
            var rules = BuiltInRules.Create().Where(r => RuleIds.Contains(r.Metadata.Id)).ToList();
            return [.. new Analyzer(rules).Analyze(builder.Build()).Findings
                .Select(f => $"{f.Fingerprint} {f.Severity} {string.Join(",", f.Subjects.Order(StringComparer.Ordinal))} {string.Join(",", f.Items.Order(StringComparer.Ordinal))}")];
        }

        var forward = Signature(steps);
        var backward = Signature(Enumerable.Reverse(steps));

        forward.Select(s => s.Split(' ')[1]).Should().Contain("Critical");
        forward.Should().HaveCountGreaterThanOrEqualTo(6);
        backward.Should().Equal(forward);
    }

}
