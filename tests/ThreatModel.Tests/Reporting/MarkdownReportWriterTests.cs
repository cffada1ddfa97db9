using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class MarkdownReportWriterTests
{
    private static readonly MarkdownReportWriter Writer = new();

    [Fact]
    public void StartsWithAHeading_AndATableOfCountsBySeverity()
    {
        var markdown = WriterHarness.Render(Writer, ReportFixtures.Rich());

        markdown.Should().StartWith("## Privacy threat model: City \"scoring\" &lt;pilot&gt;\n")
            .And.Contain("| Severity | Findings | Accepted |\n| --- | ---: | ---: |\n| Critical | 0 | 0 |\n| High | 1 | 0 |\n| Medium | 1 | 0 |\n| Low | 0 | 1 |\n| Info | 0 | 0 |\n");
    }

    [Fact]
    public void WritesOneSectionPerFinding_WithEvidencePathAndMitigation()
    {
        var markdown = WriterHarness.Render(Writer, ReportFixtures.Rich());

        markdown.Should().Contain("### Findings\n")
            .And.Contain("#### High: ")
            .And.Contain("#### Medium: ")
            .And.Contain("- **Evidence path:** `f-store -> f-publish`\n")
            .And.Contain("- **Mitigation:** Publish only aggregates over at least 10 people.\n")
            .And.Contain("`TM001` `cross-context-linkage` at `designs/scoring.yaml:88:3`");
    }

    [Fact]
    public void FoldsEstimatesAndTheirInputs_InDetails()
    {
        var markdown = WriterHarness.Render(Writer, ReportFixtures.Rich());

        markdown.Should().Contain("<details>\n<summary>Estimates: expected share of people the key singles out = 87.3 %</summary>\n")
            .And.Contain("| Input | Value |\n| --- | --- |\n| population | 10000000 |\n| key | birth-date + postcode |\n")
            .And.Contain("</details>\n");
    }

    [Fact]
    public void EscapesHtmlAndMarkdownInDesignText()
    {
        var markdown = WriterHarness.Render(Writer, ReportFixtures.Rich());

        markdown.Should().Contain("#### Medium: Scores &lt;b&gt;published&lt;/b&gt; \\| shamed \\`people\\` \\#1 \"quoted\" \\*stars\\* \\[link\\](x)\n")
            .And.NotContain("<b>")
            .And.Contain("each citizen's score &amp; debts.\\nSecond line.");
    }

    [Fact]
    public void ListsAcceptedFindings_WithTheirJustification()
    {
        var markdown = WriterHarness.Render(Writer, ReportFixtures.Rich());

        markdown.Should().Contain("### Accepted findings\n").And.Contain("- **Accepted** (inline, `designs/scoring.yaml:91:7`): Scores are published by law\n");
    }

    [Theory]
    [InlineData("plain", "`plain`")]
    [InlineData("a`b", "``a`b``")]
    [InlineData("`x", "`` `x ``")]
    public void CodeSpans_HoldAnyText(string text, string expected)
    {
        MarkdownReportWriter.Code(text).Should().Be(expected);
    }
}
