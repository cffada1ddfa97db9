using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Import.Fides;

/// <summary>A value of a manifest and where it stands.</summary>
internal readonly record struct Located(string Value, SourceSpan Span);

/// <summary>An <c>egress</c> or <c>ingress</c> entry of a system.</summary>
internal sealed record FidesDataFlow(Located Key, string Type, IReadOnlyList<Located> Categories, bool CategoriesGiven, SourceSpan Span);

/// <summary>A privacy declaration of a system.</summary>
internal sealed record FidesDeclaration(
    string Name,
    SourceSpan Span,
    IReadOnlyList<Located> Categories,
    Located? Use,
    IReadOnlyList<Located> Subjects,
    IReadOnlyList<Located> Egress,
    IReadOnlyList<Located> Ingress,
    IReadOnlyList<Located> DatasetReferences,
    Located? LegalBasis,
    Located? Retention,
    bool SharedWithThirdParties,
    Located? ThirdParties,
    IReadOnlyList<Located> SharedCategories);

/// <summary>A <c>system</c> resource.</summary>
internal sealed record FidesSystem(
    Located Key,
    string Name,
    string? Description,
    string Organization,
    string? SystemType,
    string? LegalName,
    IReadOnlyList<FidesDataFlow> Egress,
    IReadOnlyList<FidesDataFlow> Ingress,
    IReadOnlyList<FidesDeclaration> Declarations,
    IReadOnlyList<Located> DatasetReferences,
    IReadOnlyList<Located> ThirdCountries,
    Located? InternationalTransfers,
    SourceSpan Span);

/// <summary>A <c>dataset</c> resource: what its collections and fields hold, and how long.</summary>
internal sealed record FidesDataset(
    Located Key,
    string Name,
    string? Description,
    string Organization,
    IReadOnlyList<Located> Categories,
    IReadOnlyList<Located> Retentions,
    SourceSpan Span);

/// <summary>A <c>data_category</c>, <c>data_use</c> or <c>data_subject</c> extension, or an <c>organization</c>.</summary>
internal sealed record FidesTaxonomyEntry(Located Key, string Name, string? Parent, string? Description, SourceSpan Span);

/// <summary>
/// The Fides resources of one or more manifest files, read from their node trees with every shape problem reported
/// (TM1151, TM1152) and every position kept. Fields the reader does not use are left alone: fideslang has many.
/// </summary>
internal sealed class FidesManifest(DiagnosticBag diagnostics)
{
    /// <summary>The top-level resource lists of fideslang.</summary>
    public static readonly string[] ResourceKinds =
        ["system", "dataset", "organization", "data_category", "data_use", "data_subject", "data_qualifier", "policy", "registry"];

    public const string DefaultOrganization = "default_organization";

    public List<FidesSystem> Systems { get; } = [];

    public List<FidesDataset> Datasets { get; } = [];

    public List<FidesTaxonomyEntry> Organizations { get; } = [];

    public List<FidesTaxonomyEntry> CategoryExtensions { get; } = [];

    public List<FidesTaxonomyEntry> UseExtensions { get; } = [];

    public List<FidesTaxonomyEntry> SubjectExtensions { get; } = [];

    /// <summary>True when some file held at least one resource list.</summary>
    public bool HasResources { get; private set; }

    /// <summary>True when the root of a parsed file is a mapping with at least one fideslang resource kind at its top level.</summary>
    public static bool HoldsResources(DesignNode root) =>
        root is MappingNode mapping && mapping.Entries.Exists(e => Array.IndexOf(ResourceKinds, e.Key.Value) >= 0);

