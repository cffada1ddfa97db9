using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Analysis;

/// <summary>
/// Reads a reviewer's configuration file (YAML or JSON, docs/config.md) with the same care as a design: every problem
/// is a diagnostic at <c>file:line:column</c> (codes TM1200-TM1299, warnings TM2200-TM2299, or the design reader's
/// syntax codes), unknown fields and rule ids get a "did you mean".
/// </summary>
public static class ReviewerConfigurationReader
{
    /// <summary>The file name looked for in the working directory and its parents when no <c>--config</c> is given.</summary>
    public const string DefaultFileName = "threatmodel.config.yaml";

    /// <summary>The largest configuration file read (1 MiB): a reviewer's settings are a few lines.</summary>
    public const long MaxFileSize = 1024 * 1024;

    private static readonly string[] TopFields = ["rules", "thresholds", "failOn"];
    private static readonly string[] RuleFields = ["enabled", "severity", "minimum", "maximum"];
    private static readonly string[] ThresholdFields = [Thresholds.Uniqueness, Thresholds.AnonymitySet, Thresholds.Linkage];
    private static readonly string[] SeverityNames = ["info", "low", "medium", "high", "critical"];

    /// <summary>Reads a configuration file; <paramref name="ruleIds"/> are the rules that exist (for "did you mean" and to refuse unknown ids).</summary>
    public static (ReviewerConfiguration? Configuration, IReadOnlyList<Diagnostic> Diagnostics) ReadFile(string path, IEnumerable<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(ruleIds);
        var diagnostics = new DiagnosticBag();
        string text;
        try
        {
            if (Directory.Exists(path))
                return Fail(diagnostics, path, $"The reviewer configuration '{path}' is a directory; give the path of a configuration file such as {DefaultFileName}.");
            if (!File.Exists(path))
                return Fail(diagnostics, path, $"The reviewer configuration file '{path}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.");
            var length = new FileInfo(path).Length;
            if (length > MaxFileSize)
                return Fail(diagnostics, path, $"The reviewer configuration '{path}' is {length.ToString("N0", CultureInfo.InvariantCulture)} bytes, more than the {MaxFileSize.ToString("N0", CultureInfo.InvariantCulture)} a configuration may hold.");
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return Fail(diagnostics, path, $"The reviewer configuration '{path}' could not be read: {ex.Message}");
        }

        return Parse(text, path, ruleIds);
    }

    /// <summary>Reads configuration text; <paramref name="fileName"/> names it in diagnostics and reports.</summary>
    public static (ReviewerConfiguration? Configuration, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text, string fileName, IEnumerable<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(ruleIds);
        var diagnostics = new DiagnosticBag();
        var known = ruleIds.Order(StringComparer.Ordinal).ToList();
        var body = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        var limits = ReaderLimits.Default with { MaxFileSize = MaxFileSize, MaxNodes = 100_000 };
        var root = YamlTreeReader.Read(body, fileName, limits, diagnostics);
        if (diagnostics.HasErrors)
            return (null, diagnostics.Items);
        if (root is null || (root is ScalarNode scalar && scalar.IsNull))
        {
            // An empty file configures nothing; that is allowed, and said.
            diagnostics.Warning(DiagnosticCodes.ConfigurationEmpty, $"The reviewer configuration '{fileName}' is empty: it turns no rule off and sets no threshold.", SourceSpan.At(fileName, 1, 1));
            return (new ReviewerConfiguration { Source = fileName }, diagnostics.Items);
        }

        if (root is not MappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"A reviewer configuration must be a mapping with 'rules', 'thresholds' or 'failOn', but the file holds {root.Describe()}.", root.Span);
            return (null, diagnostics.Items);
        }

