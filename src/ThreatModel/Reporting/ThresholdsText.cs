using System.Text.Json;
using ThreatModel.Analysis;

namespace ThreatModel.Reporting;

/// <summary>
/// What every report says about the review itself: the thresholds in force with their source, and the notes an
/// analysis carries (design settings ignored, acceptances that cover nothing) ahead of the caller's notes.
/// </summary>
internal static class ThresholdsText
{
    /// <summary>The options with the analysis's own notes put before the caller's.</summary>
    public static ReportOptions WithAnalysisNotes(AnalysisResult result, ReportOptions options)
    {
        var ignored = result.Thresholds.Where(t => t.DesignValueIgnored).ToList();
        var reviewer = ReviewerNote(result);
        if (ignored.Count == 0 && result.UnusedAcceptances.Count == 0 && reviewer is null)
            return options;
        return options with
        {
            Notes =
            [
                .. reviewer is null ? [] : new[] { reviewer },
                .. ignored.Select(t => new ReportNote(Thresholds.IgnoredMessage(t))),
                .. result.UnusedAcceptances.Select(a => new ReportNote(a.Message)),
                .. options.Notes,
            ],
        };
    }

    /// <summary>
    /// "Reviewer configuration threatmodel.config.yaml: TM005 off, TM003 severity medium; thresholds from it." when a
    /// reviewer's configuration was in force; null otherwise.
    /// </summary>
    public static ReportNote? ReviewerNote(AnalysisResult result)
    {
        if (result.ReviewerSource is null && result.RuleSettings.Count == 0)
            return null;
        var source = result.ReviewerSource is { } file ? $"Reviewer configuration {file.Replace('\\', '/')}" : "Reviewer settings";
        var rules = result.RuleSettings.Count == 0 ? "no rule turned off or re-rated" : string.Join(", ", result.RuleSettings.Select(s => s.Describe()));
        var thresholds = result.Thresholds.Any(t => t.Source == ThresholdSource.Reviewer) ? "; thresholds marked (reviewer) come from it" : string.Empty;
        return new ReportNote($"{source}: {rules}{thresholds}.");
    }

    /// <summary>Writes <c>"reviewer": { "source", "rules": [ ... ] }</c> when a reviewer's configuration was in force.</summary>
    public static void ReviewerJson(Utf8JsonWriter json, AnalysisResult result)
    {
        if (result.ReviewerSource is null && result.RuleSettings.Count == 0)
            return;
        json.WriteStartObject("reviewer"u8);
        if (result.ReviewerSource is { } file)
            json.WriteString("source"u8, file.Replace('\\', '/'));
        else
            json.WriteNull("source"u8);
        json.WriteStartArray("rules"u8);
        foreach (var setting in result.RuleSettings)
        {
            json.WriteStartObject();
            json.WriteString("id"u8, setting.RuleId);
            json.WriteBoolean("enabled"u8, setting.Enabled);
            Severity("severity"u8, setting.Severity);
            Severity("minimum"u8, setting.Minimum);
            Severity("maximum"u8, setting.Maximum);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();

        void Severity(ReadOnlySpan<byte> name, Findings.Severity? value)
        {
            if (value is { } severity)
                json.WriteString(name, ReportText.Name(severity));
            else
                json.WriteNull(name);
        }
    }

    /// <summary>"uniquenessThreshold 0.05 (default), minimumAnonymitySet 20 (design), ...".</summary>
    public static string Line(IReadOnlyList<ThresholdInForce> thresholds) =>
        string.Join(", ", thresholds.Select(t => t.DesignValueIgnored
            ? $"{t.Name} {ThresholdInForce.Format(t.Value)} ({t.SourceName}; the design's {ThresholdInForce.Format(t.DesignValue!.Value)} ignored)"
            : $"{t.Name} {ThresholdInForce.Format(t.Value)} ({t.SourceName})"));

    /// <summary>Writes <c>"name": [ { "name", "value", "source", "designValue" } ]</c>.</summary>
    public static void Json(Utf8JsonWriter json, ReadOnlySpan<byte> property, IReadOnlyList<ThresholdInForce> thresholds)
    {
        json.WriteStartArray(property);
        foreach (var threshold in thresholds)
        {
            json.WriteStartObject();
            json.WriteString("name"u8, threshold.Name);
            json.WriteNumber("value"u8, threshold.Value);
            json.WriteString("source"u8, threshold.SourceName);
            if (threshold.DesignValue is { } asked)
                json.WriteNumber("designValue"u8, asked);
            else
                json.WriteNull("designValue"u8);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
