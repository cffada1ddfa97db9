namespace ThreatModel.Knowledge;

/// <summary>Whether data collected for one purpose may be used for another.</summary>
internal enum PurposeVerdict
{
    /// <summary>The same purpose, a compatible one in the default table, or a pair the design declares compatible.</summary>
    Compatible,

    /// <summary>Both purposes are known and neither the table nor the design makes them compatible.</summary>
    Incompatible,

    /// <summary>At least one purpose is in neither the table nor the design, and the two differ: nothing can be said.</summary>
    Unknown,
}
