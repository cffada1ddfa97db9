using ThreatModel.Analysis;
using ThreatModel.Model;

namespace ThreatModel.Testing;

/// <summary>Entry points: <c>result.Should()</c>, and <c>design.Review()</c> to analyse a design with the built-in rules.</summary>
public static class ThreatModelAssertionExtensions
{
    /// <summary>Assertions on a design review's findings.</summary>
    public static AnalysisResultAssertions Should(this AnalysisResult result) => new(result);

    /// <summary>Analyses a design with the built-in rules, or with <paramref name="analyzer"/> when given.</summary>
    public static AnalysisResult Review(this SystemModel design, Analyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        return (analyzer ?? Analyzer.CreateDefault()).Analyze(design);
    }
}
