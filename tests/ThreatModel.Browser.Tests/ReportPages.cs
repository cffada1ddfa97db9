using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Browser.Tests;

/// <summary>HTML reports written to disk for the browser to open, kept with their screenshots under TestResults/browser.</summary>
internal static class ReportPages
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ThreatModel.sln")))
                return directory.FullName;
        }

        throw new DirectoryNotFoundException("No ThreatModel.sln above " + AppContext.BaseDirectory);
    });

    /// <summary>Where pages and screenshots are kept: TestResults/browser in the repository (.ci/run keeps TestResults).</summary>
    public static string ArtefactFolder
    {
        get
        {
            var folder = Path.Combine(RepositoryRoot.Value, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>The example designs, as paths below examples/.</summary>
    public static IEnumerable<string> Examples =>
        Directory.GetFiles(Path.Combine(RepositoryRoot.Value, "examples"), "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Path.Combine(RepositoryRoot.Value, "examples"), p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("ci/", StringComparison.Ordinal) && !p.StartsWith("imports/", StringComparison.Ordinal)) // imports/ holds models of other formats
            .Order(StringComparer.Ordinal);

    /// <summary>Reads and analyses an example design with every built-in rule.</summary>
    public static AnalysisResult AnalyzeExample(string relativePath)
    {
        var read = DesignReader.ReadFile(Path.Combine(RepositoryRoot.Value, "examples", relativePath));
        if (read.Model is null)
            throw new InvalidOperationException($"examples/{relativePath} does not read: {string.Join("; ", read.Errors.Select(e => e.Message))}");
        return Analyzer.CreateDefault().Analyze(read.Model);
    }

    /// <summary>Analyses a model with every built-in rule.</summary>
    public static AnalysisResult Analyze(SystemModel model) => Analyzer.CreateDefault().Analyze(model);

    /// <summary>Writes the result's HTML report as {name}.html in the artefact folder and returns its path.</summary>
    public static string Write(AnalysisResult result, string name)
    {
        var path = Path.Combine(ArtefactFolder, name + ".html");
        using (var output = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)))
            new HtmlReportWriter().Write(result, output, new ReportOptions { SourceRoot = RepositoryRoot.Value });
        return path;
    }

    /// <summary>Writes the result's SVG diagram as {name}.svg in the artefact folder, beside the page, for reviewers.</summary>
    public static void WriteSvg(AnalysisResult result, string name)
    {
        using var output = new StreamWriter(Path.Combine(ArtefactFolder, name + ".svg"), append: false, new System.Text.UTF8Encoding(false));
        new SvgDiagramWriter().Write(result, output, ReportOptions.Default);
    }

    /// <summary>A file name for an example: its folder and file joined.</summary>
    public static string NameOf(string relativePath) => Path.ChangeExtension(relativePath, null).Replace('/', '-');
}
