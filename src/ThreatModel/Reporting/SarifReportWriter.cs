using System.Buffers;
using System.Globalization;
using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// SARIF 2.1.0 for code scanning: the rules that ran (with their documentation as help), one result per finding with a
/// repository-relative location, a fingerprint that survives reformatting, and accepted findings as suppressed results.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    /// <summary>The SARIF version written.</summary>
    public const string SarifVersion = "2.1.0";

    /// <summary>The partial-fingerprint key; its value is <see cref="Finding.Fingerprint"/>.</summary>
    public const string FingerprintKey = "threatmodel/v1";

    /// <summary>The uriBaseId of design-file locations: the repository root.</summary>
    public const string SourceRootBase = "%SRCROOT%";

    /// <summary>
    /// The results a run holds by default: code scanning accepts up to 25,000 results per run but shows only the 5,000
    /// most severe, so more only make the upload larger.
    /// </summary>
    public const int DefaultMaxResults = 5_000;

    /// <summary>Related locations per result: code scanning keeps 100 of up to 1,000.</summary>
    public const int MaxRelatedLocations = 100;

    /// <summary>Thread-flow locations per result, over all its code flows: code scanning keeps 1,000 of up to 10,000.</summary>
    public const int MaxThreadFlowLocations = 1_000;

    private const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /// <inheritdoc />
    public string Format => "sarif";

    /// <inheritdoc />
    public string FileExtension => ".sarif";

    /// <summary>The SARIF level of a severity: critical and high are errors, medium warnings, low and info notes.</summary>
    public static string Level(Severity severity) => severity switch
    {
        Severity.Critical or Severity.High => "error",
        Severity.Medium => "warning",
        _ => "note",
    };

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options) => Write(result, output, options, baselineStates: null);

    /// <inheritdoc />
    public void Write(AnalysisResult result, Stream output, ReportOptions options) => Write(result, output, options, baselineStates: null);

    /// <summary>Writes the log, marking each result's baselineState by fingerprint (used by <c>diff</c>).</summary>
    internal static void Write(AnalysisResult result, TextWriter output, ReportOptions options, IReadOnlyDictionary<string, string>? baselineStates, IReadOnlyList<Finding>? absent = null, Action<Utf8JsonWriter>? runProperties = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        JsonOutput.Write(output, json => new Log(result, options, baselineStates).Write(json, absent ?? [], runProperties));
    }

    /// <inheritdoc cref="Write(AnalysisResult, TextWriter, ReportOptions, IReadOnlyDictionary{string, string}?, IReadOnlyList{Finding}?, Action{Utf8JsonWriter}?)" />
    internal static void Write(AnalysisResult result, Stream output, ReportOptions options, IReadOnlyDictionary<string, string>? baselineStates, IReadOnlyList<Finding>? absent = null, Action<Utf8JsonWriter>? runProperties = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        JsonOutput.Write(output, json => new Log(result, options, baselineStates).Write(json, absent ?? [], runProperties));
    }

    /// <summary>One log being written: what every result looks up, built once (rule indexes, artifact URIs per design
    /// file, a buffer for messages), so writing a result builds no strings beyond the finding's fingerprint.</summary>
    private sealed class Log
    {
        private readonly AnalysisResult _result;
        private readonly ReportOptions _options;
        private readonly IReadOnlyDictionary<string, string>? _baselineStates;
        private readonly ReportLookups _lookups;
        private readonly Dictionary<string, int> _ruleIndex = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Uri, bool UnderRoot)> _artifacts = new(StringComparer.Ordinal);

        public Log(AnalysisResult result, ReportOptions options, IReadOnlyDictionary<string, string>? baselineStates)
        {
            _result = result;
            _options = options = ThresholdsText.WithAnalysisNotes(result, options);
            _baselineStates = baselineStates;
            _lookups = new ReportLookups(result.Rules, options);
            for (var i = 0; i < result.Rules.Count; i++)
                _ruleIndex.TryAdd(result.Rules[i].Id, i);
        }

        public void Write(Utf8JsonWriter json, IReadOnlyList<Finding> absent, Action<Utf8JsonWriter>? runProperties)
        {
            json.WriteStartObject();
            json.WriteString("$schema"u8, SchemaUri);
            json.WriteString("version"u8, SarifVersion);
            json.WriteStartArray("runs"u8);
            json.WriteStartObject();

            json.WriteStartObject("tool"u8);
            json.WriteStartObject("driver"u8);
            json.WriteString("name"u8, ToolInfo.Name);
            json.WriteString("semanticVersion"u8, _options.ToolVersion);
            json.WriteStartArray("rules"u8);
            foreach (var rule in _result.Rules)
                WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            // The cap keeps standing findings first (most severe first, as they are ordered), then accepted, then absent ones.
            var total = _result.Findings.Count + _result.Suppressed.Count + absent.Count;
            var cap = _options.MaxSarifResults > 0 ? Math.Min(total, _options.MaxSarifResults) : total;
            // A report's own cap (MaxResults) limits the standing findings only; accepted and absent ones follow as room allows.
            var standing = Math.Min(cap, ReportSelection.Shown(_result, _options));
            var accepted = Math.Min(cap - standing, _result.Suppressed.Count);
            var gone = Math.Min(cap - standing - accepted, absent.Count);
            var held = standing + accepted + gone;
            var byReport = standing < Math.Min(cap, _result.Findings.Count);
            var capNote = held < total
                ? $"This log holds {held.ToString("N0", CultureInfo.InvariantCulture)} of {total.ToString("N0", CultureInfo.InvariantCulture)} results, the most severe findings first "
                    + $"({(total - held).ToString("N0", CultureInfo.InvariantCulture)} left out: {LeftOutPhrase(_result.Findings.Skip(standing))}{(accepted < _result.Suppressed.Count ? $"; {(_result.Suppressed.Count - accepted).ToString("N0", CultureInfo.InvariantCulture)} accepted" : string.Empty)}), "
                    + (byReport
                        ? $"because the report lists at most {_options.MaxResults.ToString("N0", CultureInfo.InvariantCulture)} findings (max results); the exit code counts every finding."
                        : "because code scanning shows at most 5,000 results of a run; the JSON or text report lists every finding.")
                : null;

            json.WriteStartArray("invocations"u8);
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful"u8, true);
            json.WriteStartArray("toolExecutionNotifications"u8);
            if (capNote is not null)
            {
                json.WriteStartObject();
                PlainMessage(json, "message"u8, capNote);
                json.WriteString("level"u8, "warning");
                json.WriteEndObject();
            }

            foreach (var note in _options.Notes)
            {
                json.WriteStartObject();
                PlainMessage(json, "message"u8, note.Message);
                json.WriteString("level"u8, "note");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteString("columnKind"u8, "utf16CodeUnits");
            json.WriteStartArray("results"u8);
            for (var i = 0; i < standing; i++)
                WriteResult(json, _result.Findings[i], null, null);
            for (var i = 0; i < accepted; i++)
                WriteResult(json, _result.Suppressed[i].Finding, _result.Suppressed[i], null);
            for (var i = 0; i < gone; i++)
                WriteResult(json, absent[i], null, "absent");
            json.WriteEndArray();

            json.WriteStartObject("properties"u8);
            ThresholdsText.Json(json, "thresholds"u8, _result.Thresholds);
            if (capNote is not null)
            {
                json.WriteStartObject("resultsCap"u8);
                json.WriteNumber("limit"u8, byReport ? _options.MaxResults : cap);
                json.WriteNumber("total"u8, total);
                json.WriteNumber("omitted"u8, total - held);
                JsonOutput.Counts(json, "omittedBySeverity"u8, _result.Findings.Skip(standing));
                json.WriteNumber("omittedAccepted"u8, _result.Suppressed.Count - accepted);
                json.WriteNumber("omittedAbsent"u8, absent.Count - gone);
                json.WriteEndObject();
            }

            runProperties?.Invoke(json);
            json.WriteEndObject();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        /// <summary>One result; <paramref name="state"/> overrides the baseline state looked up by fingerprint.</summary>
        private void WriteResult(Utf8JsonWriter json, Finding finding, SuppressedFinding? suppressed, string? state)
        {
            var fingerprint = finding.Fingerprint;
            var baselineState = state ?? _baselineStates?.GetValueOrDefault(fingerprint);
            var model = _result.Model;
            var text = _lookups.Scratch;
            json.WriteStartObject();
            json.WriteString("ruleId"u8, finding.RuleId);
            if (_ruleIndex.TryGetValue(finding.RuleId, out var index))
                json.WriteNumber("ruleIndex"u8, index);
            json.WriteString("level"u8, Level(finding.Severity));
            PlainMessage(json, "message"u8, text.Clear().Append(finding.Title).Append(". ").Append(finding.Message).Append(" Mitigation: ").Append(finding.Mitigation).Span);

            var span = finding.Location.IsKnown
                ? finding.Location
                : string.IsNullOrEmpty(model.SourceFile) ? SourceSpan.None : SourceSpan.At(model.SourceFile, 1, 1);
            json.WriteStartArray("locations"u8);
            if (span.IsKnown)
            {
                json.WriteStartObject();
                PhysicalLocation(json, span);
                json.WriteEndObject();
            }

            json.WriteEndArray();

            // The evidence flows that were read from a file, numbered from 1; the array is left out when there are none.
            var related = 0;
            foreach (var id in finding.EvidencePath)
            {
                if (related == MaxRelatedLocations)
                    break;
                if (!model.TryGetFlow(id, out var flow) || !flow.Span.IsKnown)
                    continue;
                if (related == 0)
                    json.WriteStartArray("relatedLocations"u8);
                related++;
                json.WriteStartObject();
                json.WriteNumber("id"u8, related);
                PhysicalLocation(json, flow.Span);
                text.Clear().Append("flow ").Append(flow.Id).Append(": ").Append(flow.From).Append(" -> ").Append(flow.To)
                    .Append(" (").AppendJoined(flow.Items, ", ").Append("; purpose ").Append(flow.Purpose).Append(')');
                PlainMessage(json, "message"u8, text.Span);
                json.WriteEndObject();
            }

            if (related > 0)
                json.WriteEndArray();

            // One code flow per evidence route (SARIF 2.1.0 §3.36), each with one thread flow whose locations are the
            // route's flows in order: separate routes stay separate paths.
            if (finding.EvidenceRoutes.Count > 0)
            {
                json.WriteStartArray("codeFlows"u8);
                var steps = 0;
                foreach (var whole in finding.EvidenceRoutes)
                {
                    // Routes past the thread-flow cap are left out (the result's properties keep every route).
                    if (steps >= MaxThreadFlowLocations)
                        break;
                    var route = whole.Count <= MaxThreadFlowLocations - steps ? whole : [.. whole.Take(MaxThreadFlowLocations - steps)];
                    steps += route.Count;
                    json.WriteStartObject();
                    json.WriteStartArray("threadFlows"u8);
                    json.WriteStartObject();
                    json.WriteStartArray("locations"u8);
                    foreach (var id in route)
                    {
                        json.WriteStartObject();
                        json.WriteStartObject("location"u8);
                        if (model.TryGetFlow(id, out var flow))
                        {
                            if (flow.Span.IsKnown)
                                PhysicalLocation(json, flow.Span);
                            text.Clear().Append("flow ").Append(flow.Id).Append(": ").Append(flow.From).Append(" -> ").Append(flow.To);
                        }
                        else
                        {
                            text.Clear().Append("flow ").Append(id);
                        }

                        Message(json, "message"u8, text.Span);
                        json.WriteEndObject();
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteStartObject("partialFingerprints"u8);
            json.WriteString(FingerprintKey, fingerprint);
            json.WriteEndObject();

            if (baselineState is not null)
                json.WriteString("baselineState"u8, baselineState);

            if (suppressed is not null)
            {
                json.WriteStartArray("suppressions"u8);
                json.WriteStartObject();
                json.WriteString("kind"u8, suppressed.Kind == SuppressionKind.Baseline ? "external" : "inSource");
                json.WriteString("status"u8, "accepted");
                json.WriteString("justification"u8, SafeText.Escape(suppressed.Justification));
                json.WriteStartObject("properties"u8);
                json.WriteString("source"u8, ReportText.RelativePath(suppressed.Source, _options.SourceRoot));
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties"u8);
            json.WriteString("severity"u8, ReportText.Name(finding.Severity));
            json.WriteString("likelihood"u8, ReportText.Name(finding.Likelihood));
            json.WriteString("impact"u8, ReportText.Name(finding.Impact));
            JsonOutput.StringArray(json, "subjects"u8, finding.Subjects);
            JsonOutput.StringArray(json, "items"u8, finding.Items);
            JsonOutput.StringArray(json, "elements"u8, finding.Elements);
            JsonOutput.StringArray(json, "evidencePath"u8, finding.EvidencePath);
            JsonOutput.Routes(json, "evidenceRoutes"u8, finding.EvidenceRoutes);
            json.WriteStartArray("estimates"u8);
            foreach (var estimate in finding.Estimates)
                json.WriteStringValue(SafeText.Escape(ReportText.AppendEstimate(text.Clear(), estimate).Span.ToString()));
            json.WriteEndArray();
            json.WriteString("mitigation"u8, SafeText.Escape(finding.Mitigation));
            JsonOutput.Remedies(json, finding);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private void PhysicalLocation(Utf8JsonWriter json, SourceSpan span)
        {
            json.WriteStartObject("physicalLocation"u8);
            json.WriteStartObject("artifactLocation"u8);
            var (uri, underRoot) = Artifact(span.File);
            json.WriteString("uri"u8, uri);
            if (underRoot)
                json.WriteString("uriBaseId"u8, SourceRootBase);
            json.WriteEndObject();
            json.WriteStartObject("region"u8);
            json.WriteNumber("startLine"u8, span.Line);
            json.WriteNumber("startColumn"u8, Math.Max(1, span.Column));
            if (span.EndLine >= span.Line && span.EndLine > 0)
            {
                json.WriteNumber("endLine"u8, span.EndLine);
                json.WriteNumber("endColumn"u8, Math.Max(1, span.EndColumn));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <summary>A design file's URI: escaped and relative to %SRCROOT% when the path is relative, else an absolute
        /// file URI. Computed once per file: every result and related location in a file shares it.</summary>
        private (string Uri, bool UnderRoot) Artifact(string file)
        {
            if (_artifacts.TryGetValue(file, out var artifact))
                return artifact;
            var path = _lookups.RelativePath(file);
            artifact = Path.IsPathRooted(path)
                ? (new Uri(Path.GetFullPath(file)).AbsoluteUri, false)
                : (string.Join('/', path.Split('/').Select(Uri.EscapeDataString)), true);
            _artifacts.Add(file, artifact);
            return artifact;
        }
    }

    /// <summary>"12 high, 3 medium" of the findings left out.</summary>
    private static string LeftOutPhrase(IEnumerable<Finding> findings)
    {
        var parts = ReportText.CountBySeverity(findings).Where(c => c.Count > 0).Select(c => $"{c.Count.ToString("N0", CultureInfo.InvariantCulture)} {ReportText.Name(c.Severity)}").ToList();
        return parts.Count == 0 ? "no standing findings" : string.Join(", ", parts);
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id"u8, rule.Id);
        json.WriteString("name"u8, rule.Name);
        Message(json, "shortDescription"u8, rule.Title);
        Message(json, "fullDescription"u8, rule.Summary);
        json.WriteStartObject("help"u8);
        var text = rule.Summary + (rule.Mitigations.Count > 0 ? " Mitigations: " + string.Join(" ", rule.Mitigations) : string.Empty);
        json.WriteString("text"u8, text);
        json.WriteString("markdown"u8, RuleDocumentation.Explain(rule));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration"u8);
        json.WriteString("level"u8, Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties"u8);
        JsonOutput.StringArray(json, "tags"u8, ["privacy", "security", "linddun/" + ReportText.Kebab(rule.Linddun.ToString()), "solove/" + ReportText.Kebab(rule.Solove.ToString())]);
        json.WriteString("linddun"u8, ReportText.Kebab(rule.Linddun.ToString()));
        json.WriteString("linddunSubcategory"u8, rule.LinddunSubcategory);
        json.WriteString("solove"u8, ReportText.Kebab(rule.Solove.ToString()));
        json.WriteString("security-severity"u8, SecuritySeverity(rule.DefaultSeverity));
        json.WriteString("documentation"u8, rule.DocumentationPath);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A plain-text message object holding design text: control, bidi and zero-width characters as visible escapes
    /// (<see cref="SafeText"/>), and square brackets and backslashes escaped with a backslash, so that no
    /// <c>[text](url)</c> in the design becomes an embedded link (SARIF 2.1.0 §3.11.6).
    /// </summary>
    private static void PlainMessage(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<char> text)
    {
        if (!SafeText.HasSpecial(text, MessagePlain))
        {
            Message(json, name, text);
            return;
        }

        using var escaped = new StringWriter(CultureInfo.InvariantCulture);
        SafeText.Write(escaped, text, MessagePlain, static (output, text, index) =>
        {
            output.Write('\\');
            output.Write(text[index]);
        });
        Message(json, name, escaped.ToString());
    }

    /// <summary>The printable ASCII characters <see cref="PlainMessage"/> writes as they are: all but [, ] and \\.</summary>
    private static readonly SearchValues<char> MessagePlain = SafeText.With("[]\\");

    private static void Message(Utf8JsonWriter json, ReadOnlySpan<byte> name, ReadOnlySpan<char> text)
    {
        json.WriteStartObject(name);
        json.WriteString("text"u8, text);
        json.WriteEndObject();
    }

    /// <summary>The number code scanning ranks security alerts by (critical 9.0+, high 7.0+, medium 4.0+, low below).</summary>
    private static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "1.0",
    };
}
