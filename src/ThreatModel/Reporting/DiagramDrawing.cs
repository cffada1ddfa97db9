using System.Globalization;
using System.Text;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;
using ThreatModel.Analysis;
using ThreatModel.Model;
using MsaglEdge = Microsoft.Msagl.Core.Layout.Edge;
using MsaglNode = Microsoft.Msagl.Core.Layout.Node;

namespace ThreatModel.Reporting;

/// <summary>
/// The data-flow graph laid out for drawing, in-process, by MSAGL's layered (Sugiyama) layout: a box per element,
/// organizations as clusters around their members, a routed curve per flow. Coordinates are SVG pixels (y down),
/// rounded to a tenth, so the same model gives the same drawing. Huge designs are drawn in part: at most
/// <see cref="MaxElements"/> elements and <see cref="MaxFlows"/> flows, those on findings' evidence routes first.
/// </summary>
internal sealed class DiagramDrawing
{
    /// <summary>The most elements drawn; layered layout grows faster than linearly, and a drawing of more is unreadable.</summary>
    public const int MaxElements = 100;

    /// <summary>The most flows drawn.</summary>
    public const int MaxFlows = 200;

    private const double CharWidth = 7.2; // 12px monospace
    private const int MaxLabel = 36;
    private const double Padding = 12;

    private DiagramDrawing(AnalysisResult result)
    {
        var model = result.Model;
        var layout = DiagramLayout.Of(result);
        var elements = ChooseElements(result, layout);
        var drawn = elements.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var flows = new List<Flow>();
        var flowsBetween = 0;
        foreach (var flow in OrderedFlows(result, layout))
        {
            if (!drawn.Contains(flow.From) || !drawn.Contains(flow.To))
                continue;
            flowsBetween++;
            if (flows.Count < MaxFlows)
                flows.Add(flow);
        }

        var organizations = model.Organizations.GroupBy(o => o.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var graph = new GeometryGraph();
        var nodes = new Dictionary<string, MsaglNode>(StringComparer.Ordinal);
        var label = new ScratchText();
        var drawnNodes = new List<DrawnElement>();
        foreach (var element in elements)
        {
            organizations.TryGetValue(element.OrganizationId ?? string.Empty, out var organization);
            var text = DiagramLayout.AppendElementLabel(label.Clear(), element, organization).Span.ToString();
            var shown = Shorten(text);
            var node = new MsaglNode(CurveFactory.CreateRectangle(Math.Max(60, (shown.Length * CharWidth) + 20), 32, new Point()), element.Id);
            graph.Nodes.Add(node);
            nodes.Add(element.Id, node);
            drawnNodes.Add(new DrawnElement(element, layout.NodeIds[element.Id], text, shown, layout.HarmElements.Contains(element.Id)));
        }

        var edges = new List<(Flow Flow, MsaglEdge Edge)>();
        foreach (var flow in flows)
        {
            var edge = new MsaglEdge(nodes[flow.From], nodes[flow.To]);
            graph.Edges.Add(edge);
            edges.Add((flow, edge));
        }

        var clusters = new List<(Organization Organization, Cluster Cluster)>();
        foreach (var group in layout.Groups)
        {
            foreach (var (organization, members) in group.Organizations)
            {
                var inside = members.Where(m => nodes.ContainsKey(m.Id)).Select(m => nodes[m.Id]).ToList();
                if (inside.Count == 0)
                    continue;
                var cluster = new Cluster(inside)
                {
                    RectangularBoundary = new RectangularClusterBoundary { LeftMargin = 8, RightMargin = 8, TopMargin = 24, BottomMargin = 8 },
                    BoundaryCurve = CurveFactory.CreateRectangle(30, 30, new Point()),
                };
                graph.RootCluster.AddChild(cluster);
                clusters.Add((organization, cluster));
            }
        }

        if (graph.Nodes.Count > 0)
            LayoutHelpers.CalculateLayout(graph, new SugiyamaLayoutSettings { RandomSeedForOrdering = 1 }, null);

        var box = graph.Nodes.Count > 0 ? graph.BoundingBox : new Rectangle(0, 0, 0, 0);
        foreach (var (_, cluster) in clusters)
            box.Add(cluster.BoundingBox);
        double X(double x) => Round(x - box.Left + Padding);
        double Y(double y) => Round(box.Top - y + Padding + 18); // room above for the organization labels
        Width = Round(box.Width + (2 * Padding));
        Height = Round(box.Height + (2 * Padding) + 18);

        Organizations = [.. clusters.Select(c => new DrawnOrganization(
            c.Organization,
            layout.OrganizationIds[c.Organization.Id],
            Shorten(DiagramLayout.OrganizationLabel(c.Organization), 48),
            X(c.Cluster.BoundingBox.Left), Y(c.Cluster.BoundingBox.Top), Round(c.Cluster.BoundingBox.Width), Round(c.Cluster.BoundingBox.Height)))];
        Elements = [.. drawnNodes.Select(d =>
        {
            var box = nodes[d.Element.Id].BoundingBox;
            return d with { X = X(box.Left), Y = Y(box.Top), Width = Round(box.Width), Height = Round(box.Height) };
        })];
        var drawnFlows = new List<DrawnFlow>(edges.Count);
        var index = 0;
        foreach (var (flow, edge) in edges)
        {
            var path = new StringBuilder();
            var middle = new Point();
            if (edge.Curve is { } curve)
            {
                AppendPath(path, curve, X, Y);
                middle = curve[(curve.ParStart + curve.ParEnd) / 2];
            }

            drawnFlows.Add(new DrawnFlow(
                flow,
                "flow-" + index.ToString(CultureInfo.InvariantCulture),
                DiagramLayout.AppendFlowLabel(label.Clear(), flow).Span.ToString(),
                path.ToString(),
                X(middle.X),
                Y(middle.Y),
                layout.HighlightedFlows.Contains(flow.Id)));
            index++;
        }

        Flows = drawnFlows;
        _flowIds = drawnFlows.DistinctBy(f => f.Flow.Id).ToDictionary(f => f.Flow.Id, f => f.SvgId, StringComparer.Ordinal);
        _elementIds = Elements.ToDictionary(e => e.Element.Id, e => e.SvgId, StringComparer.Ordinal);
        TotalElements = model.Elements.Count;
        TotalFlows = model.Flows.Count;
        var flowsWithEnds = model.Flows.Count(f => layout.NodeIds.ContainsKey(f.From) && layout.NodeIds.ContainsKey(f.To));
        if (elements.Count < model.Elements.Count || flows.Count < flowsWithEnds)
        {
            Note = string.Create(CultureInfo.InvariantCulture,
                $"This design has {model.Elements.Count} elements and {flowsWithEnds} flows; the diagram draws {elements.Count} elements and {flows.Count} flows (at most {MaxElements} and {MaxFlows}, those on findings' evidence routes first). Every finding is listed in full.");
        }
    }

    private readonly Dictionary<string, string> _flowIds;
    private readonly Dictionary<string, string> _elementIds;

    public IReadOnlyList<DrawnElement> Elements { get; }

    public IReadOnlyList<DrawnFlow> Flows { get; }

    public IReadOnlyList<DrawnOrganization> Organizations { get; }

    public double Width { get; }

    public double Height { get; }

    public int TotalElements { get; }

    public int TotalFlows { get; }

    /// <summary>Why the drawing shows less than the design, or null when it shows everything.</summary>
    public string? Note { get; }

    public static DiagramDrawing Of(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new DiagramDrawing(result);
    }

    /// <summary>The SVG id of the (first) drawn flow with this id, or null when it is not drawn.</summary>
    public string? FlowSvgId(string flowId) => _flowIds.GetValueOrDefault(flowId);

    /// <summary>The SVG id of the drawn element with this id, or null when it is not drawn.</summary>
    public string? ElementSvgId(string elementId) => _elementIds.GetValueOrDefault(elementId);

    /// <summary>A number as SVG writes it: invariant, at most one decimal.</summary>
    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>All elements when they fit; otherwise the ends of evidence flows (finding by finding), then the rest in design order.</summary>
    private static List<Element> ChooseElements(AnalysisResult result, DiagramLayout layout)
    {
        var model = result.Model;
        var known = model.Elements.Where(e => layout.NodeIds.ContainsKey(e.Id)).DistinctBy(e => e.Id).ToList();
        if (known.Count <= MaxElements)
            return known;
        var byId = known.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var flowsById = model.Flows.GroupBy(f => f.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            foreach (var flowId in finding.EvidencePath)
            {
                if (!flowsById.TryGetValue(flowId, out var flow))
                    continue;
                foreach (var end in new[] { flow.From, flow.To })
                {
                    if (chosen.Count < MaxElements && byId.ContainsKey(end))
                        chosen.Add(end);
                }
            }
        }

        foreach (var element in known)
        {
            if (chosen.Count >= MaxElements)
                break;
            chosen.Add(element.Id);
        }

        return [.. known.Where(e => chosen.Contains(e.Id))];
    }

    /// <summary>Evidence flows first (in design order), then the others, so a cap keeps what findings point at.</summary>
    private static IEnumerable<Flow> OrderedFlows(AnalysisResult result, DiagramLayout layout) =>
        result.Model.Flows.Where(f => layout.HighlightedFlows.Contains(f.Id))
            .Concat(result.Model.Flows.Where(f => !layout.HighlightedFlows.Contains(f.Id)));

    private static string Shorten(string text, int max = MaxLabel) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "\u2026");

