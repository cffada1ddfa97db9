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

    /// <summary>The tool version written into reports.</summary>
    public string ToolVersion { get; init; } = ToolInfo.Version;
}
