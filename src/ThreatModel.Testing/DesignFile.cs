using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Validation;

namespace ThreatModel.Testing;

/// <summary>
/// Reviews a design file in a test: <c>DesignFile.Review("docs/design/system.yaml").Should().HaveNoFindingsAtOrAbove(Severity.High)</c>.
/// </summary>
public static class DesignFile
{
    /// <summary>Reads the design file and analyses it with the built-in rules, or with <paramref name="analyzer"/> when given.</summary>
    /// <exception cref="InvalidDesignException">The file cannot be read or is not a valid design; the message lists every <c>file:line:column</c> problem.</exception>
    public static AnalysisResult Review(string path, Analyzer? analyzer = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var read = DesignReader.ReadFile(path);
        if (read.Model is null || read.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
            throw new InvalidDesignException(read.Diagnostics);
        return (analyzer ?? Analyzer.CreateDefault()).Analyze(read.Model);
    }
}
