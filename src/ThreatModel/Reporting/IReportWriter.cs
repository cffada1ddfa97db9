using System.Text;
using ThreatModel.Analysis;

namespace ThreatModel.Reporting;

/// <summary>Writes an <see cref="AnalysisResult"/> in one output format. Writers never re-run rules.</summary>
public interface IReportWriter
{
    /// <summary>The format name used on the command line: text, json, markdown, sarif, mermaid, dot, svg, html.</summary>
    string Format { get; }

    /// <summary>The file extension written for this format, with the dot (".sarif", ".md").</summary>
    string FileExtension { get; }

    /// <summary>Writes the report. Output is deterministic: the same result and options give the same characters.</summary>
    void Write(AnalysisResult result, TextWriter output, ReportOptions options);

    /// <summary>
    /// Writes the report as UTF-8 without a byte-order mark: the characters of
    /// <see cref="Write(AnalysisResult, TextWriter, ReportOptions)"/>, streamed to <paramref name="output"/> as they are
    /// produced rather than gathered first. The stream is left open. The built-in JSON and SARIF writers write their
    /// UTF-8 straight to the stream; the default encodes the text writer's output through a buffer.
    /// </summary>
    void Write(AnalysisResult result, Stream output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        Write(result, text, options);
    }
}
