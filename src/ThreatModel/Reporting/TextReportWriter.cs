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
        options = ThresholdsText.WithAnalysisNotes(result, options);
        var lookups = new ReportLookups(result.Rules, options);
        var file = ReportText.DesignFile(result, options.SourceRoot);
        // The design's name starts the report's first line: escaped so that it cannot forge lines or runner commands.
        var name = SafeText.LineStart(result.Model.Name);
        var design = file is null ? name : $"{name} ({SafeText.Escape(file)})";
        var suppressed = result.Suppressed.Count > 0 ? $", {result.Suppressed.Count.ToString(CultureInfo.InvariantCulture)} accepted" : string.Empty;
        var rules = result.Rules.Count == 1 ? "1 rule" : $"{result.Rules.Count.ToString(CultureInfo.InvariantCulture)} rules";
        output.Line(Style(options, Bold, $"{design}: {ReportText.CountPhrase(result.Findings)}{suppressed}; {rules} run"));
        output.Line($"Thresholds: {ThresholdsText.Line(result.Thresholds)}");

        // Fingerprints of the standing findings that notes name: those notes print under their finding, the rest at the end.
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var listed = ReportSelection.Listed(result, options);
        void Block(Finding finding)
        {
            output.Write('\n');
            var fingerprint = WriteFinding(output, finding, lookups, options, accepted: null);
            if (lookups.HasFindingNotes && lookups.NotesFor(fingerprint).Count > 0)
                placed.Add(fingerprint);
        }

        if (options.GroupBy == ReportGrouping.None)
        {
            foreach (var finding in listed)
                Block(finding);
        }
        else
        {
            var isListed = new HashSet<Finding>(listed, ReferenceEqualityComparer.Instance);
            foreach (var group in ReportSelection.Groups(result.Findings, options.GroupBy))
            {
                var inGroup = group.Findings.Where(isListed.Contains).ToList();
                if (inGroup.Count == 0)
                    continue;
                output.Write('\n');
                output.Line(Style(options, Bold, ReportSelection.Heading(group, options.GroupBy, lookups, inGroup.Count) + ":"));
                foreach (var finding in inGroup)
                    Block(finding);
            }
        }

        if (ReportSelection.LeftOutLine(result, options) is { } leftOut)
        {
            output.Write('\n');
            output.Line(leftOut);
        }

        var causes = RootCauses.Groups(listed);
        if (causes.Count > 0)
        {
            output.Write('\n');
            output.Line(Style(options, Bold, "By root cause (findings one design edit would remove together):"));
            foreach (var (edit, findings) in causes)
            {
                output.Write("  - ");
                SafeText.Write(output, edit.Describe());
                output.Write(": ");
                output.Write(string.Join(", ", findings.Select(f => $"{f.RuleId} {f.Fingerprint[..8]}")));
                output.Write('\n');
            }
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
                SafeText.Write(output, note.Message);
                output.Write('\n');
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
        SafeText.Write(output, finding.Title);
        output.Write('\n');

        if (finding.Location.IsKnown)
        {
            output.Write("  at ");
            SafeText.Write(output, lookups.RelativePath(finding.Location.File));
            output.Write(':');
            output.WriteNumber(finding.Location.Line);
            output.Write(':');
            output.WriteNumber(finding.Location.Column);
            output.Write('\n');
        }

        output.Write("  ");
        SafeText.WriteLineStart(output, finding.Message);
        output.Write('\n');
        output.Write("  likelihood: ");
        output.Write(ReportText.Name(finding.Likelihood));
        output.Write(", impact: ");
        output.Line(ReportText.Name(finding.Impact));
        WriteList(output, "  subjects: ", finding.Subjects, ", ");
        WriteList(output, "  items: ", finding.Items, ", ");
        WriteList(output, "  elements: ", finding.Elements, ", ");
        output.WriteRoutesLine("  ", finding.EvidenceRoutes);
        if (finding.Estimates.Count > 0)
        {
            var text = lookups.Scratch;
            foreach (var estimate in finding.Estimates)
            {
                output.Write("  estimate: ");
                SafeText.Write(output, ReportText.AppendEstimate(text.Clear(), estimate).Span);
                output.Write('\n');
            }
        }

        if (finding.Mitigation.Length > 0)
        {
            output.Write("  mitigation: ");
            SafeText.Write(output, finding.Mitigation);
            output.Write('\n');
        }

        if (accepted is not null)
        {
            output.Write("  accepted (");
            output.Write(ReportText.Name(accepted.Kind));
            output.Write(", ");
            SafeText.Write(output, ReportText.RelativePath(accepted.Source, options.SourceRoot));
            output.Write("): ");
            SafeText.Write(output, accepted.Justification);
            output.Write('\n');
        }

        if (lookups.HasFindingNotes)
        {
            foreach (var note in lookups.NotesFor(fingerprint))
            {
                output.Write("  note: ");
                SafeText.Write(output, note.Message);
                output.Write('\n');
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
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                output.Write(separator);
            SafeText.Write(output, values[i]);
        }

        output.Write('\n');
    }

    private static string SeverityColour(Severity severity) => severity switch
    {
        Severity.Critical => "\u001b[1;35m",
        Severity.High => "\u001b[1;31m",
        Severity.Medium => "\u001b[33m",
        Severity.Low => "\u001b[36m",
        _ => "\u001b[2m",
    };

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
