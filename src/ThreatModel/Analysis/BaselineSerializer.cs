using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Analysis;

/// <summary>
/// Reads and writes baseline files:
/// <c>{ "version": 1, "entries": [ { "fingerprint", "ruleId", "title", "severity", "justification", "acceptedBy", "acceptedOn", "expires" } ] }</c>
/// with dates as yyyy-MM-dd and severity as info, low, medium, high or critical (the highest severity the entry accepts;
/// an entry without one accepts low). Problems are reported as diagnostics, never as exceptions.
/// </summary>
public static class BaselineSerializer
{
    /// <summary>The format version written.</summary>
    public const int Version = 1;

    /// <summary>The largest baseline file read (4 MiB).</summary>
    public const long MaxFileSizeBytes = 4 * 1024 * 1024;

    /// <summary>Reads a baseline file of at most <see cref="MaxFileSizeBytes"/>; returns null and diagnostics when it cannot be used.</summary>
    public static (Baseline? Baseline, IReadOnlyList<Diagnostic> Diagnostics) ReadFile(string path) => ReadFile(path, MaxFileSizeBytes);

    /// <summary>
    /// Reads a baseline file; returns null and diagnostics when it cannot be used. At most <paramref name="maxFileSize"/>
    /// bytes are read, whatever the file is (a symbolic link to <c>/dev/zero</c> stops at the limit).
    /// </summary>
    /// <param name="path">The baseline file; diagnostics name it as given.</param>
    /// <param name="maxFileSize">The largest file accepted, in bytes (command line: <c>--max-file-size</c>).</param>
    public static (Baseline? Baseline, IReadOnlyList<Diagnostic> Diagnostics) ReadFile(string path, long maxFileSize)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxFileSize);
        try
        {
            if (Directory.Exists(path))
                return (null, [Error(DiagnosticCodes.UnreadableFile, $"The baseline '{path}' is a directory; expected a baseline file (threatmodel baseline writes one).", path)]);
            if (!File.Exists(path))
                return (null, [Error(DiagnosticCodes.UnreadableFile, $"The baseline file '{path}' does not exist.", path)]);
            var bytes = Formats.BoundedFile.ReadFile(path, maxFileSize, out var length);
            if (bytes is null)
                return (null, [Error(DiagnosticCodes.LimitExceeded, $"The baseline file '{path}' is larger than the limit of {maxFileSize.ToString(CultureInfo.InvariantCulture)} bytes. Raise the limit with --max-file-size.", path)]);
            var span = bytes.AsSpan(0, (int)length);
            if (span.StartsWith(Encoding.UTF8.Preamble))
                span = span[Encoding.UTF8.Preamble.Length..];
            return Read(Encoding.UTF8.GetString(span), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, [Error(DiagnosticCodes.UnreadableFile, $"The baseline file '{path}' cannot be read: {e.Message}", path)]);
        }
    }

    /// <summary>Reads baseline JSON text; <paramref name="file"/> names it in diagnostics.</summary>
    public static (Baseline? Baseline, IReadOnlyList<Diagnostic> Diagnostics) Read(string json, string file)
    {
        ArgumentNullException.ThrowIfNull(json);
        var diagnostics = new List<Diagnostic>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return (null, [new Diagnostic(DiagnosticCodes.Syntax, DiagnosticSeverity.Error, $"The baseline is not valid JSON: {e.Message}", SourceSpan.At(file, line, column))]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, [Error(DiagnosticCodes.WrongType, "The baseline must be a JSON object with an 'entries' array.", file)]);
            if (root.TryGetProperty("version", out var version) && (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version))
                diagnostics.Add(Error(DiagnosticCodes.UnknownValue, $"The baseline has version {version}; this tool reads version {Version}.", file));
            if (!root.TryGetProperty("entries", out var entries) || entries.ValueKind != JsonValueKind.Array)
                return (null, [.. diagnostics, Error(DiagnosticCodes.MissingField, "The baseline has no 'entries' array.", file)]);

            var list = new List<BaselineEntry>();
            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var where = $"Baseline entry {index.ToString(CultureInfo.InvariantCulture)}";
                index++;
                if (entry.ValueKind != JsonValueKind.Object)
                {
                    diagnostics.Add(Error(DiagnosticCodes.WrongType, $"{where} is not an object.", file));
                    continue;
                }

                var fingerprint = Text(entry, "fingerprint");
                var ruleId = Text(entry, "ruleId");
                var justification = Text(entry, "justification");
                var acceptedBy = Text(entry, "acceptedBy");
                foreach (var (name, value) in new[] { ("fingerprint", fingerprint), ("ruleId", ruleId), ("justification", justification), ("acceptedBy", acceptedBy) })
                {
                    if (string.IsNullOrWhiteSpace(value))
                        diagnostics.Add(Error(DiagnosticCodes.MissingField, $"{where} has no '{name}'; expected non-empty text.", file));
                }

                Severity? severity = null;
                if (entry.TryGetProperty("severity", out var severityValue) && severityValue.ValueKind != JsonValueKind.Null)
                {
                    if (severityValue.ValueKind == JsonValueKind.String && Enum.TryParse<Severity>(severityValue.GetString(), ignoreCase: true, out var parsed)
                        && Enum.IsDefined(parsed) && !int.TryParse(severityValue.GetString(), out _))
                        severity = parsed;
                    else
                        diagnostics.Add(Error(DiagnosticCodes.UnknownValue, $"{where} has 'severity' {severityValue}; expected info, low, medium, high or critical.", file));
                }

                var acceptedOn = DateField(entry, "acceptedOn", where, file, diagnostics);
                var expires = DateField(entry, "expires", where, file, diagnostics);
                if (!string.IsNullOrWhiteSpace(fingerprint) && !string.IsNullOrWhiteSpace(ruleId) && !string.IsNullOrWhiteSpace(justification) && !string.IsNullOrWhiteSpace(acceptedBy))
                    list.Add(new BaselineEntry
                    {
                        Fingerprint = fingerprint,
                        RuleId = ruleId,
                        Title = Text(entry, "title"),
                        Justification = justification,
                        AcceptedBy = acceptedBy,
                        AcceptedOn = acceptedOn,
                        Expires = expires,
                        Severity = severity,
                    });
            }

            return diagnostics.Count > 0 ? (null, diagnostics) : (new Baseline(list), diagnostics);
        }
    }

    /// <summary>The baseline as JSON text, entries ordered by rule id and fingerprint, \n newlines.</summary>
    public static string Write(Baseline baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n", Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartArray("entries");
            foreach (var entry in Baseline.Ordered(baseline.Entries))
            {
                json.WriteStartObject();
                json.WriteString("fingerprint", entry.Fingerprint);
                json.WriteString("ruleId", entry.RuleId);
                if (entry.Title is not null)
                    json.WriteString("title", entry.Title);
                if (entry.Severity is { } severity)
                    json.WriteString("severity", Baseline.Name(severity));
                json.WriteString("justification", entry.Justification);
                json.WriteString("acceptedBy", entry.AcceptedBy);
                if (entry.AcceptedOn is { } on)
                    json.WriteString("acceptedOn", Baseline.Date(on));
                if (entry.Expires is { } expires)
                    json.WriteString("expires", Baseline.Date(expires));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    private static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateOnly? DateField(JsonElement entry, string name, string where, string file, List<Diagnostic> diagnostics)
    {
        if (!entry.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind == JsonValueKind.String && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        diagnostics.Add(Error(DiagnosticCodes.WrongType, $"{where} has '{name}' {value}; expected a date as yyyy-MM-dd.", file));
        return null;
    }

    private static Diagnostic Error(string code, string message, string file) =>
        new(code, DiagnosticSeverity.Error, message, SourceSpan.At(file, 1, 1));
}
