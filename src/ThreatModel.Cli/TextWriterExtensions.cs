using ThreatModel.Reporting;

namespace ThreatModel.Cli;

/// <summary>Lines that end in \n on every platform, so output is byte-identical everywhere.</summary>
internal static class TextWriterExtensions
{
    /// <summary>
    /// Writes one line of a message (a diagnostic, an error, a note) through <see cref="SafeText.WriteLineStart"/>: the
    /// design text and paths in it cannot break the line, send terminal sequences or start a runner command.
    /// </summary>
    public static void Line(this TextWriter output, string text = "")
    {
        SafeText.WriteLineStart(output, text);
        output.Write('\n');
    }
}
