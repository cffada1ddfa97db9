using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;
using static ThreatModel.Formats.Import.ImportText;

namespace ThreatModel.Formats.Import;

/// <summary>
/// Builds the design tree of an imported model and lays a privacy overlay over it (docs/import.md): the overlay's
/// <c>subjects</c>, <c>items</c> and <c>purposes</c> are added; its <c>elements</c>, <c>flows</c>, <c>organizations</c>
/// and <c>jurisdictions</c> entries either add facts to the imported one their <c>ref</c> names (its id, its id in
/// the imported file, or its name) or, without <c>ref</c>, add a new one. The result is bound and validated like a
/// design, so every field of the overlay is checked the same way and points at the overlay's own lines.
/// </summary>
internal sealed class PrivacyOverlay
{
    /// <summary>The sections an overlay may have.</summary>
    public static readonly string[] Sections = ["subjects", "items", "purposes", "organizations", "jurisdictions", "elements", "flows", "settings"];

    private const string Unspecified = "unspecified";

    private readonly ImportedModel _model;
    private readonly string _file;
    private readonly string _formatName;
    private readonly DiagnosticBag _diagnostics;
    private readonly SourceSpan _at;

    private readonly MappingNode _root;
    private readonly SequenceNode _organizations;
    private readonly SequenceNode _jurisdictions;
    private readonly SequenceNode _subjects;
    private readonly SequenceNode _items;
    private readonly SequenceNode _elements;
    private readonly SequenceNode _flows;
    private readonly SequenceNode _purposes;

    private readonly List<Target> _elementTargets = [];
    private readonly List<Target> _flowTargets = [];
    private readonly List<Target> _organizationTargets = [];
    private readonly List<Target> _jurisdictionTargets = [];
    private readonly List<Target> _subjectTargets = [];
    private readonly List<Target> _itemTargets = [];
    private readonly List<Target> _purposeTargets = [];

    /// <summary>One object of the imported model an overlay entry can name.</summary>
    private sealed class Target(string id, string? sourceId, string name, MappingNode node)
    {
        public string Id { get; } = id;

        public string? SourceId { get; } = sourceId;

        public string Name { get; } = name;

        public MappingNode Node { get; } = node;

        /// <summary>The overlay entry already applied to it, for "two entries for one element".</summary>
        public SourceSpan? OverlaidAt { get; set; }

        /// <summary>The organization the importer put on it (a node of its own, told apart from one the overlay gave).</summary>
        public ScalarNode? ImportedOrganization { get; set; }

        /// <summary>For elements: the organization it has when the overlay makes it a kind that needs one.</summary>
        public string? FallbackOrganization { get; set; }

        /// <summary>For flows: the imported flow.</summary>
        public ImportedFlow? Flow { get; set; }
    }

    private PrivacyOverlay(ImportedModel model, DiagnosticBag diagnostics)
    {
        _model = model;
        _file = model.File;
        _formatName = model.FormatName;
        _diagnostics = diagnostics;
        _at = SourceSpan.At(model.File, 1, 1);
        _root = new MappingNode(_at);
        _organizations = new SequenceNode(_at);
        _jurisdictions = new SequenceNode(_at);
        _subjects = new SequenceNode(_at);
        _items = new SequenceNode(_at);
        _elements = new SequenceNode(_at);
        _flows = new SequenceNode(_at);
        _purposes = new SequenceNode(_at);
    }

    /// <summary>For a model a reader already wrote as a design tree (Fides): its sections are the ones the overlay lays over.</summary>
    private PrivacyOverlay(MappingNode design, string file, string formatName, DiagnosticBag diagnostics)
    {
        _model = new ImportedModel(file, formatName);
        _file = file;
        _formatName = formatName;
        _diagnostics = diagnostics;
        _at = design.Span;
        _root = design;
        _organizations = Section(design, "organizations", _organizationTargets);
        _jurisdictions = Section(design, "jurisdictions", _jurisdictionTargets);
        _subjects = Section(design, "subjects", _subjectTargets);
        _items = Section(design, "items", _itemTargets);
        _elements = Section(design, "elements", _elementTargets);
        _flows = Section(design, "flows", _flowTargets);
        _purposes = Section(design, "purposes", _purposeTargets);
    }

