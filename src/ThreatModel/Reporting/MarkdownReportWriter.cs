using System.Buffers;
using System.Globalization;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// Markdown for pull-request comments: a table of counts by severity, one section per finding with its evidence path and
/// mitigation, and the estimates and their inputs folded in <c>&lt;details&gt;</c>.
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <summary>The printable ASCII characters written as they are: all but the ones the format escapes (and <see cref="SafeText"/> looks at every other character).</summary>
    private static readonly SearchValues<char> Plain = SafeText.With("&<>\\`*_[]|#!@~:.");

    /// <summary>The characters that make a code span more than one backtick on each side of the text.</summary>
    private static readonly SearchValues<char> CodeSpecial = SearchValues.Create("`\r\n");

    /// <inheritdoc />
    public string Format => "markdown";

    /// <inheritdoc />
    public string FileExtension => ".md";

    /// <summary>The most characters a report holds by default: under the 65,536 a GitHub pull-request comment takes, with room for a heading around it.</summary>
    public const int DefaultMaxCharacters = 60_000;

    /// <summary>Notes take at most this share of a shortened report; the rest are counted.</summary>
    private const int NotesShare = 8;

    /// <inheritdoc />
    /// <remarks>
    /// A report longer than <see cref="ReportOptions.MaxMarkdownCharacters"/> is shortened: the same heading, counts and
    /// thresholds, the most severe findings in full as far as they fit, then the findings left out counted by rule and
    /// severity, and where the full report is.
    /// </remarks>
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options = ThresholdsText.WithAnalysisNotes(result, options);
        var lookups = new ReportLookups(result.Rules, options);
        var limit = options.MaxMarkdownCharacters;
        if (limit > 0)
        {
            using var counter = new CountingWriter();
            WriteFull(counter, result, lookups, options);
            if (counter.Count > limit)
            {
                WriteShortened(output, result, lookups, options, limit);
                return;
            }
        }

        WriteFull(output, result, lookups, options);
    }

    private static void WriteFull(TextWriter output, AnalysisResult result, ReportLookups lookups, ReportOptions options)
    {
        WriteHead(output, result, options);
        var listed = ReportSelection.Listed(result, options);
        if (listed.Count > 0 && options.GroupBy == ReportGrouping.None)
        {
            output.Line();
            output.Line("### Findings");
            foreach (var finding in listed)
                WriteFinding(output, finding, lookups, options, null);
        }
        else if (listed.Count > 0)
        {
            var isListed = new HashSet<Finding>(listed, ReferenceEqualityComparer.Instance);
            foreach (var group in ReportSelection.Groups(result.Findings, options.GroupBy))
            {
                var inGroup = group.Findings.Where(isListed.Contains).ToList();
                if (inGroup.Count == 0)
                    continue;
                output.Line();
                output.Write("### ");
                WriteEscaped(output, ReportSelection.Heading(group, options.GroupBy, lookups, inGroup.Count));
                output.Write('\n');
                foreach (var finding in inGroup)
                    WriteFinding(output, finding, lookups, options, null);
            }
        }

        if (ReportSelection.LeftOutLine(result, options) is { } leftOut)
        {
            output.Line();
            output.Write("> ");
            WriteEscaped(output, leftOut);
            output.Write('\n');
        }

        var causes = RootCauses.Groups(listed);
        if (causes.Count > 0)
        {
            output.Line();
            output.Line("### By root cause");
            output.Line();
            output.Line("Findings one design edit would remove together (`threatmodel plan` checks it by re-analysis):");
            output.Line();
            foreach (var (edit, findings) in causes)
            {
                output.Write("- ");
                WriteEscaped(output, edit.Describe());
                output.Write(": ");
                output.Write(string.Join(", ", findings.Select(f => $"{f.RuleId} `{f.Fingerprint[..8]}`")));
                output.Write('\n');
            }
        }

        if (result.Suppressed.Count > 0)
        {
            output.Line();
            output.Line("### Accepted findings");
            foreach (var suppressed in result.Suppressed)
                WriteFinding(output, suppressed.Finding, lookups, options, suppressed);
        }

        WriteNotes(output, options.Notes, options.Notes.Count);
    }

    private static void WriteHead(TextWriter output, AnalysisResult result, ReportOptions options)
    {
        output.Line($"## Privacy threat model: {Escape(result.Model.Name)}");
        output.Line();
        var file = ReportText.DesignFile(result, options.SourceRoot);
        var where = file is null ? string.Empty : $"{Code(file)}: ";
        output.Line($"{where}{ReportText.CountPhrase(result.Findings)}, {Count(result.Suppressed.Count)} accepted, {Count(result.Rules.Count)} rules run.");
        output.Line();
        output.Line($"Thresholds: {Escape(ThresholdsText.Line(result.Thresholds))}.");
        output.Line();
        output.Line("| Severity | Findings | Accepted |");
        output.Line("| --- | ---: | ---: |");
        var accepted = ReportText.CountBySeverity(result.Suppressed.Select(s => s.Finding));
        foreach (var (severity, count) in ReportText.CountBySeverity(result.Findings))
            output.Line($"| {ReportText.CapitalizedName(severity)} | {Count(count)} | {Count(accepted.First(a => a.Severity == severity).Count)} |");
    }

    private static void WriteNotes(TextWriter output, IReadOnlyList<ReportNote> notes, int shown)
    {
        if (notes.Count == 0)
            return;
        output.Line();
        output.Line("### Notes");
        output.Line();
        for (var i = 0; i < shown; i++)
        {
            output.Write("- ");
            WriteEscaped(output, notes[i].Message);
            output.Write('\n');
        }

        if (shown < notes.Count)
            output.Line($"- ... and {Count(notes.Count - shown)} more notes, in the full report.");
    }

    /// <summary>
    /// The report cut to <paramref name="limit"/> characters: the head, the most severe findings in full while they fit,
    /// the rest counted by rule and severity, the notes that fit, and where the full report is.
    /// </summary>
    private static void WriteShortened(TextWriter output, AnalysisResult result, ReportLookups lookups, ReportOptions options, int limit)
    {
        using var head = new StringWriter(CultureInfo.InvariantCulture);
        WriteHead(head, result, options);

        // Notes first get their share, so a run with many baseline notes still shows findings.
        var noteBudget = limit / NotesShare;
        var notesShown = 0;
        var notesLength = 0;
        using (var note = new StringWriter(CultureInfo.InvariantCulture))
        {
            foreach (var item in options.Notes)
            {
                note.GetStringBuilder().Clear();
                note.Write("- ");
                WriteEscaped(note, item.Message);
                note.Write('\n');
                if (notesLength + note.GetStringBuilder().Length > noteBudget)
                    break;
                notesLength += note.GetStringBuilder().Length;
                notesShown++;
            }
        }

        // The footer is largest when every finding is left out: reserve that much.
        var (worstSummary, worstTable) = Footer(result, 0, options);
        var reserve = worstSummary.Length + worstTable.Length + notesLength + 200;
        var budget = limit - head.GetStringBuilder().Length - reserve;
        var sections = new List<string>();
        var used = 0;
        using (var section = new StringWriter(CultureInfo.InvariantCulture))
        {
            foreach (var finding in result.Findings.Take(ReportSelection.Shown(result, options)))
            {
                section.GetStringBuilder().Clear();
                WriteFinding(section, finding, lookups, options, null);
                var length = section.GetStringBuilder().Length;
                if (used + length > budget)
                    break;
                sections.Add(section.ToString());
                used += length;
            }
        }

        var (summary, table) = Footer(result, sections.Count, options);
        output.Write(head.ToString());
        output.Line();
        output.Write(summary);
        if (sections.Count > 0)
        {
            output.Line();
            output.Line(sections.Count == result.Findings.Count
                ? "### Findings"
                : $"### Findings: the {Count(sections.Count)} most severe of {Count(result.Findings.Count)}");
            foreach (var section in sections)
                output.Write(section);
        }

        output.Write(table);
        WriteNotes(output, options.Notes, notesShown);
    }

    /// <summary>
    /// The note that the report is shortened, and the "### Left out" section: the findings not shown (all but the first
    /// <paramref name="shown"/>), standing and accepted, counted by rule and severity.
    /// </summary>
    private static (string Summary, string Table) Footer(AnalysisResult result, int shown, ReportOptions options)
    {
        var leftOut = result.Findings.Count - shown;
        using var summary = new StringWriter(CultureInfo.InvariantCulture);
        var text = summary;
        var where = string.IsNullOrEmpty(options.FullReport)
            ? "Run `threatmodel check` with `--format json`, `--format text` or `--format sarif` for the full report."
            : $"The full report: {Escape(options.FullReport)}.";
        text.Write($"> **Shortened to fit a pull-request comment** (at most {Count(options.MaxMarkdownCharacters)} characters): ");
        text.Write($"{Count(shown)} of {Count(result.Findings.Count)} findings in full, most severe first; {Count(leftOut)} left out");
        text.Write(result.Suppressed.Count > 0 ? $" and {Count(result.Suppressed.Count)} accepted findings not listed" : string.Empty);
        text.Write($". {where}\n");

        var standing = result.Findings.Skip(shown).Select(f => (f.RuleId, f.Severity));
        var accepted = result.Suppressed.Select(s => (s.Finding.RuleId, s.Finding.Severity));
        var rows = standing.Select(r => (r.RuleId, r.Severity, Accepted: false))
            .Concat(accepted.Select(r => (r.RuleId, r.Severity, Accepted: true)))
            .GroupBy(r => r.RuleId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        if (rows.Count == 0)
            return (summary.ToString(), string.Empty);
        using var table = new StringWriter(CultureInfo.InvariantCulture);
        text = table;
        text.Write("\n### Left out\n\n| Rule | Critical | High | Medium | Low | Info | Accepted |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        foreach (var rule in rows)
        {
            var name = result.Rules.FirstOrDefault(r => r.Id == rule.Key)?.Name;
            text.Write("| ");
            WriteCode(text, rule.Key);
            if (name is not null)
            {
                text.Write(' ');
                WriteCode(text, name);
            }

            foreach (var severity in ReportText.SeveritiesDescending)
                text.Write($" | {Count(rule.Count(r => !r.Accepted && r.Severity == severity))}");
            text.Write($" | {Count(rule.Count(r => r.Accepted))} |\n");
        }

        return (summary.ToString(), table.ToString());
    }

    /// <summary>Writes one finding's section, field by field straight to the output.</summary>
    private static void WriteFinding(TextWriter output, Finding finding, ReportLookups lookups, ReportOptions options, SuppressedFinding? accepted)
    {
        var name = lookups.Rule(finding.RuleId)?.Name;
        var scratch = lookups.Scratch;
        output.Write("\n#### ");
        output.Write(ReportText.CapitalizedName(finding.Severity));
        output.Write(": ");
        WriteEscaped(output, finding.Title);
        output.Write("\n\n");

        WriteCode(output, finding.RuleId);
        if (name is not null)
        {
            output.Write(' ');
            WriteCode(output, name);
        }

        if (finding.Location.IsKnown)
        {
            output.Write(" at ");
            WriteCode(output, ReportText.AppendLocation(scratch.Clear(), finding.Location, lookups).Span);
        }

        output.Write(", likelihood ");
        output.Write(ReportText.Name(finding.Likelihood));
        output.Write(", impact ");
        output.Write(ReportText.Name(finding.Impact));
        output.Write("\n\n");
        WriteEscaped(output, finding.Message);
        output.Write("\n\n");

        WriteCodeList(output, "- **Subjects:** ", finding.Subjects);
        WriteCodeList(output, "- **Items:** ", finding.Items);
        WriteCodeList(output, "- **Elements:** ", finding.Elements);
        if (finding.EvidenceRoutes.Count == 1)
        {
            output.Write("- **Evidence path:** ");
            WriteCode(output, scratch.Clear().AppendJoined(finding.EvidenceRoutes[0], " -> ").Span);
            output.Write('\n');
        }
        else if (finding.EvidenceRoutes.Count > 1)
        {
            output.Write("- **Evidence routes:**\n");
            foreach (var route in finding.EvidenceRoutes)
            {
                output.Write("  - ");
                WriteCode(output, scratch.Clear().AppendJoined(route, " -> ").Span);
                output.Write('\n');
            }
        }

        if (finding.Mitigation.Length > 0)
        {
            output.Write("- **Mitigation:** ");
            WriteEscaped(output, finding.Mitigation);
            output.Write('\n');
        }

        if (accepted is not null)
        {
            output.Write("- **Accepted** (");
            output.Write(ReportText.Name(accepted.Kind));
            output.Write(", ");
            WriteCode(output, ReportText.RelativePath(accepted.Source, options.SourceRoot));
            output.Write("): ");
            WriteEscaped(output, accepted.Justification);
            output.Write('\n');
        }

        var fingerprint = finding.Fingerprint;
        if (lookups.HasFindingNotes)
        {
            foreach (var note in lookups.NotesFor(fingerprint))
            {
                output.Write("- **Note:** ");
                WriteEscaped(output, note.Message);
                output.Write('\n');
            }
        }

        output.Write("- Fingerprint: ");
        WriteCode(output, fingerprint);
        output.Write('\n');
        if (finding.Estimates.Count == 0)
            return;

        // Escaping works character by character, so the summary is written escaped piece by piece.
        output.Write("\n<details>\n<summary>Estimates: ");
        for (var i = 0; i < finding.Estimates.Count; i++)
        {
            if (i > 0)
                output.Write("; ");
            WriteEscaped(output, finding.Estimates[i].Name);
            output.Write(" = ");
            WriteEscaped(output, finding.Estimates[i].Display);
        }

        output.Write("</summary>\n");
        foreach (var estimate in finding.Estimates)
        {
            output.Write("\n**");
            WriteEscaped(output, estimate.Name);
            output.Write("** = ");
            WriteEscaped(output, estimate.Display);
            output.Write(", by ");
            WriteEscaped(output, estimate.Method);
            output.Write("\n\n| Input | Value |\n| --- | --- |\n");
            foreach (var input in estimate.Inputs)
            {
                output.Write("| ");
                WriteEscaped(output, input.Key);
                output.Write(" | ");
                WriteEscaped(output, input.Value);
                output.Write(" |\n");
            }
        }

        output.Write("\n</details>\n");
    }

    /// <summary>A bullet of code spans after a label, or nothing when there are none.</summary>
    private static void WriteCodeList(TextWriter output, string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        output.Write(label);
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                output.Write(", ");
            WriteCode(output, values[i]);
        }

        output.Write('\n');
    }

    private static string Count(int count) => count.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Text that renders as itself: no HTML, no emphasis or strike-through, no table breaks, no links or autolinks
    /// (<c>://</c> and <c>www.</c> are broken by an entity), no <c>@</c> mentions (<c>@&amp;#8203;</c>), and control, bidi
    /// and zero-width characters as visible escapes (<see cref="SafeText"/>).
    /// </summary>
    internal static string Escape(string text) => SafeText.Escape(text, Plain, WriteSpecial);

    /// <summary>Writes <see cref="Escape"/> of the text, the runs between special characters as they are.</summary>
    internal static void WriteEscaped(TextWriter output, ReadOnlySpan<char> text) => SafeText.Write(output, text, Plain, WriteSpecial);

    private static readonly SpecialCharacterWriter WriteSpecial = static (output, text, index) =>
    {
        var c = text[index];
        switch (c)
        {
            case '&': output.Write("&amp;"); break;
            case '<': output.Write("&lt;"); break;
            case '>': output.Write("&gt;"); break;
            case '@':
                // A zero-width space after "@" (as an entity: the design's own invisible characters are escaped) breaks
                // user and team mentions and e-mail autolinks even where a renderer decodes entities before it looks
                // for mentions; "&#64;" alone would not.
                output.Write("@&#8203;");
                break;
            case ':':
                // "://" makes a bare URL an autolink; the colon as an entity breaks it and still reads as a colon.
                if (text[(index + 1)..].StartsWith("//", StringComparison.Ordinal))
                    output.Write("&#58;");
                else
                    output.Write(':');
                break;
            case '.':
                // "www." makes an autolink too; the dot as an entity breaks it.
                if (index >= 3 && text.Slice(index - 3, 3).Equals("www", StringComparison.OrdinalIgnoreCase))
                    output.Write("&#46;");
                else
                    output.Write('.');
                break;
            default:
                output.Write('\\');
                output.Write(c);
                break;
        }
    };

    /// <summary>An inline code span that holds any text: fenced with more backticks than the text contains.</summary>
    internal static string Code(string text)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteCode(output, text);
        return output.ToString();
    }

    /// <summary>Writes <see cref="Code"/> of the text: control, bidi and zero-width characters as visible escapes
    /// (<see cref="SafeText"/>), the fence one backtick longer than the longest run inside, and a space padding text that
    /// starts or ends with a backtick.</summary>
    internal static void WriteCode(TextWriter output, ReadOnlySpan<char> text)
    {
        if (!SafeText.IsClean(text))
            text = SafeText.Escape(text.ToString());
        if (text.IndexOfAny(CodeSpecial) < 0)
        {
            output.Write('`');
            output.Write(text);
            output.Write('`');
            return;
        }

        var longest = 0;
        var run = 0;
        var first = true;
        var startsWithBacktick = false;
        var last = '\0';
        foreach (var c in text)
        {
            if (c == '\r')
                continue; // dropped, so the backticks either side of it join into one run
            if (first)
                startsWithBacktick = c == '`';
            first = false;
            last = c;
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var pad = startsWithBacktick || last == '`';
        WriteFence(output, longest + 1);
        if (pad)
            output.Write(' ');
        while (true)
        {
            var next = text.IndexOfAny('\r', '\n');
            if (next < 0)
            {
                output.Write(text);
                break;
            }

            output.Write(text[..next]);
            if (text[next] == '\n')
                output.Write(' ');
            text = text[(next + 1)..];
        }

        if (pad)
            output.Write(' ');
        WriteFence(output, longest + 1);
    }

    private static void WriteFence(TextWriter output, int length)
    {
        for (var i = 0; i < length; i++)
            output.Write('`');
    }

    /// <summary>Counts the characters written and keeps none: measures a report without holding it.</summary>
    private sealed class CountingWriter : TextWriter
    {
        public long Count { get; private set; }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

        public override void Write(char value) => Count++;

        public override void Write(char[] buffer, int index, int count) => Count += count;

        public override void Write(ReadOnlySpan<char> buffer) => Count += buffer.Length;

        public override void Write(string? value) => Count += value?.Length ?? 0;
    }
}
