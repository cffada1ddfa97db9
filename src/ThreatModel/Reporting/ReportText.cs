using System.Globalization;
using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Reporting;

/// <summary>Words and paths every writer spells the same way.</summary>
internal static class ReportText
{
    /// <summary>Severities from most to least severe.</summary>
    public static IReadOnlyList<Severity> SeveritiesDescending { get; } = [Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info];

    public static string Name(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        _ => "info",
    };

    public static string Name(Likelihood likelihood) => Kebab(likelihood.ToString());

    public static string Name(Impact impact) => Kebab(impact.ToString());

    public static string Name(SuppressionKind kind) => kind == SuppressionKind.Baseline ? "baseline" : "inline";

    /// <summary>PascalCase to kebab-case: NonRepudiation -> non-repudiation.</summary>
    public static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0)
                builder.Append('-');
            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>A path with forward slashes, relative to <paramref name="root"/> when it lies under it.</summary>
    public static string RelativePath(string file, string? root)
    {
        if (string.IsNullOrEmpty(file))
            return file;
        var path = file;
        if (root is not null && Path.IsPathRooted(file))
        {
            var full = Path.GetFullPath(file);
            var fullRoot = Path.GetFullPath(root);
            var relative = Path.GetRelativePath(fullRoot, full);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative))
                path = relative;
        }

        path = path.Replace('\\', '/');
        return path.StartsWith("./", StringComparison.Ordinal) ? path[2..] : path;
    }

    /// <summary>file:line:col with the path made relative, or null when the span is unknown.</summary>
    public static string? Location(SourceSpan span, string? root) =>
        span.IsKnown ? $"{RelativePath(span.File, root)}:{span.Line.ToString(CultureInfo.InvariantCulture)}:{span.Column.ToString(CultureInfo.InvariantCulture)}" : null;

    /// <summary>The evidence path as <c>f1 -> f2 -> f3</c>.</summary>
    public static string EvidencePath(Finding finding) => string.Join(" -> ", finding.EvidencePath);

    /// <summary>An estimate in one line: name = value (method; input=value, ...).</summary>
    public static string Estimate(Estimate estimate)
    {
        var inputs = estimate.Inputs.Count == 0 ? string.Empty : "; " + string.Join(", ", estimate.Inputs.Select(i => $"{i.Key}={i.Value}"));
        return $"{estimate.Name} = {estimate.Display} ({estimate.Method}{inputs})";
    }

    /// <summary>Findings counted by severity, most severe first, including zeroes.</summary>
    public static IReadOnlyList<(Severity Severity, int Count)> CountBySeverity(IEnumerable<Finding> findings)
    {
        var counts = new int[5];
        foreach (var finding in findings)
            counts[(int)finding.Severity]++;
        return [.. SeveritiesDescending.Select(s => (s, counts[(int)s]))];
    }

    /// <summary>"3 findings (1 critical, 2 high)".</summary>
    public static string CountPhrase(IReadOnlyCollection<Finding> findings)
    {
        var parts = CountBySeverity(findings).Where(c => c.Count > 0).Select(c => $"{c.Count.ToString(CultureInfo.InvariantCulture)} {Name(c.Severity)}").ToList();
        var noun = findings.Count == 1 ? "finding" : "findings";
        return parts.Count == 0 ? $"0 {noun}" : $"{findings.Count.ToString(CultureInfo.InvariantCulture)} {noun} ({string.Join(", ", parts)})";
    }

    /// <summary>The design file of a result as a relative path, or null when built in code.</summary>
    public static string? DesignFile(AnalysisResult result, string? root) =>
        string.IsNullOrEmpty(result.Model.SourceFile) ? null : RelativePath(result.Model.SourceFile, root);

    /// <summary>Notes that concern a finding, in order.</summary>
    public static IEnumerable<ReportNote> NotesFor(Finding finding, ReportOptions options) =>
        options.Notes.Where(n => string.Equals(n.Fingerprint, finding.Fingerprint, StringComparison.Ordinal));

    /// <summary>Writes a line ending in \n, whatever the writer's NewLine.</summary>
    public static void Line(this TextWriter output, string text = "")
    {
        output.Write(text);
        output.Write('\n');
    }
}
