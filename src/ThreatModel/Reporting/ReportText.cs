using System.Globalization;
using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
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

    /// <summary>The severity's name in capitals, as the text format labels findings.</summary>
    public static string UpperName(Severity severity) => severity switch
    {
        Severity.Critical => "CRITICAL",
        Severity.High => "HIGH",
        Severity.Medium => "MEDIUM",
        Severity.Low => "LOW",
        _ => "INFO",
    };

    /// <summary>The severity's name with a capital first letter, as the Markdown format heads findings.</summary>
    public static string CapitalizedName(Severity severity) => severity switch
    {
        Severity.Critical => "Critical",
        Severity.High => "High",
        Severity.Medium => "Medium",
        Severity.Low => "Low",
        _ => "Info",
    };

    // Kebab-case names of the defined values, computed once: every finding names its likelihood and impact.
    private static readonly string?[] LikelihoodNames = NamesByValue<Likelihood>();
    private static readonly string?[] ImpactNames = NamesByValue<Impact>();

    public static string Name(Likelihood likelihood) =>
        (uint)likelihood < (uint)LikelihoodNames.Length && LikelihoodNames[(int)likelihood] is { } name ? name : Kebab(likelihood.ToString());

    public static string Name(Impact impact) =>
        (uint)impact < (uint)ImpactNames.Length && ImpactNames[(int)impact] is { } name ? name : Kebab(impact.ToString());

    private static string?[] NamesByValue<T>()
        where T : struct, Enum
    {
        var values = Enum.GetValues<T>().Select(v => (Value: Convert.ToInt32(v, CultureInfo.InvariantCulture), Name: Kebab(v.ToString()))).Where(v => v.Value >= 0).ToList();
        var names = new string?[values.Count == 0 ? 0 : values.Max(v => v.Value) + 1];
        foreach (var (value, name) in values)
            names[value] ??= name;
        return names;
    }

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

    /// <summary>Appends an estimate in one line: name = value (method; input=value, ...).</summary>
    public static ScratchText AppendEstimate(ScratchText text, Estimate estimate)
    {
        text.Append(estimate.Name).Append(" = ").Append(estimate.Display).Append(" (").Append(estimate.Method);
        for (var i = 0; i < estimate.Inputs.Count; i++)
        {
            var input = estimate.Inputs[i];
            text.Append(i == 0 ? "; " : ", ").Append(input.Key).Append('=').Append(input.Value);
        }

        return text.Append(')');
    }

    /// <summary>Appends file:line:col of a known span, the path made relative once per file.</summary>
    public static ScratchText AppendLocation(ScratchText text, SourceSpan span, ReportLookups lookups) =>
        text.Append(lookups.RelativePath(span.File)).Append(':').Append(span.Line).Append(':').Append(span.Column);

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

    /// <summary>Writes an integer in the invariant culture, without a string.</summary>
    public static void WriteNumber(this TextWriter output, int value)
    {
        Span<char> digits = stackalloc char[11];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        output.Write(digits[..written]);
    }

    /// <summary>Writes the values with <paramref name="separator"/> between them.</summary>
    public static void WriteJoined(this TextWriter output, IReadOnlyList<string> values, string separator)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                output.Write(separator);
            output.Write(values[i]);
        }
    }

    /// <summary>
    /// Writes a finding's evidence routes as separate paths: <c>a -> b</c> for one route, <c>a -> b; c -> d</c> for
    /// several; a route is never joined to the next one by an arrow.
    /// </summary>
    public static void WriteRoutes(this TextWriter output, IReadOnlyList<IReadOnlyList<string>> routes)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            if (i > 0)
                output.Write(RouteSeparator);
            var route = routes[i];
            for (var k = 0; k < route.Count; k++)
            {
                if (k > 0)
                    output.Write(" -> ");
                SafeText.Write(output, route[k]); // ids from a design file cannot hold control characters; built ones can
            }
        }
    }

    /// <summary>Appends the routes as <see cref="WriteRoutes"/> writes them.</summary>
    public static ScratchText AppendRoutes(this ScratchText text, IReadOnlyList<IReadOnlyList<string>> routes)
    {
        for (var i = 0; i < routes.Count; i++)
        {
            if (i > 0)
                text.Append(RouteSeparator);
            text.AppendJoined(routes[i], " -> ");
        }

        return text;
    }

    /// <summary>Writes <c>{indent}path: a -> b</c> or <c>{indent}routes: a -> b; c -> d</c> and a line end; nothing when there are no routes.</summary>
    public static void WriteRoutesLine(this TextWriter output, string indent, IReadOnlyList<IReadOnlyList<string>> routes)
    {
        if (routes.Count == 0)
            return;
        output.Write(indent);
        output.Write(RoutesLabel(routes));
        output.Write(": ");
        output.WriteRoutes(routes);
        output.Write('\n');
    }

    /// <summary>"path" for one evidence route, "routes" for several.</summary>
    public static string RoutesLabel(IReadOnlyList<IReadOnlyList<string>> routes) => routes.Count == 1 ? "path" : "routes";

    private const string RouteSeparator = "; ";

    /// <summary>Writes a line ending in \n, whatever the writer's NewLine.</summary>
    public static void Line(this TextWriter output, string text = "")
    {
        output.Write(text);
        output.Write('\n');
    }
}
