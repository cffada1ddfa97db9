using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;
using static ThreatModel.Formats.Import.ImportText;

namespace ThreatModel.Formats.Import;

/// <summary>
/// Reads an Open Threat Model file (OTM 0.1 and 0.2, JSON or YAML): trust zones become organizations or
/// jurisdictions, components (placed in zones or in other components) become elements by their type and name,
/// dataflows become flows carrying their assets, and threats are kept in the descriptions (docs/import.md).
/// </summary>
internal static class OtmReader
{
    /// <summary>True when the root has <c>otmVersion</c>.</summary>
    public static bool Recognizes(DesignNode root) => Field(root, "otmVersion") is not null;

    public static ImportedModel? Read(DesignNode root, string file, DiagnosticBag diagnostics)
    {
        if (!Recognizes(root))
        {
            diagnostics.Error(
                ImportDiagnosticCodes.NotThatFormat,
                $"'{file}' is not an Open Threat Model file: expected a mapping with 'otmVersion', 'project', 'trustZones', 'components' and 'dataflows', found {(root is MappingNode ? "one without 'otmVersion'" : root.Describe())}.",
                root.Span);
            return null;
        }

        var model = new ImportedModel(file, "OTM");
        var project = Field(root, "project");
        var name = Text(project, "name");
        model.Name = string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(file) : OneLine(name);
        model.NameSpan = Field(project, "name")?.Span ?? root.Span;
        model.Description = Text(project, "description");
        model.HomeOrganization = model.UniqueBoundaryId(model.Name, "system");

        var threats = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var threat in List(root, "threats"))
        {
            if (Text(threat, "id") is { } id)
                threats.TryAdd(id, OneLine(Text(threat, "name") ?? id));
        }

        var zones = new Dictionary<string, ImportedBoundary>(StringComparer.Ordinal);
        var zoneParents = new List<(ImportedBoundary Zone, string Parent)>();
        foreach (var zone in List(root, "trustZones"))
        {
            var id = Text(zone, "id");
            if (id is null)
            {
                diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"OTM trust zone '{Text(zone, "name") ?? "unnamed"}' has no 'id', so no component can sit in it; it was left out.", zone.Span);
                continue;
            }

