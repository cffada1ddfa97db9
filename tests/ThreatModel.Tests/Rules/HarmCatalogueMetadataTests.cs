using System.Text.RegularExpressions;
using ThreatModel.Analysis;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Rules;

/// <summary>Catalogue metadata and documentation of TM010-TM014.</summary>
public class HarmCatalogueMetadataTests
{
    public static TheoryData<IPrivacyRule, string, string> Rules => new()
    {
        { new SensitiveInferenceRule(), "TM010", "sensitive-inference" },
        { new IdentifierTrackingRule(), "TM011", "identifier-tracking" },
        { new TransferWithoutRecourseRule(), "TM012", "transfer-without-recourse" },
        { new RetentionWithoutLimitRule(), "TM013", "retention-without-limit" },
        { new NonRepudiationRule(), "TM014", "non-repudiation" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void HasItsStableIdAndKebabCaseName(IPrivacyRule rule, string id, string name)
    {
        rule.Metadata.Id.Should().Be(id);
        rule.Metadata.Name.Should().Be(name).And.MatchRegex("^[a-z]+(-[a-z]+)*$");
        rule.Metadata.DocumentationPath.Should().Be($"docs/rules/{id}-{name}.md");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void NamesItsTaxonomyLegalHooksSourcesAndMitigations(IPrivacyRule rule, string id, string name)
    {
        _ = (id, name);
        var metadata = rule.Metadata;
        metadata.Title.Should().NotBeNullOrWhiteSpace();
        metadata.Summary.Should().NotBeNullOrWhiteSpace();
        metadata.LinddunSubcategory.Should().NotBeNullOrWhiteSpace();
        metadata.Gdpr.Should().NotBeEmpty().And.OnlyContain(a => a.StartsWith("Art", StringComparison.Ordinal) || a.StartsWith("Recital", StringComparison.Ordinal));
        metadata.Pipl.Should().NotBeEmpty().And.OnlyContain(a => a.StartsWith("Art", StringComparison.Ordinal));
        metadata.Research.Should().HaveCountGreaterThanOrEqualTo(3);
        metadata.Mitigations.Should().NotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void HasAnEmbeddedPageThatLinksTheSeverityMatrix(IPrivacyRule rule, string id, string name)
    {
        var page = RuleDocumentation.PageOf(rule.Metadata);

        page.Should().NotBeNull();
        page.Should().StartWith($"# {id} {name}:");
        page.Should().Contain("](../severity.md)");
        foreach (var heading in new[] { "## The harm", "## A real case", "## When it fires", "## When it stays quiet", "## Severity", "## Evidence", "## Mitigations", "## Sources" })
            page.Should().Contain(heading);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void IsABuiltInRule(IPrivacyRule rule, string id, string name)
    {
        _ = (rule, name);
        BuiltInRules.Create().Select(r => r.Metadata.Id).Should().ContainSingle(i => i == id);
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
