using ThreatModel.Estimation;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// What a proximity query on a flow discloses (<c>flow.query</c> with its protections): who chooses the position the
/// answer is computed from, what comes back, the radius, the fixed grid positions are snapped to before any distance is
/// computed, and the rate limit. docs/estimation.md, section 3.
/// </summary>
/// <param name="Answer">What comes back: a location, a distance or membership within a radius.</param>
/// <param name="QuerierChoosesPosition">True when the caller can send any position (the precondition of trilateration); false when the system uses the caller's verified position.</param>
/// <param name="RadiusMetres">The radius of a within-radius answer, or null.</param>
/// <param name="GridMetres">The cell size of the fixed grid positions are snapped to before any distance is computed (<c>snapToGrid</c>), or null.</param>
/// <param name="RateLimitPerDay">Queries one caller may make a day (<c>rateLimit</c>): lowers likelihood only, or null.</param>
public sealed record ProximityQueryFacts(ProximityAnswer Answer, bool QuerierChoosesPosition, double? RadiusMetres, double? GridMetres, int? RateLimitPerDay)
{
    /// <summary>
    /// The rounding of a shown distance in metres (<c>query.roundedToMetres</c>: "1 km away"), or null. From the caller's
    /// verified position a distance rounded to R places the person within R of the caller at best (the "under R" answer);
    /// from positions the caller chooses, rounding does not survive trilateration.
    /// </summary>
    public double? RoundedToMetres { get; init; }

    /// <summary>True for distance and within-radius answers: computed from positions the caller never sees.</summary>
    public bool AnswersFromHiddenPositions => Answer is ProximityAnswer.Distance or ProximityAnswer.WithinRadius;

    /// <summary>
    /// The query facts of <paramref name="flow"/>, or null when it carries no position query (no <c>query</c>, or one
    /// that returns counts: aggregates disclose no position).
    /// </summary>
    public static ProximityQueryFacts? Of(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        if (flow.Query is not { } query)
            return null;
        ProximityAnswer? answer = query.Returns.ToLowerInvariant() switch
        {
            "location" => ProximityAnswer.Location,
            "distance" => ProximityAnswer.Distance,
            "within-radius" => ProximityAnswer.WithinRadius,
            _ => null,
        };
        if (answer is not { } a)
            return null;
        var p = flow.Protections;
        return new ProximityQueryFacts(a, query.QuerierChoosesPosition, query.RadiusMetres, p.SnapToGridMetres, p.RateLimitPerDay)
        {
            RoundedToMetres = a == ProximityAnswer.Distance ? query.RoundedToMetres : null,
        };
    }
}
