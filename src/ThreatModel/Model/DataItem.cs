namespace ThreatModel.Model;

/// <summary>
/// Something known about the people of one data subject. Construct with an object initializer; properties other
/// than <see cref="Id"/>, <see cref="Name"/>, <see cref="Kind"/> and <see cref="SubjectId"/> have defaults, so new
/// facts can be added without breaking callers.
/// </summary>
public sealed record DataItem
{
    /// <summary>Stable identifier used by references in the design.</summary>
    public required string Id { get; init; }

    /// <summary>Readable name.</summary>
    public required string Name { get; init; }

    /// <summary>What kind of knowledge it is.</summary>
    public required DataItemKind Kind { get; init; }

    /// <summary>The data subject it describes.</summary>
    public required string SubjectId { get; init; }

    /// <summary>The life context it comes from (payments, social, government, health...); defaults from the kind.</summary>
    public string Context
    {
        get => _context ?? DataContexts.DefaultFor(Kind);
        init => _context = value;
    }

    private readonly string? _context;

    /// <summary>Cardinality of a quasi-identifier, when the item is one or embeds one.</summary>
    public QuasiIdentifierSpec? QuasiIdentifier { get; init; }

    /// <summary>Precision and sampling of a location or trace.</summary>
    public LocationSpec? Location { get; init; }

    /// <summary>Set when the item is a trace of many observations per person (locations, transactions, visits).</summary>
    public TraceSpec? Trace { get; init; }

    /// <summary>Items this one is computed from; empty for collected items.</summary>
    public IReadOnlyList<string> DerivedFrom { get; init; } = [];

    /// <summary>For identifiers: whether the same value is reused across contexts.</summary>
    public Linkability Linkability { get; init; }

    /// <summary>True when being known to have this value shames or endangers the person (debts, offences, low scores).</summary>
    public bool Stigmatizing { get; init; }

    /// <summary>For special-category data or inferences: which category (health, religion, politics...).</summary>
    public string? SpecialCategory { get; init; }

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Where the item is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>True for kinds that point at one person by themselves.</summary>
    public bool IsIdentifier => Kind is DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier;
}

/// <summary>How an identifier's values relate across contexts.</summary>
public enum Linkability
{
    /// <summary>The value is the same wherever the person appears (national ID, phone, a global user id). Default.</summary>
    Shared,

    /// <summary>A value made for one context only (per-context pseudonym, random per-relying-party id); it links nothing across contexts.</summary>
    PerContext,

    /// <summary>A hash or keyless transform of a low-entropy identifier (phone, e-mail, ID number): anyone can recompute it, so it links like the original.</summary>
    HashedIdentifier,
}

/// <summary>How many distinct values a quasi-identifier takes, from a number or a preset.</summary>
/// <param name="Cardinality">Distinct values in the subject population; null when the preset gives people per value instead.</param>
/// <param name="PeoplePerValue">For geographic presets: how many people share one value on average (a postcode area's population).</param>
/// <param name="Preset">The preset name when the design used one.</param>
public sealed record QuasiIdentifierSpec(double? Cardinality, double? PeoplePerValue, string? Preset)
{
    /// <summary>For geographic presets known to a distance (a street without its number): how far from the value's centre a person may live, in metres; null when not stated.</summary>
    public double? SpatialPrecisionMetres { get; init; }

    /// <summary>The number of distinct values in a population of <paramref name="population"/> people (at least 1).</summary>
    public double CardinalityIn(long population)
    {
        if (Cardinality is { } c)
            return Math.Max(1, c);
        if (PeoplePerValue is { } p && p > 0)
            return Math.Max(1, population / p);
        return 1;
    }
}

/// <summary>The precision of a location item.</summary>
/// <param name="PrecisionMetres">How precisely a position is known, as a radius in metres.</param>
public sealed record LocationSpec(double PrecisionMetres);

/// <summary>A trace: many observations about one person.</summary>
/// <param name="PointsPerPerson">Observations held per person over the retention window.</param>
/// <param name="SpatialResolutionMetres">Spatial resolution of a point (cell radius), when the points are places.</param>
/// <param name="TemporalResolutionMinutes">Temporal resolution of a point.</param>
public sealed record TraceSpec(int PointsPerPerson, double? SpatialResolutionMetres, double TemporalResolutionMinutes)
{
    /// <summary>
    /// How many points of a person's trace an adversary is taken to know (a receipt, a photo, home and work); null for the
    /// default of 4, as in de Montjoye et al. 2013 and 2015. Never more than <see cref="PointsPerPerson"/> count.
    /// </summary>
    public int? KnownPoints { get; init; }

    /// <summary>What one point's place is: an antenna cell, a disk of <see cref="SpatialResolutionMetres"/>, a grid cell of that side, or a shop; null to infer it from the item's kind.</summary>
    public TracePlace? Place { get; init; }

    /// <summary>True when each point carries its amount (a card payment's price): de Montjoye et al. 2015 found it adds about 22%.</summary>
    public bool PriceKnown { get; init; }
}

/// <summary>What the place of one point of a trace is.</summary>
public enum TracePlace
{
    /// <summary>A mobile-network antenna's area (about 1.5 km² in the 2013 study); <c>spatialResolution</c>, if given, is its radius.</summary>
    Antenna,

    /// <summary>A disk of radius <c>spatialResolution</c> (a GPS fix rounded to that precision).</summary>
    Radius,

    /// <summary>A square grid cell of side <c>spatialResolution</c>.</summary>
    Grid,

    /// <summary>A shop, venue or merchant (the 2015 study's card payments); <c>spatialResolution</c>, if given, is the radius shops are merged over.</summary>
    Shop,
}
