using System.Buffers;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>The terminal format: a summary line, then one block per finding, then what is accepted.</summary>
public sealed class TextReportWriter : IReportWriter
{
    private const string Reset = "\u001b[0m";
    private const string Bold = "\u001b[1m";
    private const string Dim = "\u001b[2m";

    /// <summary>What <see cref="string.ReplaceLineEndings(string)"/> treats as a line break: CR, LF, NEL, FF, LS, PS.</summary>
    private static readonly SearchValues<char> LineBreaks = SearchValues.Create("\r\n\f\u0085\u2028\u2029");

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
        var lookups = new ReportLookups(result.Rules, options);
        var file = ReportText.DesignFile(result, options.SourceRoot);
        var design = file is null ? result.Model.Name : $"{result.Model.Name} ({file})";
        var suppressed = result.Suppressed.Count > 0 ? $", {result.Suppressed.Count.ToString(CultureInfo.InvariantCulture)} accepted" : string.Empty;
        var rules = result.Rules.Count == 1 ? "1 rule" : $"{result.Rules.Count.ToString(CultureInfo.InvariantCulture)} rules";
        output.Line(Style(options, Bold, $"{design}: {ReportText.CountPhrase(result.Findings)}{suppressed}; {rules} run"));

        // Fingerprints of the standing findings that notes name: those notes print under their finding, the rest at the end.
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            output.Write('\n');
            var fingerprint = WriteFinding(output, finding, lookups, options, accepted: null);
            if (lookups.HasFindingNotes && lookups.NotesFor(fingerprint).Count > 0)
                placed.Add(fingerprint);
        }

        if (result.Suppressed.Count > 0)
        {
            output.Write('\n');
            output.Line(Style(options, Bold, $"Accepted ({result.Suppressed.Count.ToString(CultureInfo.InvariantCulture)}):"));
            foreach (var suppressed1 in result.Suppressed)
            {
                output.Write('\n');
                WriteFinding(output, suppressed1.Finding, lookups, options, suppressed1);
            }
        }

        var general = options.Notes.Where(n => n.Fingerprint is null || !placed.Contains(n.Fingerprint)).ToList();
        if (general.Count > 0)
        {
            output.Write('\n');
            output.Line(Style(options, Bold, "Notes:"));
            foreach (var note in general)
            {
                output.Write("  - ");
                output.Line(note.Message);
            }
        }
    }

    /// <summary>Writes one finding's block, field by field straight to the output, and returns its fingerprint.</summary>
    private static string WriteFinding(TextWriter output, Finding finding, ReportLookups lookups, ReportOptions options, SuppressedFinding? accepted)
    {
        var fingerprint = finding.Fingerprint;
        var name = lookups.Rule(finding.RuleId)?.Name;
        if (accepted is null)
        {
            StyleOn(output, options, SeverityColour(finding.Severity));
            output.Write(ReportText.UpperName(finding.Severity));
            StyleOff(output, options);
            output.Write(' ');
            StyleOn(output, options, Bold);
            output.Write(finding.RuleId);
            StyleOff(output, options);
        }
        else
        {
            StyleOn(output, options, Dim);
            output.Write("ACCEPTED ");
            output.Write(ReportText.UpperName(finding.Severity));
            StyleOff(output, options);
            output.Write(' ');
            output.Write(finding.RuleId);
        }

        if (name is not null)
        {
            output.Write(' ');
            output.Write(name);
        }

        output.Write(": ");
        output.Line(finding.Title);

        if (finding.Location.IsKnown)
        {
            output.Write("  at ");
            output.Write(lookups.RelativePath(finding.Location.File));
            output.Write(':');
            output.WriteNumber(finding.Location.Line);
            output.Write(':');
            output.WriteNumber(finding.Location.Column);
            output.Write('\n');
        }

        output.Write("  ");
        WriteIndented(output, finding.Message);
        output.Write('\n');
        output.Write("  likelihood: ");
        output.Write(ReportText.Name(finding.Likelihood));
        output.Write(", impact: ");
        output.Line(ReportText.Name(finding.Impact));
        WriteList(output, "  subjects: ", finding.Subjects, ", ");
        WriteList(output, "  items: ", finding.Items, ", ");
        WriteList(output, "  elements: ", finding.Elements, ", ");
        if (finding.EvidenceRoutes.Count > 0)
        {
            output.Write("  ");
            output.Write(ReportText.RoutesLabel(finding.EvidenceRoutes));
            output.Write(": ");
            output.WriteRoutes(finding.EvidenceRoutes);
            output.Write('\n');
        }
        if (finding.Estimates.Count > 0)
        {
            var text = lookups.Scratch;
            foreach (var estimate in finding.Estimates)
            {
                output.Write("  estimate: ");
                output.Write(ReportText.AppendEstimate(text.Clear(), estimate).Span);
                output.Write('\n');
            }
        }

        if (finding.Mitigation.Length > 0)
        {
            output.Write("  mitigation: ");
            WriteIndented(output, finding.Mitigation);
            output.Write('\n');
        }

        if (accepted is not null)
        {
            output.Write("  accepted (");
            output.Write(ReportText.Name(accepted.Kind));
            output.Write(", ");
            output.Write(ReportText.RelativePath(accepted.Source, options.SourceRoot));
            output.Write("): ");
            output.Line(accepted.Justification);
        }

        if (lookups.HasFindingNotes)
        {
            foreach (var note in lookups.NotesFor(fingerprint))
            {
                output.Write("  note: ");
                output.Line(note.Message);
            }
        }

        StyleOn(output, options, Dim);
        output.Write("  fingerprint: ");
        output.Write(fingerprint);
        StyleOff(output, options);
        output.Write('\n');
        return fingerprint;
    }

    /// <summary>A line of values after a label, or nothing when there are none.</summary>
    private static void WriteList(TextWriter output, string label, IReadOnlyList<string> values, string separator)
    {
        if (values.Count == 0)
            return;
        output.Write(label);
        output.WriteJoined(values, separator);
        output.Write('\n');
    }

    /// <summary>Text with its continuation lines indented under their block; single-line text is written as it is.</summary>
    private static void WriteIndented(TextWriter output, string text)
    {
        if (text.AsSpan().IndexOfAny(LineBreaks) < 0)
            output.Write(text);
        else
            output.Write(Indent(text));
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

    private static void StyleOn(TextWriter output, ReportOptions options, string code)
    {
        if (options.Color)
            output.Write(code);
    }

    private static void StyleOff(TextWriter output, ReportOptions options)
    {
        if (options.Color)
            output.Write(Reset);
    }
}
