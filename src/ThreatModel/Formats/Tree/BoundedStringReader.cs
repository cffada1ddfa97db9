namespace ThreatModel.Formats.Tree;

/// <summary>A <see cref="BoundedTextReader"/> over text already in memory.</summary>
internal sealed class BoundedStringReader(string text, long gapLimit) : BoundedTextReader(gapLimit)
{
    private int _next;

    public override int Peek() => _next < text.Length ? text[_next] : -1;

    public override (int Line, int Column) PositionOf(long index)
    {
        var before = text.AsSpan(0, (int)Math.Min(index, text.Length));
        var line = before.Count('\n') + 1;
        return (line, before.Length - (before.LastIndexOf('\n') + 1) + 1);
    }

    protected override int Fill(Span<char> buffer)
    {
        var count = Math.Min(buffer.Length, text.Length - _next);
        if (count <= 0)
            return 0;
        text.AsSpan(_next, count).CopyTo(buffer);
        _next += count;
        return count;
    }
}
