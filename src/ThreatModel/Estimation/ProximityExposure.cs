namespace ThreatModel.Estimation;

/// <summary>How a subject's position is exposed to other people, as the inputs of <see cref="ProximityEstimator"/>.</summary>
/// <param name="DensityPerSquareKilometre">Relevant people per km² around the subject (see <see cref="Model.DensityPresets"/>).</param>
/// <param name="LocationPrecisionMetres">Precision (radius) of the position the service holds and computes with.</param>
/// <param name="Answer">What comes back.</param>
/// <param name="DisplayedPrecisionMetres">Rounding or generalisation of what is shown (a coarser location, a rounded distance); null when shown as held.</param>
/// <param name="RadiusMetres">For within-radius answers: the radius.</param>
/// <param name="QuerierChoosesPosition">True when the caller can send any position, the precondition of trilateration.</param>
/// <param name="SnapToGridMetres">Cell size of a fixed grid that positions are snapped to before any distance is computed; null when not.</param>
/// <param name="RateLimitPerDay">Queries one caller may make a day; lowers likelihood only.</param>
public sealed record ProximityExposure(
    double DensityPerSquareKilometre,
    double LocationPrecisionMetres,
    ProximityAnswer Answer,
    double? DisplayedPrecisionMetres = null,
    double? RadiusMetres = null,
    bool QuerierChoosesPosition = false,
    double? SnapToGridMetres = null,
    int? RateLimitPerDay = null);
