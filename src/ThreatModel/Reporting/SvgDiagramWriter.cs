using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// An SVG picture of the data-flow graph, laid out in-process (MSAGL's layered layout): organizations as boxes around
/// their elements, flows as arrows labelled with their ids (hover for items and purpose), and the flows on findings'
/// evidence routes and the elements where harm happens drawn red. Huge designs are drawn in part, and the picture says so.
/// </summary>
public sealed class SvgDiagramWriter : IReportWriter
{
    internal const string Red = "#d00000";

    /// <inheritdoc />
    public string Format => "svg";

    /// <inheritdoc />
    public string FileExtension => ".svg";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        output.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        WriteSvg(output, result.Model, DiagramDrawing.Of(result));
    }

    /// <summary>Writes the <c>&lt;svg&gt;</c> element (also embedded in the HTML report, whose stylesheet restyles it).</summary>
    internal static void WriteSvg(TextWriter output, SystemModel model, DiagramDrawing drawing)
    {
        var width = DiagramDrawing.Number(drawing.Width);
        var height = DiagramDrawing.Number(drawing.Height + (drawing.Note is null ? 0 : 20));
        output.Write($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tm-diagram\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"monospace\" font-size=\"12\">\n");
        output.Write("<title>Data flows of ");
        MarkupText.Write(output, model.Name);
        output.Write("</title>\n<defs>\n");
        output.Write("<marker id=\"tm-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker>\n");
        output.Write($"<marker id=\"tm-arrow-red\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{Red}\"/></marker>\n");
        output.Write("</defs>\n<rect class=\"tm-background\" x=\"0\" y=\"0\" width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");

        output.Write("<g class=\"tm-organizations\">\n");
        foreach (var organization in drawing.Organizations)
        {
            output.Write($"<g class=\"tm-organization\" id=\"{organization.SvgId}\"><title>Organization ");
            MarkupText.Write(output, DiagramLayout.OrganizationLabel(organization.Organization));
            output.Write($"</title><rect x=\"{N(organization.X)}\" y=\"{N(organization.Y)}\" width=\"{N(organization.Width)}\" height=\"{N(organization.Height)}\" rx=\"6\" fill=\"#f4f6fa\" stroke=\"#8a94a6\" stroke-dasharray=\"6 3\"/>");
            output.Write($"<text x=\"{N(organization.X + 6)}\" y=\"{N(organization.Y + 15)}\" fill=\"#44506a\" font-weight=\"bold\">");
            MarkupText.Write(output, organization.Label);
            output.Write("</text></g>\n");
        }

        output.Write("</g>\n<g class=\"tm-flows\">\n");
        foreach (var flow in drawing.Flows)
        {
            var (colour, marker, stroke) = flow.Evidence ? (Red, "tm-arrow-red", "2.5") : ("#555555", "tm-arrow", "1.2");
            output.Write($"<g class=\"tm-flow{(flow.Evidence ? " tm-evidence" : string.Empty)}\" id=\"{flow.SvgId}\" data-flow=\"");
            MarkupText.Write(output, flow.Flow.Id);
            output.Write("\"><title>");
            MarkupText.Write(output, flow.Label);
            output.Write($"</title><path d=\"{flow.Path}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{stroke}\" marker-end=\"url(#{marker})\"/>");
            output.Write($"<text x=\"{N(flow.LabelX + 4)}\" y=\"{N(flow.LabelY)}\" fill=\"{colour}\" font-size=\"10\">");
            MarkupText.Write(output, flow.Flow.Id.Length <= 24 ? flow.Flow.Id : string.Concat(flow.Flow.Id.AsSpan(0, 23), "\u2026"));
            output.Write("</text></g>\n");
        }

        output.Write("</g>\n<g class=\"tm-elements\">\n");
        foreach (var element in drawing.Elements)
        {
            var type = ReportText.Kebab(element.Element.Type.ToString());
            var (fill, radius) = element.Element.Type switch
            {
                ElementType.Person => ("#e8f4ea", "16"),
                ElementType.Public or ElementType.OtherUsers => ("#fff4e0", "16"),
                ElementType.Store => ("#eef0ff", "0"),
                ElementType.ExternalParty => ("#f6ecf6", "2"),
                _ => ("#ffffff", "8"),
            };
            output.Write($"<g class=\"tm-element tm-{type}{(element.Harm ? " tm-harm" : string.Empty)}\" id=\"{element.SvgId}\" data-element=\"");
            MarkupText.Write(output, element.Element.Id);
            output.Write($"\"><title>{type}: ");
            MarkupText.Write(output, element.Label);
            output.Write($"</title><rect x=\"{N(element.X)}\" y=\"{N(element.Y)}\" width=\"{N(element.Width)}\" height=\"{N(element.Height)}\" rx=\"{radius}\" fill=\"{fill}\" stroke=\"{(element.Harm ? Red : "#333333")}\" stroke-width=\"{(element.Harm ? "2.5" : "1")}\"/>");
            if (element.Element.Type == ElementType.Store)
                output.Write($"<line x1=\"{N(element.X)}\" y1=\"{N(element.Y + 5)}\" x2=\"{N(element.X + element.Width)}\" y2=\"{N(element.Y + 5)}\" stroke=\"#333333\"/>");
            output.Write($"<text x=\"{N(element.X + (element.Width / 2))}\" y=\"{N(element.Y + (element.Height / 2) + 4)}\" text-anchor=\"middle\" fill=\"#111111\">");
            MarkupText.Write(output, element.ShownLabel);
            output.Write("</text></g>\n");
        }

        output.Write("</g>\n");
        if (drawing.Note is { } note)
        {
            output.Write($"<text class=\"tm-note\" x=\"12\" y=\"{N(drawing.Height + 14)}\" fill=\"#44506a\">");
            MarkupText.Write(output, note);
            output.Write("</text>\n");
        }

        output.Write("</svg>\n");
    }

    private static string N(double value) => DiagramDrawing.Number(value);
}
