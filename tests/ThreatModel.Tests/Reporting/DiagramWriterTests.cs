using System.Text.RegularExpressions;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class MermaidDiagramWriterTests
{
    private static readonly MermaidDiagramWriter Writer = new();

    [Fact]
    public void DrawsJurisdictionsAndOrganizations_AsNestedSubgraphs()
    {
        var mermaid = WriterHarness.Render(Writer, ReportFixtures.Rich());

        mermaid.Should().StartWith("flowchart LR\n")
            .And.Contain("  subgraph jur_cn[\"Jurisdiction: People's Republic of China [cn]\"]\n    subgraph org_bank_co[\"Commercial bank [bank-co]\"]\n      n_bank(\"bank\")\n    end\n");
    }

    [Fact]
    public void ShapesElementsByType()
    {
        var mermaid = WriterHarness.Render(Writer, ReportFixtures.Rich());

        mermaid.Should().Contain("n_citizen([\"Citizen [citizen]\"])")
            .And.Contain("n_score_db[(\"score-db\")]")
            .And.Contain("n_public{{\"public\"}}")
            .And.Contain("n_scoring(\"Scoring engine [scoring]\")");
    }

    [Fact]
    public void LabelsFlows_AndHighlightsTheEvidencePathsByLinkIndex()
    {
        var result = ReportFixtures.Rich();
        var mermaid = WriterHarness.Render(Writer, result);

        mermaid.Should().Contain("  n_citizen -->|\"f-bank-in: national-id, loans (payment)\"| n_bank\n");
        var links = mermaid.Split('\n').Where(l => l.Contains("-->", StringComparison.Ordinal)).ToList();
        var highlighted = Regex.Match(mermaid, "linkStyle ([0-9,]+) stroke:#d00000").Groups[1].Value.Split(',').Select(int.Parse).ToList();
        var onPaths = result.Findings.SelectMany(f => f.EvidencePath).ToHashSet();
        highlighted.Select(i => links[i].Split('"')[1].Split(':')[0]).Should().BeEquivalentTo(onPaths);
    }

    [Fact]
    public void EscapesLabelText()
    {
        MermaidDiagramWriter.Escape("a \"b\" <c> | #d").Should().Be("a #quot;b#quot; #lt;c#gt; #124; #35;d");
    }

    [Fact]
    public void EscapesPercentSigns_SoALabelCannotCarryAnInitDirective()
    {
        MermaidDiagramWriter.Escape("%%{init: {'theme': 'dark'}}%%").Should().Be("#37;#37;{init: {'theme': 'dark'}}#37;#37;");
    }

    [Fact]
    public void EscapesAmpersands_SoALabelCannotCarryAnHtmlEntity()
    {
        MermaidDiagramWriter.Escape("&#8238;evil").Should().Be("#38;#35;8238;evil");
    }

    [Fact]
    public void ShowsLineBreaksAndBidiCharactersInLabels_AsEscapes()
    {
        MermaidDiagramWriter.Escape("a\nb\u202Ec").Should().Be(@"a\nb\u202Ec");
    }

    [Fact]
    public void MakesSafeDistinctIds_ForIdsThatSanitizeAlike()
    {
        var model = new SystemModelBuilder("ids")
            .Subject("s", 10)
            .Item("i", DataItemKind.Other, "s")
            .Process("a-b", "org")
            .Process("a.b", "org")
            .Process("end", "org")
            .Flow("f1", "a-b", "a.b", ["i"], "x")
            .Flow("f2", "a.b", "end", ["i"], "x")
            .Build();

        var mermaid = WriterHarness.Render(Writer, ReportFixtures.Analyze(model));

        mermaid.Should().Contain("n_a_b(\"a-b\")").And.Contain("n_a_b_2(\"a.b\")").And.Contain("n_end(\"end\")")
            .And.Contain("n_a_b -->|").And.Contain("n_a_b_2 -->|");
    }
}

public class DotDiagramWriterTests
{
    private static readonly DotDiagramWriter Writer = new();

