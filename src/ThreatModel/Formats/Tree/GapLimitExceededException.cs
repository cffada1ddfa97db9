namespace ThreatModel.Formats.Tree;

/// <summary>Thrown by <see cref="BoundedTextReader"/> to stop the scanner; caught by the YAML reader and reported as a limit.</summary>
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
