using System.Buffers;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// A Graphviz DOT digraph of the data-flow graph: jurisdictions and organizations as nested clusters, element shapes by
/// type, flows labelled with items and purpose, and the flows on findings' evidence paths drawn red and thick.
/// </summary>
public sealed class DotDiagramWriter : IReportWriter
{
    /// <summary>The printable ASCII characters written as they are: all but the ones the format escapes (and <see cref="SafeText"/> looks at every other character).</summary>
    private static readonly SearchValues<char> Plain = SafeText.With("\\\"&");

    /// <inheritdoc />
    public string Format => "dot";

    /// <inheritdoc />
    public string FileExtension => ".dot";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var model = result.Model;
        var layout = DiagramLayout.Of(result);
        var label = new ScratchText();
        output.Line($"digraph {Quote(model.Name)} {{");
        output.Line("  rankdir=LR;");
        output.Line("  graph [fontname=\"Helvetica\", fontsize=11];");
        output.Line("  node [fontname=\"Helvetica\", fontsize=10];");
        output.Line("  edge [fontname=\"Helvetica\", fontsize=9];");
        foreach (var group in layout.Groups)
        {
            var indent = "  ";
            if (group.Jurisdiction is { } jurisdiction)
            {
                output.Line($"{indent}subgraph {Quote("cluster_" + layout.JurisdictionIds[jurisdiction.Id])} {{");
                output.Line($"{indent}  label={Quote(DiagramLayout.JurisdictionLabel(jurisdiction))};");
                output.Line($"{indent}  style=dashed;");
                indent += "  ";
            }

            foreach (var (organization, elements) in group.Organizations)
            {
                output.Write(indent);
                output.Write("subgraph ");
                WriteQuoted(output, label.Clear().Append("cluster_").Append(layout.OrganizationIds[organization.Id]).Span);
                output.Write(" {\n");
                output.Write(indent);
                output.Write("  label=");
                WriteQuoted(output, DiagramLayout.OrganizationLabel(organization));
                output.Write(";\n");
                output.Write(indent);
                output.Write("  style=rounded;\n");
                foreach (var element in elements)
                {
                    output.Write(indent);
                    output.Write("  ");
                    WriteNode(output, layout, element, organization, label);
                }

                output.Write(indent);
                output.Write("}\n");
            }

            foreach (var element in group.Loose)
            {
                output.Write(indent);
                WriteNode(output, layout, element, null, label);
            }

            if (group.Jurisdiction is not null)
                output.Line("  }");
        }

        foreach (var flow in model.Flows)
        {
            if (!layout.NodeIds.TryGetValue(flow.From, out var from) || !layout.NodeIds.TryGetValue(flow.To, out var to))
                continue;
            output.Write("  ");
            WriteQuoted(output, from);
            output.Write(" -> ");
            WriteQuoted(output, to);
            output.Write(" [id=");
            WriteQuoted(output, flow.Id);
            output.Write(", label=");
            WriteQuoted(output, DiagramLayout.AppendFlowLabel(label.Clear(), flow).Span);
            if (layout.HighlightedFlows.Contains(flow.Id))
                output.Write(", color=\"#d00000\", fontcolor=\"#d00000\", penwidth=3");
            output.Write("];\n");
        }

        output.Line("}");
    }

    /// <summary>Writes an element's node statement: its quoted id, label, shape and, on an evidence path, the harm colour.</summary>
    private static void WriteNode(TextWriter output, DiagramLayout layout, Element element, Organization? organization, ScratchText label)
    {
        var shape = element.Type switch
        {
            ElementType.Person => "shape=box, style=rounded",
            ElementType.ExternalParty => "shape=box",
            ElementType.Public or ElementType.OtherUsers => "shape=hexagon",
            ElementType.Store => "shape=cylinder",
            _ => "shape=ellipse",
        };
        WriteQuoted(output, layout.NodeIds[element.Id]);
        output.Write(" [label=");
        WriteQuoted(output, DiagramLayout.AppendElementLabel(label.Clear(), element, organization).Span);
        output.Write(", ");
        output.Write(shape);
        if (layout.HarmElements.Contains(element.Id))
            output.Write(", color=\"#d00000\", penwidth=2");
        output.Write("];\n");
    }

    /// <summary>
    /// A DOT double-quoted string that shows its text as it is: backslashes doubled (so no <c>\n</c>, <c>\l</c> or
    /// <c>\N</c> of the design's is read as an escape), quotes escaped, ampersands as <c>&amp;amp;</c> (so no HTML entity
    /// is decoded), control, bidi and zero-width characters as visible escapes (<see cref="SafeText"/>, their backslash
    /// doubled too). Never an HTML-like label: the string is always quoted.
    /// </summary>
    internal static string Quote(string text)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteQuoted(output, text);
        return output.ToString();
    }

    /// <summary>Writes <see cref="Quote"/> of the text, the runs between special characters as they are.</summary>
    internal static void WriteQuoted(TextWriter output, ReadOnlySpan<char> text)
    {
        output.Write('"');
        SafeText.Write(output, text, Plain, WriteSpecial, backslash: "\\\\");
        output.Write('"');
    }

    private static readonly SpecialCharacterWriter WriteSpecial = static (output, text, index) =>
    {
        switch (text[index])
        {
            case '\\': output.Write("\\\\"); break;
            case '"': output.Write("\\\""); break;
            default: output.Write("&amp;"); break; // &
        }
    };
}
