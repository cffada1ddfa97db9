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
            case "sarif": SarifReportWriter.Write(diff.New, output, options, BaselineStates(diff), diff.Resolved, json => WriteSarifProperties(diff, json)); break;
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
            case "sarif": SarifReportWriter.Write(diff.New, output, options, BaselineStates(diff), diff.Resolved, json => WriteSarifProperties(diff, json)); break;
            case "text" or "markdown":
                using (var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true))
                    Write(diff, format, text, options);
                break;
            default: throw UnknownFormat(format);
        }
    }

    private static ArgumentException UnknownFormat(string format) =>
        new($"A diff cannot be written as '{format}'; expected one of {string.Join(", ", Formats)}.", nameof(format));

    /// <summary>
    /// Each finding's SARIF baselineState by fingerprint: new (introduced), updated (worsened, improved, re-estimated or
    /// newly accepted), unchanged (the rest, accepted ones too).
    /// </summary>
    private static Dictionary<string, string> BaselineStates(FindingDiff diff) =>
        diff.Introduced.Select(f => (f.Fingerprint, "new"))
            .Concat(diff.Worsened.Concat(diff.Improved).Concat(diff.Reestimated).Select(c => (c.New.Fingerprint, "updated")))
            .Concat(diff.NewlyAccepted.Select(a => (a.Accepted.Finding.Fingerprint, "updated")))
            .Concat(diff.Unchanged.Select(f => (f.Fingerprint, "unchanged")))
            .Concat(diff.New.Suppressed.Select(s => (s.Finding.Fingerprint, "unchanged")))
            .DistinctBy(p => p.Fingerprint)
            .ToDictionary(p => p.Fingerprint, p => p.Item2, StringComparer.Ordinal);

    /// <summary>run.properties of a diff's SARIF log: the change counts, newly accepted findings and relaxed thresholds.</summary>
    private static void WriteSarifProperties(FindingDiff diff, Utf8JsonWriter json)
    {
        json.WriteStartObject("diff"u8);
        SummaryCounts(diff, json);
        json.WriteStartArray("newlyAccepted"u8);
        foreach (var accepted in diff.NewlyAccepted)
        {
            json.WriteStartObject();
            json.WriteString("fingerprint"u8, accepted.Accepted.Finding.Fingerprint);
            json.WriteString("ruleId"u8, accepted.Accepted.Finding.RuleId);
            json.WriteString("severity"u8, ReportText.Name(accepted.Accepted.Finding.Severity));
            json.WriteString("previously"u8, accepted.Previously);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        ThresholdChanges(diff, json);
        ThresholdsText.Json(json, "oldThresholds"u8, diff.Old.Thresholds);
        json.WriteEndObject();
    }

    private static void WriteText(FindingDiff diff, TextWriter output, ReportOptions options)
    {
        var lookups = new ReportLookups([], options);
        output.Line($"{Name(diff.Old, options)} -> {Name(diff.New, options)}: {Count(diff.Introduced)} introduced, {Count(diff.Worsened)} worsened, {Count(diff.Improved)} improved, {Count(diff.Resolved)} resolved, {Count(diff.NewlyAccepted)} newly accepted, {Count(diff.ThresholdsRelaxed)} thresholds relaxed, {Count(diff.Unchanged)} unchanged");
        output.Line($"Thresholds: {ThresholdsText.Line(diff.New.Thresholds)}");
        Section("Introduced", "+", diff.Introduced);
        Changes("Worsened", "^", diff.Worsened);
        Changes("Improved", "v", diff.Improved);
        Section("Resolved", "-", diff.Resolved);
        if (diff.NewlyAccepted.Count > 0)
        {
            output.Line();
            output.Line($"Newly accepted ({Count(diff.NewlyAccepted)}):");
            foreach (var accepted in diff.NewlyAccepted)
            {
                Finding("!", accepted.Accepted.Finding);
                output.Write("      accepted: ");
                SafeText.Write(output, accepted.Accepted.Justification);
                output.Write(" (");
                SafeText.Write(output, ReportText.RelativePath(accepted.Accepted.Source, options.SourceRoot));
                output.Write(")\n");
                output.Write("      previously: ");
                SafeText.Write(output, accepted.Previously);
                output.Write('\n');
            }
        }

        if (diff.ThresholdsRelaxed.Count > 0)
        {
            output.Line();
            output.Line($"Thresholds relaxed ({Count(diff.ThresholdsRelaxed)}):");
            foreach (var change in diff.ThresholdsRelaxed)
            {
                output.Write("  ~ ");
                SafeText.Write(output, change.Summary);
                output.Write('\n');
            }
        }

        Changes("Re-estimated", "=", diff.Reestimated);
        Section("Unchanged", "=", diff.Unchanged);
        var notes = ThresholdsText.WithAnalysisNotes(diff.New, options).Notes;
        if (notes.Count > 0)
        {
            output.Line();
            output.Line("Notes:");
            foreach (var note in notes)
            {
                output.Write("  - ");
                SafeText.Write(output, note.Message);
                output.Write('\n');
            }
        }

        void Section(string title, string mark, IReadOnlyList<Finding> findings)
        {
            if (findings.Count == 0)
                return;
            output.Line();
            output.Line($"{title} ({Count(findings)}):");
            foreach (var finding in findings)
                Finding(mark, finding);
        }

        void Changes(string title, string mark, IReadOnlyList<FindingChange> changes)
        {
            if (changes.Count == 0)
                return;
            output.Line();
            output.Line($"{title} ({Count(changes)}):");
            foreach (var change in changes)
            {
                Finding(mark, change.New);
                output.Write("      change: ");
                SafeText.Write(output, change.Summary);
                output.Write('\n');
            }
        }

        void Finding(string mark, Finding finding)
        {
            output.Write("  ");
            output.Write(mark);
            output.Write(' ');
            output.Write(ReportText.UpperName(finding.Severity));
            output.Write(' ');
            output.Write(finding.RuleId);
            output.Write(": ");
            SafeText.Write(output, finding.Title);
            if (finding.Location.IsKnown)
            {
                output.Write("  (");
                SafeText.Write(output, ReportText.AppendLocation(lookups.Scratch.Clear(), finding.Location, lookups).Span);
                output.Write(')');
            }

            output.Write('\n');
            output.WriteRoutesLine("      ", finding.EvidenceRoutes);

            output.Write("      fingerprint: ");
            output.Line(finding.Fingerprint);
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
        Row("Worsened", [.. diff.Worsened.Select(c => c.New)]);
        Row("Improved", [.. diff.Improved.Select(c => c.New)]);
        Row("Resolved", diff.Resolved);
        Row("Newly accepted", [.. diff.NewlyAccepted.Select(a => a.Accepted.Finding)]);
        Row("Unchanged", diff.Unchanged);
        output.Line();
        output.Line($"Thresholds: {MarkdownReportWriter.Escape(ThresholdsText.Line(diff.New.Thresholds))}.");
        Section("Introduced", diff.Introduced, null);
        Section("Worsened", [.. diff.Worsened.Select(c => c.New)], [.. diff.Worsened.Select(c => c.Summary)]);
        Section("Improved", [.. diff.Improved.Select(c => c.New)], [.. diff.Improved.Select(c => c.Summary)]);
        Section("Resolved", diff.Resolved, null);
        Section(
            "Newly accepted",
            [.. diff.NewlyAccepted.Select(a => a.Accepted.Finding)],
            [.. diff.NewlyAccepted.Select(a => $"Accepted: {a.Accepted.Justification} ({ReportText.RelativePath(a.Accepted.Source, options.SourceRoot)}); previously: {a.Previously}")]);
        if (diff.ThresholdsRelaxed.Count > 0)
        {
            output.Line();
            output.Line("### Thresholds relaxed");
            output.Line();
            foreach (var change in diff.ThresholdsRelaxed)
            {
                output.Write("- ");
                MarkdownReportWriter.WriteEscaped(output, change.Summary);
                output.Write('\n');
            }
        }

        Section("Re-estimated", [.. diff.Reestimated.Select(c => c.New)], [.. diff.Reestimated.Select(c => c.Summary)]);
        var notes = ThresholdsText.WithAnalysisNotes(diff.New, options).Notes;
        if (notes.Count > 0)
        {
            output.Line();
            output.Line("### Notes");
            output.Line();
            foreach (var note in notes)
            {
                output.Write("- ");
                MarkdownReportWriter.WriteEscaped(output, note.Message);
                output.Write('\n');
            }
        }

        void Row(string name, IReadOnlyList<Finding> findings) =>
            output.Line($"| {name} | {string.Join(" | ", ReportText.CountBySeverity(findings).Select(c => c.Count.ToString(CultureInfo.InvariantCulture)))} | {Count(findings)} |");

        void Section(string title, IReadOnlyList<Finding> findings, IReadOnlyList<string>? details)
        {
            if (findings.Count == 0)
                return;
            output.Line();
            output.Line($"### {title}");
            output.Line();
            var scratch = lookups.Scratch;
            for (var i = 0; i < findings.Count; i++)
            {
                var finding = findings[i];
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
                if (details is not null)
                {
                    output.Write("  - ");
                    MarkdownReportWriter.WriteEscaped(output, details[i]);
                    output.Write('\n');
                }

                if (title is "Introduced" or "Worsened" && finding.Mitigation.Length > 0)
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
        SummaryCounts(diff, json);
        JsonOutput.Counts(json, "introducedBySeverity"u8, diff.Introduced);
        json.WriteEndObject();
        ThresholdsText.Json(json, "thresholds"u8, diff.New.Thresholds);
        ThresholdsText.Json(json, "oldThresholds"u8, diff.Old.Thresholds);
        var newLookups = new ReportLookups(diff.New.Rules, options);
        List("introduced"u8, diff.Introduced, diff.New);
        Changes("worsened"u8, diff.Worsened);
        Changes("improved"u8, diff.Improved);
        List("resolved"u8, diff.Resolved, diff.Old);
        json.WriteStartArray("newlyAccepted"u8);
        foreach (var accepted in diff.NewlyAccepted)
        {
            json.WriteStartObject();
            JsonOutput.FindingFields(json, accepted.Accepted.Finding, newLookups);
            json.WriteStartObject("suppression"u8);
            json.WriteString("kind"u8, ReportText.Name(accepted.Accepted.Kind));
            json.WriteString("justification"u8, accepted.Accepted.Justification);
            json.WriteString("source"u8, ReportText.RelativePath(accepted.Accepted.Source, options.SourceRoot));
            json.WriteEndObject();
            json.WriteString("previously"u8, accepted.Previously);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        ThresholdChanges(diff, json);
        Changes("reestimated"u8, diff.Reestimated);
        List("unchanged"u8, diff.Unchanged, diff.New);
        json.WriteStartArray("notes"u8);
        foreach (var note in ThresholdsText.WithAnalysisNotes(diff.New, options).Notes)
            JsonOutput.Note(json, note);

        json.WriteEndArray();
        json.WriteEndObject();

        void Changes(ReadOnlySpan<byte> name, IReadOnlyList<FindingChange> changes)
        {
            json.WriteStartArray(name);
            foreach (var change in changes)
            {
                json.WriteStartObject();
                JsonOutput.FindingFields(json, change.New, newLookups);
                json.WriteStartObject("before"u8);
                json.WriteString("severity"u8, ReportText.Name(change.Old.Severity));
                json.WriteString("likelihood"u8, change.Old.Likelihood.ToString().ToLowerInvariant());
                json.WriteString("impact"u8, change.Old.Impact.ToString().ToLowerInvariant());
                json.WriteEndObject();
                json.WriteString("change"u8, change.Summary);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        void Design(ReadOnlySpan<byte> name, AnalysisResult result)
        {
            json.WriteStartObject(name);
            json.WriteString("name"u8, SafeText.Escape(result.Model.Name));
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

    private static void SummaryCounts(FindingDiff diff, Utf8JsonWriter json)
    {
        json.WriteNumber("introduced"u8, diff.Introduced.Count);
        json.WriteNumber("worsened"u8, diff.Worsened.Count);
        json.WriteNumber("improved"u8, diff.Improved.Count);
        json.WriteNumber("resolved"u8, diff.Resolved.Count);
        json.WriteNumber("newlyAccepted"u8, diff.NewlyAccepted.Count);
        json.WriteNumber("thresholdsRelaxed"u8, diff.ThresholdsRelaxed.Count);
        json.WriteNumber("reestimated"u8, diff.Reestimated.Count);
        json.WriteNumber("unchanged"u8, diff.Unchanged.Count);
    }

    private static void ThresholdChanges(FindingDiff diff, Utf8JsonWriter json)
    {
        json.WriteStartArray("thresholdsRelaxed"u8);
        foreach (var change in diff.ThresholdsRelaxed)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, change.Name);
            json.WriteNumber("oldValue"u8, change.Old.Value);
            json.WriteString("oldSource"u8, change.Old.SourceName);
            json.WriteNumber("newValue"u8, change.New.Value);
            json.WriteString("newSource"u8, change.New.SourceName);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The design's file or name, escaped (<see cref="SafeText.LineStart"/>): it starts the diff's first line.</summary>
    private static string Name(AnalysisResult result, ReportOptions options) => SafeText.LineStart(ReportText.DesignFile(result, options.SourceRoot) ?? result.Model.Name);

    private static string Count<T>(IReadOnlyCollection<T> items) => items.Count.ToString(CultureInfo.InvariantCulture);
}
