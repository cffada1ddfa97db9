using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// JSON writing shared by the JSON, SARIF and diff writers: indented, \n newlines, readable Unicode, streamed to the
/// output as it is written through one 64 KB block (<see cref="StreamBufferWriter"/>). Property names are UTF-8
/// literals (<c>"name"u8</c>), so the writer copies them instead of transcoding each one for every finding.
/// </summary>
internal static class JsonOutput
{
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
        using var buffer = new StreamBufferWriter(output);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        buffer.Write("\n"u8);
    }

    public static void StringArray(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<string> values)
    {
        json.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++)
            json.WriteStringValue(values[i]);
        json.WriteEndArray();
    }

    /// <summary>An array of evidence routes, each an array of flow ids in order.</summary>
    public static void Routes(Utf8JsonWriter json, ReadOnlySpan<byte> name, IReadOnlyList<IReadOnlyList<string>> routes)
    {
        json.WriteStartArray(name);
        foreach (var route in routes)
        {
            json.WriteStartArray();
            for (var i = 0; i < route.Count; i++)
                json.WriteStringValue(route[i]);
            json.WriteEndArray();
        }

        json.WriteEndArray();
    }

    /// <summary>A finite number, or null.</summary>
    public static void Number(Utf8JsonWriter json, ReadOnlySpan<byte> name, double value)
    {
        if (double.IsFinite(value))
            json.WriteNumber(name, value);
        else
            json.WriteNull(name);
    }

    /// <summary>A source span as { file, line, column, endLine, endColumn }, or null.</summary>
    public static void Location(Utf8JsonWriter json, ReadOnlySpan<byte> name, SourceSpan span, ReportLookups lookups)
    {
        if (!span.IsKnown)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        json.WriteString("file"u8, lookups.RelativePath(span.File));
        json.WriteNumber("line"u8, span.Line);
        json.WriteNumber("column"u8, span.Column);
        json.WriteNumber("endLine"u8, Math.Max(span.EndLine, span.Line));
        json.WriteNumber("endColumn"u8, span.EndLine > 0 ? span.EndColumn : span.Column);
        json.WriteEndObject();
    }

    /// <summary>Every field of a finding, plus its fingerprint.</summary>
    public static void FindingFields(Utf8JsonWriter json, Finding finding, ReportLookups lookups)
    {
        json.WriteString("fingerprint"u8, finding.Fingerprint);
        json.WriteString("ruleId"u8, finding.RuleId);
        var rule = lookups.Rule(finding.RuleId);
        if (rule is not null)
            json.WriteString("ruleName"u8, rule.Name);
        json.WriteString("severity"u8, ReportText.Name(finding.Severity));
        json.WriteString("likelihood"u8, ReportText.Name(finding.Likelihood));
        json.WriteString("impact"u8, ReportText.Name(finding.Impact));
        json.WriteString("title"u8, SafeText.Escape(finding.Title));
        json.WriteString("message"u8, SafeText.Escape(finding.Message));
        StringArray(json, "subjects"u8, finding.Subjects);
        StringArray(json, "items"u8, finding.Items);
        StringArray(json, "elements"u8, finding.Elements);
        StringArray(json, "evidencePath"u8, finding.EvidencePath);
        Routes(json, "evidenceRoutes"u8, finding.EvidenceRoutes);
        json.WriteStartArray("estimates"u8);
        foreach (var estimate in finding.Estimates)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, SafeText.Escape(estimate.Name));
            Number(json, "value"u8, estimate.Value);
            json.WriteString("unit"u8, estimate.Unit);
            json.WriteString("display"u8, SafeText.Escape(estimate.Display));
            json.WriteString("method"u8, SafeText.Escape(estimate.Method));
            json.WriteStartArray("inputs"u8);
            foreach (var input in estimate.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("name"u8, input.Key);
                json.WriteString("value"u8, SafeText.Escape(input.Value));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("mitigation"u8, SafeText.Escape(finding.Mitigation));
        Remedies(json, finding);
        Location(json, "location"u8, finding.Location, lookups);
        json.WriteString("key"u8, finding.Key);
    }

    /// <summary>
    /// The finding's remedies as design edits (<c>remedies</c>) and its root-cause group (<c>rootCause</c>: the key of
    /// the first remedy, shared by every finding the same edit would remove; null when the rule names none).
    /// </summary>
    public static void Remedies(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartArray("remedies"u8);
        foreach (var edit in finding.Remedies)
            PlanWriter.Edit(json, edit);
        json.WriteEndArray();
        if (finding.Remedies.Count > 0)
            json.WriteString("rootCause"u8, SafeText.Escape(finding.Remedies[0].Key));
        else
            json.WriteNull("rootCause"u8);
    }

    /// <summary>A finding as a JSON object.</summary>
    public static void Finding(Utf8JsonWriter json, Finding finding, ReportLookups lookups)
    {
        json.WriteStartObject();
        FindingFields(json, finding, lookups);
        json.WriteEndObject();
    }

    /// <summary>{ critical, high, medium, low, info } counts.</summary>
    public static void Counts(Utf8JsonWriter json, ReadOnlySpan<byte> name, IEnumerable<Finding> findings)
    {
        json.WriteStartObject(name);
        foreach (var (severity, count) in ReportText.CountBySeverity(findings))
            json.WriteNumber(ReportText.Name(severity), count);
        json.WriteEndObject();
    }

    /// <summary>Writes a note as <c>{ "message", "fingerprint" }</c>, its message sanitised like every design text.</summary>
    public static void Note(Utf8JsonWriter json, ReportNote note)
    {
        json.WriteStartObject();
        json.WriteString("message"u8, SafeText.Escape(note.Message));
        if (note.Fingerprint is null)
            json.WriteNull("fingerprint"u8);
        else
            json.WriteString("fingerprint"u8, note.Fingerprint);
        json.WriteEndObject();
    }
}
