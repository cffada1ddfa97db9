using System.Globalization;
using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// A Mermaid flowchart of the data-flow graph: jurisdictions and organizations as nested subgraphs, element shapes by
/// type, flows labelled with items and purpose, and the flows on findings' evidence paths drawn red and thick.
/// </summary>
public sealed class MermaidDiagramWriter : IReportWriter
{
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
                output.Line($"{indent}subgraph {layout.OrganizationIds[organization.Id]}[\"{Escape(DiagramLayout.OrganizationLabel(organization))}\"]");
                foreach (var element in elements)
                    output.Line($"{indent}  {Node(layout, element, organization)}");
                output.Line($"{indent}end");
            }

            foreach (var element in group.Loose)
                output.Line($"{indent}{Node(layout, element, null)}");
            if (group.Jurisdiction is not null)
                output.Line("  end");
        }

        var highlighted = new List<int>();
        var index = 0;
        foreach (var flow in model.Flows)
        {
            if (!layout.NodeIds.TryGetValue(flow.From, out var from) || !layout.NodeIds.TryGetValue(flow.To, out var to))
                continue;
            output.Line($"  {from} -->|\"{Escape(DiagramLayout.FlowLabel(flow))}\"| {to}");
            if (layout.HighlightedFlows.Contains(flow.Id))
                highlighted.Add(index);
            index++;
        }

        if (highlighted.Count > 0)
            output.Line($"  linkStyle {string.Join(",", highlighted.Select(i => i.ToString(CultureInfo.InvariantCulture)))} stroke:#d00000,stroke-width:4px,color:#d00000");
        var harmed = model.Elements.Where(e => layout.HarmElements.Contains(e.Id)).Select(e => layout.NodeIds[e.Id]).ToList();
        if (harmed.Count > 0)
        {
            output.Line("  classDef harm stroke:#d00000,stroke-width:3px");
            output.Line($"  class {string.Join(",", harmed)} harm");
        }
    }

    private static string Node(DiagramLayout layout, Element element, Organization? organization)
    {
        var label = Escape(DiagramLayout.ElementLabel(element, organization));
        var id = layout.NodeIds[element.Id];
        return element.Type switch
        {
            ElementType.Person => $"{id}([\"{label}\"])",
            ElementType.ExternalParty => $"{id}[\"{label}\"]",
            ElementType.Public or ElementType.OtherUsers => $"{id}{{{{\"{label}\"}}}}",
            ElementType.Store => $"{id}[(\"{label}\")]",
            _ => $"{id}(\"{label}\")",
        };
    }

    /// <summary>Text safe inside a quoted Mermaid label: quotes, angle brackets, pipes and hashes become entity codes.</summary>
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '#': builder.Append("#35;"); break;
                case '"': builder.Append("#quot;"); break;
                case '<': builder.Append("#lt;"); break;
                case '>': builder.Append("#gt;"); break;
                case '|': builder.Append("#124;"); break;
                case '`': builder.Append("#96;"); break;
                case '\r': break;
                case '\n': builder.Append(' '); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
