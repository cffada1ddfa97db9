namespace ThreatModel.Model;

/// <summary>What is done to data on a flow to protect the people it is about.</summary>
/// <param name="EncryptedInTransit">TLS or similar: outsiders on the wire cannot read it.</param>
/// <param name="EndToEndEncrypted">Only the people at the ends can read content; the receiving service relays ciphertext.</param>
/// <param name="Pseudonymization">Identifiers replaced by pseudonyms before sending, and who holds the key.</param>
/// <param name="Generalizations">Items sent coarser than collected: item id to the coarser value.</param>
/// <param name="SuppressedItems">Items removed before release (listed items are still declared but not carried).</param>
/// <param name="AggregationThreshold">Only aggregates over at least this many people are released (k).</param>
/// <param name="DifferentialPrivacyEpsilon">The privacy-loss budget when released under differential privacy.</param>
/// <param name="RateLimitPerDay">Queries one caller may make a day.</param>
/// <param name="SnapToGridMetres">Locations are snapped to a fixed grid of this cell size before any distance is computed.</param>
/// <param name="LegalBasis">Declared legal basis: consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest.</param>
/// <param name="Consent">True when the people concerned gave informed consent for this flow's purpose.</param>
/// <param name="RetentionDays">How long the receiver keeps the data; null when undeclared.</param>
/// <param name="DeniableRecords">True when the receiver cannot prove who sent it (deniable authentication, no signatures kept).</param>
public sealed record Protections(
    bool EncryptedInTransit,
    bool EndToEndEncrypted,
    PseudonymizationSpec? Pseudonymization,
    IReadOnlyDictionary<string, Generalization> Generalizations,
    IReadOnlyList<string> SuppressedItems,
    int? AggregationThreshold,
    double? DifferentialPrivacyEpsilon,
    int? RateLimitPerDay,
    double? SnapToGridMetres,
    string? LegalBasis,
    bool Consent,
    int? RetentionDays,
    bool DeniableRecords)
{
    /// <summary>No protection at all.</summary>
    public static Protections None { get; } = new(
        false, false, null, new Dictionary<string, Generalization>(), [], null, null, null, null, null, false, null, false);

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