    /// <summary>
    /// Lays <paramref name="overlay"/> over a design tree a reader made (<paramref name="design"/>, changed in place): the
    /// same sections and <c>ref</c> rules as for Threat Dragon and OTM, and <c>subjects</c>, <c>items</c> and
    /// <c>purposes</c> entries with a <c>ref</c> add facts to the one the design already has (a population, say).
    /// </summary>
    public static void ApplyToDesign(MappingNode design, string file, string formatName, DesignNode overlay, DiagnosticBag diagnostics)
    {
        var builder = new PrivacyOverlay(design, file, formatName, diagnostics);
        builder.Apply(overlay);
        builder.AddSection("jurisdictions", builder._jurisdictions);
        builder.AddSection("organizations", builder._organizations);
        builder.AddSection("subjects", builder._subjects);
        builder.AddSection("items", builder._items);
        builder.AddSection("elements", builder._elements);
        builder.AddSection("flows", builder._flows);
        builder.AddSection("purposes", builder._purposes);
    }

    /// <summary>A section of a design tree (a new empty one when it has none), with a target for each entry that has an id.</summary>
    private static SequenceNode Section(MappingNode design, string key, List<Target> targets)
    {
        if (design.Find(key)?.Value is not SequenceNode list)
            return new SequenceNode(design.Span);
        foreach (var entry in list.Items)
        {
            if (entry is MappingNode node && Text(node, "id") is { } id)
                targets.Add(new Target(id, null, Text(node, "name") ?? id, node));
        }

        return list;
    }

    /// <summary>The design tree of <paramref name="model"/> with <paramref name="overlay"/> (the root of an overlay file, or null) laid over it.</summary>
    public static MappingNode Build(ImportedModel model, DesignNode? overlay, DiagnosticBag diagnostics)
    {
        var builder = new PrivacyOverlay(model, diagnostics);
        builder.Import();
        if (overlay is not null)
            builder.Apply(overlay);
        builder.Complete(overlay is not null);
        return builder._root;
    }

    private void Import()
    {
        Put(_root, "name", Str(_model.Name, _model.NameSpan));
        if (!string.IsNullOrWhiteSpace(_model.Description))
            Put(_root, "description", Str(_model.Description, _model.NameSpan));

        var home = new MappingNode(_model.NameSpan);
        Put(home, "id", Str(_model.HomeOrganization, _model.NameSpan));
        Put(home, "name", Str(_model.Name, _model.NameSpan));
        _organizations.Items.Add(home);
        _organizationTargets.Add(new Target(_model.HomeOrganization, null, _model.Name, home));

        var declared = new HashSet<string>(StringComparer.Ordinal) { _model.HomeOrganization };
        foreach (var boundary in _model.Boundaries)
        {
            var node = new MappingNode(boundary.Span);
            Put(node, "id", Str(boundary.Id, boundary.Span));
            Put(node, "name", Str(boundary.Name, boundary.Span));
            if (boundary.IsJurisdiction)
            {
                _jurisdictions.Items.Add(node);
                _jurisdictionTargets.Add(new Target(boundary.Id, boundary.SourceId, boundary.Name, node));
                continue;
            }

            if (boundary.IsOpenZone)
                continue;
            var (_, jurisdiction) = ImportedModel.Place(boundary);
            if (jurisdiction is not null)
                Put(node, "jurisdiction", Str(jurisdiction, boundary.Span));
            _organizations.Items.Add(node);
            _organizationTargets.Add(new Target(boundary.Id, boundary.SourceId, boundary.Name, node));
            declared.Add(boundary.Id);
        }

        foreach (var element in _model.Elements)
        {
            var node = new MappingNode(element.Span);
            Put(node, "id", Str(element.Id, element.Span));
            Put(node, "name", Str(element.Name, element.Span));
            Put(node, "type", Str(element.Type, element.Span));
            var target = new Target(element.Id, element.SourceId, element.Name, node)
            {
                FallbackOrganization = element.Organization ?? _model.HomeOrganization,
            };
            if (element.Type is "process" or "store" or "external")
            {
                var organization = Str(target.FallbackOrganization, element.Span);
                Put(node, "organization", organization);
                target.ImportedOrganization = organization;
                if (!declared.Contains(target.FallbackOrganization))
                {
                    // An outside party made its own organization (OTM third parties).
                    var party = new MappingNode(element.Span);
                    Put(party, "id", Str(target.FallbackOrganization, element.Span));
                    Put(party, "name", Str(element.Name, element.Span));
                    _organizations.Items.Add(party);
                    _organizationTargets.Add(new Target(target.FallbackOrganization, null, element.Name, party));
                    declared.Add(target.FallbackOrganization);
                }
            }

            if (element.Jurisdiction is not null)
                Put(node, "jurisdiction", Str(element.Jurisdiction, element.Span));
            if (!string.IsNullOrWhiteSpace(element.Description))
                Put(node, "description", Str(element.Description, element.Span));
            _elements.Items.Add(node);
            _elementTargets.Add(target);
        }

        foreach (var flow in _model.Flows)
        {
            var node = new MappingNode(flow.Span);
            Put(node, "id", Str(flow.Id, flow.Span));
            Put(node, "from", Str(flow.From, flow.FromSpan));
            Put(node, "to", Str(flow.To, flow.ToSpan));
            if (flow.Encrypted is { } encrypted)
            {
                var protections = new MappingNode(encrypted);
                Put(protections, "encryptedInTransit", new ScalarNode("true", false, encrypted));
                Put(node, "protections", protections);
            }

            if (!string.IsNullOrWhiteSpace(flow.Description))
                Put(node, "description", Str(flow.Description, flow.Span));
            _flows.Items.Add(node);
            _flowTargets.Add(new Target(flow.Id, flow.SourceId, flow.Name, node) { Flow = flow });
        }
    }

