namespace ThreatModel.Model;

/// <summary>Thresholds a design may set for its own review.</summary>
/// <param name="UniquenessThreshold">Expected share of unique records above which a release counts as re-identifiable (default 0.05: 1 in 20 records).</param>
/// <param name="MinimumAnonymitySet">Smallest acceptable expected anonymity set, k (default 10).</param>
/// <param name="LinkageUniquenessThreshold">Share of unique combinations above which quasi-identifiers act as a join key (default 0.5).</param>
public sealed record AnalysisSettings(double UniquenessThreshold, double MinimumAnonymitySet, double LinkageUniquenessThreshold)
{
    /// <summary>The defaults documented in docs/model-format.md.</summary>
    public static AnalysisSettings Default { get; } = new(0.05, 10, 0.5);
}
