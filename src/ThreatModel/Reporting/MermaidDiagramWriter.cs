using System.Buffers;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// A Mermaid flowchart of the data-flow graph: jurisdictions and organizations as nested subgraphs, element shapes by
/// type, flows labelled with items and purpose, and the flows on findings' evidence paths drawn red and thick.
/// </summary>
public sealed class MermaidDiagramWriter : IReportWriter
{
    /// <summary>The printable ASCII characters written as they are: all but the ones the format escapes (and <see cref="SafeText"/> looks at every other character).</summary>
    private static readonly SearchValues<char> Plain = SafeText.With("#\"<>|`%&");

    /// <inheritdoc />
    public string Format => "mermaid";

    /// <inheritdoc />
    public string FileExtension => ".mmd";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var model = result.Model;
        var layout = DiagramLayout.Of(result);
        var label = new ScratchText();
        output.Line("flowchart LR");
        foreach (var group in layout.Groups)
        {
            var indent = "  ";
            if (group.Jurisdiction is { } jurisdiction)
            {
                output.Line($"{indent}subgraph {layout.JurisdictionIds[jurisdiction.Id]}[\"{Escape(DiagramLayout.JurisdictionLabel(jurisdiction))}\"]");
                indent += "  ";
            }

            foreach (var (organization, elements) in group.Organizations)
            {
                output.Write(indent);
                output.Write("subgraph ");
                output.Write(layout.OrganizationIds[organization.Id]);
                output.Write("[\"");
                WriteEscaped(output, DiagramLayout.OrganizationLabel(organization));
                output.Write("\"]\n");
                foreach (var element in elements)
                {
                    output.Write(indent);
                    output.Write("  ");
                    WriteNode(output, layout, element, organization, label);
                }

                output.Write(indent);
                output.Write("end\n");
            }

            foreach (var element in group.Loose)
            {
                output.Write(indent);
                WriteNode(output, layout, element, null, label);
            }

            if (group.Jurisdiction is not null)
                output.Line("  end");
        }

        var highlighted = new List<int>();
        var index = 0;
        foreach (var flow in model.Flows)
        {
            if (!layout.NodeIds.TryGetValue(flow.From, out var from) || !layout.NodeIds.TryGetValue(flow.To, out var to))
                continue;
            output.Write("  ");
            output.Write(from);
            output.Write(" -->|\"");
            WriteEscaped(output, DiagramLayout.AppendFlowLabel(label.Clear(), flow).Span);
            output.Write("\"| ");
            output.Line(to);
            if (layout.HighlightedFlows.Contains(flow.Id))
                highlighted.Add(index);
            index++;
        }

        if (highlighted.Count > 0)
        {
            output.Write("  linkStyle ");
            for (var i = 0; i < highlighted.Count; i++)
            {
                if (i > 0)
                    output.Write(',');
                output.WriteNumber(highlighted[i]);
            }

            output.Line(" stroke:#d00000,stroke-width:4px,color:#d00000");
        }

        var harmed = model.Elements.Where(e => layout.HarmElements.Contains(e.Id)).Select(e => layout.NodeIds[e.Id]).ToList();
        if (harmed.Count > 0)
        {
            output.Line("  classDef harm stroke:#d00000,stroke-width:3px");
            output.Write("  class ");
            output.WriteJoined(harmed, ",");
            output.Line(" harm");
        }
    }

    /// <summary>Writes an element's node line: its id, then its escaped label in the shape of its type.</summary>
    private static void WriteNode(TextWriter output, DiagramLayout layout, Element element, Organization? organization, ScratchText label)
    {
        var (open, close) = element.Type switch
        {
            ElementType.Person => ("([\"", "\"])"),
            ElementType.ExternalParty => ("[\"", "\"]"),
            ElementType.Public or ElementType.OtherUsers => ("{{\"", "\"}}"),
            ElementType.Store => ("[(\"", "\")]"),
            _ => ("(\"", "\")"),
        };
        output.Write(layout.NodeIds[element.Id]);
        output.Write(open);
        WriteEscaped(output, DiagramLayout.AppendElementLabel(label.Clear(), element, organization).Span);
        output.Write(close);
        output.Write('\n');
    }

    /// <summary>
    /// Text safe inside a quoted Mermaid label: quotes, angle brackets, pipes, hashes, backticks, percent signs (so no
    /// <c>%%{init: ...}%%</c> directive) and ampersands (so no HTML entity) become entity codes; control, bidi and
    /// zero-width characters become visible escapes (<see cref="SafeText"/>).
    /// </summary>
    internal static string Escape(string text) => SafeText.Escape(text, Plain, WriteSpecial);

    /// <summary>Writes <see cref="Escape"/> of the text, the runs between special characters as they are.</summary>
    internal static void WriteEscaped(TextWriter output, ReadOnlySpan<char> text) => SafeText.Write(output, text, Plain, WriteSpecial);

    private static readonly SpecialCharacterWriter WriteSpecial = static (output, text, index) =>
    {
        switch (text[index])
        {
            case '#': output.Write("#35;"); break;
            case '"': output.Write("#quot;"); break;
            case '<': output.Write("#lt;"); break;
            case '>': output.Write("#gt;"); break;
            case '|': output.Write("#124;"); break;
            case '`': output.Write("#96;"); break;
            case '%': output.Write("#37;"); break;
            default: output.Write("#38;"); break; // &
        }
    };
}