    private void Apply(DesignNode overlay)
    {
        if (overlay is not MappingNode { Invalid: false } root)
        {
            if (!overlay.Invalid)
            {
                _diagnostics.Error(
                    ImportDiagnosticCodes.OverlayShape,
                    $"A privacy overlay must be a mapping of sections ({string.Join(", ", Sections)}), but the file holds {overlay.Describe()}.",
                    overlay.Span);
            }

            return;
        }

        foreach (var (key, value) in root.Entries)
        {
            switch (key.Value)
            {
                case "subjects":
                    Overlay(value, key, _subjects, _subjectTargets, "subject");
                    break;
                case "items":
                    Overlay(value, key, _items, _itemTargets, "item");
                    break;
                case "purposes":
                    Overlay(value, key, _purposes, _purposeTargets, "purpose");
                    break;
                case "settings":
                    Put(_root, "settings", value, key.Span);
                    break;
                case "organizations":
                    Overlay(value, key, _organizations, _organizationTargets, "organization");
                    break;
                case "jurisdictions":
                    Overlay(value, key, _jurisdictions, _jurisdictionTargets, "jurisdiction");
                    break;
                case "elements":
                    Overlay(value, key, _elements, _elementTargets, "element");
                    break;
                case "flows":
                    Overlay(value, key, _flows, _flowTargets, "flow");
                    break;
                default:
                    _diagnostics.Error(
                        ImportDiagnosticCodes.OverlayShape,
                        $"The privacy overlay has an unknown section '{key.Value}'.{NameSuggester.Hint(key.Value, Sections)} Known sections: {string.Join(", ", Sections)}.",
                        key.Span);
                    break;
            }
        }
    }

    private SequenceNode? AsList(DesignNode value, FieldKey key)
    {
        if (value is SequenceNode { Invalid: false } list)
            return list;
        if (value is ScalarNode { IsNull: true })
            return null;
        if (!value.Invalid)
            _diagnostics.Error(ImportDiagnosticCodes.OverlayShape, $"The overlay section '{key.Value}' must be a list of entries, but it holds {value.Describe()}.", value.Span);
        return null;
    }

