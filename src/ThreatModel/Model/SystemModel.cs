namespace ThreatModel.Model;

/// <summary>
/// A whole system design: who the data is about, what is known, who holds it, and how it flows.
/// Immutable; made by <see cref="SystemModelBuilder"/> or read from a design file.
/// Collections keep the order of the design file.
/// </summary>
public sealed class SystemModel
{
    private readonly Dictionary<string, DataSubject> _subjects;
    private readonly Dictionary<string, DataItem> _items;
    private readonly Dictionary<string, Element> _elements;
    private readonly Dictionary<string, Organization> _organizations;
    private readonly Dictionary<string, Jurisdiction> _jurisdictions;
    private readonly Dictionary<string, Flow> _flows;
    private readonly Dictionary<string, Purpose> _purposes;

    internal SystemModel(
        string name,
        string? description,
        string sourceFile,
        AnalysisSettings settings,
        IReadOnlyList<DataSubject> subjects,
        IReadOnlyList<DataItem> items,
        IReadOnlyList<Organization> organizations,
        IReadOnlyList<Jurisdiction> jurisdictions,
        IReadOnlyList<Element> elements,
        IReadOnlyList<Flow> flows,
        IReadOnlyList<Purpose> purposes)
    {
        Name = name;
        Description = description;
        SourceFile = sourceFile;
        Settings = settings;
        Subjects = subjects;
        Items = items;
        Organizations = organizations;
        Jurisdictions = jurisdictions;
        Elements = elements;
        Flows = flows;
        Purposes = purposes;
        _subjects = ToLookup(subjects, s => s.Id);
        _items = ToLookup(items, i => i.Id);
        _elements = ToLookup(elements, e => e.Id);
        _organizations = ToLookup(organizations, o => o.Id);
        _jurisdictions = ToLookup(jurisdictions, j => j.Id);
        _flows = ToLookup(flows, f => f.Id);
        _purposes = ToLookup(purposes, p => p.Id);
    }

    /// <summary>The design's name.</summary>
    public string Name { get; }

    /// <summary>Free text about the design.</summary>
    public string? Description { get; }

    /// <summary>The file the design was read from, as given; empty when built in code.</summary>
    public string SourceFile { get; }

    /// <summary>Thresholds for this review.</summary>
    public AnalysisSettings Settings { get; }

    /// <summary>The same design reviewed under other thresholds (this model when they are equal).</summary>
    internal SystemModel WithSettings(AnalysisSettings settings) =>
        settings == Settings ? this : new(Name, Description, SourceFile, settings, Subjects, Items, Organizations, Jurisdictions, Elements, Flows, Purposes);

    /// <summary>Data subjects, in design order.</summary>
    public IReadOnlyList<DataSubject> Subjects { get; }

    /// <summary>Data items, in design order.</summary>
    public IReadOnlyList<DataItem> Items { get; }

    /// <summary>Organizations, declared and implied, in design order.</summary>
    public IReadOnlyList<Organization> Organizations { get; }

    /// <summary>Jurisdictions, declared and implied, in design order.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    /// <summary>Elements, in design order.</summary>
    public IReadOnlyList<Element> Elements { get; }

    /// <summary>Flows, in design order.</summary>
    public IReadOnlyList<Flow> Flows { get; }

    /// <summary>Purposes the design declares beyond the default table.</summary>
    public IReadOnlyList<Purpose> Purposes { get; }

    /// <summary>The subject with this id.</summary>
    public DataSubject Subject(string id) => _subjects[id];

    /// <summary>The item with this id.</summary>
    public DataItem Item(string id) => _items[id];

    /// <summary>The element with this id.</summary>
    public Element Element(string id) => _elements[id];

    /// <summary>The organization with this id.</summary>
    public Organization Organization(string id) => _organizations[id];

    /// <summary>The jurisdiction with this id.</summary>
    public Jurisdiction Jurisdiction(string id) => _jurisdictions[id];

    /// <summary>The flow with this id.</summary>
    public Flow Flow(string id) => _flows[id];

    /// <summary>Looks up a subject.</summary>
    public bool TryGetSubject(string id, out DataSubject subject) => _subjects.TryGetValue(id, out subject!);

    /// <summary>Looks up an item.</summary>
    public bool TryGetItem(string id, out DataItem item) => _items.TryGetValue(id, out item!);

    /// <summary>Looks up an element.</summary>
    public bool TryGetElement(string id, out Element element) => _elements.TryGetValue(id, out element!);

    /// <summary>Looks up an organization (the first declared with this id).</summary>
    internal bool TryGetOrganization(string id, out Organization organization) => _organizations.TryGetValue(id, out organization!);

    /// <summary>Looks up a jurisdiction (the first declared with this id).</summary>
    internal bool TryGetJurisdiction(string id, out Jurisdiction jurisdiction) => _jurisdictions.TryGetValue(id, out jurisdiction!);

    /// <summary>Looks up a flow.</summary>
    public bool TryGetFlow(string id, out Flow flow) => _flows.TryGetValue(id, out flow!);

    /// <summary>Looks up a declared purpose.</summary>
    public bool TryGetPurpose(string id, out Purpose purpose) => _purposes.TryGetValue(id, out purpose!);

    /// <summary>
    /// The objects by id, the first declaration of an id winning. A plain dictionary: freezing it would make each
    /// lookup a little faster but costs far more to build than a whole analysis spends looking up (and its large
    /// arrays set off a full garbage collection at the end of every read of a large design).
    /// </summary>
    private static Dictionary<string, T> ToLookup<T>(IReadOnlyList<T> values, Func<T, string> key)
    {
        var dictionary = new Dictionary<string, T>(values.Count, StringComparer.Ordinal);
        foreach (var value in values)
            dictionary.TryAdd(key(value), value);
        return dictionary;
    }
}
