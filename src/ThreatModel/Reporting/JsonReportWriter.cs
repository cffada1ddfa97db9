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

        json.WriteStartArray("findings"u8);
        foreach (var finding in result.Findings)
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
}
