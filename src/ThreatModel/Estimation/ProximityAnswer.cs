namespace ThreatModel.Estimation;

/// <summary>What another person learns about a subject's position.</summary>
public enum ProximityAnswer
{
    /// <summary>The position itself (a pin on a map, an address), at its displayed precision.</summary>
    Location,

    /// <summary>The distance from the querier's position, possibly rounded.</summary>
    Distance,

    /// <summary>Whether the subject is within a radius of the querier's position ("people within 500 m").</summary>
    WithinRadius,
}
