using ThreatModel.Analysis;

namespace ThreatModel.Reporting;

/// <summary>Writes an <see cref="AnalysisResult"/> in one output format. Writers never re-run rules.</summary>
public interface IReportWriter
{
    /// <summary>The format name used on the command line: text, json, markdown, sarif, mermaid, dot.</summary>
    string Format { get; }

    /// <summary>The file extension written for this format, with the dot (".sarif", ".md").</summary>
    string FileExtension { get; }

    /// <summary>Writes the report. Output is deterministic: the same result and options give the same characters.</summary>
    void Write(AnalysisResult result, TextWriter output, ReportOptions options);
}
