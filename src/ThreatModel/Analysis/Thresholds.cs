using ThreatModel.Model;

namespace ThreatModel.Analysis;

/// <summary>
/// The review thresholds and which way is stricter: a lower uniqueness or linkage threshold finds more, a larger
/// minimum anonymity set finds more. Merges the reviewer's thresholds with the design's under a <see cref="DesignSettingsPolicy"/>.
/// </summary>
public static class Thresholds
{
    /// <summary><c>uniquenessThreshold</c>: lower is stricter.</summary>
    public const string Uniqueness = "uniquenessThreshold";

    /// <summary><c>minimumAnonymitySet</c>: higher is stricter.</summary>
    public const string AnonymitySet = "minimumAnonymitySet";

    /// <summary><c>linkageUniquenessThreshold</c>: lower is stricter.</summary>
    public const string Linkage = "linkageUniquenessThreshold";

    /// <summary>True when <paramref name="candidate"/> is looser (finds less) than <paramref name="reference"/> for the named threshold.</summary>
    public static bool IsLooser(string name, double candidate, double reference) =>
        name == AnonymitySet ? candidate < reference : candidate > reference;

    /// <summary>
    /// The thresholds in force for a design: the reviewer's, replaced by each value the design sets (a value other than
    /// the documented default) when the policy allows it. Under <see cref="DesignSettingsPolicy.TightenOnly"/> a design
    /// value that is looser than the reviewer's is ignored.
    /// </summary>
    public static (AnalysisSettings Settings, IReadOnlyList<ThresholdInForce> InForce) Resolve(AnalysisSettings design, AnalyzerOptions options)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        var reviewer = options.Thresholds;
        var defaults = AnalysisSettings.Default;
        var reviewerSource = options.ThresholdsFromReviewer ? ThresholdSource.Reviewer : ThresholdSource.Default;
        var uniqueness = One(Uniqueness, design.UniquenessThreshold, defaults.UniquenessThreshold, reviewer.UniquenessThreshold);
        var k = One(AnonymitySet, design.MinimumAnonymitySet, defaults.MinimumAnonymitySet, reviewer.MinimumAnonymitySet);
        var linkage = One(Linkage, design.LinkageUniquenessThreshold, defaults.LinkageUniquenessThreshold, reviewer.LinkageUniquenessThreshold);
        return (new AnalysisSettings(uniqueness.Value, k.Value, linkage.Value), [uniqueness, k, linkage]);

        ThresholdInForce One(string name, double fromDesign, double fallback, double fromReviewer)
        {
            if (fromDesign == fallback)
                return new ThresholdInForce(name, fromReviewer, reviewerSource, null);
            if (options.DesignSettings == DesignSettingsPolicy.Allow || !IsLooser(name, fromDesign, fromReviewer))
                return new ThresholdInForce(name, fromDesign, ThresholdSource.Design, fromDesign);
            return new ThresholdInForce(name, fromReviewer, reviewerSource, fromDesign);
        }
    }

    /// <summary>The warning for a design value that was ignored: the setting, the design's value and the value in force.</summary>
    public static string IgnoredMessage(ThresholdInForce threshold)
    {
        ArgumentNullException.ThrowIfNull(threshold);
        return $"The design sets {threshold.Name}: {ThresholdInForce.Format(threshold.DesignValue ?? threshold.Value)}, looser than the {threshold.SourceName} {ThresholdInForce.Format(threshold.Value)}; "
            + $"ignored, {ThresholdInForce.Format(threshold.Value)} is in force. A design may only tighten review thresholds (the CLI's --allow-design-settings lets it loosen them).";
    }
}
