namespace ThreatModel.Reporting;

/// <summary>How a report is written.</summary>
public sealed record ReportOptions
{
    /// <summary>Plain output, no notes.</summary>
    public static ReportOptions Default { get; } = new();

    /// <summary>Use ANSI colours (text format only). Callers decide: off when output is redirected or NO_COLOR is set.</summary>
    public bool Color { get; init; }

    /// <summary>
    /// The directory design-file paths are made relative to in reports (the repository root in CI). Null keeps paths as
    /// they are, with forward slashes.
    /// </summary>
    public string? SourceRoot { get; init; }

    /// <summary>Messages about the run to print with the findings: expired or stale baseline entries.</summary>
    public IReadOnlyList<ReportNote> Notes { get; init; } = [];

    /// <summary>
    /// The most characters a Markdown report may hold (default <see cref="MarkdownReportWriter.DefaultMaxCharacters"/>,
    /// under the 65,536 of a GitHub pull-request comment); a longer one is shortened to the most severe findings and
    /// counts of the rest. 0 or less: never shortened.
    /// </summary>
    public int MaxMarkdownCharacters { get; init; } = MarkdownReportWriter.DefaultMaxCharacters;

    /// <summary>Where the full report is (a file path or address), named by a shortened report; null names the command that writes one.</summary>
    public string? FullReport { get; init; }

    /// <summary>
    /// The most results a SARIF run holds (default <see cref="SarifReportWriter.DefaultMaxResults"/>, the results GitHub
    /// code scanning shows of a run): the most severe findings are kept, and the run says how many were left out.
    /// 0 or less: no cap.
    /// </summary>
    public int MaxSarifResults { get; init; } = SarifReportWriter.DefaultMaxResults;

    /// <summary>
    /// The most standing findings a text, Markdown, JSON, SARIF or HTML report lists (the most severe first, in the
    /// report's stable order); the report says how many it left out and counts them by severity. Accepted findings
    /// are not capped. The summary counts every finding, and so does a caller's gate. 0 or less: every finding.
    /// </summary>
    public int MaxResults { get; init; }

    /// <summary>
    /// How text and Markdown reports group their findings under headings (by rule, or by the element a finding lands
    /// on first); the JSON report gets a <c>groups</c> summary. <see cref="ReportGrouping.None"/> (the default) lists
    /// findings most severe first with no headings.
    /// </summary>
    public ReportGrouping GroupBy { get; init; }

    /// <summary>The tool version written into reports.</summary>
    public string ToolVersion { get; init; } = ToolInfo.Version;
}
