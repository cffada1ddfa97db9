namespace ThreatModel.Findings;

/// <summary>The documentation pages of the built-in rules (docs/rules/*.md), embedded in the library.</summary>
public static class RuleDocumentation
{
    /// <summary>The Markdown page of a rule, or null when the rule has none (rules added by users).</summary>
    public static string? PageOf(RuleMetadata rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var name = $"ThreatModel.Docs.Rules.{rule.Id}-{rule.Name}.md";
        using var stream = typeof(RuleDocumentation).Assembly.GetManifestResourceStream(name);
        if (stream is null)
            return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>The Markdown page, or one made from the metadata when the rule has no page.</summary>
    public static string Explain(RuleMetadata rule) => PageOf(rule) ?? FromMetadata(rule);

    private static string FromMetadata(RuleMetadata rule)
    {
        var lines = new List<string>
        {
            $"# {rule.Id} {rule.Name}: {rule.Title}",
            string.Empty,
            rule.Summary,
            string.Empty,
            $"- LINDDUN: {rule.Linddun} ({rule.LinddunSubcategory})",
            $"- Solove: {rule.Solove}",
            $"- Default severity: {rule.DefaultSeverity}",
        };
        if (rule.Mitigations.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("## Mitigations");
            lines.AddRange(rule.Mitigations.Select(m => "- " + m));
        }

        if (rule.Research.Count > 0)
        {
            lines.Add(string.Empty);
            lines.Add("## Sources");
            lines.AddRange(rule.Research.Select(r => "- " + r));
        }

        return string.Join("\n", lines) + "\n";
    }
}
