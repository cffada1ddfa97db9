using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class HtmlReportWriterTests
{
    private static readonly HtmlReportWriter Writer = new();

    [Fact]
    public void WritesOnePage_ThatLoadsNothingFromOutside()
    {
        var html = WriterHarness.Render(Writer, ReportFixtures.Rich());

        html.Should().StartWith("<!DOCTYPE html>\n");
        html.Should().NotContainAny("src=", "http://localhost", "https://", "@import", "<link");
        Policy(html).Should().StartWith("default-src 'none'; ");
        Regex.Matches(html, "<script>").Should().HaveCount(1);
        Regex.Matches(html, "<style>").Should().HaveCount(1);
    }

    [Fact]
    public void AllowsOnlyItsOwnScriptAndStyle_ByHashInTheContentSecurityPolicy()
    {
        var html = WriterHarness.Render(Writer, ReportFixtures.Rich());

        var script = Between(html, "<script>", "</script>");
        var style = Between(html, "<style>", "</style>");
        Policy(html).Should().Contain($"script-src 'sha256-{Sha256(script)}'").And.Contain($"style-src 'sha256-{Sha256(style)}'");
    }

    [Fact]
    public void ListsEveryFinding_AcceptedOnesToo_WithTitleRuleAndLocation()
    {
        var result = ReportFixtures.Rich();

        var page = Parse(WriterHarness.Render(Writer, result));

        var articles = page.Descendants("article").ToList();
        articles.Should().HaveCount(result.Findings.Count + result.Suppressed.Count);
        articles.Select(a => a.Descendants("span").First(s => (string?)s.Attribute("class") == "title").Value)
            .Should().Equal(result.Findings.Select(f => f.Title).Append("Accepted finding"));
        articles.Where(a => ((string)a.Attribute("class")!).Contains("accepted", StringComparison.Ordinal)).Should().ContainSingle();
        page.ToString().Should().Contain("designs/scoring.yaml:88:3").And.Contain("Scores are published by law");
    }

    [Fact]
    public void ShowsEachFindingsRoutesEstimateAndMitigation()
    {
        var result = ReportFixtures.Rich();

        var page = Parse(WriterHarness.Render(Writer, result));

        var medium = page.Descendants("article").First(a => (string?)a.Attribute("data-severity") == "medium");
        medium.Descendants("ol").Single(o => (string?)o.Attribute("class") == "routes").Value
            .Should().Be("f-store (scoring \u2192 score-db) \u2192 f-publish (score-db \u2192 public)");
        var estimate = result.Findings.Single(f => f.Severity == Severity.Medium).Estimates[0];
        medium.Descendants("summary").Single().Value.Should().Be($"expected share of people the key singles out = {estimate.Display}");
        medium.Descendants("td").Select(t => t.Value).Should().Contain(["population", "10000000", "key", "birth-date + postcode"]);
        medium.Descendants("dd").Single(d => (string?)d.Attribute("class") == "mitigation").Value.Should().Be("Publish only aggregates over at least 10 people.");
    }

    [Fact]
    public void LinksEachFindingToItsRulePage_EmbeddedInThePage()
    {
        var result = ReportFixtures.Rich();

        var page = Parse(WriterHarness.Render(Writer, result));

        var rule = result.Rules[0];
        page.Descendants("article").Should().OnlyContain(a => a.Descendants("a").Any(l => (string?)l.Attribute("href") == "#rule-" + rule.Id));
        var details = page.Descendants("details").Single(d => (string?)d.Attribute("id") == "rule-" + rule.Id);
        details.Value.Should().Contain(rule.DocumentationPath).And.Contain(rule.Title);
    }

    [Fact]
    public void ConnectsEachFinding_ToTheDrawnFlowsOfItsEvidenceRoutes()
    {
        var result = ReportFixtures.Rich();

        var page = Parse(WriterHarness.Render(Writer, result));

        var flowsBySvgId = page.Descendants().Where(e => e.Attribute("data-flow") is not null).ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("data-flow")!);
        var articles = page.Descendants("article").ToList();
        foreach (var (finding, article) in result.Findings.Zip(articles))
        {
            var drawn = ((string)article.Attribute("data-flows")!).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            drawn.Select(id => flowsBySvgId[id]).Should().BeEquivalentTo(finding.EvidencePath, finding.Title);
        }
    }

    [Fact]
    public void OffersFilters_BySeverityRuleOrganizationAndSubject_WithValuesTheFindingsCarry()
    {
        var result = ReportFixtures.Rich();

        var page = Parse(WriterHarness.Render(Writer, result));

        var selects = page.Descendants("select").ToDictionary(s => (string)s.Attribute("data-filter")!);
        selects.Keys.Should().BeEquivalentTo(["severity", "rule", "organization", "subject"]);
        var bureau = Options(selects["organization"]).Single(o => o.Label == "Credit bureau [bureau]").Value;
        Options(selects["subject"]).Should().Equal(("", "all"), ("s0", "citizens"));
        Options(selects["rule"]).Should().Equal(("", "all"), ("r0", "TM001 cross-context-linkage"));
        var medium = page.Descendants("article").First(a => (string?)a.Attribute("data-severity") == "medium");
        ((string)medium.Attribute("data-organization")!).Split(' ').Should().Contain(bureau);
        ((string)medium.Attribute("data-subject")!).Should().Be("s0");
        ((string)medium.Attribute("data-rule")!).Should().Be("r0");
    }

    [Fact]
    public void DesignTextSayingScript_IsShownAsText_AndNeverRuns()
    {
        const string attack = "</script><script>alert(1)</script>";
        const string quoted = "x\" onmouseover=\"alert(2)";
        var model = new SystemModelBuilder(attack)
            .Organization("org", name: "<img src=x onerror=alert(3)>")
            .Subject("people", 1000, name: attack)
            .Item("id", DataItemKind.DirectIdentifier, "people")
            .Item("posts", DataItemKind.Behavioural, "people", context: "a")
            .Item("loans", DataItemKind.Financial, "people", context: "b")
            .Person("person", "people", name: quoted)
            .Process("a", "org", name: attack)
            .Process("b", "org2")
            .Process(quoted, "org3")
            .Flow("f1", "person", "a", ["id", "posts"], "social-networking")
            .Flow("f2", "person", "b", ["id", "loans"], "payment")
            .Flow(attack, "a", quoted, ["id", "posts"], "scoring")
            .Flow("f4", "b", quoted, ["id", "loans"], "scoring")
            .Build();
        var result = ReportFixtures.Analyze(model);
        result.Findings.Should().NotBeEmpty();

        var html = WriterHarness.Render(Writer, result);

        Regex.Matches(html, "<script", RegexOptions.IgnoreCase).Should().HaveCount(1);
        html.Should().NotContain("<img").And.NotContain("\" onmouseover");
        var page = Parse(html);
        page.Descendants("h1").Single().Value.Should().Be("Privacy threat model: " + attack);
        page.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("data-element") == quoted).Should().ContainSingle();
        page.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("data-flow") == attack).Should().ContainSingle();
        page.Descendants().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal)).Should().BeEmpty();
    }

    [Fact]
    public void ShowsControlAndBidiCharacters_AsVisibleEscapes()
    {
        var result = ReportFixtures.Rich();
        var finding = result.Findings[0] with { Title = "evil\u202Etxt.exe\nline" };

        var html = WriterHarness.Render(Writer, result with { Findings = [finding, .. result.Findings.Skip(1)] });

        html.Should().Contain(@"evil\u202Etxt.exe\nline").And.NotContain("\u202E");
    }

    [Fact]
    public void WritesTheSameBytes_ForTheSameDesign()
    {
        var first = WriterHarness.Render(Writer, ReportFixtures.Analyze(ReportFixtures.Scoring()));
        var second = WriterHarness.Render(Writer, ReportFixtures.Analyze(ReportFixtures.Scoring()));

        second.Should().Be(first);
    }

    [Fact]
    public void WritesNoFindingsPage_ForACleanDesign()
    {
        var model = new SystemModelBuilder("clean")
            .Subject("people", 1000)
            .Item("note", DataItemKind.Other, "people")
            .Person("person", "people")
            .Process("app", "org")
            .Flow("f1", "person", "app", ["note"], "service")
            .Build();

        var page = Parse(WriterHarness.Render(Writer, ReportFixtures.Analyze(model)));

        page.Descendants("article").Should().BeEmpty();
        page.Descendants("p").Should().Contain(p => p.Value == "No findings.");
        page.Descendants().Where(e => e.Name.LocalName == "g" && (string?)e.Attribute("data-element") == "app").Should().ContainSingle();
    }

    [Fact]
    public void DrawsAHugeDesignInPart_SaysSo_AndStillListsEveryFinding()
    {
        var builder = new SystemModelBuilder("huge")
            .Subject("people", 1_000_000)
            .Item("id", DataItemKind.DirectIdentifier, "people")
            .Item("posts", DataItemKind.Behavioural, "people", context: "a")
            .Item("loans", DataItemKind.Financial, "people", context: "b")
            .Person("person", "people");
        for (var i = 0; i < 150; i++)
        {
            builder.Process($"social-{i}", "social").Process($"bank-{i}", "bank").Process($"broker-{i}", "broker")
                .Flow($"fs-{i}", "person", $"social-{i}", ["id", "posts"], "social-networking")
                .Flow($"fb-{i}", "person", $"bank-{i}", ["id", "loans"], "payment")
                .Flow($"fs-out-{i}", $"social-{i}", $"broker-{i}", ["id", "posts"], "marketing")
                .Flow($"fb-out-{i}", $"bank-{i}", $"broker-{i}", ["id", "loans"], "marketing");
        }

        var result = ReportFixtures.Analyze(builder.Build());

        var page = Parse(WriterHarness.Render(Writer, result));

        page.Descendants().Count(e => e.Attribute("data-element") is not null).Should().BeLessThanOrEqualTo(100);
        page.Descendants().Count(e => e.Attribute("data-flow") is not null).Should().BeLessThanOrEqualTo(200);
        page.Descendants("p").Single(p => (string?)p.Attribute("id") == "diagram-note").Value
            .Should().Contain("451 elements and 600 flows").And.Contain("the diagram draws 100 elements");
        page.Descendants("article").Should().HaveCount(result.Findings.Count);
    }

    [Fact]
    public void WritesTheFirstFindingsInFull_AndCountsTheRestByRuleAndSeverity_WhenThereAreMoreThanTheCap()
    {
        var result = ReportFixtures.Rich();
        var writer = new HtmlReportWriter { MaxFindingsInFull = 1 };

        var page = Parse(WriterHarness.Render(writer, result));

        page.Descendants("article").Should().ContainSingle().Which.Descendants("span").First(s => (string?)s.Attribute("class") == "title").Value.Should().Be(result.Findings[0].Title);
        var total = result.Findings.Count + result.Suppressed.Count;
        page.Descendants("p").Single(p => (string?)p.Attribute("id") == "findings-note").Value
            .Should().StartWith($"This design has {total} findings; the first 1 (most severe first) are shown in full");
        var rows = page.Descendants("table").Single(t => (string?)t.Attribute("id") == "more-findings").Element("tbody")!.Elements("tr")
            .Select(r => string.Join("|", r.Elements("td").Select(d => d.Value))).ToList();
        var expected = result.Findings.Skip(1).GroupBy(f => (f.RuleId, f.Severity)).OrderByDescending(g => g.Key.Severity)
            .Select(g => $"{g.Key.RuleId}|{g.Key.Severity.ToString().ToLowerInvariant()}|{g.Count()}")
            .Append($"{result.Suppressed[0].Finding.RuleId}|low (accepted)|1");
        rows.Should().Equal(expected);
    }

    private static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        var document = XDocument.Load(reader);
        // The inline SVG is in the SVG namespace: drop namespaces so tests can name elements plainly.
        foreach (var element in document.Descendants())
            element.Name = element.Name.LocalName;
        foreach (var attribute in document.Descendants().SelectMany(e => e.Attributes().Where(a => a.IsNamespaceDeclaration)).ToList())
            attribute.Remove();
        return document;
    }

    private static IEnumerable<(string Value, string Label)> Options(XElement select) =>
        select.Elements("option").Select(o => ((string)o.Attribute("value")!, o.Value));

    private static string Policy(string html) => Regex.Match(html, "http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\"").Groups[1].Value;

    private static string Between(string text, string open, string close)
    {
        var start = text.IndexOf(open, StringComparison.Ordinal) + open.Length;
        return text[start..text.IndexOf(close, start, StringComparison.Ordinal)];
    }

    private static string Sha256(string text) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
