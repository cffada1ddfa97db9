using System.Text.Json;
using ThreatModel.Analysis;

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
        var root = options.SourceRoot;
        var lookups = new ReportLookups(result.Rules, options);
        json.WriteStartObject();
        json.WriteString("schemaVersion", SchemaVersion);
        json.WriteStartObject("tool");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", options.ToolVersion);
        json.WriteEndObject();

        json.WriteStartObject("design");
        json.WriteString("name", result.Model.Name);
        if (ReportText.DesignFile(result, root) is { } file)
            json.WriteString("file", file);
        else
            json.WriteNull("file");
        json.WriteEndObject();

        json.WriteStartArray("rules");
        foreach (var rule in result.Rules)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            json.WriteString("title", rule.Title);
            json.WriteString("linddun", ReportText.Kebab(rule.Linddun.ToString()));
            json.WriteString("solove", ReportText.Kebab(rule.Solove.ToString()));
            json.WriteString("defaultSeverity", ReportText.Name(rule.DefaultSeverity));
            json.WriteString("documentation", rule.DocumentationPath);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartObject("summary");
        json.WriteNumber("findings", result.Findings.Count);
        json.WriteNumber("suppressed", result.Suppressed.Count);
        JsonOutput.Counts(json, "bySeverity", result.Findings);
        json.WriteEndObject();

        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
            JsonOutput.Finding(json, finding, lookups);
        json.WriteEndArray();

        json.WriteStartArray("suppressed");
        foreach (var suppressed in result.Suppressed)
        {
            json.WriteStartObject();
            JsonOutput.FindingFields(json, suppressed.Finding, lookups);
            json.WriteStartObject("suppression");
            json.WriteString("kind", ReportText.Name(suppressed.Kind));
            json.WriteString("justification", suppressed.Justification);
            json.WriteString("source", ReportText.RelativePath(suppressed.Source, root));
            json.WriteEndObject();
            json.WriteEndObject();
            JsonOutput.FlushIfFull(json);
        }

        json.WriteEndArray();

        json.WriteStartArray("notes");
        foreach (var note in options.Notes)
        {
            json.WriteStartObject();
            json.WriteString("message", note.Message);
            if (note.Fingerprint is null)
                json.WriteNull("fingerprint");
            else
                json.WriteString("fingerprint", note.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
