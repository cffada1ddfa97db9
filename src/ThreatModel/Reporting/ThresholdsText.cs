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
        if (ignored.Count == 0 && result.UnusedAcceptances.Count == 0)
            return options;
        return options with
        {
            Notes =
            [
                .. ignored.Select(t => new ReportNote(Thresholds.IgnoredMessage(t))),
                .. result.UnusedAcceptances.Select(a => new ReportNote(a.Message)),
                .. options.Notes,
            ],
        };
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
