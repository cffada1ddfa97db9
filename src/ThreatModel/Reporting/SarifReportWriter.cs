using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Model;
using ThreatModel.Rules;

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

    /// <summary>Writes the log, marking each result's baselineState by fingerprint (used by <c>diff</c>).</summary>
    internal static void Write(AnalysisResult result, TextWriter output, ReportOptions options, IReadOnlyDictionary<string, string>? baselineStates, IReadOnlyList<Finding>? absent = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < result.Rules.Count; i++)
            ruleIndex.TryAdd(result.Rules[i].Id, i);

        JsonOutput.Write(output, json =>
        {
            json.WriteStartObject();
            json.WriteString("$schema", SchemaUri);
            json.WriteString("version", SarifVersion);
            json.WriteStartArray("runs");
            json.WriteStartObject();

            json.WriteStartObject("tool");
            json.WriteStartObject("driver");
            json.WriteString("name", ToolInfo.Name);
            json.WriteString("semanticVersion", options.ToolVersion);
            json.WriteStartArray("rules");
            foreach (var rule in result.Rules)
                WriteRule(json, rule);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();

            json.WriteStartArray("invocations");
            json.WriteStartObject();
            json.WriteBoolean("executionSuccessful", true);
            json.WriteStartArray("toolExecutionNotifications");
            foreach (var note in options.Notes)
            {
                json.WriteStartObject();
                json.WriteStartObject("message");
                json.WriteString("text", note.Message);
                json.WriteEndObject();
                json.WriteString("level", "note");
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteString("columnKind", "utf16CodeUnits");
            json.WriteStartArray("results");
            foreach (var finding in result.Findings)
                WriteResult(json, result, finding, null, ruleIndex, options, baselineStates?.GetValueOrDefault(finding.Fingerprint));
            foreach (var suppressed in result.Suppressed)
                WriteResult(json, result, suppressed.Finding, suppressed, ruleIndex, options, baselineStates?.GetValueOrDefault(suppressed.Finding.Fingerprint));
            foreach (var finding in absent ?? [])
                WriteResult(json, result, finding, null, ruleIndex, options, "absent");
            json.WriteEndArray();

            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void WriteRule(Utf8JsonWriter json, RuleMetadata rule)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", rule.Name);
        Message(json, "shortDescription", rule.Title);
        Message(json, "fullDescription", rule.Summary);
        json.WriteStartObject("help");
        var text = rule.Summary + (rule.Mitigations.Count > 0 ? " Mitigations: " + string.Join(" ", rule.Mitigations) : string.Empty);
        json.WriteString("text", text);
        json.WriteString("markdown", RuleDocumentation.Explain(rule));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        JsonOutput.StringArray(json, "tags", ["privacy", "security", "linddun/" + ReportText.Kebab(rule.Linddun.ToString()), "solove/" + ReportText.Kebab(rule.Solove.ToString())]);
        json.WriteString("linddun", ReportText.Kebab(rule.Linddun.ToString()));
        json.WriteString("linddunSubcategory", rule.LinddunSubcategory);
        json.WriteString("solove", ReportText.Kebab(rule.Solove.ToString()));
        json.WriteString("security-severity", SecuritySeverity(rule.DefaultSeverity));
        json.WriteString("documentation", rule.DocumentationPath);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(
        Utf8JsonWriter json,
        AnalysisResult result,
        Finding finding,
        SuppressedFinding? suppressed,
        Dictionary<string, int> ruleIndex,
        ReportOptions options,
        string? baselineState)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", finding.RuleId);
        if (ruleIndex.TryGetValue(finding.RuleId, out var index))
            json.WriteNumber("ruleIndex", index);
        json.WriteString("level", Level(finding.Severity));
        Message(json, "message", $"{finding.Title}. {finding.Message} Mitigation: {finding.Mitigation}");

        var span = finding.Location.IsKnown
            ? finding.Location
            : string.IsNullOrEmpty(result.Model.SourceFile) ? SourceSpan.None : SourceSpan.At(result.Model.SourceFile, 1, 1);
        json.WriteStartArray("locations");
        if (span.IsKnown)
        {
            json.WriteStartObject();
            PhysicalLocation(json, span, options.SourceRoot);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        var related = finding.EvidencePath
            .Select(id => result.Model.TryGetFlow(id, out var flow) ? flow : null)
            .Where(flow => flow is not null && flow.Span.IsKnown)
            .ToList();
        if (related.Count > 0)
        {
            json.WriteStartArray("relatedLocations");
            for (var i = 0; i < related.Count; i++)
            {
                var flow = related[i]!;
                json.WriteStartObject();
                json.WriteNumber("id", i + 1);
                PhysicalLocation(json, flow.Span, options.SourceRoot);
                Message(json, "message", $"flow {flow.Id}: {flow.From} -> {flow.To} ({string.Join(", ", flow.Items)}; purpose {flow.Purpose})");
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, finding.Fingerprint);
        json.WriteEndObject();

        if (baselineState is not null)
            json.WriteString("baselineState", baselineState);

        if (suppressed is not null)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", suppressed.Kind == SuppressionKind.Baseline ? "external" : "inSource");
            json.WriteString("status", "accepted");
            json.WriteString("justification", suppressed.Justification);
            json.WriteStartObject("properties");
            json.WriteString("source", ReportText.RelativePath(suppressed.Source, options.SourceRoot));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("severity", ReportText.Name(finding.Severity));
        json.WriteString("likelihood", ReportText.Name(finding.Likelihood));
        json.WriteString("impact", ReportText.Name(finding.Impact));
        JsonOutput.StringArray(json, "subjects", finding.Subjects);
        JsonOutput.StringArray(json, "items", finding.Items);
        JsonOutput.StringArray(json, "elements", finding.Elements);
        JsonOutput.StringArray(json, "evidencePath", finding.EvidencePath);
        JsonOutput.StringArray(json, "estimates", finding.Estimates.Select(ReportText.Estimate));
        json.WriteString("mitigation", finding.Mitigation);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void PhysicalLocation(Utf8JsonWriter json, SourceSpan span, string? root)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        var path = ReportText.RelativePath(span.File, root);
        if (Path.IsPathRooted(path))
        {
            json.WriteString("uri", new Uri(Path.GetFullPath(span.File)).AbsoluteUri);
        }
        else
        {
            json.WriteString("uri", string.Join('/', path.Split('/').Select(Uri.EscapeDataString)));
            json.WriteString("uriBaseId", SourceRootBase);
        }

        json.WriteEndObject();
        json.WriteStartObject("region");
        json.WriteNumber("startLine", span.Line);
        json.WriteNumber("startColumn", Math.Max(1, span.Column));
        if (span.EndLine >= span.Line && span.EndLine > 0)
        {
            json.WriteNumber("endLine", span.EndLine);
            json.WriteNumber("endColumn", Math.Max(1, span.EndColumn));
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Message(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
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
