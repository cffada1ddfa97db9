namespace ThreatModel.Cli;

/// <summary>
/// Writes a report (or a baseline) to a file so that a failed or killed run never leaves a broken file behind and a
/// report never lands somewhere it was not meant to:
/// <list type="bullet">
/// <item>a regular file is written atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over the target (the temporary file is removed on failure);</item>
/// <item>a symbolic link is never written through (the system's own stream aliases, <c>/dev/stdout</c>,
/// <c>/dev/stderr</c>, <c>/dev/fd/N</c>, excepted);</item>
/// <item>a file the command reads (the design, a baseline) is never a target, whatever path names it;</item>
/// <item>a stream (<c>/dev/null</c>, a terminal, a FIFO) is written straight to, never replaced;</item>
/// <item>a failure to write is a <see cref="UsageException"/> (exit 2) with the operating system's message.</item>
/// </list>
/// </summary>
internal static class ReportFile
{
    /// <summary>Throws a <see cref="UsageException"/> when a report may not be written to <paramref name="path"/>.</summary>
    /// <param name="path">The target, as given.</param>
    /// <param name="inputs">The files the command reads; none of them may be the target.</param>
    public static void EnsureWritable(string path, IEnumerable<string> inputs) => Plan(path, inputs);

    /// <summary>Writes <paramref name="path"/> with <paramref name="write"/>, atomically where it is a regular file.</summary>
    /// <param name="path">The target, as given.</param>
    /// <param name="inputs">The files the command reads; none of them may be the target.</param>
    /// <param name="write">Writes the report's bytes.</param>
    public static void Write(string path, IEnumerable<string> inputs, Action<Stream> write)
    {
        var straight = Plan(path, inputs);
        try
        {
            if (straight)
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 64 * 1024);
                write(stream);
                stream.Flush();
                return;
            }

            WriteAtomically(Path.GetFullPath(path), write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write '{path}': {e.Message}");
        }
    }

    /// <summary>True to write straight to an existing stream; false to replace a regular file; throws when refused.</summary>
    private static bool Plan(string path, IEnumerable<string> inputs)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UsageException("An output file name is empty.");
        var full = Path.GetFullPath(path);
        var kind = FileKinds.Of(full);
        if (kind == FileKind.Directory)
            throw new UsageException($"'{path}' is a directory; give a file name to --out, or use --output <dir>.");
        if (kind != FileKind.Missing)
        {
            foreach (var input in inputs)
            {
                if (FileKinds.Same(full, input))
                    throw new UsageException($"'{path}' is a file this command reads ('{input}'); a report never overwrites its input. Write it to another file.");
            }
        }

        switch (kind)
        {
            case FileKind.SymbolicLink when IsStreamAlias(full):
                return true;
            case FileKind.SymbolicLink:
                var target = new FileInfo(full).LinkTarget;
                throw new UsageException($"'{path}' is a symbolic link (to '{target}'); threatmodel never writes through a symbolic link. Remove the link, or write to another file.");
            case FileKind.BlockDevice:
                throw new UsageException($"'{path}' is a block device; a report goes to a file, a FIFO or a character device such as /dev/null.");
            case FileKind.Stream:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The system's names for the process's own streams: links the system makes, not the repository.</summary>
    private static bool IsStreamAlias(string full) =>
        full is "/dev/stdout" or "/dev/stderr" or "/dev/stdin"
        || full.StartsWith("/dev/fd/", StringComparison.Ordinal)
        || full.StartsWith("/proc/self/fd/", StringComparison.Ordinal);

    private static void WriteAtomically(string full, Action<Stream> write)
    {
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            // CreateNew: never opens an existing file or follows a link planted under the temporary name.
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 64 * 1024))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            // rename(2): replaces the directory entry (a link swapped in since the check included), never writes through it.
            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one to report.
        }
    }
}
