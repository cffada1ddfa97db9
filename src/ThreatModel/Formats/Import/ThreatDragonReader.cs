using System.Globalization;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;
using static ThreatModel.Formats.Import.ImportText;

namespace ThreatModel.Formats.Import;

/// <summary>
/// Reads an OWASP Threat Dragon model: version 2 (<c>detail.diagrams[].cells</c>, each cell with a <c>shape</c> and
/// its facts under <c>data</c>) and version 1 (<c>detail.diagrams[].diagramJson.cells</c>, facts on the cell, names
/// under <c>attrs.text.text</c> and flow labels). Actors, processes and stores become elements, flows become flows,
/// trust boundary boxes become organizations or jurisdictions by name and nesting (docs/import.md).
/// </summary>
internal static class ThreatDragonReader
{
    /// <summary>True when the root looks like a Threat Dragon model: <c>detail.diagrams</c> is a list.</summary>
    public static bool Recognizes(DesignNode root) => Field(Field(root, "detail"), "diagrams") is SequenceNode;

    public static ImportedModel? Read(DesignNode root, string file, DiagnosticBag diagnostics)
    {
        if (!Recognizes(root))
        {
            diagnostics.Error(
                ImportDiagnosticCodes.NotThatFormat,
                $"'{file}' is not a Threat Dragon model: expected a JSON object with 'summary' and 'detail.diagrams' (Threat Dragon v1 or v2), found {Describe(root)}.",
                root.Span);
            return null;
        }

        var model = new ImportedModel(file, "Threat Dragon");
        var summary = Field(root, "summary");
        var title = Text(summary, "title");
        model.Name = string.IsNullOrWhiteSpace(title) ? Path.GetFileNameWithoutExtension(file) : OneLine(title);
        model.NameSpan = Field(summary, "title")?.Span ?? root.Span;
        model.Description = Text(summary, "description");
        model.HomeOrganization = model.UniqueBoundaryId(model.Name, "system");

        var diagramIndex = 0;
        foreach (var diagram in List(Field(root, "detail"), "diagrams"))
        {
            diagramIndex++;
            var cells = Field(diagram, "cells") as SequenceNode ?? Field(Field(diagram, "diagramJson"), "cells") as SequenceNode;
            if (cells is null)
            {
                diagnostics.Warning(
                    ImportDiagnosticCodes.Skipped,
                    $"Threat Dragon diagram {diagramIndex} ('{Text(diagram, "title") ?? "untitled"}') has neither 'cells' (v2) nor 'diagramJson.cells' (v1); it was left out.",
                    diagram.Span);
                continue;
            }

            ReadDiagram(cells.Items, model, diagnostics);
        }

        return model;
    }

    private static string Describe(DesignNode node) => node is MappingNode ? "an object without them" : node.Describe();

    private sealed record Box(ImportedBoundary Boundary, double X, double Y, double Width, double Height)
    {
        public bool Holds(double x, double y) => x >= X && x <= X + Width && y >= Y && y <= Y + Height;

        public bool Holds(Box other) => other != this && other.X >= X && other.Y >= Y && other.X + other.Width <= X + Width && other.Y + other.Height <= Y + Height;

        public double Area => Width * Height;
    }

