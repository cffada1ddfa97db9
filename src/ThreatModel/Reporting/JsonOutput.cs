using System.Text.Encodings.Web;
using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// JSON writing shared by the JSON, SARIF and diff writers: indented, \n newlines, readable Unicode, streamed to the
/// output as it is written (the writer holds at most about <see cref="FlushThreshold"/> bytes plus one finding).
/// </summary>
internal static class JsonOutput
{
    /// <summary>How many bytes a JSON writer may hold before <see cref="FlushIfFull"/> passes them on.</summary>
    private const int FlushThreshold = 32 * 1024;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> against a JSON writer whose UTF-8 is decoded into <paramref name="output"/> as it goes, ending with \n.</summary>
    public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
    {
        using var stream = new Utf8TextWriterStream(output);
        Write(stream, write);
    }

    /// <summary>Runs <paramref name="write"/> against a JSON writer over <paramref name="output"/>, ending with \n. The stream stays open.</summary>
    public static void Write(Stream output, Action<Utf8JsonWriter> write)
    {
        using (var json = new Utf8JsonWriter(output, Options))
        {
            write(json);
        }

        output.Write("\n"u8);
    }

    /// <summary>Passes what the writer holds on to the output once it holds <see cref="FlushThreshold"/> bytes; called after each finding.</summary>
    public static void FlushIfFull(Utf8JsonWriter json)
    {
        if (json.BytesPending >= FlushThreshold)
            json.Flush();
    }

    public static void StringArray(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
            json.WriteStringValue(value);
        json.WriteEndArray();
    }

    /// <summary>A finite number, or null.</summary>
    public static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    /// <summary>A source span as { file, line, column, endLine, endColumn }, or null.</summary>
    public static void Location(Utf8JsonWriter json, string name, SourceSpan span, ReportLookups lookups)
    {
        if (!span.IsKnown)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("file", lookups.RelativePath(span.File));
        json.WriteNumber("line", span.Line);
        json.WriteNumber("column", span.Column);
        json.WriteNumber("endLine", Math.Max(span.EndLine, span.Line));
        json.WriteNumber("endColumn", span.EndLine > 0 ? span.EndColumn : span.Column);
        json.WriteEndObject();
    }

    /// <summary>Every field of a finding, plus its fingerprint.</summary>
    public static void FindingFields(Utf8JsonWriter json, Finding finding, ReportLookups lookups)
    {
        json.WriteString("fingerprint", finding.Fingerprint);
        json.WriteString("ruleId", finding.RuleId);
        var rule = lookups.Rule(finding.RuleId);
        if (rule is not null)
            json.WriteString("ruleName", rule.Name);
        json.WriteString("severity", ReportText.Name(finding.Severity));
        json.WriteString("likelihood", ReportText.Name(finding.Likelihood));
        json.WriteString("impact", ReportText.Name(finding.Impact));
        json.WriteString("title", finding.Title);
        json.WriteString("message", finding.Message);
        StringArray(json, "subjects", finding.Subjects);
        StringArray(json, "items", finding.Items);
        StringArray(json, "elements", finding.Elements);
        StringArray(json, "evidencePath", finding.EvidencePath);
        json.WriteStartArray("estimates");
        foreach (var estimate in finding.Estimates)
        {
            json.WriteStartObject();
            json.WriteString("name", estimate.Name);
            Number(json, "value", estimate.Value);
            json.WriteString("unit", estimate.Unit);
            json.WriteString("display", estimate.Display);
            json.WriteString("method", estimate.Method);
            json.WriteStartArray("inputs");
            foreach (var input in estimate.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name", input.Key);
                json.WriteString("value", input.Value);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("mitigation", finding.Mitigation);
        Location(json, "location", finding.Location, lookups);
        json.WriteString("key", finding.Key);
    }

    /// <summary>A finding as a JSON object; the writer is flushed after it when it holds enough.</summary>
    public static void Finding(Utf8JsonWriter json, Finding finding, ReportLookups lookups)
    {
        json.WriteStartObject();
        FindingFields(json, finding, lookups);
        json.WriteEndObject();
        FlushIfFull(json);
    }

    /// <summary>{ critical, high, medium, low, info } counts.</summary>
    public static void Counts(Utf8JsonWriter json, string name, IEnumerable<Finding> findings)
    {
        json.WriteStartObject(name);
        foreach (var (severity, count) in ReportText.CountBySeverity(findings))
            json.WriteNumber(ReportText.Name(severity), count);
        json.WriteEndObject();
    }
}
