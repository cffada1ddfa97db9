using System.Xml.Linq;

namespace ThreatModel.Cli.Tests;

/// <summary><c>diagram --format svg|html</c>, <c>check --format html</c>, and raster targets refused (issue 12).</summary>
public class RenderedOutputTests
{
    [Fact]
    public void Diagram_DrawsSvg_WithTheEvidenceFlowsInRed()
    {
        using var temp = new TempFolder();

        var run = CliHarness.Run("diagram", temp.File("s.yaml", "scoring"), "--format", "svg");

        run.ExitCode.Should().Be(0, run.ToString());
        var svg = XDocument.Parse(run.Out).Root!;
        svg.Name.LocalName.Should().Be("svg");
        svg.Descendants().Where(e => e.Attribute("data-flow") is not null && ((string)e.Attribute("class")!).Contains("tm-evidence", StringComparison.Ordinal))
            .Should().NotBeEmpty();
        run.Out.Should().Contain("stroke=\"#d00000\"");
    }

    [Theory]
    [InlineData("graph.svg", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ")]
    [InlineData("graph.html", "<!DOCTYPE html>\n")]
    [InlineData("graph.mmd", "flowchart LR\n")]
    public void Diagram_TakesTheFormatFromTheOutFilesExtension(string name, string start)
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, name);

        var run = CliHarness.Run("diagram", temp.File("s.yaml", "scoring"), "--out", file);

        run.ExitCode.Should().Be(0, run.ToString());
        File.ReadAllText(file).Should().StartWith(start);
    }

    [Theory]
    [InlineData("graph.png")]
    [InlineData("graph.PNG", "--format", "mermaid")]
    [InlineData("graph.pdf")]
    public void Diagram_RefusesARasterOrPdfFile_NamingTheFormatsItWrites_InsteadOfFillingItWithText(string name, params string[] more)
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, name);

        var run = CliHarness.Run(["diagram", temp.File("s.yaml", "scoring"), "--out", file, .. more]);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain(name).And.Contain(".svg, .html, .mmd or .dot").And.NotContain("   at ");
        File.Exists(file).Should().BeFalse();
    }

    [Fact]
    public void Check_WritesTheHtmlReport_ToAnOutFileEndingInHtml()
    {
        using var temp = new TempFolder();
        var file = Path.Combine(temp.Path, "review", "report.html");

        var run = CliHarness.Run("check", temp.File("s.yaml", "scoring"), "--out", file);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Err.Should().Contain("wrote html report to");
        var html = File.ReadAllText(file);
        html.Should().StartWith("<!DOCTYPE html>\n").And.Contain("<article class=\"finding sev-high\"").And.Contain("TM001 cross-context-linkage");
    }

    [Fact]
    public void Check_WritesHtmlAndSvg_IntoTheOutputFolder_NamedAfterTheDesign()
    {
        using var temp = new TempFolder();
        var folder = Path.Combine(temp.Path, "reports");

        var run = CliHarness.Run("check", temp.File("scoring.yaml", "scoring"), "--format", "html", "--format", "svg", "--output", folder);

        run.ExitCode.Should().Be(1, run.ToString());
        File.ReadAllText(Path.Combine(folder, "scoring.html")).Should().StartWith("<!DOCTYPE html>");
        File.ReadAllText(Path.Combine(folder, "scoring.svg")).Should().StartWith("<?xml");
    }
}
