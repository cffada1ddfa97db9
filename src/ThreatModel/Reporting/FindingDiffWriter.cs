using System.Globalization;
using ThreatModel.Analysis;

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
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        switch (format.ToLowerInvariant())
        {
            case "text": WriteText(diff, output, options); break;
            case "json": WriteJson(diff, output, options); break;
            case "markdown": WriteMarkdown(diff, output, options); break;
            case "sarif":
                var states = diff.Introduced.Select(f => (f.Fingerprint, "new"))
                    .Concat(diff.Unchanged.Select(f => (f.Fingerprint, "unchanged")))
                    .Concat(diff.New.Suppressed.Select(s => (s.Finding.Fingerprint, "unchanged")))
                    .DistinctBy(p => p.Fingerprint)
                    .ToDictionary(p => p.Fingerprint, p => p.Item2, StringComparer.Ordinal);
                SarifReportWriter.Write(diff.New, output, options, states, diff.Resolved);
                break;
            default: throw new ArgumentException($"A diff cannot be written as '{format}'; expected one of {string.Join(", ", Formats)}.", nameof(format));
        }
    }

    private static void WriteText(FindingDiff diff, TextWriter output, ReportOptions options)
    {
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
                var location = ReportText.Location(finding.Location, options.SourceRoot);
                output.Line($"  {mark} {ReportText.Name(finding.Severity).ToUpperInvariant()} {finding.RuleId}: {finding.Title}{(location is null ? string.Empty : "  (" + location + ")")}");
                if (finding.EvidencePath.Count > 0)
                    output.Line($"      path: {ReportText.EvidencePath(finding)}");
                output.Line($"      fingerprint: {finding.Fingerprint}");
            }
        }
    }

    private static void WriteMarkdown(FindingDiff diff, TextWriter output, ReportOptions options)
    {
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
            foreach (var finding in findings)
            {
                var location = ReportText.Location(finding.Location, options.SourceRoot);
                var path = finding.EvidencePath.Count > 0 ? $", path {MarkdownReportWriter.Code(ReportText.EvidencePath(finding))}" : string.Empty;
                output.Line($"- **{ReportText.Name(finding.Severity)}** {MarkdownReportWriter.Code(finding.RuleId)} {MarkdownReportWriter.Escape(finding.Title)}{(location is null ? string.Empty : " at " + MarkdownReportWriter.Code(location))}{path}");
                if (title == "Introduced" && finding.Mitigation.Length > 0)
                    output.Line($"  - Mitigation: {MarkdownReportWriter.Escape(finding.Mitigation)}");
            }
        }
    }

    private static void WriteJson(FindingDiff diff, TextWriter output, ReportOptions options)
    {
        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("schemaVersion", JsonReportWriter.SchemaVersion);
            json.WriteStartObject("tool");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("version", options.ToolVersion);
            json.WriteEndObject();
            Design("old", diff.Old);
            Design("new", diff.New);
            json.WriteStartObject("summary");
            json.WriteNumber("introduced", diff.Introduced.Count);
            json.WriteNumber("resolved", diff.Resolved.Count);
            json.WriteNumber("unchanged", diff.Unchanged.Count);
            JsonOutput.Counts(json, "introducedBySeverity", diff.Introduced);
            json.WriteEndObject();
            List("introduced", diff.Introduced, diff.New);
            List("resolved", diff.Resolved, diff.Old);
            List("unchanged", diff.Unchanged, diff.New);
            json.WriteEndObject();

            void Design(string name, AnalysisResult result)
            {
                json.WriteStartObject(name);
                json.WriteString("name", result.Model.Name);
                if (ReportText.DesignFile(result, options.SourceRoot) is { } file)
                    json.WriteString("file", file);
                else
                    json.WriteNull("file");
                json.WriteEndObject();
            }

            void List(string name, IReadOnlyList<Finding> findings, AnalysisResult result)
            {
                json.WriteStartArray(name);
                foreach (var finding in findings)
                    JsonOutput.Finding(json, finding, result.Rules, options.SourceRoot);
                json.WriteEndArray();
            }
        });
    }

    private static string Name(AnalysisResult result, ReportOptions options) => ReportText.DesignFile(result, options.SourceRoot) ?? result.Model.Name;

    private static string Count(IReadOnlyCollection<Finding> findings) => findings.Count.ToString(CultureInfo.InvariantCulture);
}
