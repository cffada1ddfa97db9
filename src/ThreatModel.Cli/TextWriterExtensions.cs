namespace ThreatModel.Cli;

/// <summary>Lines that end in \n on every platform, so output is byte-identical everywhere.</summary>
internal static class TextWriterExtensions
{
    public static void Line(this TextWriter output, string text = "")
    {
        output.Write(text);
        output.Write('\n');
    }
}
