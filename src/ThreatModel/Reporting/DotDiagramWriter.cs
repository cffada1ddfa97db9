using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// A Graphviz DOT digraph of the data-flow graph: jurisdictions and organizations as nested clusters, element shapes by
/// type, flows labelled with items and purpose, and the flows on findings' evidence paths drawn red and thick.
/// </summary>
public sealed class DotDiagramWriter : IReportWriter
{
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
                output.Line($"{indent}subgraph {Quote("cluster_" + layout.OrganizationIds[organization.Id])} {{");
                output.Line($"{indent}  label={Quote(DiagramLayout.OrganizationLabel(organization))};");
                output.Line($"{indent}  style=rounded;");
                foreach (var element in elements)
                    output.Line($"{indent}  {Node(layout, element, organization)}");
                output.Line($"{indent}}}");
            }

            foreach (var element in group.Loose)
                output.Line($"{indent}{Node(layout, element, null)}");
            if (group.Jurisdiction is not null)
                output.Line("  }");
        }

        foreach (var flow in model.Flows)
        {
            if (!layout.NodeIds.TryGetValue(flow.From, out var from) || !layout.NodeIds.TryGetValue(flow.To, out var to))
                continue;
            var style = layout.HighlightedFlows.Contains(flow.Id) ? ", color=\"#d00000\", fontcolor=\"#d00000\", penwidth=3" : string.Empty;
            output.Line($"  {Quote(from)} -> {Quote(to)} [id={Quote(flow.Id)}, label={Quote(DiagramLayout.FlowLabel(flow))}{style}];");
        }

        output.Line("}");
    }

    private static string Node(DiagramLayout layout, Element element, Organization? organization)
    {
        var shape = element.Type switch
        {
            ElementType.Person => "shape=box, style=rounded",
            ElementType.ExternalParty => "shape=box",
            ElementType.Public or ElementType.OtherUsers => "shape=hexagon",
            ElementType.Store => "shape=cylinder",
            _ => "shape=ellipse",
        };
        var harm = layout.HarmElements.Contains(element.Id) ? ", color=\"#d00000\", penwidth=2" : string.Empty;
        return $"{Quote(layout.NodeIds[element.Id])} [label={Quote(DiagramLayout.ElementLabel(element, organization))}, {shape}{harm}];";
    }

    /// <summary>A DOT double-quoted string: backslashes and quotes escaped, line breaks as \n.</summary>
    internal static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\r': break;
                case '\n': builder.Append("\\n"); break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }
}
