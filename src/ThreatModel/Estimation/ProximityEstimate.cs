namespace ThreatModel.Estimation;

/// <summary>Where another person can place a subject, and among how many people.</summary>
/// <param name="EffectivePrecisionMetres">Radius of the disk with the same area as the region the subject is placed in.</param>
/// <param name="AreaSquareKilometres">Area of that region.</param>
/// <param name="ExpectedAnonymitySet">Expected number of relevant people in the region (density x area, at least 1, the subject included).</param>
/// <param name="Trilateration">True when repeated queries from chosen positions collapse the region to the stored precision, whatever the displayed rounding or radius.</param>
/// <param name="GridSnapped">True when a fixed grid applied before any distance bounds the region from below.</param>
/// <param name="Basis">One sentence: how the region follows from the exposure.</param>
public readonly record struct ProximityEstimate(
    double EffectivePrecisionMetres,
    double AreaSquareKilometres,
    double ExpectedAnonymitySet,
    bool Trilateration,
    bool GridSnapped,
    string Basis);
