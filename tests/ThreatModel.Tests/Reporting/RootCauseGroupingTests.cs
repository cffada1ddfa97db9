using System.Xml.Linq;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class RootCauseGroupingTests
{
    /// <summary>Two findings that one edit (dropping posts from f-social-score) removes, and one with its own remedy.</summary>
    private static ThreatModel.Analysis.AnalysisResult SharedCause()
    {
        var result = ReportFixtures.Analyze(ReportFixtures.Scoring());
        var first = result.Findings[0] with { Remedies = [new DropItem("f-social-score", "posts")] };
        var second = first with { Key = "second|key", Title = "Second finding" };
        var alone = first with { Key = "alone|key", Title = "Alone", Remedies = [new GrantRecourse("scoring")] };
        return result with { Findings = [first, second, alone] };
    }

    [Fact]
    public void TextReport_ListsFindingsThatOneEditRemoves_Together()
    {
        var result = SharedCause();

        var text = WriterHarness.Render(new TextReportWriter(), result);

        text.Should().Contain("By root cause").And.Contain("Drop posts from flow f-social-score")
            .And.Contain($"{result.Findings[0].Fingerprint[..8]}, TM001 {result.Findings[1].Fingerprint[..8]}");
        text.Should().NotContain("Give the decision of scoring");
    }

    [Fact]
    public void MarkdownReport_HasARootCauseSection_OnlyWhenAnEditRemovesSeveralFindings()
    {
        var shared = WriterHarness.Render(new MarkdownReportWriter(), SharedCause());
        var plain = WriterHarness.Render(new MarkdownReportWriter(), ReportFixtures.Rich());

        shared.Should().Contain("### By root cause");
        plain.Should().NotContain("By root cause");
    }

    [Fact]
    public void JsonReport_GivesEachFindingItsRootCause_WithoutChangingFingerprints()
    {
        var result = SharedCause();

        var json = WriterHarness.Render(new JsonReportWriter(), result);

        json.Should().Contain("\"rootCause\": \"drop-item|f-social-score|posts\"").And.Contain(result.Findings[0].Fingerprint);
        result.Findings[0].Fingerprint.Should().Be(Fingerprints.Of(result.Findings[0].RuleId, result.Findings[0].Key));
    }

    [Fact]
    public void HtmlReport_LinksTheFindingsOneEditRemoves_AndShowsEachFindingsEdits()
    {
        var result = SharedCause();

        var page = XDocument.Parse(WriterHarness.Render(new HtmlReportWriter(), result));

        var section = page.Descendants("section").Single(s => (string?)s.Attribute("id") == "root-causes");
        var cause = section.Descendants("li").Single();
        cause.Value.Should().StartWith("Drop posts from flow f-social-score");
        cause.Descendants("a").Select(a => (string?)a.Attribute("href")).Should().Equal("#finding-0", "#finding-1");
        cause.Descendants("a").Select(a => a.Value).Should().Equal(
            $"TM001 {result.Findings[0].Fingerprint[..8]}", $"TM001 {result.Findings[1].Fingerprint[..8]}");
        var alone = page.Descendants("article").Single(a => (string?)a.Attribute("id") == "finding-2");
        alone.Descendants("ol").Single(o => (string?)o.Attribute("class") == "remedies").Value
            .Should().Contain(new GrantRecourse("scoring").Describe()).And.Contain("cost: " + new GrantRecourse("scoring").Cost);
    }

    [Fact]
    public void HtmlReport_HasNoRootCauseSection_WhenNoEditRemovesSeveralFindings()
    {
        var html = WriterHarness.Render(new HtmlReportWriter(), ReportFixtures.Rich());

        html.Should().NotContain("id=\"root-causes\"");
    }

    [Fact]
    public void HtmlReport_ListsTheFirstFiveEditsOfAFinding_AndCountsTheRest()
    {
        var result = ReportFixtures.Analyze(ReportFixtures.Scoring());
        var many = result.Findings[0] with { Remedies = [.. Enumerable.Range(0, 8).Select(i => new DropItem($"f-{i}", "posts"))] };

        var page = XDocument.Parse(WriterHarness.Render(new HtmlReportWriter(), result with { Findings = [many] }));

        var edits = page.Descendants("dd").Single(d => d.Element("ol") is { } ol && (string?)ol.Attribute("class") == "remedies");
        edits.Element("ol")!.Elements("li").Should().HaveCount(5);
        edits.Element("p")!.Value.Should().StartWith("and 3 more");
    }
}
