using System.Globalization;
using System.Text;
using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>Writes a <see cref="FindingDiff"/> as text, JSON, Markdown or SARIF (with baselineState per result).</summary>
public static class FindingDiffWriter
{
    /// <summary>The formats a diff can be written in.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["text", "json", "markdown", "sarif"];

    /// <summary>Writes the diff in <paramref name="format"/>.</summary>
    /// <exception cref="ArgumentException">The format is not one of <see cref="Formats"/>.</exception>
    public static void Write(FindingDiff diff, string format, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        switch (format.ToLowerInvariant())
        {
            case "text": WriteText(diff, output, options); break;
            case "json": JsonOutput.Write(output, json => WriteJson(diff, json, options)); break;
            case "markdown": WriteMarkdown(diff, output, options); break;
            case "sarif": SarifReportWriter.Write(diff.New, output, options, BaselineStates(diff), diff.Resolved); break;
            default: throw UnknownFormat(format);
        }
    }

    /// <summary>
    /// Writes the diff in <paramref name="format"/> as UTF-8 without a byte-order mark, streamed to
    /// <paramref name="output"/>: the characters of <see cref="Write(FindingDiff, string, TextWriter, ReportOptions)"/>.
    /// The stream is left open.
    /// </summary>
    /// <exception cref="ArgumentException">The format is not one of <see cref="Formats"/>.</exception>
    public static void Write(FindingDiff diff, string format, Stream output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(diff);
        ArgumentNullException.ThrowIfNull(format);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        switch (format.ToLowerInvariant())
        {
            case "json": JsonOutput.Write(output, json => WriteJson(diff, json, options)); break;
            case "sarif": SarifReportWriter.Write(diff.New, output, options, BaselineStates(diff), diff.Resolved); break;
            case "text" or "markdown":
                using (var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true))
                    Write(diff, format, text, options);
                break;
            default: throw UnknownFormat(format);
        }
    }

    private static ArgumentException UnknownFormat(string format) =>
        new($"A diff cannot be written as '{format}'; expected one of {string.Join(", ", Formats)}.", nameof(format));

    /// <summary>Each standing finding's SARIF baselineState by fingerprint: new, or unchanged (accepted ones too).</summary>
    private static Dictionary<string, string> BaselineStates(FindingDiff diff) =>
        diff.Introduced.Select(f => (f.Fingerprint, "new"))
            .Concat(diff.Unchanged.Select(f => (f.Fingerprint, "unchanged")))
            .Concat(diff.New.Suppressed.Select(s => (s.Finding.Fingerprint, "unchanged")))
            .DistinctBy(p => p.Fingerprint)
            .ToDictionary(p => p.Fingerprint, p => p.Item2, StringComparer.Ordinal);

    private static void WriteText(FindingDiff diff, TextWriter output, ReportOptions options)
    {
        var lookups = new ReportLookups([], options);
        output.Line($"{Name(diff.Old, options)} -> {Name(diff.New, options)}: {Count(diff.Introduced)} introduced, {Count(diff.Resolved)} resolved, {Count(diff.Unchanged)} unchanged");
        Section("Introduced", "+", diff.Introduced);
        Section("Resolved", "-", diff.Resolved);
        Section("Unchanged", "=", diff.Unchanged);

        void Section(string title, string mark, IReadOnlyList<Finding> findings)
        {
            if (findings.Count == 0)
                return;
            output.Line();
            output.Line($"{title} ({Count(findings)}):");
            foreach (var finding in findings)
            {
                output.Write("  ");
                output.Write(mark);
                output.Write(' ');
                output.Write(ReportText.UpperName(finding.Severity));
                output.Write(' ');
                output.Write(finding.RuleId);
                output.Write(": ");
                output.Write(finding.Title);
                if (finding.Location.IsKnown)
                {
                    output.Write("  (");
                    output.Write(ReportText.AppendLocation(lookups.Scratch.Clear(), finding.Location, lookups).Span);
                    output.Write(')');
                }

                output.Write('\n');
                if (finding.EvidenceRoutes.Count > 0)
                {
                    output.Write("      ");
                    output.Write(ReportText.RoutesLabel(finding.EvidenceRoutes));
                    output.Write(": ");
                    output.WriteRoutes(finding.EvidenceRoutes);
                    output.Write('\n');
                }

                output.Write("      fingerprint: ");
                output.Line(finding.Fingerprint);
            }
        }
    }

    private static void WriteMarkdown(FindingDiff diff, TextWriter output, ReportOptions options)
    {
        var lookups = new ReportLookups([], options);
        output.Line($"## Privacy threat model changes: {MarkdownReportWriter.Escape(diff.New.Model.Name)}");
        output.Line();
        output.Line("| Change | Critical | High | Medium | Low | Info | Total |");
        output.Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        Row("Introduced", diff.Introduced);
        Row("Resolved", diff.Resolved);
        Row("Unchanged", diff.Unchanged);
        Section("Introduced", diff.Introduced);
        Section("Resolved", diff.Resolved);

        void Row(string name, IReadOnlyList<Finding> findings) =>
            output.Line($"| {name} | {string.Join(" | ", ReportText.CountBySeverity(findings).Select(c => c.Count.ToString(CultureInfo.InvariantCulture)))} | {Count(findings)} |");

        void Section(string title, IReadOnlyList<Finding> findings)
        {
            if (findings.Count == 0)
                return;
            output.Line();
            output.Line($"### {title}");
            output.Line();
            var scratch = lookups.Scratch;
            foreach (var finding in findings)
            {
                output.Write("- **");
                output.Write(ReportText.Name(finding.Severity));
                output.Write("** ");
                MarkdownReportWriter.WriteCode(output, finding.RuleId);
                output.Write(' ');
                MarkdownReportWriter.WriteEscaped(output, finding.Title);
                if (finding.Location.IsKnown)
                {
                    output.Write(" at ");
                    MarkdownReportWriter.WriteCode(output, ReportText.AppendLocation(scratch.Clear(), finding.Location, lookups).Span);
                }

                if (finding.EvidenceRoutes.Count > 0)
                {
                    output.Write(", ");
                    output.Write(ReportText.RoutesLabel(finding.EvidenceRoutes));
                    output.Write(' ');
                    MarkdownReportWriter.WriteCode(output, scratch.Clear().AppendRoutes(finding.EvidenceRoutes).Span);
                }

                output.Write('\n');
                if (title == "Introduced" && finding.Mitigation.Length > 0)
                {
                    output.Write("  - Mitigation: ");
                    MarkdownReportWriter.WriteEscaped(output, finding.Mitigation);
                    output.Write('\n');
                }
            }
        }
    }

    private static void WriteJson(FindingDiff diff, Utf8JsonWriter json, ReportOptions options)
    {
        json.WriteStartObject();
        json.WriteString("schemaVersion"u8, JsonReportWriter.SchemaVersion);
        json.WriteStartObject("tool"u8);
        json.WriteString("name"u8, ToolInfo.Name);
        json.WriteString("version"u8, options.ToolVersion);
        json.WriteEndObject();
        Design("old"u8, diff.Old);
        Design("new"u8, diff.New);
        json.WriteStartObject("summary"u8);
        json.WriteNumber("introduced"u8, diff.Introduced.Count);
        json.WriteNumber("resolved"u8, diff.Resolved.Count);
        json.WriteNumber("unchanged"u8, diff.Unchanged.Count);
        JsonOutput.Counts(json, "introducedBySeverity"u8, diff.Introduced);
        json.WriteEndObject();
        List("introduced"u8, diff.Introduced, diff.New);
        List("resolved"u8, diff.Resolved, diff.Old);
        List("unchanged"u8, diff.Unchanged, diff.New);
        json.WriteEndObject();

        void Design(ReadOnlySpan<byte> name, AnalysisResult result)
        {
            json.WriteStartObject(name);
            json.WriteString("name"u8, result.Model.Name);
            if (ReportText.DesignFile(result, options.SourceRoot) is { } file)
                json.WriteString("file"u8, file);
            else
                json.WriteNull("file"u8);
            json.WriteEndObject();
        }

        void List(ReadOnlySpan<byte> name, IReadOnlyList<Finding> findings, AnalysisResult result)
        {
            var lookups = new ReportLookups(result.Rules, options);
            json.WriteStartArray(name);
            foreach (var finding in findings)
                JsonOutput.Finding(json, finding, lookups);
            json.WriteEndArray();
        }
    }

    private static string Name(AnalysisResult result, ReportOptions options) => ReportText.DesignFile(result, options.SourceRoot) ?? result.Model.Name;

    private static string Count(IReadOnlyCollection<Finding> findings) => findings.Count.ToString(CultureInfo.InvariantCulture);
}
