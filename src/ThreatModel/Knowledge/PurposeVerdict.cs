namespace ThreatModel.Knowledge;

/// <summary>Whether data collected for one purpose may be used for another.</summary>
internal enum PurposeVerdict
{
    /// <summary>The same purpose, a compatible one in the default table, or a pair the design declares compatible.</summary>
    Compatible,

    /// <summary>
    /// Neither the table nor the design makes them compatible; also every pair of two different purposes where one is
    /// in neither the table nor the design (a misspelt purpose must not switch checking off).
    /// </summary>
    Incompatible,

    /// <summary>A flow states no purpose (possible only through the builder API; the file format requires one): nothing to compare.</summary>
    Unstated,
}
