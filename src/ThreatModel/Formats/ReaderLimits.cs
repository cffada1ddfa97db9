namespace ThreatModel.Formats;

/// <summary>
/// Bounds on what the design reader accepts, so a hostile or broken file fails fast with a diagnostic (TM1011)
/// instead of exhausting memory, time or the stack. Every limit can be raised; the command line exposes each one
/// as an option named in the diagnostic.
/// </summary>
/// <example>
/// <code>
/// var limits = ReaderLimits.Default with { MaxFileSize = 256L * 1024 * 1024 };
/// var result = DesignReader.ReadFile("big-design.yaml", limits);
/// </code>
/// </example>
public sealed record ReaderLimits
{
    /// <summary>The defaults: 64 MiB files, 5,000,000 nodes, depth 64, 1,000,000 of each collection, 1 MiB scalars.</summary>
    public static ReaderLimits Default { get; } = new();

    /// <summary>Largest file accepted, in bytes (default 64 MiB). Command line: <c>--max-file-size</c>.</summary>
    public long MaxFileSize { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Most nodes (mappings, lists and scalars) the file may stand for once YAML aliases are expanded
    /// (default 5,000,000). Stops alias bombs such as "billion laughs". Command line: <c>--max-nodes</c>.
    /// </summary>
    public long MaxNodes { get; init; } = 5_000_000;

    /// <summary>Deepest nesting of mappings and lists (default 64; a design needs about 6). Command line: <c>--max-depth</c>.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most entries in each of <c>subjects</c>, <c>items</c>, <c>elements</c> and <c>flows</c> (and the other top-level lists) (default 1,000,000). Command line: <c>--max-collection-size</c>.</summary>
    public int MaxCollectionSize { get; init; } = 1_000_000;

    /// <summary>Longest single value or field name, in characters (default 1 MiB). Command line: <c>--max-scalar-length</c>.</summary>
    public int MaxScalarLength { get; init; } = 1024 * 1024;

    /// <summary>Throws when a limit is not positive: a programmer error, not bad input.</summary>
    internal void EnsureValid()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxFileSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxNodes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxDepth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxCollectionSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxScalarLength);
    }
}
