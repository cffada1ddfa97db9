namespace ThreatModel.Reporting;

/// <summary>The built-in report writers, by format name and by file extension.</summary>
public static class ReportWriters
{
    /// <summary>Every built-in writer, in the order formats are listed in help.</summary>
    public static IReadOnlyList<IReportWriter> All { get; } =
    [
        new TextReportWriter(),
        new JsonReportWriter(),
        new MarkdownReportWriter(),
        new SarifReportWriter(),
        new MermaidDiagramWriter(),
        new DotDiagramWriter(),
        new SvgDiagramWriter(),
        new HtmlReportWriter(),
    ];

    /// <summary>The format names.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. All.Select(w => w.Format)];

    /// <summary>The writer for a format name (case-insensitive), or null.</summary>
    public static IReportWriter? ForFormat(string format) =>
        All.FirstOrDefault(w => string.Equals(w.Format, format, StringComparison.OrdinalIgnoreCase));

    /// <summary>The writer for a file name's extension (.txt, .json, .md, .sarif, .mmd, .dot, .gv, .svg, .html), or null.</summary>
    public static IReportWriter? ForPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".sarif.json", StringComparison.Ordinal))
            return ForFormat("sarif");
        var format = Path.GetExtension(name) switch
        {
            ".txt" or ".text" or ".log" => "text",
            ".json" => "json",
            ".md" or ".markdown" => "markdown",
            ".sarif" => "sarif",
            ".mmd" or ".mermaid" => "mermaid",
            ".dot" or ".gv" => "dot",
            ".svg" => "svg",
            ".html" or ".htm" => "html",
            _ => null,
        };
        return format is null ? null : ForFormat(format);
    }
}
