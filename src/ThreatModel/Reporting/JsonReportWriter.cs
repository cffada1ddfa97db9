using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// The full result as JSON: tool, design, rules run, findings with every field and fingerprint, accepted findings with
/// their justification, notes and counts. Documented by docs/schema/report.schema.json.
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    /// <summary>The version of the report's shape; it changes only when a field is removed or changes meaning.</summary>
    public const string SchemaVersion = "1";

    /// <inheritdoc />
    public string Format => "json";

    /// <inheritdoc />
    public string FileExtension => ".json";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        JsonOutput.Write(output, json => Write(json, result, options));
    }

    /// <inheritdoc />
    public void Write(AnalysisResult result, Stream output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        JsonOutput.Write(output, json => Write(json, result, options));
    }

    private static void Write(Utf8JsonWriter json, AnalysisResult result, ReportOptions options)
    {
        options = ThresholdsText.WithAnalysisNotes(result, options);
        var root = options.SourceRoot;
        var lookups = new ReportLookups(result.Rules, options);
        json.WriteStartObject();
        json.WriteString("schemaVersion"u8, SchemaVersion);
        json.WriteStartObject("tool"u8);
        json.WriteString("name"u8, ToolInfo.Name);
        json.WriteString("version"u8, options.ToolVersion);
        json.WriteEndObject();

        json.WriteStartObject("design"u8);
        json.WriteString("name"u8, SafeText.Escape(result.Model.Name));
        if (ReportText.DesignFile(result, root) is { } file)
            json.WriteString("file"u8, file);
        else
            json.WriteNull("file"u8);
        json.WriteEndObject();

        json.WriteStartArray("rules"u8);
        foreach (var rule in result.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, rule.Id);
            json.WriteString("name"u8, rule.Name);
            json.WriteString("title"u8, rule.Title);
            json.WriteString("linddun"u8, ReportText.Kebab(rule.Linddun.ToString()));
            json.WriteString("solove"u8, ReportText.Kebab(rule.Solove.ToString()));
            json.WriteString("defaultSeverity"u8, ReportText.Name(rule.DefaultSeverity));
            json.WriteString("documentation"u8, rule.DocumentationPath);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        ThresholdsText.Json(json, "thresholds"u8, result.Thresholds);
        ThresholdsText.ReviewerJson(json, result);

        json.WriteStartObject("summary"u8);
        json.WriteNumber("findings"u8, result.Findings.Count);
        json.WriteNumber("suppressed"u8, result.Suppressed.Count);
        JsonOutput.Counts(json, "bySeverity"u8, result.Findings);
        json.WriteEndObject();

        var listed = ReportSelection.Listed(result, options);
        if (options.MaxResults > 0)
        {
            json.WriteStartObject("resultsCap"u8);
            json.WriteNumber("limit"u8, options.MaxResults);
            json.WriteNumber("listed"u8, listed.Count);
            json.WriteNumber("omitted"u8, result.Findings.Count - listed.Count);
            JsonOutput.Counts(json, "omittedBySeverity"u8, result.Findings.Skip(listed.Count));
            json.WriteEndObject();
        }

        if (options.GroupBy != ReportGrouping.None)
            WriteGroups(json, result, options, listed.Count);

        json.WriteStartArray("findings"u8);
        foreach (var finding in listed)
            JsonOutput.Finding(json, finding, lookups);
        json.WriteEndArray();

        json.WriteStartArray("suppressed"u8);
        foreach (var suppressed in result.Suppressed)
        {
            json.WriteStartObject();
            JsonOutput.FindingFields(json, suppressed.Finding, lookups);
            json.WriteStartObject("suppression"u8);
            json.WriteString("kind"u8, ReportText.Name(suppressed.Kind));
            json.WriteString("justification"u8, SafeText.Escape(suppressed.Justification));
            json.WriteString("source"u8, ReportText.RelativePath(suppressed.Source, root));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("notes"u8);
        foreach (var note in options.Notes)
            JsonOutput.Note(json, note);

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>
    /// <c>"groups": { "by": "rule", "groups": [ { "key", "count", "listed", "bySeverity", "fingerprints" } ] }</c>: every
    /// standing finding counted by rule or by first element (key null for findings on no element), in report order.
    /// </summary>
    private static void WriteGroups(Utf8JsonWriter json, AnalysisResult result, ReportOptions options, int listed)
    {
        var isListed = new HashSet<Finding>(result.Findings.Take(listed), ReferenceEqualityComparer.Instance);
        json.WriteStartObject("groups"u8);
        json.WriteString("by"u8, options.GroupBy == ReportGrouping.Rule ? "rule" : "element");
        json.WriteStartArray("groups"u8);
        foreach (var group in ReportSelection.Groups(result.Findings, options.GroupBy))
        {
            json.WriteStartObject();
            if (group.Key.Length == 0)
                json.WriteNull("key"u8);
            else
                json.WriteString("key"u8, SafeText.Escape(group.Key));
            json.WriteNumber("count"u8, group.Findings.Count);
            json.WriteNumber("listed"u8, group.Findings.Count(isListed.Contains));
            JsonOutput.Counts(json, "bySeverity"u8, group.Findings);
            JsonOutput.StringArray(json, "fingerprints"u8, [.. group.Findings.Select(f => f.Fingerprint)]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
