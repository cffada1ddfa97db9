using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>
/// One self-contained HTML page for a design review: the summary, every finding with its evidence routes, estimates,
/// mitigation and rule page, filters by severity, rule, organization and subject, and the data-flow diagram (laid out
/// in-process, see <see cref="SvgDiagramWriter"/>) where selecting a finding draws its evidence routes in red. The
/// stylesheet and script are embedded; a Content-Security-Policy allows nothing else (no network, no other script), and
/// every piece of design text is escaped (<see cref="MarkupText"/>). The page is also well-formed XML, so tools (and
/// tests) can read it with an XML parser.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    private static readonly Lazy<(string Style, string Script, string Policy)> Assets = new(LoadAssets);

    /// <summary>
    /// The most findings written in full (most severe first, then accepted ones); the rest are counted by rule and
    /// severity, so a design with a hundred thousand findings gives a page a browser opens (about 3 KB per finding).
    /// </summary>
    public int MaxFindingsInFull { get; init; } = 1000;

    /// <inheritdoc />
    public string Format => "html";

    /// <inheritdoc />
    public string FileExtension => ".html";

    /// <inheritdoc />
    public void Write(AnalysisResult result, TextWriter output, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        options = ThresholdsText.WithAnalysisNotes(result, options);
        var (style, script, policy) = Assets.Value;
        var model = result.Model;
        var lookups = new ReportLookups(result.Rules, options);
        var drawing = DiagramDrawing.Of(result);
        var tokens = new Tokens(result);

        output.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        output.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\"/>\n");
        output.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        output.Write($"<meta name=\"generator\" content=\"{ToolInfo.Name} ");
        MarkupText.Write(output, options.ToolVersion);
        output.Write("\"/>\n<title>Privacy threat model: ");
        MarkupText.Write(output, model.Name);
        output.Write("</title>\n<style>");
        output.Write(style);
        output.Write("</style>\n</head>\n<body>\n<header>\n<h1>Privacy threat model: ");
        MarkupText.Write(output, model.Name);
        output.Write("</h1>\n<p class=\"meta\">");
        if (ReportText.DesignFile(result, options.SourceRoot) is { } file)
        {
            output.Write("<code>");
            MarkupText.Write(output, file);
            output.Write("</code>: ");
        }

        output.Write(ReportText.CountPhrase(result.Findings));
        output.Write($", {Count(result.Suppressed.Count)} accepted, {Count(result.Rules.Count)} rules run. Thresholds: ");
        MarkupText.Write(output, ThresholdsText.Line(result.Thresholds));
        output.Write(".</p>\n</header>\n<main>\n");

        WriteSummary(output, result);
        WriteFilters(output, result, tokens);

        // Findings beside the diagram (which stays in view while the findings scroll) on wide screens, above it on narrow ones.
        output.Write("<div class=\"review\">\n");
        WriteDiagram(output, model, drawing);
        var total = result.Findings.Count + result.Suppressed.Count;
        var inFull = Math.Min(total, Math.Max(0, MaxFindingsInFull));
        if (options.MaxResults > 0)
            inFull = Math.Min(inFull, options.MaxResults);
        output.Write($"<section id=\"findings\">\n<h2>Findings</h2>\n<p class=\"status\"><span id=\"shown-count\">{Count(inFull)}</span> of {Count(inFull)} findings shown.</p>\n");
        if (inFull < total)
        {
            output.Write($"<p class=\"diagram-note\" id=\"findings-note\">This design has {Count(total)} findings; the first {Count(inFull)} (most severe first) are shown in full, and the other {Count(total - inFull)} are counted by rule and severity at the end of the list. Every finding is in the JSON and SARIF reports.</p>\n");
        }

        if (result.Findings.Count == 0)
            output.Write("<p>No findings.</p>\n");
        var index = 0;
        var rest = new SortedDictionary<(string Rule, Severity Severity, bool Accepted), int>(Comparer<(string Rule, Severity Severity, bool Accepted)>.Create(
            (a, b) => a.Accepted != b.Accepted ? a.Accepted.CompareTo(b.Accepted) : b.Severity != a.Severity ? b.Severity.CompareTo(a.Severity) : string.CompareOrdinal(a.Rule, b.Rule)));
        void Add(Finding finding, SuppressedFinding? accepted)
        {
            if (index < inFull)
            {
                WriteFinding(output, finding, index++, accepted, lookups, drawing, tokens, options);
                return;
            }

            var key = (finding.RuleId, finding.Severity, accepted is not null);
            rest[key] = rest.GetValueOrDefault(key) + 1;
        }

        foreach (var finding in result.Findings)
            Add(finding, null);
        if (result.Suppressed.Count > 0 && index < inFull)
            output.Write("<h2>Accepted findings</h2>\n");
        foreach (var suppressed in result.Suppressed)
            Add(suppressed.Finding, suppressed);
        if (rest.Count > 0)
        {
            output.Write($"<h2>The other {Count(total - inFull)} findings</h2>\n<table id=\"more-findings\">\n<thead><tr><th>Rule</th><th>Severity</th><th>Findings</th></tr></thead>\n<tbody>\n");
            foreach (var ((rule, severity, accepted), count) in rest)
            {
                output.Write("<tr><td><code>");
                MarkupText.Write(output, rule);
                output.Write($"</code></td><td>{ReportText.Name(severity)}{(accepted ? " (accepted)" : string.Empty)}</td><td class=\"num\">{Count(count)}</td></tr>\n");
            }

            output.Write("</tbody>\n</table>\n");
        }

        output.Write("</section>\n</div>\n");
        WriteRootCauses(output, result.Findings, Math.Min(inFull, result.Findings.Count));
        WriteRules(output, result);
        if (options.Notes.Count > 0)
        {
            output.Write("<section id=\"notes\">\n<h2>Notes</h2>\n<ul>\n");
            foreach (var note in options.Notes)
            {
                output.Write("<li>");
                MarkupText.Write(output, note.Message);
                output.Write("</li>\n");
            }

            output.Write("</ul>\n</section>\n");
        }

        output.Write($"</main>\n<footer>Written by {ToolInfo.Name} ");
        MarkupText.Write(output, options.ToolVersion);
        output.Write(". This page is self-contained: it loads nothing from the network.</footer>\n<script>");
        output.Write(script);
        output.Write("</script>\n</body>\n</html>\n");
    }

    private static void WriteSummary(TextWriter output, AnalysisResult result)
    {
        output.Write("<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n<thead><tr><th>Severity</th><th>Findings</th><th>Accepted</th></tr></thead>\n<tbody>\n");
        var accepted = ReportText.CountBySeverity(result.Suppressed.Select(s => s.Finding));
        foreach (var (severity, count) in ReportText.CountBySeverity(result.Findings))
        {
            var name = ReportText.Name(severity);
            output.Write($"<tr><td><span class=\"badge sev-{name}\">{ReportText.CapitalizedName(severity)}</span></td><td class=\"num\">{Count(count)}</td><td class=\"num\">{Count(accepted.First(a => a.Severity == severity).Count)}</td></tr>\n");
        }

        output.Write("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteDiagram(TextWriter output, SystemModel model, DiagramDrawing drawing)
    {
        output.Write("<section id=\"diagram-section\">\n<h2>Data flows</h2>\n");
        output.Write("<p class=\"status\"><span id=\"selection-status\">Select a finding to show its evidence routes in red.</span> <button type=\"button\" id=\"clear-selection\">Show all</button></p>\n");
        if (drawing.Note is { } note)
        {
            output.Write("<p class=\"diagram-note\" id=\"diagram-note\">");
            MarkupText.Write(output, note);
            output.Write("</p>\n");
        }

        output.Write("<div class=\"diagram-box\" id=\"diagram\">\n");
        SvgDiagramWriter.WriteSvg(output, model, drawing);
        output.Write("</div>\n</section>\n");
    }

    private static void WriteFilters(TextWriter output, AnalysisResult result, Tokens tokens)
    {
        output.Write("<section id=\"filters\">\n<h2>Filter</h2>\n<form class=\"filters\" autocomplete=\"off\">\n");
        output.Write("<label>Severity<select data-filter=\"severity\" id=\"filter-severity\"><option value=\"\">all</option>");
        foreach (var severity in ReportText.SeveritiesDescending)
            output.Write($"<option value=\"{ReportText.Name(severity)}\">{ReportText.Name(severity)}</option>");
        output.Write("</select></label>\n");
        var rules = result.Rules.DistinctBy(r => r.Id).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var organizations = result.Model.Organizations.DistinctBy(o => o.Id).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var subjects = result.Model.Subjects.DistinctBy(s => s.Id).ToDictionary(s => s.Id, StringComparer.Ordinal);
        WriteFilter(output, "rule", "Rule", tokens.Rules, id => rules.TryGetValue(id, out var rule) ? $"{id} {rule.Name}" : id);
        WriteFilter(output, "organization", "Organization", tokens.Organizations, id =>
            organizations.TryGetValue(id, out var o) ? DiagramLayout.OrganizationLabel(o) : id);
        WriteFilter(output, "subject", "Subject", tokens.Subjects, id =>
            subjects.TryGetValue(id, out var s) && s.Name != s.Id ? $"{s.Name} [{s.Id}]" : id);
        output.Write("</form>\n</section>\n");
    }

    private static void WriteFilter(TextWriter output, string name, string caption, IReadOnlyDictionary<string, string> values, Func<string, string> label)
    {
        output.Write($"<label>{caption}<select data-filter=\"{name}\" id=\"filter-{name}\"><option value=\"\">all</option>");
        foreach (var (id, token) in values)
        {
            output.Write($"<option value=\"{token}\">");
            MarkupText.Write(output, label(id));
            output.Write("</option>");
        }

        output.Write("</select></label>\n");
    }

    private static void WriteFinding(
        TextWriter output, Finding finding, int index, SuppressedFinding? accepted, ReportLookups lookups,
        DiagramDrawing drawing, Tokens tokens, ReportOptions options)
    {
        var severity = ReportText.Name(finding.Severity);
        var flows = finding.EvidencePath.Select(id => drawing.FlowSvgId(id)).OfType<string>().Distinct();
        var nodes = finding.Elements.Select(id => drawing.ElementSvgId(id)).OfType<string>().Distinct();
        output.Write($"<article class=\"finding sev-{severity}{(accepted is null ? string.Empty : " accepted")}\" id=\"finding-{Count(index)}\"");
        output.Write($" data-severity=\"{severity}\" data-rule=\"{tokens.Rules.GetValueOrDefault(finding.RuleId)}\"");
        output.Write($" data-organization=\"{string.Join(' ', tokens.OrganizationsOf(finding))}\" data-subject=\"{string.Join(' ', finding.Subjects.Select(s => tokens.Subjects.GetValueOrDefault(s)).OfType<string>().Distinct())}\"");
        output.Write($" data-flows=\"{string.Join(' ', flows)}\" data-nodes=\"{string.Join(' ', nodes)}\">\n");
        output.Write("<button type=\"button\" class=\"show\">Show path</button>\n");
        output.Write($"<h3><span class=\"badge sev-{severity}\">{ReportText.CapitalizedName(finding.Severity)}</span> <span class=\"title\">");
        MarkupText.Write(output, finding.Title);
        output.Write("</span></h3>\n<p class=\"meta\"><a href=\"#rule-");
        MarkupText.Write(output, finding.RuleId);
        output.Write("\"><code>");
        MarkupText.Write(output, finding.RuleId);
        if (lookups.Rule(finding.RuleId) is { } rule)
        {
            output.Write(' ');
            MarkupText.Write(output, rule.Name);
        }

        output.Write("</code></a>");
        if (finding.Location.IsKnown)
        {
            output.Write(" at <code>");
            MarkupText.Write(output, ReportText.AppendLocation(lookups.Scratch.Clear(), finding.Location, lookups).Span);
            output.Write("</code>");
        }

        output.Write($", likelihood {ReportText.Name(finding.Likelihood)}, impact {ReportText.Name(finding.Impact)}</p>\n<p class=\"message\">");
        MarkupText.Write(output, finding.Message);
        output.Write("</p>\n<dl>\n");
        WriteCodes(output, "Subjects", finding.Subjects);
        WriteCodes(output, "Items", finding.Items);
        WriteCodes(output, "Elements", finding.Elements);
        if (finding.EvidenceRoutes.Count > 0)
        {
            output.Write($"<dt>Evidence {ReportText.RoutesLabel(finding.EvidenceRoutes)}</dt><dd><ol class=\"routes\">");
            foreach (var route in finding.EvidenceRoutes)
            {
                output.Write("<li>");
                for (var i = 0; i < route.Count; i++)
                {
                    if (i > 0)
                        output.Write(" \u2192 ");
                    output.Write("<code>");
                    MarkupText.Write(output, route[i]);
                    output.Write("</code>");
                    if (tokens.Flow(route[i]) is { } flow)
                    {
                        output.Write(" (");
                        MarkupText.Write(output, flow.From);
                        output.Write(" \u2192 ");
                        MarkupText.Write(output, flow.To);
                        output.Write(')');
                    }
                }

                output.Write("</li>");
            }

            output.Write("</ol></dd>\n");
        }

        foreach (var estimate in finding.Estimates)
        {
            output.Write("<dt>Estimate</dt><dd><details><summary>");
            MarkupText.Write(output, estimate.Name);
            output.Write(" = <strong>");
            MarkupText.Write(output, estimate.Display);
            output.Write("</strong></summary>by ");
            MarkupText.Write(output, estimate.Method);
            if (estimate.Inputs.Count > 0)
            {
                output.Write("<table><tbody>");
                foreach (var input in estimate.Inputs)
                {
                    output.Write("<tr><td>");
                    MarkupText.Write(output, input.Key);
                    output.Write("</td><td>");
                    MarkupText.Write(output, input.Value);
                    output.Write("</td></tr>");
                }

                output.Write("</tbody></table>");
            }

            output.Write("</details></dd>\n");
        }

        if (finding.Mitigation.Length > 0)
        {
            output.Write("<dt>Mitigation</dt><dd class=\"mitigation\">");
            MarkupText.Write(output, finding.Mitigation);
            output.Write("</dd>\n");
        }

        if (finding.Remedies.Count > 0)
        {
            output.Write("<dt>Design edits</dt><dd><ol class=\"remedies\">");
            foreach (var edit in finding.Remedies.Take(EditsShown))
            {
                output.Write("<li>");
                MarkupText.Write(output, edit.Describe());
                output.Write(" <span class=\"cost\">(cost: ");
                MarkupText.Write(output, edit.Cost);
                output.Write(")</span></li>");
            }

            output.Write("</ol>");
            if (finding.Remedies.Count > EditsShown)
                output.Write($"<p class=\"cost\">and {Count(finding.Remedies.Count - EditsShown)} more (every edit is in the JSON report; <code>threatmodel plan</code> chooses among them)</p>");
            output.Write("</dd>\n");
        }

        if (accepted is not null)
        {
            output.Write($"<dt>Accepted</dt><dd>{ReportText.Name(accepted.Kind)}, <code>");
            MarkupText.Write(output, ReportText.RelativePath(accepted.Source, options.SourceRoot));
            output.Write("</code>: ");
            MarkupText.Write(output, accepted.Justification);
            output.Write("</dd>\n");
        }

        foreach (var note in lookups.HasFindingNotes ? lookups.NotesFor(finding.Fingerprint) : [])
        {
            output.Write("<dt>Note</dt><dd>");
            MarkupText.Write(output, note.Message);
            output.Write("</dd>\n");
        }

        output.Write($"<dt>Fingerprint</dt><dd><code>{MarkupText.Escape(finding.Fingerprint)}</code></dd>\n</dl>\n</article>\n");
    }

    /// <summary>
    /// Findings shown in full that one design edit would remove together (their first remedy is the same edit), each
    /// group with links to its findings; only groups of two or more (<see cref="RootCauses"/>).
    /// </summary>
    private static void WriteRootCauses(TextWriter output, IReadOnlyList<Finding> findings, int inFull)
    {
        var listed = findings.Take(inFull).ToList();
        var causes = RootCauses.Groups(listed);
        if (causes.Count == 0)
            return;
        var indexOf = new Dictionary<Finding, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < listed.Count; i++)
            indexOf.TryAdd(listed[i], i);
        output.Write("<section id=\"root-causes\">\n<h2>By root cause</h2>\n<p class=\"status\">Findings one design edit would remove together.</p>\n<ul class=\"root-causes\">\n");
        foreach (var (edit, group) in causes)
        {
            output.Write("<li>");
            MarkupText.Write(output, edit.Describe());
            output.Write(": ");
            for (var i = 0; i < group.Count; i++)
            {
                if (i > 0)
                    output.Write(", ");
                output.Write($"<a href=\"#finding-{Count(indexOf[group[i]])}\"><code>");
                MarkupText.Write(output, group[i].RuleId);
                output.Write(' ');
                MarkupText.Write(output, group[i].Fingerprint.Length > 8 ? group[i].Fingerprint[..8] : group[i].Fingerprint);
                output.Write("</code></a>");
            }

            output.Write("</li>\n");
        }

        output.Write("</ul>\n</section>\n");
    }

    /// <summary>The most design edits listed under one finding: the first are the rule's best; an identifier read by many parties can name hundreds.</summary>
    private const int EditsShown = 5;

    private static void WriteCodes(TextWriter output, string label, IReadOnlyList<string> values)
    {
        if (values.Count == 0)
            return;
        output.Write($"<dt>{label}</dt><dd>");
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                output.Write(", ");
            output.Write("<code>");
            MarkupText.Write(output, values[i]);
            output.Write("</code>");
        }

        output.Write("</dd>\n");
    }

    /// <summary>The pages of the rules that found something, folded: the report is read offline, away from the repository.</summary>
    private static void WriteRules(TextWriter output, AnalysisResult result)
    {
        var fired = result.Findings.Select(f => f.RuleId).Concat(result.Suppressed.Select(s => s.Finding.RuleId)).ToHashSet(StringComparer.Ordinal);
        var rules = result.Rules.Where(r => fired.Contains(r.Id)).DistinctBy(r => r.Id).ToList();
        if (rules.Count == 0)
            return;
        output.Write("<section id=\"rules\">\n<h2>Rules</h2>\n");
        foreach (var rule in rules)
        {
            output.Write("<details class=\"rule\" id=\"rule-");
            MarkupText.Write(output, rule.Id);
            output.Write("\"><summary><code>");
            MarkupText.Write(output, rule.Id);
            output.Write(' ');
            MarkupText.Write(output, rule.Name);
            output.Write("</code>: ");
            MarkupText.Write(output, rule.Title);
            output.Write(" (<code>");
            MarkupText.Write(output, rule.DocumentationPath);
            output.Write("</code>)</summary>\n<pre>");
            foreach (var line in RuleDocumentation.Explain(rule).ReplaceLineEndings("\n").Split('\n'))
            {
                MarkupText.Write(output, line);
                output.Write('\n');
            }

            output.Write("</pre></details>\n");
        }

        output.Write("</section>\n");
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static (string Style, string Script, string Policy) LoadAssets()
    {
        static string Read(string name)
        {
            using var stream = typeof(HtmlReportWriter).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from the ThreatModel assembly.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd().ReplaceLineEndings("\n");
        }

        static string Hash(string text) => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text))) + "'";

        var style = Read("ThreatModel.Reporting.Html.report.css");
        var script = Read("ThreatModel.Reporting.Html.report.js");
        var styleBlock = "\n" + style;
        var scriptBlock = script;
        var policy = $"default-src 'none'; style-src {Hash(styleBlock)}; script-src {Hash(scriptBlock)}; img-src data:; base-uri 'none'; form-action 'none'";
        return (styleBlock, scriptBlock, policy);
    }

    /// <summary>Filter values as short tokens (<c>r0</c>, <c>o3</c>, <c>s1</c>), so design ids never meet attribute or selector syntax.</summary>
    private sealed class Tokens
    {
        private readonly SystemModel _model;
        private readonly Dictionary<string, Element> _elements;
        private readonly Dictionary<string, Flow> _flows;

        public Tokens(AnalysisResult result)
        {
            _model = result.Model;
            var all = result.Findings.Concat(result.Suppressed.Select(s => s.Finding)).ToList();
            _elements = _model.Elements.DistinctBy(e => e.Id).ToDictionary(e => e.Id, StringComparer.Ordinal);
            _flows = _model.Flows.DistinctBy(f => f.Id).ToDictionary(f => f.Id, StringComparer.Ordinal);
            var rules = all.Select(f => f.RuleId).ToHashSet(StringComparer.Ordinal);
            Rules = Number(result.Rules.Select(r => r.Id).Concat(all.Select(f => f.RuleId)).Where(rules.Contains), "r");
            var subjects = all.SelectMany(f => f.Subjects).ToHashSet(StringComparer.Ordinal);
            Subjects = Number(_model.Subjects.Select(s => s.Id).Concat(all.SelectMany(f => f.Subjects)).Where(subjects.Contains), "s");
            var organizations = all.SelectMany(OrganizationIdsOf).ToHashSet(StringComparer.Ordinal);
            Organizations = Number(_model.Organizations.Select(o => o.Id).Concat(organizations).Where(organizations.Contains), "o");
        }

        public IReadOnlyDictionary<string, string> Rules { get; }

        public IReadOnlyDictionary<string, string> Subjects { get; }

        public IReadOnlyDictionary<string, string> Organizations { get; }

        /// <summary>The first flow with this id, or null.</summary>
        public Flow? Flow(string id) => _flows.GetValueOrDefault(id);

        public IEnumerable<string> OrganizationsOf(Finding finding) =>
            OrganizationIdsOf(finding).Select(id => Organizations.GetValueOrDefault(id)).OfType<string>().Distinct();

        /// <summary>The organizations of the finding's elements and of the ends of its evidence flows.</summary>
        private IEnumerable<string> OrganizationIdsOf(Finding finding)
        {
            var ends = finding.EvidencePath.Select(id => _flows.GetValueOrDefault(id)).OfType<Flow>().SelectMany(f => new[] { f.From, f.To });
            return finding.Elements.Concat(ends)
                .Select(id => _elements.GetValueOrDefault(id)?.OrganizationId)
                .OfType<string>();
        }

        private static Dictionary<string, string> Number(IEnumerable<string> ids, string prefix)
        {
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var id in ids)
                tokens.TryAdd(id, prefix + tokens.Count.ToString(CultureInfo.InvariantCulture));
            return tokens;
        }
    }
}
