namespace ThreatModel.Formats;

/// <summary>
/// The one size-limited way input files are read (designs that cannot seek, baselines): at most the limit plus one
/// byte is ever read, whatever the file claims to be. A device or pipe of unbounded size (<c>/dev/zero</c>, a
/// symbolic link to it, a FIFO that never ends) stops at the limit instead of filling memory.
/// </summary>
internal static class BoundedFile
{
    /// <summary>Reads a whole file, or returns null once it holds more than <paramref name="max"/> bytes.</summary>
    /// <param name="path">The file; symbolic links are followed (the limit holds whatever they point at).</param>
    /// <param name="max">The most bytes accepted.</param>
    /// <param name="length">The bytes read (on null: more than <paramref name="max"/>, or the size the file reports).</param>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be opened.</exception>
    public static byte[]? ReadFile(string path, long max, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        return Read(stream, max, out length);
    }

    /// <summary>Reads the whole stream, or returns null once it holds more than <paramref name="max"/> bytes.</summary>
    public static byte[]? Read(Stream stream, long max, out long length)
    {
        length = 0;
        if (stream.CanSeek)
        {
            var remaining = stream.Length - stream.Position;
            if (remaining > max)
            {
                length = remaining;
                return null;
            }
        }

        // A device reports length 0 and can still "seek": the loop below, not the reported length, enforces the limit.
        var capacity = stream.CanSeek ? (int)Math.Min(Math.Max(stream.Length - stream.Position, 0) + 1, Array.MaxLength) : 64 * 1024;
        var buffer = new byte[Math.Min(Math.Max(capacity, 16), (int)Math.Min(max + 1, Array.MaxLength))];
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > max)
                    return null;
                var grown = new byte[(int)Math.Min(Math.Min((long)buffer.Length * 2, max + 1), Array.MaxLength)];
                if (grown.Length == buffer.Length)
                    return null;
                buffer.AsSpan(0, (int)length).CopyTo(grown);
                buffer = grown;
            }

            var read = stream.Read(buffer, (int)length, buffer.Length - (int)length);
            if (read == 0)
                break;
            length += read;
            if (length > max)
                return null;
        }

        return buffer;
    }
}