    private static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static void AppendPath(StringBuilder path, ICurve curve, Func<double, double> x, Func<double, double> y)
    {
        void Point(char command, Point p) => path.Append(command).Append(Number(x(p.X))).Append(',').Append(Number(y(p.Y))).Append(' ');

        Point('M', curve.Start);
        var segments = curve is Curve composite ? composite.Segments : [curve];
        foreach (var segment in segments)
        {
            switch (segment)
            {
                case LineSegment line:
                    Point('L', line.End);
                    break;
                case CubicBezierSegment bezier:
                    path.Append('C');
                    for (var i = 1; i <= 3; i++)
                        path.Append(Number(x(bezier.B(i).X))).Append(',').Append(Number(y(bezier.B(i).Y))).Append(i < 3 ? " " : string.Empty);
                    path.Append(' ');
                    break;
                default:
                    // Arcs and other curves: eight straight pieces are close enough at this size.
                    for (var i = 1; i <= 8; i++)
                        Point('L', segment[segment.ParStart + ((segment.ParEnd - segment.ParStart) * i / 8)]);
                    break;
            }
        }

        if (path.Length > 0)
            path.Length--;
    }

    /// <summary>An element's box.</summary>
    internal sealed record DrawnElement(Element Element, string SvgId, string Label, string ShownLabel, bool Harm)
    {
        public double X { get; init; }

        public double Y { get; init; }

        public double Width { get; init; }

        public double Height { get; init; }
    }

    /// <summary>A flow's routed curve and where its id is written.</summary>
    internal sealed record DrawnFlow(Flow Flow, string SvgId, string Label, string Path, double LabelX, double LabelY, bool Evidence);

    /// <summary>An organization's cluster box.</summary>
    internal sealed record DrawnOrganization(Organization Organization, string SvgId, string Label, double X, double Y, double Width, double Height);
}