    /// <summary>Reads the resources of one file's root mapping.</summary>
    public void Add(MappingNode root)
    {
        foreach (var (key, value) in root.Entries)
        {
            if (Array.IndexOf(ResourceKinds, key.Value) < 0)
            {
                var hint = NameSuggester.Closest(key.Value, ResourceKinds) is { } near ? $" Did you mean '{near}'?" : string.Empty;
                diagnostics.Warning(FidesDiagnosticCodes.Ignored, $"The manifest has a top-level field '{key.Value}', which is not a fideslang resource list; it is ignored.{hint} Known: {string.Join(", ", ResourceKinds)}.", key.Span);
                continue;
            }

            if (value is ScalarNode { IsNull: true })
                continue;
            if (value is not SequenceNode list)
            {
                Shape(value, $"'{key.Value}' must be a list of {key.Value} resources");
                continue;
            }

            HasResources = true;
            if (key.Value is "data_qualifier" or "policy" or "registry")
            {
                if (list.Items.Count > 0)
                    diagnostics.Warning(FidesDiagnosticCodes.Ignored, $"The '{key.Value}' resources are not read: they say how Fides itself checks manifests, not how data moves.", key.Span);
                continue;
            }

            foreach (var entry in list.Items)
            {
                if (entry is not MappingNode resource)
                {
                    Shape(entry, $"each entry of '{key.Value}' must be a mapping with a fides_key");
                    continue;
                }

                if (FidesKey(resource, key.Value) is not { } fidesKey)
                    continue;
                switch (key.Value)
                {
                    case "system":
                        Systems.Add(ReadSystem(resource, fidesKey));
                        break;
                    case "dataset":
                        Datasets.Add(ReadDataset(resource, fidesKey));
                        break;
                    case "organization":
                        Organizations.Add(Entry(resource, fidesKey));
                        break;
                    case "data_category":
                        CategoryExtensions.Add(Entry(resource, fidesKey));
                        break;
                    case "data_use":
                        UseExtensions.Add(Entry(resource, fidesKey));
                        break;
                    case "data_subject":
                        SubjectExtensions.Add(Entry(resource, fidesKey));
                        break;
                }
            }
        }
    }

    private FidesTaxonomyEntry Entry(MappingNode resource, Located key) =>
        new(key, Text(resource, "name") ?? key.Value, Text(resource, "parent_key"), Text(resource, "description"), resource.Span);

    private FidesSystem ReadSystem(MappingNode resource, Located key)
    {
        var declarations = new List<FidesDeclaration>();
        foreach (var node in Mappings(resource, "privacy_declarations"))
            declarations.Add(ReadDeclaration(node, declarations.Count));
        return new FidesSystem(
            key,
            Text(resource, "name") ?? key.Value,
            Text(resource, "description"),
            Text(resource, "organization_fides_key") ?? DefaultOrganization,
            Text(resource, "system_type"),
            Text(resource, "legal_name"),
            Flows(resource, "egress"),
            Flows(resource, "ingress"),
            declarations,
            Keys(resource, "dataset_references"),
            Keys(resource, "third_country_transfers"),
            Bool(resource, "does_international_transfers") ? Find(resource, "does_international_transfers") : null,
            resource.Span);
    }

    private FidesDeclaration ReadDeclaration(MappingNode node, int index) =>
        new(
            Text(node, "name") ?? $"privacy declaration {index + 1}",
            node.Span,
            Keys(node, "data_categories"),
            Find(node, "data_use"),
            Keys(node, "data_subjects"),
            Keys(node, "egress"),
            Keys(node, "ingress"),
            Keys(node, "dataset_references"),
            Find(node, "legal_basis_for_processing"),
            Find(node, "retention_period"),
            Bool(node, "data_shared_with_third_parties"),
            Find(node, "third_parties"),
            Keys(node, "shared_categories"));

    private List<FidesDataFlow> Flows(MappingNode resource, string field)
    {
        var flows = new List<FidesDataFlow>();
        foreach (var node in Mappings(resource, field))
        {
            var key = Find(node, "fides_key");
            var type = Find(node, "type");
            if (key is null || type is null)
            {
                diagnostics.Error(
                    FidesDiagnosticCodes.MissingField,
                    $"This '{field}' entry has no '{(key is null ? "fides_key" : "type")}'; expected the fides_key of a system or dataset (or 'user') and its type (system, dataset or user).",
                    node.Span);
                continue;
            }

            var given = node.Find("data_categories") is { Value: not ScalarNode { IsNull: true } };
            flows.Add(new FidesDataFlow(key.Value, type.Value.Value, Keys(node, "data_categories"), given, node.Span));
        }

        return flows;
    }

