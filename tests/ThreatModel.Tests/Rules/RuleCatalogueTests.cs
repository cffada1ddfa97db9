using System.Text.RegularExpressions;
using ThreatModel.Findings;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>Every built-in rule: a stable id and name, complete catalogue metadata, and an embedded page with every section.</summary>
public class RuleCatalogueTests
{
    public static TheoryData<string, string> Rules => new()
    {
        { "TM001", "cross-context-linkage" },
        { "TM002", "re-identification" },
        { "TM003", "proximity-disclosure" },
        { "TM004", "aggregation-profile" },
        { "TM005", "scoring-by-association" },
        { "TM006", "purpose-creep" },
        { "TM007", "decision-without-recourse" },
        { "TM008", "public-exposure" },
        { "TM009", "surveillance" },
        { "TM010", "sensitive-inference" },
        { "TM011", "identifier-tracking" },
        { "TM012", "transfer-without-recourse" },
        { "TM013", "retention-without-limit" },
        { "TM014", "non-repudiation" },
        { "TM015", "group-disclosure" },
        { "TM016", "no-recourse-at-home" },
    };

    private static RuleMetadata Metadata(string id) => BuiltInRules.Create().Single(r => r.Metadata.Id == id).Metadata;

    [Fact]
    public void TheCatalogue_IsExactlyTheseRules_InIdOrder()
    {
        BuiltInRules.Create().Select(r => r.Metadata.Id).Should().Equal(Rules.Select(row => (string)row[0]));
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void HasItsStableIdAndKebabCaseName(string id, string name)
    {
        var metadata = Metadata(id);

        metadata.Name.Should().Be(name).And.MatchRegex("^[a-z]+(-[a-z]+)*$");
        metadata.DocumentationPath.Should().Be($"docs/rules/{id}-{name}.md");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void NamesItsTaxonomyLegalHooksSourcesAndMitigations(string id, string name)
    {
        _ = name;
        var metadata = Metadata(id);

        metadata.Title.Should().NotBeNullOrWhiteSpace();
        metadata.Summary.Should().NotBeNullOrWhiteSpace();
        metadata.LinddunSubcategory.Should().NotBeNullOrWhiteSpace();
        metadata.Gdpr.Should().NotBeEmpty().And.OnlyContain(a => a.StartsWith("Art", StringComparison.Ordinal) || a.StartsWith("Recital", StringComparison.Ordinal));
        metadata.Pipl.Should().NotBeEmpty().And.OnlyContain(a => a.StartsWith("Art", StringComparison.Ordinal));
        metadata.Research.Should().HaveCountGreaterThanOrEqualTo(3);
        metadata.Mitigations.Should().HaveCountGreaterThanOrEqualTo(3);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void HasAnEmbeddedPageWithEverySection_ThatLinksTheSeverityMatrix(string id, string name)
    {
        var page = RuleDocumentation.PageOf(Metadata(id));

        page.Should().NotBeNull($"docs/rules/{id}-{name}.md must exist and be embedded");
        page.Should().StartWith($"# {id} {name}:").And.Contain("](../severity.md)");
        page.Should().MatchRegex("(?m)^## (A real case|Real cases)$");
        foreach (var heading in new[] { "## The harm", "## When it fires", "## How severity is graded", "## What the finding shows", "## How to fix it", "## What it rests on" })
            page.Should().Contain(heading);
    }

    [Fact]
    public void SeverityPageIsEmbeddedAndShowsTheMatrix()
    {
        using var stream = typeof(RuleDocumentation).Assembly.GetManifestResourceStream("ThreatModel.Docs.severity.md");
        stream.Should().NotBeNull();
        using var reader = new StreamReader(stream!);
        var page = reader.ReadToEnd();

        foreach (var likelihood in Enum.GetValues<Likelihood>())
        {
            var row = Regex.Match(page, $@"^\| \*\*{likelihood}\*\*\s*\|(.*)\|\s*$", RegexOptions.Multiline);
            row.Success.Should().BeTrue($"the matrix has a row for {likelihood}");
            var cells = row.Groups[1].Value.Split('|').Select(c => c.Trim()).ToArray();
            cells.Should().Equal(Enum.GetValues<Impact>().Select(impact => SeverityMatrix.Of(likelihood, impact).ToString()));
        }
    }
}
