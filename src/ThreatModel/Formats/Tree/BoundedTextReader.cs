namespace ThreatModel.Formats.Tree;

/// <summary>
/// A text reader that refuses to hand out more than a set number of characters past a mark the caller moves
/// forward after each parse event. The YAML scanner builds a whole value before it reports it, so without this
/// a single 60 MB value would be scanned to its end before the value-length limit could say no.
/// </summary>
internal abstract class BoundedTextReader(long gapLimit) : TextReader
{
    /// <summary>The character index from which the gap is measured: the end of the last parse event.</summary>
    public long Mark { get; set; }

    /// <summary>Characters handed out so far.</summary>
    public long Position { get; private set; }

    /// <summary>The 1-based line and column (in UTF-16 characters, lines ended by '\n') of a character index, at most the end of the text.</summary>
    public abstract (int Line, int Column) PositionOf(long index);

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty)
            return 0;
        var count = Fill(buffer);
        if (count == 0)
            return 0;
        if (Position - Mark > gapLimit)
            throw new GapLimitExceededException();
        Position += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <summary>Copies the next characters into <paramref name="buffer"/>, as many as fit unless the text ends; 0 at the end.</summary>
    protected abstract int Fill(Span<char> buffer);
}
