using System.Globalization;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Binds the node tree of a design file to the model, the same way for YAML and JSON. Reads every field of
/// docs/model-format.md, reports every problem it meets and goes on, and remembers where each object came from.
/// Each section is a switch over field names: one pass over each mapping, no reflection, no LINQ in the loops.
/// </summary>
internal sealed class ModelBinder : IDesignSink
{
    private readonly string _file;
    private readonly ReaderLimits _limits;
    private readonly ValueReader _read;
    private readonly DesignSourceMap _map;
    private readonly DiagnosticBag _diagnostics;

    // What the root fields gave so far; the design is bound field by field as the file is read.
    private readonly ChunkedList<DataSubject> _subjects = new();
    private readonly ChunkedList<DataItem> _items = new();
    private readonly ChunkedList<Organization> _organizations = new();
    private readonly ChunkedList<Jurisdiction> _jurisdictions = new();
    private readonly ChunkedList<Element> _elements = new();
    private readonly ChunkedList<Flow> _flows = new();
    private readonly ChunkedList<Purpose> _purposes = new();
    private MappingNode? _root;
    private BindingContext _design;
    private string? _name;
    private DesignNode? _nameNode;
    private string? _description;
    private AnalysisSettings _settings = AnalysisSettings.Default;
    private ListStream? _stream;
    private readonly Dictionary<Protections, Protections> _protections = [];

    /// <summary>A binder that remembers every object's mapping for <see cref="Map"/>.</summary>
    public ModelBinder(string file, ReaderLimits limits, DiagnosticBag diagnostics)
        : this(file, limits, diagnostics, new DesignSourceMap())
    {
    }

