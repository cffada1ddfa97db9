namespace ThreatModel.Model;

/// <summary>
/// What is done to data on a flow to protect the people it is about. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record Protections
{
    /// <summary>TLS or similar: outsiders on the wire cannot read it.</summary>
    public bool EncryptedInTransit { get; init; }

    /// <summary>Only the people at the ends can read content; the receiving service relays ciphertext.</summary>
    public bool EndToEndEncrypted { get; init; }

    /// <summary>Identifiers replaced by pseudonyms before sending, and who holds the key.</summary>
    public PseudonymizationSpec? Pseudonymization { get; init; }

    /// <summary>Items sent coarser than collected: item id to the coarser value.</summary>
    public IReadOnlyDictionary<string, Generalization> Generalizations { get; init; } = EmptyGeneralizations;

    /// <summary>Items removed before release (listed items are still declared but not carried).</summary>
    public IReadOnlyList<string> SuppressedItems { get; init; } = [];

    /// <summary>Only aggregates over at least this many people are released (k).</summary>
    public int? AggregationThreshold { get; init; }

    /// <summary>The privacy-loss budget when released under differential privacy.</summary>
    public double? DifferentialPrivacyEpsilon { get; init; }

    /// <summary>Queries one caller may make a day.</summary>
    public int? RateLimitPerDay { get; init; }

    /// <summary>Locations are snapped to a fixed grid of this cell size before any distance is computed.</summary>
    public double? SnapToGridMetres { get; init; }

    /// <summary>Declared legal basis: consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest.</summary>
    public string? LegalBasis { get; init; }

    /// <summary>True when the people concerned gave informed consent for this flow's purpose.</summary>
    public bool Consent { get; init; }

    /// <summary>How long the receiver keeps the data; null when undeclared.</summary>
    public int? RetentionDays { get; init; }

    /// <summary>True when the receiver cannot prove who sent it (deniable authentication, no signatures kept).</summary>
    public bool DeniableRecords { get; init; }

    private static readonly IReadOnlyDictionary<string, Generalization> EmptyGeneralizations =
        new Dictionary<string, Generalization>(StringComparer.Ordinal);

    /// <summary>No protection at all.</summary>
    public static Protections None { get; } = new();

    /// <summary>True when records released on the flow are no longer about single people.</summary>
    public bool Aggregated => AggregationThreshold is > 1 || DifferentialPrivacyEpsilon is not null;

    /// <summary>
    /// The data subjects whose consent <see cref="Consent"/> records (<c>consentOf</c>); empty (the default) when it
    /// records the consent of everyone the flow carries data about. Quiz takers who allow an app to read their friends'
    /// profiles consent for themselves, not for their friends.
    /// </summary>
    public IReadOnlyList<string> ConsentOf { get; init; } = [];

    /// <summary>
    /// True when sensitive sites (bases, shelters, clinics, homes) and people's own private zones are cut out of what the
    /// flow releases before it is aggregated (<c>exclusionZones</c>), so that an aggregate cannot show them.
    /// </summary>
    public bool ExclusionZones { get; init; }
}

/// <summary>Identifiers replaced by pseudonyms on a flow.</summary>
/// <param name="KeyHolder">The organization that holds the key or mapping table and can re-link.</param>
/// <param name="PerContext">True when each receiving context gets its own unlinkable pseudonym.</param>
public sealed record PseudonymizationSpec(string? KeyHolder, bool PerContext);

/// <summary>A coarser form of an item sent on a flow.</summary>
/// <param name="QuasiIdentifier">The coarser quasi-identifier (for example birth-year for birth-date).</param>
/// <param name="PrecisionMetres">The coarser location precision.</param>
/// <param name="TemporalResolutionMinutes">The coarser time resolution of a trace.</param>
public sealed record Generalization(QuasiIdentifierSpec? QuasiIdentifier, double? PrecisionMetres, double? TemporalResolutionMinutes);