        var configuration = new ReviewerConfiguration { Source = fileName };
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "rules":
                    configuration = configuration with { Rules = ReadRules(value, known, diagnostics) };
                    break;
                case "thresholds":
                    configuration = configuration with { Thresholds = ReadThresholds(value, diagnostics) };
                    break;
                case "failOn":
                    var failOnText = Scalar(value, "failOn", "one of info, low, medium, high, critical or none", diagnostics);
                    if (failOnText is null)
                        break;
                    if (string.Equals(failOnText, "none", StringComparison.OrdinalIgnoreCase))
                        configuration = configuration with { FailOnSet = true, FailOn = null };
                    else if (SeverityOf(failOnText, value, "failOn", diagnostics, allowNone: true) is { } failOn)
                        configuration = configuration with { FailOnSet = true, FailOn = failOn };
                    break;
                default:
                    Unknown(key, TopFields, "a reviewer configuration", diagnostics);
                    break;
            }
        }

        return diagnostics.HasErrors ? (null, diagnostics.Items) : (configuration, diagnostics.Items);
    }

    private static List<RuleSetting> ReadRules(DesignNode node, List<string> known, DiagnosticBag diagnostics)
    {
        var settings = new List<RuleSetting>();
        if (node is ScalarNode { IsNull: true })
            return settings;
        if (node is not MappingNode rules)
        {
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'rules' must be a mapping from rule id to a setting (off, on, or {{ severity: medium }}), but it is {node.Describe()}.", node.Span);
            return settings;
        }

        foreach (var (key, value) in rules.Entries)
        {
            var id = known.FirstOrDefault(k => string.Equals(k, key.Value, StringComparison.OrdinalIgnoreCase));
            if (id is null)
            {
                var suggestion = NameSuggester.Closest(key.Value, known);
                var hint = suggestion is null ? string.Empty : $" Did you mean {suggestion}?";
                var range = known.Count == 0 ? string.Empty : $" Rule ids are {known[0]}..{known[^1]} (threatmodel rules lists them).";
                diagnostics.Error(DiagnosticCodes.ConfigurationUnknownRule, $"The configuration names the rule '{key.Value}', which does not exist.{hint}{range}", key.Span);
                continue;
            }

            if (ReadRule(id, value, diagnostics) is { } setting)
                settings.Add(setting);
        }

        return settings;
    }

    private static RuleSetting? ReadRule(string id, DesignNode node, DiagnosticBag diagnostics)
    {
        if (node is ScalarNode scalar)
        {
            switch (scalar.Value.ToLowerInvariant())
            {
                case "off" or "false" or "no":
                    return new RuleSetting { RuleId = id, Enabled = false };
                case "on" or "true" or "yes":
                    return new RuleSetting { RuleId = id };
                default:
                    diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"The setting of {id} is '{ScalarNode.Shorten(scalar.Value)}'; expected off, on, or a mapping such as {{ severity: medium }}, {{ minimum: high }} or {{ maximum: low }}.", scalar.Span);
                    return null;
            }
        }

        if (node is not MappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"The setting of {id} is {node.Describe()}; expected off, on, or a mapping such as {{ severity: medium }}.", node.Span);
            return null;
        }

        var setting = new RuleSetting { RuleId = id };
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case "enabled":
                    var enabled = Scalar(value, $"{id}: enabled", "true or false", diagnostics);
                    if (enabled is "true" or "false")
                        setting = setting with { Enabled = enabled == "true" };
                    else if (enabled is not null)
                        diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'enabled' of {id} is '{ScalarNode.Shorten(enabled)}'; expected true or false.", value.Span);
                    break;
                case "severity":
                    setting = setting with { Severity = SeverityOf(Scalar(value, $"{id}: severity", "a severity", diagnostics), value, "severity", diagnostics) };
                    break;
                case "minimum":
                    setting = setting with { Minimum = SeverityOf(Scalar(value, $"{id}: minimum", "a severity", diagnostics), value, "minimum", diagnostics) };
                    break;
                case "maximum":
                    setting = setting with { Maximum = SeverityOf(Scalar(value, $"{id}: maximum", "a severity", diagnostics), value, "maximum", diagnostics) };
                    break;
                default:
                    Unknown(key, RuleFields, $"the setting of {id}", diagnostics);
                    break;
            }
        }

        if (setting.Minimum is { } floor && setting.Maximum is { } cap && floor > cap)
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"The setting of {id} asks for at least {Name(floor)} and at most {Name(cap)}; the minimum must not be above the maximum.", mapping.Span);
        if (setting.Severity is not null && (setting.Minimum is not null || setting.Maximum is not null))
            diagnostics.Warning(DiagnosticCodes.ConfigurationIgnored, $"The setting of {id} fixes its severity, so its 'minimum' and 'maximum' are ignored; remove them.", mapping.Span);
        if (!setting.Enabled && (setting.Severity is not null || setting.Minimum is not null || setting.Maximum is not null))
            diagnostics.Warning(DiagnosticCodes.ConfigurationIgnored, $"{id} is turned off, so its severity settings are ignored; remove them.", mapping.Span);
        return setting;
    }

    private static AnalysisSettings? ReadThresholds(DesignNode node, DiagnosticBag diagnostics)
    {
        if (node is ScalarNode { IsNull: true })
            return null;
        if (node is not MappingNode mapping)
        {
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'thresholds' must be a mapping (uniquenessThreshold, minimumAnonymitySet, linkageUniquenessThreshold), but it is {node.Describe()}.", node.Span);
            return null;
        }

        var settings = AnalysisSettings.Default;
        foreach (var (key, value) in mapping.Entries)
        {
            switch (key.Value)
            {
                case Thresholds.Uniqueness:
                    if (Number(value, key.Value, v => v > 0 && v <= 1, "a share above 0 and at most 1", diagnostics) is { } uniqueness)
                        settings = settings with { UniquenessThreshold = uniqueness };
                    break;
                case Thresholds.AnonymitySet:
                    if (Number(value, key.Value, v => v >= 1 && !double.IsInfinity(v), "a number of people of at least 1", diagnostics) is { } k)
                        settings = settings with { MinimumAnonymitySet = k };
                    break;
                case Thresholds.Linkage:
                    if (Number(value, key.Value, v => v > 0 && v <= 1, "a share above 0 and at most 1", diagnostics) is { } linkage)
                        settings = settings with { LinkageUniquenessThreshold = linkage };
                    break;
                default:
                    Unknown(key, ThresholdFields, "'thresholds'", diagnostics);
                    break;
            }
        }

        return settings;
    }

    private static double? Number(DesignNode node, string field, Func<double, bool> allowed, string expected, DiagnosticBag diagnostics)
    {
        var text = Scalar(node, field, expected, diagnostics);
        if (text is null)
            return null;
        if (!ScalarValues.TryParseNumber(text, out var value) || double.IsNaN(value) || !allowed(value))
        {
            diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'{field}' is '{ScalarNode.Shorten(text)}'; expected {expected}.", node.Span);
            return null;
        }

        return value;
    }

    private static string? Scalar(DesignNode node, string field, string expected, DiagnosticBag diagnostics)
    {
        if (node is ScalarNode scalar && !scalar.IsNull)
            return scalar.Value;
        diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'{field}' is {(node is ScalarNode ? "empty" : node.Describe())}; expected {expected}.", node.Span);
        return null;
    }

    private static Severity? SeverityOf(string? text, DesignNode node, string field, DiagnosticBag diagnostics, bool allowNone = false)
    {
        if (text is null)
            return null;
        var index = Array.FindIndex(SeverityNames, n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
            return (Severity)index;
        var names = allowNone ? [.. SeverityNames, "none"] : SeverityNames;
        var suggestion = NameSuggester.Closest(text, names);
        var hint = suggestion is null ? string.Empty : $" Did you mean {suggestion}?";
        diagnostics.Error(DiagnosticCodes.ConfigurationValue, $"'{field}' is '{ScalarNode.Shorten(text)}', which is not a severity; expected one of {string.Join(", ", names)}.{hint}", node.Span);
        return null;
    }

    private static void Unknown(FieldKey key, string[] fields, string where, DiagnosticBag diagnostics)
    {
        var suggestion = NameSuggester.Closest(key.Value, fields);
        var hint = suggestion is null ? $" Known fields: {string.Join(", ", fields)}." : $" Did you mean '{suggestion}'?";
        diagnostics.Error(DiagnosticCodes.ConfigurationUnknownField, $"'{ScalarNode.Shorten(key.Value)}' is not a field of {where}.{hint}", key.Span);
    }

    private static string Name(Severity severity) => SeverityNames[(int)severity];

    private static (ReviewerConfiguration?, IReadOnlyList<Diagnostic>) Fail(DiagnosticBag diagnostics, string path, string message)
    {
        diagnostics.Error(DiagnosticCodes.ConfigurationUnreadable, message, SourceSpan.At(path, 1, 1));
        return (null, diagnostics.Items);
    }
}
