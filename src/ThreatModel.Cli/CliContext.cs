using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Cli;

/// <summary>What every command writes to and reads from.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, CliEnvironment environment)
{
    private Analyzer? _analyzer;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public CliEnvironment Environment { get; } = environment;

    /// <summary>The files this command has read (designs, baselines): no report may be written onto one of them.</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>The reader limits in force for every file this command reads (set with the design's, see <see cref="DesignLoader"/>).</summary>
    public ReaderLimits Limits { get; set; } = ReaderLimits.Default;

    /// <summary>The analyzer over the built-in rules, created on first use (no reflection, no container).</summary>
    public Analyzer Analyzer => _analyzer ??= new Analyzer(Environment.CreateRules());

    /// <summary>Analyses a model and applies a baseline file, if given.</summary>
    public (AnalysisResult Result, IReadOnlyList<ReportNote> Notes)? Analyze(SystemModel model, string? baselinePath)
    {
        var result = Analyzer.Analyze(model);
        if (baselinePath is null)
            return (result, []);
        Inputs.Add(baselinePath);
        var (baseline, diagnostics) = BaselineSerializer.ReadFile(baselinePath, Limits.MaxFileSize);
        foreach (var diagnostic in diagnostics)
            Error.Line(diagnostic.ToString());
        if (baseline is null)
        {
            Error.Line($"{baselinePath}: the baseline cannot be used.");
            return null;
        }

        var applied = baseline.Apply(result, Environment.Today, baselinePath.Replace('\\', '/'));
        foreach (var note in applied.Notes.Where(n => n.Expired))
            Error.Line("warning: " + note.Message);
        return (applied.Result, [.. applied.Notes.Select(n => new ReportNote(n.Message, n.Fingerprint))]);
    }
}