    /// <summary>Lays each entry over the imported object its <c>ref</c> names, or adds it when it has no <c>ref</c>.</summary>
    private void Overlay(DesignNode value, FieldKey key, SequenceNode into, List<Target> targets, string what)
    {
        if (AsList(value, key) is not { } list)
            return;
        foreach (var entry in list.Items)
        {
            if (entry is not MappingNode { Invalid: false } mapping)
            {
                if (!entry.Invalid)
                    _diagnostics.Error(ImportDiagnosticCodes.OverlayShape, $"An entry of the overlay section '{key.Value}' must be a mapping of fields, but it is {entry.Describe()}.", entry.Span);
                continue;
            }

            var reference = mapping.Find("ref");
            if (reference is null)
            {
                into.Items.Add(mapping); // a new object, checked like any in a design
                continue;
            }

            if (reference.Value.Value is not ScalarNode { IsNull: false } refNode)
            {
                _diagnostics.Error(ImportDiagnosticCodes.OverlayShape, $"The 'ref' of an overlay {what} must name an imported {what} by its id or name, but it is {reference.Value.Value.Describe()}.", reference.Value.Value.Span);
                continue;
            }

            if (Resolve(refNode, targets, what) is not { } target)
                continue;
            if (target.OverlaidAt is { } earlier)
            {
                _diagnostics.Error(
                    ImportDiagnosticCodes.AmbiguousReference,
                    $"The overlay names {what} '{target.Id}' a second time (first at line {earlier.Line}, column {earlier.Column}); expected one entry per {what}. Merge the two entries.",
                    refNode.Span);
                continue;
            }

            target.OverlaidAt = refNode.Span;
            foreach (var field in mapping.Entries)
            {
                if (field.Key.Value == "ref")
                    continue;
                if (field.Key.Value == "id")
                {
                    _diagnostics.Error(ImportDiagnosticCodes.OverlayShape, $"An overlay entry with 'ref' keeps the imported {what}'s id '{target.Id}'; remove 'id' (to add a new {what}, leave out 'ref' instead).", field.Key.Span);
                    continue;
                }

                if (field.Key.Value == "protections" && target.Node.Find("protections")?.Value is MappingNode imported && field.Value is MappingNode given)
                {
                    // Protections add up: the importer's (encryptedInTransit) stay unless the overlay says otherwise.
                    var merged = new MappingNode(given.Span);
                    merged.Entries.AddRange(imported.Entries);
                    foreach (var protection in given.Entries)
                        Put(merged, protection.Key.Value, protection.Value, protection.Key.Span);
                    Put(target.Node, "protections", merged, field.Key.Span);
                    continue;
                }

                Put(target.Node, field.Key.Value, field.Value, field.Key.Span);
            }
        }
    }

    /// <summary>The one imported object a <c>ref</c> names: by id, then by id in the imported file, then by name (ignoring case and spacing).</summary>
    private Target? Resolve(ScalarNode reference, List<Target> targets, string what)
    {
        var text = reference.Value;
        var match = targets.Find(t => string.Equals(t.Id, text, StringComparison.Ordinal))
            ?? targets.Find(t => t.SourceId is not null && string.Equals(t.SourceId, text, StringComparison.Ordinal));
        if (match is not null)
            return match;
        var wanted = OneLine(text);
        var byName = targets.FindAll(t => string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase));
        if (byName.Count == 1)
            return byName[0];
        if (byName.Count > 1)
        {
            _diagnostics.Error(
                ImportDiagnosticCodes.AmbiguousReference,
                $"The overlay's ref '{text}' is the name of {byName.Count} imported {what}s ({string.Join(", ", byName.Select(t => t.Id))}); name one by its id.",
                reference.Span);
            return null;
        }

