namespace ThreatModel.Cli;

/// <summary>What a path names, without following a symbolic link in its last component.</summary>
internal enum FileKind
{
    /// <summary>Nothing: the path does not exist.</summary>
    Missing,

    /// <summary>A regular file.</summary>
    Regular,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A symbolic link (not followed).</summary>
    SymbolicLink,

    /// <summary>A character device (<c>/dev/null</c>, a terminal), a FIFO or a socket: a stream, never replaced.</summary>
    Stream,

    /// <summary>A block device: a disk, which no report goes to.</summary>
    BlockDevice,
}
