using System.Globalization;
using System.Text;
using ThreatModel.Analysis;

namespace ThreatModel.Reporting;

/// <summary>
/// Markdown for pull-request comments: a table of counts by severity, one section per finding with its evidence path and
/// mitigation, and the estimates and their inputs folded in <c>&lt;details&gt;</c>.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public string FileExtension => ".md";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        output.Line($"## Privacy threat model: {Escape(result.Model.Name)}");
        output.Line();
        var file = ReportText.DesignFile(result, options.SourceRoot);
        var where = file is null ? string.Empty : $"{Code(file)}: ";
        output.Line($"{where}{ReportText.CountPhrase(result.Findings)}, {Count(result.Suppressed.Count)} accepted, {Count(result.Rules.Count)} rules run.");
        output.Line();
        output.Line("| Severity | Findings | Accepted |");
        output.Line("| --- | ---: | ---: |");
        var accepted = ReportText.CountBySeverity(result.Suppressed.Select(s => s.Finding));
        foreach (var (severity, count) in ReportText.CountBySeverity(result.Findings))
            output.Line($"| {Capitalized(severity)} | {Count(count)} | {Count(accepted.First(a => a.Severity == severity).Count)} |");

        if (result.Findings.Count > 0)
        {
            output.Line();
            output.Line("### Findings");
            foreach (var finding in result.Findings)
                WriteFinding(output, finding, result, options, null);
        }

        if (result.Suppressed.Count > 0)
        {
            output.Line();
            output.Line("### Accepted findings");
            foreach (var suppressed in result.Suppressed)
                WriteFinding(output, suppressed.Finding, result, options, suppressed);
        }

        if (options.Notes.Count > 0)
        {
            output.Line();
            output.Line("### Notes");
            output.Line();
            foreach (var note in options.Notes)
                output.Line($"- {Escape(note.Message)}");
        }
    }

    private static void WriteFinding(TextWriter output, Finding finding, AnalysisResult result, ReportOptions options, SuppressedFinding? accepted)
    {
        var name = result.Rules.FirstOrDefault(r => r.Id == finding.RuleId)?.Name;
        output.Line();
        output.Line($"#### {Capitalized(finding.Severity)}: {Escape(finding.Title)}");
        output.Line();
        var rule = name is null ? Code(finding.RuleId) : $"{Code(finding.RuleId)} {Code(name)}";
        var location = ReportText.Location(finding.Location, options.SourceRoot);
        output.Line($"{rule}{(location is null ? string.Empty : " at " + Code(location))}, likelihood {ReportText.Name(finding.Likelihood)}, impact {ReportText.Name(finding.Impact)}");
        output.Line();
        output.Line(Escape(finding.Message));
        output.Line();
        if (finding.Subjects.Count > 0)
            output.Line($"- **Subjects:** {string.Join(", ", finding.Subjects.Select(Code))}");
        if (finding.Items.Count > 0)
            output.Line($"- **Items:** {string.Join(", ", finding.Items.Select(Code))}");
        if (finding.Elements.Count > 0)
            output.Line($"- **Elements:** {string.Join(", ", finding.Elements.Select(Code))}");
        if (finding.EvidencePath.Count > 0)
            output.Line($"- **Evidence path:** {Code(ReportText.EvidencePath(finding))}");
        if (finding.Mitigation.Length > 0)
            output.Line($"- **Mitigation:** {Escape(finding.Mitigation)}");
        if (accepted is not null)
            output.Line($"- **Accepted** ({ReportText.Name(accepted.Kind)}, {Code(ReportText.RelativePath(accepted.Source, options.SourceRoot))}): {Escape(accepted.Justification)}");
        foreach (var note in ReportText.NotesFor(finding, options))
            output.Line($"- **Note:** {Escape(note.Message)}");
        output.Line($"- Fingerprint: {Code(finding.Fingerprint)}");
        if (finding.Estimates.Count == 0)
            return;

        output.Line();
        output.Line("<details>");
        output.Line($"<summary>Estimates: {Escape(string.Join("; ", finding.Estimates.Select(e => $"{e.Name} = {e.Display}")))}</summary>");
        foreach (var estimate in finding.Estimates)
        {
            output.Line();
            output.Line($"**{Escape(estimate.Name)}** = {Escape(estimate.Display)}, by {Escape(estimate.Method)}");
            output.Line();
            output.Line("| Input | Value |");
            output.Line("| --- | --- |");
            foreach (var input in estimate.Inputs)
                output.Line($"| {Escape(input.Key)} | {Escape(input.Value)} |");
        }

        output.Line();
        output.Line("</details>");
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Capitalized(Severity severity)
    {
        var name = ReportText.Name(severity);
        return char.ToUpperInvariant(name[0]) + name[1..];
    }

    /// <summary>Text that renders as itself: no HTML, no emphasis, no table breaks, no links.</summary>
    internal static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': builder.Append("&amp;"); break;
                case '<': builder.Append("&lt;"); break;
                case '>': builder.Append("&gt;"); break;
                case '\r': break;
                case '\n': builder.Append(' '); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '#' or '!':
                    builder.Append('\\').Append(c);
                    break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>An inline code span that holds any text: fenced with more backticks than the text contains.</summary>
    internal static string Code(string text)
    {
        var clean = text.Replace('\n', ' ').Replace("\r", string.Empty, StringComparison.Ordinal);
        var longest = 0;
        var run = 0;
        foreach (var c in clean)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = clean.StartsWith('`') || clean.EndsWith('`') ? " " : string.Empty;
        return fence + pad + clean + pad + fence;
    }
}