        var candidates = targets.Select(t => t.Id).Concat(targets.Select(t => t.Name)).Distinct(StringComparer.Ordinal).ToList();
        var known = targets.Count == 0
            ? $" The imported model has no {what}s."
            : $" Known {what}s: {string.Join(", ", targets.Take(12).Select(t => t.Id))}{(targets.Count > 12 ? ", ..." : string.Empty)}.";
        _diagnostics.Error(
            ImportDiagnosticCodes.UnknownReference,
            $"The overlay's ref '{text}' names no {what} of the imported model '{_file}' (by id, {_formatName} id or name).{NameSuggester.Hint(text, candidates)}{known}",
            reference.Span);
        return null;
    }

    /// <summary>Fills what the overlay left open: organizations for the element types that need one, items from OTM assets, purposes; reports the gaps.</summary>
    private void Complete(bool overlaid)
    {
        foreach (var target in _elementTargets)
        {
            var type = Text(target.Node, "type");
            var organization = target.Node.Find("organization");
            if (type is "process" or "store" or "external" && organization is null)
                Put(target.Node, "organization", Str(target.FallbackOrganization!, target.Node.Span));
            else if (type is "person" or "public" or "other-users" && organization is { } given && ReferenceEquals(given.Value, target.ImportedOrganization))
                Remove(target.Node, "organization");
        }

        var itemIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _items.Items)
        {
            if (Text(item, "id") is { } id)
                itemIds.Add(id);
        }

        var reportedAssets = new HashSet<string>(StringComparer.Ordinal);
        var unspecified = false;
        foreach (var target in _flowTargets)
        {
            var flow = target.Flow!;
            if (target.Node.Find("items") is null)
            {
                var items = new SequenceNode(flow.Span);
                foreach (var (asset, span) in flow.Assets)
                {
                    if (itemIds.Contains(asset))
                    {
                        items.Items.Add(Str(asset, span));
                    }
                    else if (reportedAssets.Add(asset))
                    {
                        var name = _model.Assets.Find(a => a.Id == asset)?.Name ?? asset;
                        _diagnostics.Warning(
                            ImportDiagnosticCodes.UndescribedAsset,
                            $"OTM asset '{asset}' ('{name}'), carried by dataflow '{flow.Name}', is not described as a data item, so no rule can see it. Describe it in the privacy overlay under 'items' with 'id: {asset}', its 'kind' and its 'subject'.",
                            span);
                    }
                }

                Put(target.Node, "items", items);
                if (items.Items.Count == 0)
                {
                    _diagnostics.Warning(
                        ImportDiagnosticCodes.NoItems,
                        $"Flow '{flow.Id}' ({_model.FormatName} flow '{flow.Name}', {flow.From} -> {flow.To}) does not say which data it carries, so no rule can see what moves on it. List its items in the privacy overlay: flows: [{{ ref: {flow.Id}, items: [...] }}].",
                        flow.Span);
                }
            }

            if (target.Node.Find("purpose") is null)
            {
                unspecified = true;
                Put(target.Node, "purpose", Str(Unspecified, flow.Span));
                _diagnostics.Warning(
                    ImportDiagnosticCodes.NoPurpose,
                    $"Flow '{flow.Id}' ({_model.FormatName} flow '{flow.Name}') does not say why the data moves; it gets the purpose '{Unspecified}', which purpose-creep (TM006) finds compatible with no other. Give its purpose in the privacy overlay.",
                    flow.Span);
            }
        }

        if (unspecified && !_purposes.Items.Exists(p => Text(p, "id") == Unspecified))
        {
            var purpose = new MappingNode(_at);
            Put(purpose, "id", Str(Unspecified, _at));
            Put(purpose, "description", Str("The imported model does not say why the data moves.", _at));
            _purposes.Items.Add(purpose);
        }

        if (_subjects.Items.Count == 0 && _items.Items.Count == 0)
        {
            _diagnostics.Warning(
                ImportDiagnosticCodes.NoSubjects,
                overlaid
                    ? $"The {_model.FormatName} model and its privacy overlay name no data subjects and no data items: there is no personal data for the rules to follow. Add 'subjects' and 'items' to the overlay (docs/import.md)."
                    : $"The {_model.FormatName} model names no data subjects and no data items (the format cannot say them): there is no personal data for the rules to follow. Add them in a privacy overlay, '{Path.GetFileNameWithoutExtension(_model.File)}.privacy.yaml' beside the model or --overlay (docs/import.md).",
                _model.NameSpan);
        }

        AddSection("jurisdictions", _jurisdictions);
        AddSection("organizations", _organizations);
        AddSection("subjects", _subjects);
        AddSection("items", _items);
        AddSection("elements", _elements);
        AddSection("flows", _flows);
        AddSection("purposes", _purposes);
    }

    private void AddSection(string key, SequenceNode list)
    {
        if (list.Items.Count > 0)
            Put(_root, key, list);
    }

    private static ScalarNode Str(string value, SourceSpan span) => new(value, quoted: true, span);

    private static void Put(MappingNode mapping, string key, DesignNode value) => Put(mapping, key, value, value.Span);

    /// <summary>Sets a field: replaces the value of an existing field of that name, else adds it at the end.</summary>
    private static void Put(MappingNode mapping, string key, DesignNode value, SourceSpan keySpan)
    {
        var entries = mapping.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                entries[i] = new MappingEntry(new FieldKey(key, keySpan), value);
                return;
            }
        }

        entries.Add(new MappingEntry(new FieldKey(key, keySpan), value));
    }

    private static void Remove(MappingNode mapping, string key) =>
        mapping.Entries.RemoveAll(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal));
}