    private static void ReadDiagram(IReadOnlyList<DesignNode> cells, ImportedModel model, DiagnosticBag diagnostics)
    {
        // Boxes first, so every element can be placed in the innermost box that holds it.
        var boxes = new List<Box>();
        foreach (var cell in cells)
        {
            if (Kind(cell) != "boundary-box")
                continue;
            var name = NameOf(cell);
            var boundary = new ImportedBoundary
            {
                Id = model.UniqueBoundaryId(name, "boundary"),
                SourceId = Text(cell, "id"),
                Name = string.IsNullOrWhiteSpace(name) ? "Trust boundary" : OneLine(name),
                Span = cell.Span,
                IsJurisdiction = name is not null && NamesJurisdiction(name),
                IsOpenZone = name is not null && NamesOpenZone(name),
                Description = Text(Field(cell, "data"), "description"),
            };
            if (Geometry(cell) is { } g)
                boxes.Add(new Box(boundary, g.X, g.Y, g.Width, g.Height));
            model.Boundaries.Add(boundary);
        }

        foreach (var box in boxes)
            box.Boundary.Parent = Innermost(boxes, b => b.Holds(box))?.Boundary;

        var elements = new Dictionary<string, ImportedElement>(StringComparer.Ordinal);
        var index = 0;
        foreach (var cell in cells)
        {
            index++;
            var kind = Kind(cell);
            if (kind is not ("actor" or "process" or "store"))
            {
                if (kind == "boundary-line")
                {
                    diagnostics.Warning(
                        ImportDiagnosticCodes.OpenBoundary,
                        $"Threat Dragon trust boundary '{OneLine(NameOf(cell) ?? "unnamed")}' is a line, which cannot say which elements lie inside it; the elements it divides stay in organization '{model.HomeOrganization}'. Draw it as a trust boundary box, or set 'organization' on the elements in the privacy overlay.",
                        cell.Span);
                }
                else if (kind is null)
                {
                    diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"Threat Dragon cell {index} has no type this reader knows (expected an actor, process, store, flow or trust boundary); it was left out.", cell.Span);
                }

                continue;
            }

            var sourceId = Text(cell, "id");
            if (sourceId is null)
            {
                diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"Threat Dragon {kind} '{NameOf(cell) ?? "unnamed"}' has no 'id', so no flow can reach it; it was left out.", cell.Span);
                continue;
            }

