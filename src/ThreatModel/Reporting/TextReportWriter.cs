using System.Globalization;
using ThreatModel.Analysis;

namespace ThreatModel.Reporting;

/// <summary>The terminal format: a summary line, then one block per finding, then what is accepted.</summary>
public sealed class TextReportWriter : IReportWriter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    /// <inheritdoc />
    public string Format => "text";

    /// <inheritdoc />
    public string FileExtension => ".txt";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        var file = ReportText.DesignFile(result, options.SourceRoot);
        var design = file is null ? result.Model.Name : $"{result.Model.Name} ({file})";
        var suppressed = result.Suppressed.Count > 0 ? $", {result.Suppressed.Count.ToString(CultureInfo.InvariantCulture)} accepted" : string.Empty;
        var rules = result.Rules.Count == 1 ? "1 rule" : $"{result.Rules.Count.ToString(CultureInfo.InvariantCulture)} rules";
        output.Line(Style(options, Bold, $"{design}: {ReportText.CountPhrase(result.Findings)}{suppressed}; {rules} run"));

        foreach (var finding in result.Findings)
        {
            output.Line();
            WriteFinding(output, finding, result, options, accepted: null);
        }

        if (result.Suppressed.Count > 0)
        {
            output.Line();
            output.Line(Style(options, Bold, $"Accepted ({result.Suppressed.Count.ToString(CultureInfo.InvariantCulture)}):"));
            foreach (var suppressed1 in result.Suppressed)
            {
                output.Line();
                WriteFinding(output, suppressed1.Finding, result, options, suppressed1);
            }
        }

        var general = options.Notes.Where(n => n.Fingerprint is null || !result.Findings.Any(f => f.Fingerprint == n.Fingerprint)).ToList();
        if (general.Count > 0)
        {
            output.Line();
            output.Line(Style(options, Bold, "Notes:"));
            foreach (var note in general)
                output.Line("  - " + note.Message);
        }
    }

    private static void WriteFinding(TextWriter output, Finding finding, AnalysisResult result, ReportOptions options, SuppressedFinding? accepted)
    {
        var label = ReportText.Name(finding.Severity).ToUpperInvariant();
        var name = result.Rules.FirstOrDefault(r => r.Id == finding.RuleId)?.Name;
        var heading = accepted is null
            ? $"{Style(options, SeverityColour(finding.Severity), label)} {Style(options, Bold, finding.RuleId)}{(name is null ? string.Empty : " " + name)}: {finding.Title}"
            : $"{Style(options, Dim, "ACCEPTED " + label)} {finding.RuleId}{(name is null ? string.Empty : " " + name)}: {finding.Title}";
        output.Line(heading);
        if (ReportText.Location(finding.Location, options.SourceRoot) is { } location)
            output.Line($"  at {location}");
        output.Line($"  {Indent(finding.Message)}");
        output.Line($"  likelihood: {ReportText.Name(finding.Likelihood)}, impact: {ReportText.Name(finding.Impact)}");
        if (finding.Subjects.Count > 0)
            output.Line($"  subjects: {string.Join(", ", finding.Subjects)}");
        if (finding.Items.Count > 0)
            output.Line($"  items: {string.Join(", ", finding.Items)}");
        if (finding.Elements.Count > 0)
            output.Line($"  elements: {string.Join(", ", finding.Elements)}");
        if (finding.EvidencePath.Count > 0)
            output.Line($"  path: {ReportText.EvidencePath(finding)}");
        foreach (var estimate in finding.Estimates)
            output.Line($"  estimate: {ReportText.Estimate(estimate)}");
        if (finding.Mitigation.Length > 0)
            output.Line($"  mitigation: {Indent(finding.Mitigation)}");
        if (accepted is not null)
            output.Line($"  accepted ({ReportText.Name(accepted.Kind)}, {ReportText.RelativePath(accepted.Source, options.SourceRoot)}): {accepted.Justification}");
        foreach (var note in ReportText.NotesFor(finding, options))
            output.Line($"  note: {note.Message}");
        output.Line(Style(options, Dim, $"  fingerprint: {finding.Fingerprint}"));
    }

    private static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Critical => "\u001b[1;35m",
        Severity.High => "\u001b[1;31m",
        Severity.Medium => "\u001b[33m",
        Severity.Low => "\u001b[36m",
        _ => "\u001b[2m",
    };

    /// <summary>Continuation lines of multi-line text, indented under their block.</summary>
    private static string Indent(string text) => text.ReplaceLineEndings("\n").Replace("\n", "\n    ", StringComparison.Ordinal);

    private static string Style(ReportOptions options, string code, string text) => options.Color ? code + text + Reset : text;
}