            var zoneName = OneLine(Text(zone, "name") ?? id);
            var kindWords = zoneName + " " + (Text(zone, "type") ?? string.Empty);
            var boundary = new ImportedBoundary
            {
                Id = model.UniqueBoundaryId(zoneName, "zone"),
                SourceId = id,
                Name = zoneName,
                Span = zone.Span,
                IsJurisdiction = NamesJurisdiction(zoneName),
                IsOpenZone = NamesOpenZone(kindWords),
                Description = Text(zone, "description"),
            };
            if (zones.TryAdd(id, boundary))
                model.Boundaries.Add(boundary);
            if (Text(Field(zone, "parent"), "trustZone") is { } parent)
                zoneParents.Add((boundary, parent));
        }

        foreach (var (zone, parent) in zoneParents)
        {
            if (zones.TryGetValue(parent, out var outer) && outer != zone)
                zone.Parent = outer;
        }

        // Components may sit in other components: resolve each one's zone through its parents.
        var components = new Dictionary<string, DesignNode>(StringComparer.Ordinal);
        foreach (var component in List(root, "components"))
        {
            if (Text(component, "id") is { } id)
                components.TryAdd(id, component);
        }

        var elements = new Dictionary<string, ImportedElement>(StringComparer.Ordinal);
        foreach (var component in List(root, "components"))
        {
            var id = Text(component, "id");
            var componentName = OneLine(Text(component, "name") ?? id ?? "component");
            if (id is null)
            {
                diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"OTM component '{componentName}' has no 'id', so no dataflow can reach it; it was left out.", component.Span);
                continue;
            }

            if (elements.ContainsKey(id))
            {
                diagnostics.Warning(ImportDiagnosticCodes.Skipped, $"OTM component '{componentName}' has the id '{id}' of an earlier component; it was left out.", component.Span);
                continue;
            }

            var zone = ZoneOf(component, components, zones);
            var (organization, jurisdiction) = ImportedModel.Place(zone);
            var type = TypeOf(component, componentName, diagnostics);
            if (type == "external" && organization is null)
                organization = model.UniqueBoundaryId(componentName, "third-party"); // a third party is its own organization
            var element = new ImportedElement
            {
                Id = model.UniqueId(componentName, "component"),
                SourceId = id,
                Name = componentName,
                Type = type,
                Organization = organization,
                Jurisdiction = jurisdiction,
                Description = Annotated(Text(component, "description"), component, threats),
                Span = component.Span,
            };
            elements.Add(id, element);
            model.Elements.Add(element);
        }

        var assetIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asset in List(root, "assets"))
        {
            if (Text(asset, "id") is { } id && assetIds.Add(id))
                model.Assets.Add(new ImportedAsset(id, OneLine(Text(asset, "name") ?? id), asset.Span));
        }

        foreach (var dataflow in List(root, "dataflows"))
            ReadFlow(dataflow, elements, threats, model, diagnostics);
        return model;
    }

    private static void ReadFlow(DesignNode dataflow, Dictionary<string, ImportedElement> elements, Dictionary<string, string> threats, ImportedModel model, DiagnosticBag diagnostics)
    {
        var name = OneLine(Text(dataflow, "name") ?? Text(dataflow, "id") ?? "dataflow");
        var source = Field(dataflow, "source");
        var destination = Field(dataflow, "destination");
        ImportedElement? from = Text(source) is { } s && elements.TryGetValue(s, out var f) ? f : null;
        ImportedElement? to = Text(destination) is { } d && elements.TryGetValue(d, out var t) ? t : null;
        if (from is null || to is null)
        {
            var which = from is null ? "source" : "destination";
            var named = Text(from is null ? source : destination);
            diagnostics.Warning(
                ImportDiagnosticCodes.Skipped,
                named is null
                    ? $"OTM dataflow '{name}' has no '{which}'; it was left out."
                    : $"OTM dataflow '{name}' has {which} '{named}', which is not a component of this model; it was left out.{ThreatModel.Validation.NameSuggester.Hint(named, elements.Keys)}",
                (from is null ? source : destination)?.Span ?? dataflow.Span);
            return;
        }

        SourceSpan? encrypted = null;
        foreach (var tag in List(dataflow, "tags"))
        {
            if (Text(tag) is { } text && Encrypts(text))
                encrypted ??= tag.Span;
        }

        var attributes = Field(dataflow, "attributes");
        if (Text(attributes, "protocol") is { } protocol && Encrypts(protocol))
            encrypted ??= Field(attributes, "protocol")!.Span;
        if (True(attributes, "encrypted"))
            encrypted ??= Field(attributes, "encrypted")!.Span;

        var description = Annotated(Text(dataflow, "description"), dataflow, threats);
        var label = $"OTM dataflow '{name}'";
        var flow = new ImportedFlow
        {
            Id = model.UniqueId(name, "flow"),
            SourceId = Text(dataflow, "id"),
            Name = name,
            From = from.Id,
            FromSpan = source!.Span,
            To = to.Id,
            ToSpan = destination!.Span,
            Encrypted = encrypted,
            Description = description is null ? label : $"{label}: {description}",
            Span = dataflow.Span,
        };
        foreach (var asset in List(dataflow, "assets"))
        {
            if (Text(asset) is { } assetId)
                flow.Assets.Add((assetId, asset.Span));
        }

        model.Flows.Add(flow);
        if (True(dataflow, "bidirectional"))
        {
            var back = new ImportedFlow
            {
                Id = model.UniqueId(flow.Id + "-back", "flow"),
                SourceId = null,
                Name = name + " (back)",
                From = to.Id,
                FromSpan = destination.Span,
                To = from.Id,
                ToSpan = source.Span,
                Encrypted = encrypted,
                Description = $"{label}, the way back",
                Span = dataflow.Span,
            };
            back.Assets.AddRange(flow.Assets);
            model.Flows.Add(back);
        }
    }

    /// <summary>The zone a component sits in: its parent zone, or its parent component's, followed up to 64 levels.</summary>
    private static ImportedBoundary? ZoneOf(DesignNode component, Dictionary<string, DesignNode> components, Dictionary<string, ImportedBoundary> zones)
    {
        var node = component;
        for (var depth = 0; depth < 64; depth++)
        {
            var parent = Field(node, "parent");
            if (Text(parent, "trustZone") is { } zone)
                return zones.GetValueOrDefault(zone);
            if (Text(parent, "component") is not { } outer || !components.TryGetValue(outer, out var next) || next == node)
                return null;
            node = next;
        }

        return null;
    }

    private static readonly string[] PersonWords = ["user", "users", "person", "people", "customer", "customers", "human", "employee", "employees", "patient", "patients", "citizen", "citizens", "visitor", "visitors", "member", "members", "actor", "driver", "drivers", "shopper", "shoppers"];

    private static readonly string[] StoreWords = ["database", "databases", "db", "store", "storage", "bucket", "s3", "rds", "dynamodb", "cache", "redis", "memcached", "table", "warehouse", "blob", "file", "files", "filesystem", "sql", "mysql", "postgres", "postgresql", "mongodb", "elasticsearch", "datalake", "lake", "log", "logs", "repository", "vault", "cosmosdb", "bigquery", "snowflake", "queue", "sqs", "kafka"];

    private static readonly string[] ExternalWords = ["external", "third", "thirdparty", "vendor", "partner", "saas", "provider", "processor", "broker"];

    private static readonly string[] ProcessWords = ["service", "services", "server", "api", "app", "application", "lambda", "function", "backend", "client", "gateway", "web", "mobile", "android", "ios", "browser", "microservice", "worker", "job", "engine", "portal", "frontend", "container", "pod", "vm", "ec2", "kubernetes", "load", "balancer", "cdn", "proxy", "firewall", "waf", "process", "system", "platform", "device"];

    /// <summary>
    /// The element type a component's <c>type</c> and tags suggest, else its name, in this order: a store (database,
    /// bucket, cache, queue, ...), a person (user, customer, ...), an outside party (third party, vendor, provider, ...),
    /// a process (service, api, app, client, ...); anything else is a process, with warning TM2106.
    /// </summary>
    private static string TypeOf(DesignNode component, string name, DiagnosticBag diagnostics)
    {
        // The component's type and tags speak first; its name only when they say nothing.
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Slug(Text(component, "type")).Split('-'))
            declared.Add(word);
        foreach (var tag in List(component, "tags"))
        {
            foreach (var word in Slug(Text(tag)).Split('-'))
                declared.Add(word);
        }

        var named = new HashSet<string>(Slug(name).Split('-'), StringComparer.Ordinal);
        foreach (var words in new[] { declared, named })
        {
            if (StoreWords.Any(words.Contains))
                return "store";
            if (PersonWords.Any(words.Contains))
                return "person";
            if (ExternalWords.Any(words.Contains))
                return "external";
            if (ProcessWords.Any(words.Contains))
                return "process";
        }

        diagnostics.Warning(
            ImportDiagnosticCodes.GuessedType,
            $"OTM component '{name}' has type '{Text(component, "type") ?? "(none)"}', which does not say whether it is a person, a process, a store or an outside party; it was read as a process. Set 'type' on it in the privacy overlay if it is another kind.",
            Field(component, "type")?.Span ?? component.Span);
        return "process";
    }

    /// <summary>A description with the OTM threats named on the component or dataflow kept as a note: "Threats (OTM): name (state), ...".</summary>
    private static string? Annotated(string? description, DesignNode owner, Dictionary<string, string> threats)
    {
        var named = new List<string>();
        foreach (var threat in List(owner, "threats"))
        {
            if (Text(threat, "threat") is not { } id)
                continue;
            var title = threats.GetValueOrDefault(id, id);
            named.Add(Text(threat, "state") is { } state ? $"{title} ({state})" : title);
        }

        if (named.Count == 0)
            return string.IsNullOrWhiteSpace(description) ? null : description;
        var note = "Threats (OTM): " + string.Join(", ", named);
        return string.IsNullOrWhiteSpace(description) ? note : $"{description} {note}";
    }
}
