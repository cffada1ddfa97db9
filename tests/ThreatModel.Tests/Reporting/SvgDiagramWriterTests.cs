using System.Globalization;
using System.Xml.Linq;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class SvgDiagramWriterTests
{
    private static readonly SvgDiagramWriter Writer = new();
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void DrawsEveryElementAndFlow_InWellFormedSvg()
    {
        var result = ReportFixtures.Rich();

        var svg = XDocument.Parse(WriterHarness.Render(Writer, result)).Root!;

        svg.Name.Should().Be(Svg + "svg");
        Groups(svg, "data-element").Select(g => (string)g.Attribute("data-element")!).Should().Equal(result.Model.Elements.Select(e => e.Id));
        Groups(svg, "data-flow").Select(g => (string)g.Attribute("data-flow")!).Should().BeEquivalentTo(result.Model.Flows.Select(f => f.Id));
        Groups(svg, "data-flow").Should().OnlyContain(g => ((string)g.Element(Svg + "path")!.Attribute("d")!).StartsWith('M'));
    }

    [Fact]
    public void DrawsTheFlowsOfEvidenceRoutesRed_AndNoOthers()
    {
        var result = ReportFixtures.Rich();

        var svg = XDocument.Parse(WriterHarness.Render(Writer, result)).Root!;

        var onRoutes = result.Findings.SelectMany(f => f.EvidencePath).ToHashSet();
        foreach (var flow in Groups(svg, "data-flow"))
        {
            var red = (string)flow.Element(Svg + "path")!.Attribute("stroke")! == SvgDiagramWriter.Red;
            red.Should().Be(onRoutes.Contains((string)flow.Attribute("data-flow")!), (string)flow.Attribute("data-flow")!);
        }

        onRoutes.Should().NotBeEmpty();
    }

    [Fact]
    public void DrawsEachOrganization_AsABoxAroundItsElements()
    {
        var result = ReportFixtures.Rich();

        var svg = XDocument.Parse(WriterHarness.Render(Writer, result)).Root!;

        var bureau = Box(svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "org_bureau"));
        foreach (var id in new[] { "scoring", "score-db" })
        {
            var element = Box(Groups(svg, "data-element").Single(g => (string)g.Attribute("data-element")! == id));
            element.X.Should().BeGreaterThanOrEqualTo(bureau.X);
            element.Y.Should().BeGreaterThanOrEqualTo(bureau.Y);
            (element.X + element.Width).Should().BeLessThanOrEqualTo(bureau.X + bureau.Width);
            (element.Y + element.Height).Should().BeLessThanOrEqualTo(bureau.Y + bureau.Height);
        }

        svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("id") == "org_bureau").Element(Svg + "text")!.Value.Should().Be("Credit bureau [bureau]");
    }

    [Fact]
    public void EscapesDesignText_InLabelsTitlesAndAttributes()
    {
        var model = new SystemModelBuilder("<svg onload=alert(1)>")
            .Subject("people", 1000)
            .Item("note", DataItemKind.Other, "people")
            .Person("person", "people", name: "Ann & \"Bob\" <b>")
            .Process("app\" onclick=\"x", "org")
            .Flow("f</title><script>x</script>", "person", "app\" onclick=\"x", ["note"], "service")
            .Build();

        var text = WriterHarness.Render(Writer, ReportFixtures.Analyze(model));

        text.Should().Contain("Ann &amp; &quot;Bob&quot; &lt;b&gt;").And.NotContain("<script").And.NotContain("<b>");
        var svg = XDocument.Parse(text).Root!;
        svg.Element(Svg + "title")!.Value.Should().Be("Data flows of <svg onload=alert(1)>");
        Groups(svg, "data-element").Select(g => (string)g.Attribute("data-element")!).Should().Contain("app\" onclick=\"x");
        svg.Descendants().SelectMany(e => e.Attributes()).Should().NotContain(a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal));
    }

    [Fact]
    public void WritesTheSameBytes_ForTheSameDesign()
    {
        var first = WriterHarness.Render(Writer, ReportFixtures.Analyze(ReportFixtures.Scoring()));
        var second = WriterHarness.Render(Writer, ReportFixtures.Analyze(ReportFixtures.Scoring()));

        second.Should().Be(first);
    }

    private static IEnumerable<XElement> Groups(XElement svg, string attribute) =>
        svg.Descendants(Svg + "g").Where(g => g.Attribute(attribute) is not null);

    private static (double X, double Y, double Width, double Height) Box(XElement group)
    {
        var rect = group.Element(Svg + "rect")!;
        double Read(string name) => double.Parse((string)rect.Attribute(name)!, CultureInfo.InvariantCulture);
        return (Read("x"), Read("y"), Read("width"), Read("height"));
    }
}
