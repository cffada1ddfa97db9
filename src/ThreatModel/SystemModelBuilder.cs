using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel;

/// <summary>
/// Builds a <see cref="SystemModel"/> in code, with the same checks the design-file reader applies.
/// </summary>
/// <example>
/// <code>
/// var model = new SystemModelBuilder("Debtor map")
///     .Subject("debtors", population: 50_000)
///     .Item("debtor-location", DataItemKind.Location, "debtors", precisionMetres: 10)
///     .Person("debtor", subject: "debtors")
///     .Process("map-service", organization: "court")
///     .Element("app-users", ElementType.OtherUsers)
///     .Flow("f1", "debtor", "map-service", ["debtor-location"], "enforcement")
///     .Flow("f2", "map-service", "app-users", ["debtor-location"], "public-shaming")
///     .Build();
/// </code>
/// </example>
public sealed class SystemModelBuilder
{
    private readonly string _name;
    private string? _description;
    private AnalysisSettings _settings = AnalysisSettings.Default;
    private readonly List<DataSubject> _subjects = [];
    private readonly List<DataItem> _items = [];
    private readonly List<Organization> _organizations = [];
    private readonly List<Jurisdiction> _jurisdictions = [];
    private readonly List<Element> _elements = [];
    private readonly List<Flow> _flows = [];
    private readonly List<Purpose> _purposes = [];

    /// <summary>Starts a design with a name.</summary>
    public SystemModelBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>Sets the description.</summary>
    public SystemModelBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>Sets the review thresholds.</summary>
    public SystemModelBuilder Settings(AnalysisSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        return this;
    }

    /// <summary>Adds a data subject.</summary>
    public SystemModelBuilder Subject(string id, long population, Density? density = null, bool vulnerable = false, string? name = null)
    {
        _subjects.Add(new DataSubject
        {
            Id = id,
            Name = name ?? id,
            Population = population,
            Density = density,
            Description = null,
            Vulnerable = vulnerable,
        });
        return this;
    }

    /// <summary>Adds a data item.</summary>
    public SystemModelBuilder Item(
        string id,
        DataItemKind kind,
        string subject,
        string? context = null,
        QuasiIdentifierSpec? quasiIdentifier = null,
        double? precisionMetres = null,
        TraceSpec? trace = null,
        IReadOnlyList<string>? derivedFrom = null,
        Linkability linkability = Linkability.Shared,
        bool stigmatizing = false,
        string? specialCategory = null,
        string? name = null)
    {
        _items.Add(new DataItem
        {
            Id = id,
            Name = name ?? id,
            Kind = kind,
            SubjectId = subject,
            Context = context ?? DataContexts.DefaultFor(kind),
            QuasiIdentifier = quasiIdentifier,
            Location = precisionMetres is { } p ? new LocationSpec(p) : null,
            Trace = trace,
            DerivedFrom = derivedFrom ?? [],
            Linkability = linkability,
            Stigmatizing = stigmatizing,
            SpecialCategory = specialCategory,
        });
        return this;
    }

    /// <summary>Adds a quasi-identifier by a preset name (birth-date, postcode, gender, ...) or a cardinality.</summary>
    public SystemModelBuilder QuasiIdentifier(string id, string subject, string? preset = null, double? cardinality = null, string? context = null)
    {
        var spec = preset is not null
            ? QuasiIdentifierPresets.Resolve(preset) ?? throw new ArgumentException($"Unknown quasi-identifier preset '{preset}'.", nameof(preset))
            : new QuasiIdentifierSpec(cardinality ?? throw new ArgumentException("Give a preset or a cardinality.", nameof(cardinality)), null, null);
        return Item(id, DataItemKind.QuasiIdentifier, subject, context, spec);
    }

    /// <summary>Adds an organization.</summary>
    public SystemModelBuilder Organization(string id, string? jurisdiction = null, string? kind = null, bool powerOverSubjects = false, string? name = null)
    {
        _organizations.Add(new Organization
        {
            Id = id,
            Name = name ?? id,
            JurisdictionId = jurisdiction ?? Jurisdictions.Unspecified,
            Kind = kind,
            PowerOverSubjects = powerOverSubjects,
        });
        return this;
    }

    /// <summary>Adds a jurisdiction.</summary>
    public SystemModelBuilder Jurisdiction(string id, bool subjectRights = true, bool compelledAccess = false, string? name = null)
    {
        _jurisdictions.Add(new Jurisdiction { Id = id, Name = name ?? id, SubjectRights = subjectRights, CompelledAccess = compelledAccess });
        return this;
    }

    /// <summary>Adds an element of any type.</summary>
    public SystemModelBuilder Element(
        string id,
        ElementType type,
        string? organization = null,
        string? jurisdiction = null,
        string? subject = null,
        DecisionSpec? decision = null,
        RetentionSpec? retention = null,
        bool attributable = false,
        IReadOnlyList<Suppression>? suppressions = null,
        string? name = null)
    {
        _elements.Add(new Element
        {
            Id = id,
            Name = name ?? id,
            Type = type,
            OrganizationId = organization,
            JurisdictionId = jurisdiction,
            SubjectId = subject,
            Decision = decision,
            Retention = retention,
            Attributable = attributable,
            Suppressions = suppressions ?? [],
            Description = null,
        });
        return this;
    }

    /// <summary>Adds a person who is one of a data subject's people.</summary>
    public SystemModelBuilder Person(string id, string? subject = null, string? name = null) =>
        Element(id, ElementType.Person, subject: subject, name: name);

    /// <summary>Adds a process.</summary>
    public SystemModelBuilder Process(string id, string organization, DecisionSpec? decision = null, string? jurisdiction = null, string? name = null) =>
        Element(id, ElementType.Process, organization, jurisdiction, decision: decision, name: name);

    /// <summary>Adds a data store.</summary>
    public SystemModelBuilder Store(string id, string organization, RetentionSpec? retention = null, string? jurisdiction = null, string? name = null) =>
        Element(id, ElementType.Store, organization, jurisdiction, retention: retention, name: name);

    /// <summary>Adds a flow.</summary>
    public SystemModelBuilder Flow(
        string id,
        string from,
        string to,
        IReadOnlyList<string> items,
        string purpose,
        Protections? protections = null,
        ProximityQuery? query = null,
        CollectionSpec? collection = null,
        IReadOnlyList<Suppression>? suppressions = null)
    {
        _flows.Add(new Flow
        {
            Id = id,
            From = from,
            To = to,
            Items = items,
            Purpose = purpose,
            Protections = protections ?? Protections.None,
            Query = query,
            Collection = collection ?? CollectionSpec.Ordinary,
            Suppressions = suppressions ?? [],
            Description = null,
        });
        return this;
    }

    /// <summary>Declares a purpose and the purposes it is compatible with.</summary>
    public SystemModelBuilder Purpose(string id, params string[] compatibleWith)
    {
        _purposes.Add(new Purpose(id, compatibleWith, null, SourceSpan.None));
        return this;
    }

    /// <summary>
    /// Checks the design and returns the model.
    /// </summary>
    /// <exception cref="InvalidDesignException">The design has errors; the exception lists every one.</exception>
    public SystemModel Build()
    {
        var model = SystemModelFactory.Create(_name, _description, string.Empty, _settings, _subjects, _items, _organizations, _jurisdictions, _elements, _flows, _purposes);
        var diagnostics = ModelValidator.Validate(model);
        if (diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidDesignException(diagnostics);
        return model;
    }
}
