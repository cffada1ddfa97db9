namespace ThreatModel.Formats.Tree;

/// <summary>
/// A string reader that refuses to hand out more than a set number of characters past a mark the caller moves
/// forward after each parse event. The YAML scanner builds a whole value before it reports it, so without this
/// a single 60 MB value would be scanned to its end before the value-length limit could say no.
/// </summary>
internal sealed class BoundedStringReader(string text, long gapLimit) : TextReader
{
    private int _position;

    /// <summary>The index from which the gap is measured: the end of the last parse event.</summary>
    public long Mark { get; set; }

    /// <summary>Characters handed out so far.</summary>
    public int Position => _position;

    public override int Peek() => _position < text.Length ? text[_position] : -1;

    public override int Read()
    {
        if (_position >= text.Length)
            return -1;
        if (_position - Mark > gapLimit)
            throw new GapLimitExceededException();
        return text[_position++];
    }

    public override int Read(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, text.Length - _position);
        if (count <= 0)
            return 0;
        if (_position - Mark > gapLimit)
            throw new GapLimitExceededException();
        text.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
}

/// <summary>Thrown by <see cref="BoundedStringReader"/> to stop the scanner; caught by the YAML reader and reported as a limit.</summary>
#pragma warning disable CA1064 // Internal control-flow exception, never escapes the reader.
internal sealed class GapLimitExceededException : Exception
#pragma warning restore CA1064
{
    public GapLimitExceededException()
        : base("A single YAML token is longer than the value-length limit allows.")
    {
    }

    public GapLimitExceededException(string message)
        : base(message)
    {
    }

    public GapLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
