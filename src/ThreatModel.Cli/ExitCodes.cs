using ThreatModel.Findings;

namespace ThreatModel.Cli;

/// <summary>The exit codes of the threatmodel command (docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success: no finding at or above the threshold (or the command has no findings to judge).</summary>
    public const int Success = 0;

    /// <summary>At least one finding that stands at or above --fail-on.</summary>
    public const int Findings = 1;

    /// <summary>Unusable input or arguments: a design with errors, a missing file, an unknown option or rule.</summary>
    public const int InvalidInput = 2;

    /// <summary>A bug in threatmodel itself: an unexpected exception. Reported in one line, never with a stack trace.</summary>
    public const int InternalError = 3;
}
