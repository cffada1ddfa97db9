namespace ThreatModel.Model;

/// <summary>
/// Data moving from one element to another for a purpose. Construct with an object initializer: the required properties first; the others have defaults, so
/// new facts can be added without breaking callers.
/// </summary>
public sealed record Flow
{
    /// <summary>Stable identifier.</summary>
    public required string Id { get; init; }

    /// <summary>Sending element.</summary>
    public required string From { get; init; }

    /// <summary>Receiving element.</summary>
    public required string To { get; init; }

    /// <summary>Data items carried.</summary>
    public IReadOnlyList<string> Items { get; init; } = [];

    /// <summary>Why the data moves (payment, messaging, credit-scoring, social-scoring, law-enforcement, ...).</summary>
    public string Purpose { get; init; } = string.Empty;

    /// <summary>What is done to the data on the way.</summary>
    public Protections Protections { get; init; } = Protections.None;

    /// <summary>For "people near me" and look-up flows: who chooses the query and what comes back.</summary>
    public ProximityQuery? Query { get; init; }

    /// <summary>How the data is gathered from people: continuously, covertly.</summary>
    public CollectionSpec Collection { get; init; } = CollectionSpec.Ordinary;

    /// <summary>Rules this flow accepts, each with a justification.</summary>
    public IReadOnlyList<Suppression> Suppressions { get; init; } = [];

    /// <summary>Free text.</summary>
    public string? Description { get; init; }

    /// <summary>Where the flow is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>How data is gathered on a flow.</summary>
/// <param name="Continuous">Collected all the time rather than at moments the person chooses (GPS tracking, cameras, activity logging).</param>
/// <param name="Covert">People are not aware when it happens.</param>
public sealed record CollectionSpec(bool Continuous, bool Covert)
{
    /// <summary>Ordinary, occasional and overt collection.</summary>
    public static CollectionSpec Ordinary { get; } = new(false, false);
}

/// <summary>A proximity or look-up query that returns information about other people.</summary>
/// <param name="ChosenBy">Who chooses the query position: <c>querier</c> (any position the caller sends) or <c>system</c> (the caller's verified position).</param>
/// <param name="Returns">What comes back: <c>location</c>, <c>distance</c>, <c>within-radius</c> (membership in "within R metres"), or <c>count</c>.</param>
/// <param name="RadiusMetres">The query radius in metres for within-radius queries.</param>
/// <param name="Span">Where the query is declared.</param>
public sealed record ProximityQuery(string ChosenBy, string Returns, double? RadiusMetres, SourceSpan Span)
{
    /// <summary>The rounding of a distance before it is shown ("1 km away" for 1000), in metres; null when shown as computed.</summary>
    public double? RoundedToMetres { get; init; }

    /// <summary>True when the caller can send any position, the precondition of trilateration.</summary>
    public bool QuerierChoosesPosition => string.Equals(ChosenBy, "querier", StringComparison.OrdinalIgnoreCase);
}