    private FidesDataset ReadDataset(MappingNode resource, Located key)
    {
        var categories = new List<Located>();
        var retentions = new List<Located>();
        categories.AddRange(Keys(resource, "data_categories"));
        if (Find(resource, "retention") is { } retention)
            retentions.Add(retention);
        foreach (var collection in Mappings(resource, "collections"))
        {
            categories.AddRange(Keys(collection, "data_categories"));
            if (Find(collection, "retention") is { } collectionRetention)
                retentions.Add(collectionRetention);
            FieldCategories(collection, categories, 0);
        }

        return new FidesDataset(
            key,
            Text(resource, "name") ?? key.Value,
            Text(resource, "description"),
            Text(resource, "organization_fides_key") ?? DefaultOrganization,
            categories,
            retentions,
            resource.Span);
    }

    /// <summary>The categories of a collection's fields, nested fields included (depth is bounded by the reader's depth limit).</summary>
    private void FieldCategories(MappingNode parent, List<Located> categories, int depth)
    {
        foreach (var field in Mappings(parent, "fields"))
        {
            categories.AddRange(Keys(field, "data_categories"));
            if (depth < 64)
                FieldCategories(field, categories, depth + 1);
        }
    }

    private Located? FidesKey(MappingNode resource, string kind)
    {
        if (Find(resource, "fides_key") is { } key && key.Value.Length > 0)
            return key;
        if (resource.Find("fides_key") is null)
            diagnostics.Error(FidesDiagnosticCodes.MissingField, $"This {kind} resource has no 'fides_key'; every Fides resource needs one to be referred to.", resource.Span);
        else
            diagnostics.Error(FidesDiagnosticCodes.MissingField, $"This {kind} resource has an empty 'fides_key'; every Fides resource needs one to be referred to.", resource.Find("fides_key")!.Value.Value.Span);
        return null;
    }

    private string? Text(MappingNode node, string field) => Find(node, field)?.Value;

    /// <summary>A scalar field as text (numbers and booleans as written), or null when absent or null; anything else is reported.</summary>
    private Located? Find(MappingNode node, string field)
    {
        if (node.Find(field) is not { } entry)
            return null;
        switch (entry.Value)
        {
            case ScalarNode { IsNull: true }:
                return null;
            case ScalarNode scalar:
                return new Located(scalar.Value, scalar.Span);
            default:
                Shape(entry.Value, $"'{field}' must be a single value");
                return null;
        }
    }

    private bool Bool(MappingNode node, string field)
    {
        if (node.Find(field) is not { } entry || entry.Value is ScalarNode { IsNull: true })
            return false;
        if (entry.Value is ScalarNode { Quoted: false } scalar && ScalarValues.IsBoolean(scalar.Value, out var value))
            return value;
        Shape(entry.Value, $"'{field}' must be true or false");
        return false;
    }

    /// <summary>A list of scalar values (fides keys), or empty when absent; anything else is reported.</summary>
    private List<Located> Keys(MappingNode node, string field)
    {
        var keys = new List<Located>();
        if (node.Find(field) is not { } entry || entry.Value is ScalarNode { IsNull: true })
            return keys;
        if (entry.Value is not SequenceNode list)
        {
            Shape(entry.Value, $"'{field}' must be a list of fides keys");
            return keys;
        }

        foreach (var item in list.Items)
        {
            if (item is ScalarNode { IsNull: false } scalar)
                keys.Add(new Located(scalar.Value, scalar.Span));
            else
                Shape(item, $"each entry of '{field}' must be a fides key");
        }

        return keys;
    }

    /// <summary>A list of mappings, or empty when absent; anything else is reported.</summary>
    private List<MappingNode> Mappings(MappingNode node, string field)
    {
        var mappings = new List<MappingNode>();
        if (node.Find(field) is not { } entry || entry.Value is ScalarNode { IsNull: true })
            return mappings;
        if (entry.Value is not SequenceNode list)
        {
            Shape(entry.Value, $"'{field}' must be a list of mappings");
            return mappings;
        }

        foreach (var item in list.Items)
        {
            if (item is MappingNode mapping)
                mappings.Add(mapping);
            else
                Shape(item, $"each entry of '{field}' must be a mapping");
        }

        return mappings;
    }

    private void Shape(DesignNode node, string expectation)
    {
        if (node.Invalid)
            return;
        diagnostics.Error(FidesDiagnosticCodes.WrongShape, $"In a Fides manifest, {expectation}, but here is {node.Describe()}.", node.Span);
    }
}
