namespace ThreatModel.Model;

/// <summary>Data moving from one element to another for a purpose.</summary>
/// <param name="Id">Stable identifier.</param>
/// <param name="From">Sending element.</param>
/// <param name="To">Receiving element.</param>
/// <param name="Items">Data items carried.</param>
/// <param name="Purpose">Why the data moves (payment, messaging, credit-scoring, social-scoring, law-enforcement, ...).</param>
/// <param name="Protections">What is done to the data on the way.</param>
/// <param name="Query">For "people near me" and look-up flows: who chooses the query and what comes back.</param>
/// <param name="Collection">How the data is gathered from people: continuously, covertly.</param>
/// <param name="Suppressions">Rules this flow accepts, each with a justification.</param>
/// <param name="Description">Free text.</param>
/// <param name="Span">Where the flow is declared.</param>
public sealed record Flow(
    string Id,
    string From,
    string To,
    IReadOnlyList<string> Items,
    string Purpose,
    Protections Protections,
    ProximityQuery? Query,
    CollectionSpec Collection,
    IReadOnlyList<Suppression> Suppressions,
    string? Description,
    SourceSpan Span);

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
