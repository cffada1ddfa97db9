namespace ThreatModel.Analysis;

/// <summary>The result of applying a baseline: findings it accepts moved to suppressed, and notes.</summary>
/// <param name="Result">The analysis with accepted findings suppressed.</param>
/// <param name="Notes">Expired acceptances (their findings fail again) and entries that match no finding.</param>
public sealed record BaselineApplication(AnalysisResult Result, IReadOnlyList<BaselineNote> Notes);