    /// <summary>A binder that records where objects came from in <paramref name="map"/> (which may keep only counts).</summary>
    public ModelBinder(string file, ReaderLimits limits, DiagnosticBag diagnostics, DesignSourceMap map)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
        _map = map;
        _read = new ValueReader(diagnostics, _map);
    }

    /// <summary>Where the bound objects came from.</summary>
    public DesignSourceMap Map => _map;

    /// <summary>True once the root mapping was announced (<see cref="IDesignSink.Design"/>): finish with <see cref="Complete"/>.</summary>
    public bool Started => _root is not null;

    /// <summary>Binds a whole tree: the model, or null when the root is not a mapping.</summary>
    public SystemModel? Bind(DesignNode root)
    {
        if (root is not MappingNode mapping || mapping.Invalid)
        {
            if (!root.Invalid)
            {
                _diagnostics.Error(
                    DiagnosticCodes.WrongType,
                    $"A design must be a mapping of fields (name, subjects, items, elements, flows, ...), but the file holds {root.Describe()}.",
                    root.Span);
            }

            return null;
        }

        Start(mapping);
        foreach (var (key, value) in mapping.Entries)
            Field(key, value);
        return Complete();
    }

    /// <summary>The model from the fields bound so far, once the root mapping is complete.</summary>
    public SystemModel Complete()
    {
        if (_name is null)
            _read.Missing(_design, _root!, "name", "the design's name, as text", _nameNode);

        var organizations = new List<Organization>(_organizations.ToArray());
        RemoveDuplicateIds(organizations, o => o.Id, o => o.Span, ModelPart.Organization, "organization");
        return SystemModelFactory.Create(
            _name ?? string.Empty,
            _description,
            _file,
            _settings,
            _subjects.ToArray(),
            _items.ToArray(),
            organizations,
            _jurisdictions.ToArray(),
            _elements.ToArray(),
            _flows.ToArray(),
            _purposes.ToArray());
    }

    void IDesignSink.Design(MappingNode root) => Start(root);

    bool IDesignSink.StreamList(FieldKey key, SequenceNode list)
    {
        _stream = key.Value switch
        {
            "jurisdictions" => new ListStream<Jurisdiction>(this, "jurisdictions", ModelPart.Jurisdiction, "Jurisdiction", _jurisdictions, BindJurisdiction),
            "organizations" => new ListStream<Organization>(this, "organizations", ModelPart.Organization, "Organization", _organizations, BindOrganization),
            "subjects" => new ListStream<DataSubject>(this, "subjects", ModelPart.Subject, "Subject", _subjects, BindSubject),
            "items" => new ListStream<DataItem>(this, "items", ModelPart.Item, "Data item", _items, BindItem),
            "elements" => new ListStream<Element>(this, "elements", ModelPart.Element, "Element", _elements, BindElement),
            "flows" => new ListStream<Flow>(this, "flows", ModelPart.Flow, "Flow", _flows, BindFlow),
            "purposes" => new ListStream<Purpose>(this, "purposes", ModelPart.Purpose, "Purpose", _purposes, BindPurpose),
            _ => null,
        };
        return _stream is not null;
    }

    void IDesignSink.ListEntry(DesignNode entry) => _stream!.Entry(entry);

    void IDesignSink.RootField(FieldKey key, DesignNode value) => Field(key, value);

    private void Start(MappingNode root)
    {
        _root = root;
        _map.Root = root;
        _design = new BindingContext(ModelPart.Design, 0, root, "The design", string.Empty);
    }

    /// <summary>Binds one field of the root mapping, in file order.</summary>
    private void Field(FieldKey key, DesignNode value)
    {
        var ctx = _design;
        switch (key.Value)
        {
            case "name":
                _nameNode = value;
                _name = _read.Text(value, ctx, "name");
                break;
            case "description":
                _description = _read.Text(value, ctx, "description");
                break;
            case "settings":
                _settings = BindSettings(value, ctx);
                break;
            case "jurisdictions":
                BindSection(value, ctx, "jurisdictions", ModelPart.Jurisdiction, "Jurisdiction", _jurisdictions, BindJurisdiction);
                break;
            case "organizations":
                BindSection(value, ctx, "organizations", ModelPart.Organization, "Organization", _organizations, BindOrganization);
                break;
            case "subjects":
                BindSection(value, ctx, "subjects", ModelPart.Subject, "Subject", _subjects, BindSubject);
                break;
            case "items":
                BindSection(value, ctx, "items", ModelPart.Item, "Data item", _items, BindItem);
                break;
            case "elements":
                BindSection(value, ctx, "elements", ModelPart.Element, "Element", _elements, BindElement);
                break;
            case "flows":
                BindSection(value, ctx, "flows", ModelPart.Flow, "Flow", _flows, BindFlow);
                break;
            case "purposes":
                BindSection(value, ctx, "purposes", ModelPart.Purpose, "Purpose", _purposes, BindPurpose);
                break;
            case "$schema":
                _read.Text(value, ctx, "$schema");
                break;
            default:
                _read.UnknownField(key, ctx, DesignVocabulary.RootFields);
                // A misspelt section name: what it held is missing, so references into it would only repeat the problem.
                if (NameSuggester.Closest(key.Value, DesignVocabulary.RootFields) is { } meant)
                    _map.MarkReported(ModelPart.Design, 0, meant);
                break;
        }
    }

    private void BindSection<T>(DesignNode node, in BindingContext ctx, string field, ModelPart part, string what, ChunkedList<T> into, Func<MappingNode, BindingContext, T> bind)
    {
        if (node is SequenceNode { Streamed: true } streamed)
        {
            // The entries were bound as they were read; only the size limit is left to check.
            var stream = _stream!;
            _stream = null;
            if (stream.Count > _limits.MaxCollectionSize)
            {
                stream.Undo();
                TooMany(ctx, field, stream.Count, streamed.Span);
            }

            return;
        }

        var sequence = _read.List(node, ctx, field);
        if (sequence is null)
            return;
        if (sequence.Items.Count > _limits.MaxCollectionSize)
        {
            TooMany(ctx, field, sequence.Items.Count, sequence.Span);
            return;
        }

        foreach (var entry in sequence.Items)
            BindEntry(entry, field, part, what, into, bind);
    }

    private void TooMany(in BindingContext ctx, string field, int count, SourceSpan span)
    {
        _read.Mark(ctx, field);
        _diagnostics.Error(
            DiagnosticCodes.LimitExceeded,
            $"The list '{field}' has {count.ToString("N0", CultureInfo.InvariantCulture)} entries, more than the limit of {_limits.MaxCollectionSize.ToString("N0", CultureInfo.InvariantCulture)}. Split the design, or raise the limit with --max-collection-size.",
            span);
    }

    private void BindEntry<T>(DesignNode entry, string field, ModelPart part, string what, ChunkedList<T> into, Func<MappingNode, BindingContext, T> bind)
    {
        if (entry is not MappingNode mapping || mapping.Invalid)
        {
            if (!entry.Invalid)
            {
                _diagnostics.Error(
                    DiagnosticCodes.WrongType,
                    $"Each entry of '{field}' must be a mapping of fields ({what.ToLowerInvariant()} with an id), but found {entry.Describe()}.",
                    entry.Span);
            }

            return;
        }

        var index = _map.Add(part, mapping);
        into.Add(bind(mapping, new BindingContext(part, index, mapping, what, string.Empty)));
    }

    /// <summary>A root list whose entries are bound one by one as they are read.</summary>
    private abstract class ListStream
    {
        /// <summary>Entries seen, bound or not.</summary>
        public int Count { get; protected set; }

        public abstract void Entry(DesignNode entry);

        /// <summary>Forgets everything the entries gave (objects, diagnostics, source records): the list is over the size limit.</summary>
        public abstract void Undo();
    }

    private sealed class ListStream<T>(ModelBinder binder, string field, ModelPart part, string what, ChunkedList<T> into, Func<MappingNode, BindingContext, T> bind) : ListStream
    {
        private readonly int _objects = into.Count;
        private readonly int _diagnostics = binder._diagnostics.Count;

        public override void Entry(DesignNode entry)
        {
            // Past the limit nothing more is bound: the whole list is refused when it closes.
            if (++Count <= binder._limits.MaxCollectionSize)
                binder.BindEntry(entry, field, part, what, into, bind);
        }

        public override void Undo()
        {
            into.Truncate(_objects);
            binder._diagnostics.Truncate(_diagnostics);
            binder._map.Truncate(part, _objects);
        }
    }

    private AnalysisSettings BindSettings(DesignNode node, in BindingContext design)
    {
        var settings = AnalysisSettings.Default;
        var mapping = _read.Mapping(node, design, "settings", "a mapping of review thresholds");
        if (mapping is null)
            return settings;
        var ctx = new BindingContext(ModelPart.Settings, 0, mapping, "The settings", string.Empty);
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "uniquenessThreshold":
                    if (_read.Number(value, ctx, key.Value, "a share between 0 and 1") is { } uniqueness)
                        settings = settings with { UniquenessThreshold = uniqueness };
                    break;
                case "minimumAnonymitySet":
                    if (_read.Number(value, ctx, key.Value, "a number of people of at least 1") is { } k)
                        settings = settings with { MinimumAnonymitySet = k };
                    break;
                case "linkageUniquenessThreshold":
                    if (_read.Number(value, ctx, key.Value, "a share between 0 and 1") is { } linkage)
                        settings = settings with { LinkageUniquenessThreshold = linkage };
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.SettingsFields);
                    break;
            }
        }

        return settings;
    }

    private Jurisdiction BindJurisdiction(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, name = null;
        DesignNode? idNode = null;
        bool subjectRights = true, compelledAccess = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "name":
                    name = _read.Text(value, ctx, "name");
                    break;
                case "subjectRights":
                    subjectRights = _read.Boolean(value, ctx, key.Value) ?? subjectRights;
                    break;
                case "compelledAccess":
                    compelledAccess = _read.Boolean(value, ctx, key.Value) ?? compelledAccess;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.JurisdictionFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        return new Jurisdiction { Id = id, Name = name ?? id, SubjectRights = subjectRights, CompelledAccess = compelledAccess, Span = mapping.Span };
    }

    private Organization BindOrganization(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, name = null, jurisdiction = null, kind = null;
        DesignNode? idNode = null;
        var power = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "name":
                    name = _read.Text(value, ctx, "name");
                    break;
                case "jurisdiction":
                    jurisdiction = _read.Reference(value, ctx, key.Value);
                    break;
                case "kind":
                    kind = _read.Reference(value, ctx, key.Value);
                    break;
                case "powerOverSubjects":
                    power = _read.Boolean(value, ctx, key.Value) ?? power;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.OrganizationFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        return new Organization
        {
            Id = id,
            Name = name ?? id,
            JurisdictionId = jurisdiction ?? Jurisdictions.Unspecified,
            Kind = kind,
            PowerOverSubjects = power,
            Span = mapping.Span,
        };
    }

    private DataSubject BindSubject(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, name = null, description = null;
        DesignNode? idNode = null, populationNode = null;
        long? population = null;
        Density? density = null;
        var vulnerable = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "name":
                    name = _read.Text(value, ctx, "name");
                    break;
                case "population":
                    populationNode = value;
                    population = _read.Whole(value, ctx, key.Value, "a whole number of people, at least 1");
                    break;
                case "density":
                    density = BindDensity(value, ctx);
                    break;
                case "vulnerable":
                    vulnerable = _read.Boolean(value, ctx, key.Value) ?? vulnerable;
                    break;
                case "description":
                    description = _read.Text(value, ctx, key.Value);
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.SubjectFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        if (population is null && !_map.IsReported(ctx.Part, ctx.Index, "population"))
            _read.Missing(ctx, mapping, "population", "how many people the group holds, a whole number of at least 1", populationNode);
        return new DataSubject
        {
            Id = id,
            Name = name ?? id,
            Population = population ?? 1,
            Density = density,
            Description = description,
            Vulnerable = vulnerable,
            Span = mapping.Span,
        };
    }

    private Density? BindDensity(DesignNode node, in BindingContext ctx)
    {
        if (node is ScalarNode { Quoted: false, Invalid: false } scalar && !scalar.IsNull && ScalarValues.TryParseNumber(scalar.Value, out var number))
            return new Density(number, null);
        var expected = $"a number of people per square kilometre or a preset ({string.Join(", ", DensityPresets.Names)})";
        if (node is not ScalarNode)
        {
            _read.WrongType(node, ctx, "density", expected);
            return null;
        }

        var text = _read.Text(node, ctx, "density");
        if (text is null)
            return null;
        var preset = DensityPresets.Resolve(text);
        if (preset is null)
            _read.UnknownWord(node, ctx, "density", text, "density preset (or give a number of people per square kilometre)", DensityPresets.Names);
        return preset;
    }

    private DataItem BindItem(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, name = null, subject = null, context = null, specialCategory = null, description = null, presetName = null;
        DesignNode? idNode = null, kindNode = null, subjectNode = null, presetNode = null;
        var kind = -1;
        var linkability = Linkability.Shared;
        IReadOnlyList<string> derivedFrom = [];
        var stigmatizing = false;
        double? cardinality = null, peoplePerValue = null, precision = null;
        TraceSpec? trace = null;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "name":
                    name = _read.Text(value, ctx, "name");
                    break;
                case "kind":
                    kindNode = value;
                    kind = _read.Word(value, ctx, key.Value, DesignVocabulary.ItemKinds, "kind of data item");
                    break;
                case "subject":
                    subjectNode = value;
                    subject = _read.Reference(value, ctx, key.Value);
                    break;
                case "context":
                    context = _read.Reference(value, ctx, key.Value);
                    break;
                case "linkability":
                    var link = _read.Word(value, ctx, key.Value, DesignVocabulary.Linkabilities, "linkability");
                    if (link >= 0)
                        linkability = (Linkability)link;
                    break;
                case "derivedFrom":
                    derivedFrom = _read.TextList(value, ctx, key.Value);
                    break;
                case "stigmatizing":
                    stigmatizing = _read.Boolean(value, ctx, key.Value) ?? stigmatizing;
                    break;
                case "specialCategory":
                    specialCategory = _read.Reference(value, ctx, key.Value);
                    break;
                case "quasiIdentifier":
                    presetNode = value;
                    presetName = _read.Text(value, ctx, key.Value);
                    break;
                case "cardinality":
                    cardinality = _read.Number(value, ctx, key.Value, "the number of distinct values, at least 1");
                    break;
                case "peoplePerValue":
                    peoplePerValue = _read.Number(value, ctx, key.Value, "the number of people sharing one value");
                    break;
                case "precision":
                    precision = _read.Number(value, ctx, key.Value, "a precision in metres, above 0");
                    break;
                case "trace":
                    trace = BindTrace(value, ctx);
                    break;
                case "description":
                    description = _read.Text(value, ctx, key.Value);
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.ItemFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        if (kind < 0 && kindNode is null or ScalarNode { IsNull: true })
            _read.Missing(ctx, mapping, "kind", $"one of {string.Join(", ", DesignVocabulary.ItemKinds)}", kindNode);
        if (subject is null)
            _read.Missing(ctx, mapping, "subject", "the id of the subject the item describes", subjectNode);

        var itemKind = kind >= 0 ? (DataItemKind)kind : DataItemKind.Other;
        var quasiIdentifier = QuasiIdentifier(presetName, presetNode, cardinality, peoplePerValue, ctx, "quasiIdentifier");
        return new DataItem
        {
            Id = id,
            Name = name ?? id,
            Kind = itemKind,
            SubjectId = subject ?? string.Empty,
            Context = context ?? DataContexts.DefaultFor(itemKind),
            QuasiIdentifier = quasiIdentifier,
            Location = precision is { } p ? new LocationSpec(p) : null,
            Trace = trace,
            DerivedFrom = derivedFrom,
            Linkability = linkability,
            Stigmatizing = stigmatizing,
            SpecialCategory = specialCategory,
            Description = description,
            Span = mapping.Span,
        };
    }

    /// <summary>A preset, overridden by explicit figures when given; null when neither is given.</summary>
    private QuasiIdentifierSpec? QuasiIdentifier(string? presetName, DesignNode? presetNode, double? cardinality, double? peoplePerValue, in BindingContext ctx, string field)
    {
        QuasiIdentifierSpec? preset = null;
        if (presetName is not null)
        {
            preset = QuasiIdentifierPresets.Resolve(presetName);
            if (preset is null)
                _read.UnknownWord(presetNode!, ctx, field, presetName, "quasi-identifier preset", QuasiIdentifierPresets.Names);
        }

        if (cardinality is null && peoplePerValue is null)
            return preset;
        return new QuasiIdentifierSpec(cardinality, peoplePerValue, preset?.Preset);
    }

    private TraceSpec? BindTrace(DesignNode node, in BindingContext owner)
    {
        var mapping = _read.Mapping(node, owner, "trace", "a mapping with points, spatialResolution and temporalResolution");
        if (mapping is null)
            return null;
        var ctx = owner.Nested("trace");
        int? points = null;
        DesignNode? pointsNode = null;
        double? spatial = null;
        double temporal = 60;
        int? knownPoints = null;
        TracePlace? place = null;
        var priceKnown = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "points":
                    pointsNode = value;
                    points = _read.Int32(value, ctx, key.Value, "a whole number of observations per person, at least 1");
                    break;
                case "spatialResolution":
                    spatial = _read.Number(value, ctx, key.Value, "a resolution in metres, above 0");
                    break;
                case "temporalResolution":
                    temporal = _read.Number(value, ctx, key.Value, "a resolution in minutes, above 0") ?? temporal;
                    break;
                case "knownPoints":
                    knownPoints = _read.Int32(value, ctx, key.Value, "a whole number of points the adversary knows, at least 1");
                    break;
                case "place":
                    var word = _read.Word(value, ctx, key.Value, DesignVocabulary.TracePlaces, "place of a trace point");
                    place = word >= 0 ? (TracePlace)word : null;
                    break;
                case "priceKnown":
                    priceKnown = _read.Boolean(value, ctx, key.Value) ?? priceKnown;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.TraceFields);
                    break;
            }
        }

        if (points is null && !_map.IsReported(ctx.Part, ctx.Index, ctx.Path("points")))
            _read.Missing(ctx, mapping, "points", "observations per person, a whole number of at least 1", pointsNode);
        return new TraceSpec(points ?? 1, spatial, temporal) { KnownPoints = knownPoints, Place = place, PriceKnown = priceKnown };
    }

    private Element BindElement(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, name = null, organization = null, jurisdiction = null, subject = null, description = null;
        DesignNode? idNode = null, typeNode = null, organizationNode = null;
        var type = -1;
        var attributable = false;
        DecisionSpec? decision = null;
        RetentionSpec? retention = null;
        IReadOnlyList<Suppression> accepts = [];
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "name":
                    name = _read.Text(value, ctx, "name");
                    break;
                case "type":
                    typeNode = value;
                    type = _read.Word(value, ctx, key.Value, DesignVocabulary.ElementTypes, "element type");
                    break;
                case "organization":
                    organizationNode = value;
                    organization = _read.Reference(value, ctx, key.Value);
                    break;
                case "jurisdiction":
                    jurisdiction = _read.Reference(value, ctx, key.Value);
                    break;
                case "subject":
                    subject = _read.Reference(value, ctx, key.Value);
                    break;
                case "attributable":
                    attributable = _read.Boolean(value, ctx, key.Value) ?? attributable;
                    break;
                case "decision":
                    decision = BindDecision(value, ctx);
                    break;
                case "retention":
                    retention = BindRetention(value, ctx);
                    break;
                case "accepts":
                    accepts = BindAccepts(value, ctx);
                    break;
                case "description":
                    description = _read.Text(value, ctx, key.Value);
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.ElementFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        if (type < 0 && typeNode is null or ScalarNode { IsNull: true })
            _read.Missing(ctx, mapping, "type", $"one of {string.Join(", ", DesignVocabulary.ElementTypes)}", typeNode);
        var elementType = type >= 0 ? (ElementType)type : ElementType.Process;
        if (type >= 0)
        {
            var needsOrganization = elementType is ElementType.Process or ElementType.Store or ElementType.ExternalParty;
            if (needsOrganization && organization is null && !_map.IsReported(ctx.Part, ctx.Index, "organization"))
            {
                _read.Missing(ctx, mapping, "organization", $"the organization (trust boundary) a {DesignVocabulary.Word(elementType)} element belongs to", organizationNode);
            }
            else if (!needsOrganization && organization is not null)
            {
                _read.Mark(ctx, "organization");
                _diagnostics.Error(
                    DiagnosticCodes.UnknownField,
                    $"{ctx.Label()} is of type '{DesignVocabulary.Word(elementType)}', which belongs to no organization, but names organization '{organization}'. Remove 'organization', or make the element a process, store or external party.",
                    organizationNode!.Span);
                organization = null;
            }
        }

        return new Element
        {
            Id = id,
            Name = name ?? id,
            Type = elementType,
            OrganizationId = organization,
            JurisdictionId = jurisdiction,
            SubjectId = subject,
            Decision = decision,
            Retention = retention,
            Attributable = attributable,
            Suppressions = accepts,
            Description = description,
            Span = mapping.Span,
        };
    }

    private DecisionSpec? BindDecision(DesignNode node, in BindingContext owner)
    {
        var mapping = _read.Mapping(node, owner, "decision", "a mapping with affects, subject, automated, informed, inputsVisible and appeal");
        if (mapping is null)
            return null;
        var ctx = owner.Nested("decision");
        IReadOnlyList<string> affects = [];
        string? subject = null;
        bool automated = false, informed = false, inputsVisible = false, appeal = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "affects":
                    affects = _read.TextList(value, ctx, key.Value);
                    break;
                case "subject":
                    subject = _read.Reference(value, ctx, key.Value);
                    break;
                case "automated":
                    automated = _read.Boolean(value, ctx, key.Value) ?? automated;
                    break;
                case "informed":
                    informed = _read.Boolean(value, ctx, key.Value) ?? informed;
                    break;
                case "inputsVisible":
                    inputsVisible = _read.Boolean(value, ctx, key.Value) ?? inputsVisible;
                    break;
                case "appeal":
                    appeal = _read.Boolean(value, ctx, key.Value) ?? appeal;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.DecisionFields);
                    break;
            }
        }

        return new DecisionSpec
        {
            Affects = affects,
            SubjectId = subject,
            Automated = automated,
            SubjectInformed = informed,
            InputsVisible = inputsVisible,
            Appeal = appeal,
            Span = mapping.Span,
        };
    }

    private RetentionSpec? BindRetention(DesignNode node, in BindingContext owner)
    {
        var mapping = _read.Mapping(node, owner, "retention", "a mapping with days, deletion and correction");
        if (mapping is null)
            return null;
        var ctx = owner.Nested("retention");
        int? days = null;
        bool deletion = false, correction = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "days":
                    days = _read.Int32(value, ctx, key.Value, "a whole number of days, at least 0");
                    break;
                case "deletion":
                    deletion = _read.Boolean(value, ctx, key.Value) ?? deletion;
                    break;
                case "correction":
                    correction = _read.Boolean(value, ctx, key.Value) ?? correction;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.RetentionFields);
                    break;
            }
        }

        return new RetentionSpec(days, deletion, correction, mapping.Span);
    }

    private IReadOnlyList<Suppression> BindAccepts(DesignNode node, in BindingContext owner)
    {
        var sequence = _read.List(node, owner, "accepts");
        if (sequence is null || sequence.Items.Count == 0)
            return [];
        var accepts = new List<Suppression>(sequence.Items.Count);
        var ctx = owner.Nested("accepts");
        foreach (var entry in sequence.Items)
        {
            var mapping = _read.Mapping(entry, owner, "accepts", "a mapping with rule and justification");
            if (mapping is null)
                continue;
            string? rule = null, justification = null, finding = null;
            DesignNode? ruleNode = null, justificationNode = null;
            foreach (var (key, value) in mapping.Entries)
            {
                switch (key.Value)
                {
                    case "rule":
                        ruleNode = value;
                        rule = _read.Reference(value, ctx, key.Value);
                        break;
                    case "finding":
                        finding = _read.Reference(value, ctx, key.Value);
                        break;
                    case "justification":
                        justificationNode = value;
                        justification = _read.Text(value, ctx, key.Value);
                        break;
                    default:
                        _read.UnknownField(key, ctx, DesignVocabulary.AcceptFields);
                        break;
                }
            }

            if (rule is null && finding is null)
                _read.Missing(ctx, mapping, "rule", "the id of the rule accepted, such as TM001 (or 'finding:' with one finding's fingerprint)", ruleNode);
            if (justification is null)
                _read.Missing(ctx, mapping, "justification", "why the finding is accepted, as text", justificationNode);
            if ((rule is not null || finding is not null) && justification is not null)
                accepts.Add(new Suppression(rule ?? string.Empty, justification, mapping.Span) { Finding = finding, RuleSpan = ruleNode?.Span ?? mapping.Span });
        }

        return accepts;
    }

    private Flow BindFlow(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, from = null, to = null, purpose = null, description = null;
        DesignNode? idNode = null, fromNode = null, toNode = null, itemsNode = null, purposeNode = null;
        IReadOnlyList<string>? items = null;
        bool continuous = false, covert = false;
        var protections = Protections.None;
        ProximityQuery? query = null;
        IReadOnlyList<Suppression> accepts = [];
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Text(value, ctx, "id");
                    if (id is not null)
                        _read.CheckName(value.Span, ctx, "id", id);
                    break;
                case "from":
                    fromNode = value;
                    from = _read.Reference(value, ctx, key.Value);
                    break;
                case "to":
                    toNode = value;
                    to = _read.Reference(value, ctx, key.Value);
                    break;
                case "items":
                    itemsNode = value;
                    items = value is ScalarNode { IsNull: true } ? null : _read.TextList(value, ctx, key.Value);
                    break;
                case "purpose":
                    purposeNode = value;
                    purpose = _read.Reference(value, ctx, key.Value);
                    break;
                case "continuous":
                    continuous = _read.Boolean(value, ctx, key.Value) ?? continuous;
                    break;
                case "covert":
                    covert = _read.Boolean(value, ctx, key.Value) ?? covert;
                    break;
                case "protections":
                    protections = BindProtections(value, ctx);
                    break;
                case "query":
                    query = BindQuery(value, ctx);
                    break;
                case "accepts":
                    accepts = BindAccepts(value, ctx);
                    break;
                case "description":
                    description = _read.Text(value, ctx, key.Value);
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.FlowFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        if (from is null)
            _read.Missing(ctx, mapping, "from", "the id of the sending element", fromNode);
        if (to is null)
            _read.Missing(ctx, mapping, "to", "the id of the receiving element", toNode);
        if (items is null && !_map.IsReported(ctx.Part, ctx.Index, "items"))
            _read.Missing(ctx, mapping, "items", "the list of data item ids the flow carries", itemsNode);
        if (purpose is null)
            _read.Missing(ctx, mapping, "purpose", "why the data moves, as text (payment, messaging, credit-scoring, ...)", purposeNode);
        var collection = continuous || covert ? new CollectionSpec(continuous, covert) : CollectionSpec.Ordinary;
        return new Flow
        {
            Id = id,
            From = from ?? string.Empty,
            To = to ?? string.Empty,
            Items = items ?? [],
            Purpose = purpose ?? string.Empty,
            Protections = protections,
            Query = query,
            Collection = collection,
            Suppressions = accepts,
            Description = description,
            Span = mapping.Span,
        };
    }

    private Protections BindProtections(DesignNode node, in BindingContext owner)
    {
        var mapping = _read.Mapping(node, owner, "protections", "a mapping of protections");
        if (mapping is null)
            return Protections.None;
        var ctx = owner.Nested("protections");
        bool encrypted = false, endToEnd = false, consent = false, deniable = false, exclusionZones = false;
        IReadOnlyList<string> consentOf = [];
        PseudonymizationSpec? pseudonymization = null;
        IReadOnlyDictionary<string, Generalization> generalizations = Protections.None.Generalizations;
        IReadOnlyList<string> suppress = [];
        int? aggregation = null, rateLimit = null, retentionDays = null;
        double? epsilon = null, snapToGrid = null;
        string? legalBasis = null;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "encryptedInTransit":
                    encrypted = _read.Boolean(value, ctx, key.Value) ?? encrypted;
                    break;
                case "endToEnd":
                    endToEnd = _read.Boolean(value, ctx, key.Value) ?? endToEnd;
                    break;
                case "pseudonymized":
                    pseudonymization = BindPseudonymization(value, ctx);
                    break;
                case "generalize":
                    generalizations = BindGeneralizations(value, ctx);
                    break;
                case "suppress":
                    suppress = _read.TextList(value, ctx, key.Value);
                    break;
                case "aggregationThreshold":
                    aggregation = _read.Int32(value, ctx, key.Value, "a whole number of people, at least 1");
                    break;
                case "differentialPrivacy":
                    epsilon = _read.Number(value, ctx, key.Value, "a privacy-loss budget epsilon above 0");
                    break;
                case "rateLimit":
                    rateLimit = _read.Int32(value, ctx, key.Value, "a whole number of queries per caller per day, at least 0");
                    break;
                case "snapToGrid":
                    snapToGrid = _read.Number(value, ctx, key.Value, "a grid cell size in metres, above 0");
                    break;
                case "legalBasis":
                    var basis = _read.Word(value, ctx, key.Value, DesignVocabulary.LegalBases, "legal basis");
                    if (basis >= 0)
                        legalBasis = DesignVocabulary.LegalBases[basis];
                    break;
                case "consent":
                    consent = _read.Boolean(value, ctx, key.Value) ?? consent;
                    break;
                case "retentionDays":
                    retentionDays = _read.Int32(value, ctx, key.Value, "a whole number of days, at least 0");
                    break;
                case "deniable":
                    deniable = _read.Boolean(value, ctx, key.Value) ?? deniable;
                    break;
                case "consentOf":
                    consentOf = _read.TextList(value, ctx, key.Value);
                    break;
                case "exclusionZones":
                    exclusionZones = _read.Boolean(value, ctx, key.Value) ?? exclusionZones;
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.ProtectionFields);
                    break;
            }
        }

        if (generalizations.Count == 0)
            generalizations = Protections.None.Generalizations;
        if (suppress.Count == 0)
            suppress = Protections.None.SuppressedItems;
        var protections = new Protections
        {
            EncryptedInTransit = encrypted,
            EndToEndEncrypted = endToEnd,
            Pseudonymization = pseudonymization,
            Generalizations = generalizations,
            SuppressedItems = suppress,
            AggregationThreshold = aggregation,
            DifferentialPrivacyEpsilon = epsilon,
            RateLimitPerDay = rateLimit,
            SnapToGridMetres = snapToGrid,
            LegalBasis = legalBasis,
            Consent = consent,
            RetentionDays = retentionDays,
            DeniableRecords = deniable,
            ConsentOf = consentOf.Count == 0 ? Protections.None.ConsentOf : consentOf,
            ExclusionZones = exclusionZones,
        };
        if (!ReferenceEquals(generalizations, Protections.None.Generalizations) || !ReferenceEquals(suppress, Protections.None.SuppressedItems)
            || consentOf.Count > 0)
            return protections;

        // Many flows declare the same protections (encrypted, kept 90 days): the model keeps one instance of each set.
        if (_protections.TryGetValue(protections, out var shared))
            return shared;
        _protections.Add(protections, protections);
        return protections;
    }

    private PseudonymizationSpec? BindPseudonymization(DesignNode node, in BindingContext ctx)
    {
        if (node is ScalarNode { Quoted: false, IsNull: false, Invalid: false } scalar && ScalarValues.IsBoolean(scalar.Value, out var on))
            return on ? new PseudonymizationSpec(null, false) : null;
        var mapping = _read.Mapping(node, ctx, "pseudonymized", "true, false, or a mapping with keyHolder and perContext");
        if (mapping is null)
            return null;
        var nested = ctx.Nested("pseudonymized");
        string? keyHolder = null;
        var perContext = false;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "keyHolder":
                    keyHolder = _read.Reference(value, nested, key.Value);
                    break;
                case "perContext":
                    perContext = _read.Boolean(value, nested, key.Value) ?? perContext;
                    break;
                default:
                    _read.UnknownField(key, nested, DesignVocabulary.PseudonymizationFields);
                    break;
            }
        }

        return new PseudonymizationSpec(keyHolder, perContext);
    }

    private Dictionary<string, Generalization> BindGeneralizations(DesignNode node, in BindingContext ctx)
    {
        var result = new Dictionary<string, Generalization>(StringComparer.Ordinal);
        var mapping = _read.Mapping(node, ctx, "generalize", "a mapping from item id to its coarser form");
        if (mapping is null)
            return result;
        var nested = ctx.Nested("generalize");
        foreach (var (key, value) in mapping.Entries)
        {
            _read.CheckName(key.Span, nested, key.Value, key.Value);
            if (BindGeneralization(key.Value, value, nested) is { } generalization)
                result[_read.Share(key.Value)] = generalization;
        }

        return result;
    }

    private Generalization? BindGeneralization(string item, DesignNode node, in BindingContext ctx)
    {
        const string expected = "a quasi-identifier preset, a cardinality number, or a mapping with quasiIdentifier, cardinality, peoplePerValue, precision and temporalResolution";
        switch (node)
        {
            case { Invalid: true }:
                return null;
            case ScalarNode { IsNull: true }:
                _read.WrongType(node, ctx, item, expected);
                return null;
            case ScalarNode { Quoted: false } number when ScalarValues.TryParseNumber(number.Value, out var cardinality):
                return new Generalization(new QuasiIdentifierSpec(cardinality, null, null), null, null);
            case ScalarNode text:
                var preset = QuasiIdentifierPresets.Resolve(text.Value);
                if (preset is null)
                    _read.UnknownWord(node, ctx, item, text.Value, "quasi-identifier preset", QuasiIdentifierPresets.Names);
                return preset is null ? null : new Generalization(preset, null, null);
            case MappingNode mapping:
                var nested = ctx.Nested(item);
                string? presetName = null;
                DesignNode? presetNode = null;
                double? card = null, peoplePerValue = null, precision = null, temporal = null;
                foreach (var (key, value) in mapping.Entries)
                {
                    switch (key.Value)
                    {
                        case "quasiIdentifier":
                            presetNode = value;
                            presetName = _read.Text(value, nested, key.Value);
                            break;
                        case "cardinality":
                            card = _read.Number(value, nested, key.Value, "the number of distinct values, at least 1");
                            break;
                        case "peoplePerValue":
                            peoplePerValue = _read.Number(value, nested, key.Value, "the number of people sharing one value");
                            break;
                        case "precision":
                            precision = _read.Number(value, nested, key.Value, "a precision in metres, above 0");
                            break;
                        case "temporalResolution":
                            temporal = _read.Number(value, nested, key.Value, "a resolution in minutes, above 0");
                            break;
                        default:
                            _read.UnknownField(key, nested, DesignVocabulary.GeneralizationFields);
                            break;
                    }
                }

                var qi = QuasiIdentifier(presetName, presetNode, card, peoplePerValue, nested, "quasiIdentifier");
                return new Generalization(qi, precision, temporal);
            default:
                _read.WrongType(node, ctx, item, expected);
                return null;
        }
    }

    private ProximityQuery? BindQuery(DesignNode node, in BindingContext owner)
    {
        var mapping = _read.Mapping(node, owner, "query", "a mapping with chosenBy, returns and radius");
        if (mapping is null)
            return null;
        var ctx = owner.Nested("query");
        int chosenBy = -1, returns = -1;
        DesignNode? chosenByNode = null, returnsNode = null;
        double? radius = null;
        double? rounded = null;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "roundedToMetres":
                    rounded = _read.Number(value, ctx, key.Value, "the rounding of a shown distance in metres, above 0");
                    break;
                case "chosenBy":
                    chosenByNode = value;
                    chosenBy = _read.Word(value, ctx, key.Value, DesignVocabulary.QueryChoosers, "query chooser");
                    break;
                case "returns":
                    returnsNode = value;
                    returns = _read.Word(value, ctx, key.Value, DesignVocabulary.QueryReturns, "query result");
                    break;
                case "radius":
                    radius = _read.Number(value, ctx, key.Value, "a radius in metres, above 0");
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.QueryFields);
                    break;
            }
        }

        if (chosenBy < 0 && chosenByNode is null or ScalarNode { IsNull: true })
            _read.Missing(ctx, mapping, "chosenBy", "querier or system", chosenByNode);
        if (returns < 0 && returnsNode is null or ScalarNode { IsNull: true })
            _read.Missing(ctx, mapping, "returns", $"one of {string.Join(", ", DesignVocabulary.QueryReturns)}", returnsNode);
        return new ProximityQuery(
            chosenBy >= 0 ? DesignVocabulary.QueryChoosers[chosenBy] : DesignVocabulary.QueryChoosers[1],
            returns >= 0 ? DesignVocabulary.QueryReturns[returns] : DesignVocabulary.QueryReturns[0],
            radius,
            mapping.Span) { RoundedToMetres = rounded };
    }

    private Purpose BindPurpose(MappingNode mapping, BindingContext ctx)
    {
        string? id = null, description = null;
        DesignNode? idNode = null;
        IReadOnlyList<string> compatibleWith = [];
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "id":
                    idNode = value;
                    id = _read.Reference(value, ctx, "id");
                    break;
                case "compatibleWith":
                    compatibleWith = _read.TextList(value, ctx, key.Value);
                    break;
                case "description":
                    description = _read.Text(value, ctx, key.Value);
                    break;
                default:
                    _read.UnknownField(key, ctx, DesignVocabulary.PurposeFields);
                    break;
            }
        }

        id = RequireId(ctx, mapping, id, idNode);
        return new Purpose(id, compatibleWith, description, mapping.Span);
    }

    private string RequireId(in BindingContext ctx, MappingNode mapping, string? id, DesignNode? idNode)
    {
        if (id is not null)
            return id;
        if (!_map.IsReported(ctx.Part, ctx.Index, "id"))
            _read.Missing(ctx, mapping, "id", "a unique id that references use", idNode);
        return string.Empty;
    }

    /// <summary>Reports and drops a second declaration of an id, for parts where the model cannot hold duplicates.</summary>
    private void RemoveDuplicateIds<T>(List<T> values, Func<T, string> id, Func<T, SourceSpan> span, ModelPart part, string what)
    {
        if (values.Count < 2)
            return;
        var seen = new Dictionary<string, SourceSpan>(values.Count, StringComparer.Ordinal);
        var kept = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (_map.IsReported(part, i, "id"))
            {
                values[kept++] = value;
                continue;
            }

            if (seen.TryGetValue(id(value), out var first))
            {
                _diagnostics.Error(
                    DiagnosticCodes.Duplicate,
                    $"The {what} id '{id(value)}' is declared twice (first at line {first.Line}, column {first.Column}); expected every {what} id to be unique. Rename one of them.",
                    span(value));
                continue;
            }

            seen.Add(id(value), span(value));
            values[kept++] = value;
        }

        values.RemoveRange(kept, values.Count - kept);
    }
}