    [Fact]
    public void DrawsJurisdictionsAndOrganizations_AsNestedClusters()
    {
        var dot = WriterHarness.Render(Writer, ReportFixtures.Rich());

        dot.Should().StartWith("digraph \"City \\\"scoring\\\" <pilot>\" {\n  rankdir=LR;\n")
            .And.Contain("  subgraph \"cluster_jur_cn\" {\n    label=\"Jurisdiction: People's Republic of China [cn]\";\n")
            .And.Contain("    subgraph \"cluster_org_bureau\" {\n      label=\"Credit bureau [bureau]\";\n")
            .And.EndWith("}\n");
    }

    [Fact]
    public void ShapesElementsByType_AndMarksWhereHarmHappens()
    {
        var dot = WriterHarness.Render(Writer, ReportFixtures.Rich());

        dot.Should().Contain("\"n_score_db\" [label=\"score-db\", shape=cylinder")
            .And.Contain("\"n_public\" [label=\"public\", shape=hexagon, color=\"#d00000\", penwidth=2];")
            .And.Contain("\"n_citizen\" [label=\"Citizen [citizen]\", shape=box, style=rounded];");
    }

    [Fact]
    public void DrawsEvidenceFlowsRedAndThick_AndOtherFlowsPlain()
    {
        var dot = WriterHarness.Render(Writer, ReportFixtures.Rich());

        dot.Should().Contain("\"n_score_db\" -> \"n_public\" [id=\"f-publish\", label=\"f-publish: score (public-shaming)\", color=\"#d00000\", fontcolor=\"#d00000\", penwidth=3];");
        var plain = ReportFixtures.Rich() with { Findings = [] };
        WriterHarness.Render(Writer, plain).Should().NotContain("penwidth=3");
    }

    [Fact]
    public void ShowsADesignsBackslashEscapes_AsText_NotAsLineBreaksOrJustification()
    {
        DotDiagramWriter.Quote(@"left\l name\N").Should().Be(@"""left\\l name\\N""");
    }

    [Fact]
    public void WritesAmpersandsAsEntities_SoNoHtmlEntityOfTheDesignIsDecoded()
    {
        DotDiagramWriter.Quote("&#8238;x &lt;").Should().Be("\"&amp;#8238;x &amp;lt;\"");
    }

    [Fact]
    public void ShowsControlAndBidiCharacters_AsEscapesWithTheirBackslashDoubled()
    {
        DotDiagramWriter.Quote("a\u001b[31m\u202Eb").Should().Be(@"""a\\u001B[31m\\u202Eb""");
    }

    [Fact]
    public void QuotesIds_EscapingQuotesAndBackslashes()
    {
        DotDiagramWriter.Quote("a\"b\\c\nd").Should().Be("\"a\\\"b\\\\c\\\\nd\"");
    }
}

public class ReportDeterminismTests
{
    [Fact]
    public void EveryWriter_WritesTheSameBytesTwice_WithLineFeedsOnly()
    {
        foreach (var writer in ReportWriters.All)
        {
            var first = WriterHarness.Render(writer, ReportFixtures.Rich());
            var second = WriterHarness.Render(writer, ReportFixtures.Rich());

            second.Should().Be(first, writer.Format);
            first.Should().NotContain("\r", writer.Format).And.EndWith("\n", writer.Format);
        }
    }

    [Theory]
    [InlineData("report.sarif", "sarif")]
    [InlineData("out/report.sarif.json", "sarif")]
    [InlineData("report.JSON", "json")]
    [InlineData("comment.md", "markdown")]
    [InlineData("graph.mmd", "mermaid")]
    [InlineData("graph.gv", "dot")]
    [InlineData("report.txt", "text")]
    public void InfersTheFormat_FromTheFileExtension(string path, string format)
    {
        ReportWriters.ForPath(path)!.Format.Should().Be(format);
    }

    [Fact]
    public void InfersNoFormat_FromAnUnknownExtension()
    {
        ReportWriters.ForPath("report.xlsx").Should().BeNull();
    }
}