            var name = NameOf(cell);
            var placed = Geometry(cell) is { } g ? Innermost(boxes, b => b.Holds(g.X + (g.Width / 2), g.Y + (g.Height / 2)))?.Boundary : null;
            var (organization, jurisdiction) = ImportedModel.Place(placed);
            var element = new ImportedElement
            {
                Id = model.UniqueId(name, kind),
                SourceId = sourceId,
                Name = string.IsNullOrWhiteSpace(name) ? kind : OneLine(name),
                // An actor inside an organization's boundary is that organization's system; outside one, a person.
                Type = kind == "actor" ? (organization is null ? "person" : "external") : kind,
                Organization = organization,
                Jurisdiction = jurisdiction,
                Description = DataOf(cell, "description"),
                Span = cell.Span,
            };
            if (elements.TryAdd(sourceId, element))
                model.Elements.Add(element);
            else
                diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"Threat Dragon {kind} '{element.Name}' has the id '{sourceId}' of an earlier cell; it was left out.", cell.Span);
        }

        foreach (var cell in cells)
        {
            if (Kind(cell) == "flow")
                ReadFlow(cell, elements, model, diagnostics);
        }
    }

    private static void ReadFlow(DesignNode cell, Dictionary<string, ImportedElement> elements, ImportedModel model, DiagnosticBag diagnostics)
    {
        var name = NameOf(cell);
        var shown = OneLine(name ?? "unnamed");
        var source = Field(cell, "source");
        var target = Field(cell, "target");
        var from = End(source, elements);
        var to = End(target, elements);
        if (from is null || to is null)
        {
            var which = from is null ? "start" : "end";
            diagnostics.Warning(
                ImportDiagnosticCodes.Skipped,
                $"Threat Dragon flow '{shown}' has no element at its {which} (it is not attached to an actor, process or store of this diagram); it was left out. Attach both ends in Threat Dragon.",
                (from is null ? source : target)?.Span ?? cell.Span);
            return;
        }

        SourceSpan? encrypted = null;
        var data = Field(cell, "data") is MappingNode d ? d : cell;
        if (True(data, "isEncrypted"))
            encrypted = Field(data, "isEncrypted")!.Span;
        else if (Text(data, "protocol") is { } protocol && Encrypts(protocol))
            encrypted = Field(data, "protocol")!.Span;

        var description = DataOf(cell, "description");
        var label = string.IsNullOrWhiteSpace(name) ? null : $"Threat Dragon flow '{shown}'";
        var flow = new ImportedFlow
        {
            Id = model.UniqueId(name, "flow"),
            SourceId = Text(cell, "id"),
            Name = shown,
            From = from.Id,
            FromSpan = source!.Span,
            To = to.Id,
            ToSpan = target!.Span,
            Encrypted = encrypted,
            Description = Join(label, description),
            Span = cell.Span,
        };
        model.Flows.Add(flow);
        if (True(data, "isBidirectional"))
        {
            model.Flows.Add(new ImportedFlow
            {
                Id = model.UniqueId(flow.Id + "-back", "flow"),
                SourceId = null,
                Name = shown + " (back)",
                From = to.Id,
                FromSpan = target.Span,
                To = from.Id,
                ToSpan = source.Span,
                Encrypted = encrypted,
                Description = Join(label is null ? null : label + ", the way back", description),
                Span = cell.Span,
            });
        }
    }

    private static string? Join(string? a, string? b) =>
        string.IsNullOrWhiteSpace(a) ? (string.IsNullOrWhiteSpace(b) ? null : b) : string.IsNullOrWhiteSpace(b) ? a : $"{a}: {b}";

    /// <summary>The element a flow end is attached to: v2 <c>{ "cell": id }</c>, v1 <c>{ "id": id }</c>.</summary>
    private static ImportedElement? End(DesignNode? end, Dictionary<string, ImportedElement> elements)
    {
        var id = Text(end, "cell") ?? Text(end, "id");
        return id is not null && elements.TryGetValue(id, out var element) ? element : null;
    }

    private static Box? Innermost(List<Box> boxes, Func<Box, bool> holds)
    {
        Box? best = null;
        foreach (var box in boxes)
        {
            if (holds(box) && (best is null || box.Area < best.Area))
                best = box;
        }

        return best;
    }

    /// <summary>What a cell is: actor, process, store, flow, boundary-box, boundary-line, text, or null.</summary>
    private static string? Kind(DesignNode cell)
    {
        var type = Text(Field(cell, "data"), "type") ?? Text(cell, "type");
        var shape = Text(cell, "shape");
        return type switch
        {
            "tm.Actor" => "actor",
            "tm.Process" => "process",
            "tm.Store" => "store",
            "tm.Flow" => "flow",
            "tm.BoundaryBox" => "boundary-box",
            "tm.Boundary" => "boundary-line",
            "tm.Text" => "text",
            _ => shape switch
            {
                "actor" => "actor",
                "process" => "process",
                "store" => "store",
                "flow" => "flow",
                "trust-boundary-box" => "boundary-box",
                "trust-boundary-curve" or "trust-broundary-curve" => "boundary-line",
                "td-text-block" => "text",
                _ => null,
            },
        };
    }

    /// <summary>A cell's name: v2 <c>data.name</c>, else <c>attrs.text.text</c> (v1 elements), else the first label's text (v1 flows).</summary>
    private static string? NameOf(DesignNode cell)
    {
        var name = Text(Field(cell, "data"), "name");
        if (!string.IsNullOrWhiteSpace(name))
            return name;
        name = Text(Field(Field(cell, "attrs"), "text"), "text");
        if (!string.IsNullOrWhiteSpace(name))
            return name;
        foreach (var label in List(cell, "labels"))
        {
            name = Text(Field(Field(label, "attrs"), "text"), "text") ?? Text(label, "text");
            if (!string.IsNullOrWhiteSpace(name))
                return name;
        }

        return null;
    }

    /// <summary>A fact of a cell: under <c>data</c> (v2) or on the cell itself (v1).</summary>
    private static string? DataOf(DesignNode cell, string key)
    {
        var value = Text(Field(cell, "data"), key) ?? Text(cell, key);
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static (double X, double Y, double Width, double Height)? Geometry(DesignNode cell)
    {
        var position = Field(cell, "position");
        var size = Field(cell, "size");
        if (Number(position, "x") is { } x && Number(position, "y") is { } y && Number(size, "width") is { } w && Number(size, "height") is { } h && w >= 0 && h >= 0)
            return (x, y, w, h);
        return null;
    }

    private static double? Number(DesignNode? node, string key) =>
        Field(node, key) is ScalarNode { Quoted: false, Invalid: false } scalar
        && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
        && double.IsFinite(value)
            ? value
            : null;
}
