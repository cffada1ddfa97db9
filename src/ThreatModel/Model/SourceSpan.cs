namespace ThreatModel.Model;

/// <summary>
/// Where something stands in a design file: 1-based line and column of its first character and of the
/// character after its end. <see cref="None"/> marks objects built in code rather than read from a file.
/// </summary>
public readonly record struct SourceSpan(string File, int Line, int Column, int EndLine, int EndColumn)
{
    /// <summary>A span for objects that were not read from a file.</summary>
    public static SourceSpan None { get; } = new(string.Empty, 0, 0, 0, 0);

    /// <summary>True when the span points into a file.</summary>
    public bool IsKnown => Line > 0;

    /// <summary>A point span at one position.</summary>
    public static SourceSpan At(string file, int line, int column) => new(file, line, column, line, column);

    /// <summary><c>file:line:column</c>, the form editors and CI annotate.</summary>
    public override string ToString() => IsKnown ? $"{File}:{Line}:{Column}" : "(built in code)";
}
