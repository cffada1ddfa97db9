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

    /// <summary>Standard error; while a progress line is shown (<see cref="StartProgress"/>), the line that passes writes through.</summary>
    public TextWriter Error { get; private set; } = error;

    private readonly TextWriter _standardError = error;

    /// <summary>
    /// Starts a progress line on standard error when the environment allows one (<see cref="CliEnvironment.ShowProgress"/>);
    /// disposing it erases the line. When none is allowed the returned line draws nothing.
    /// </summary>
    public ProgressLine StartProgress(bool noColorOption)
    {
        var enabled = Environment.ShowProgress(noColorOption);
        var line = new ProgressLine(_standardError, enabled, Environment.ProgressDelay);
        if (enabled)
            Error = line;
        return line;
    }

    /// <summary>Ends a progress line started by <see cref="StartProgress"/>: erases it and writes to standard error directly again.</summary>
    public void EndProgress(ProgressLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        Error = _standardError;
        line.Dispose();
    }

    public CliEnvironment Environment { get; } = environment;

    /// <summary>The files this command has read (designs, baselines): no report may be written onto one of them.</summary>
    public List<string> Inputs { get; } = [];

    /// <summary>The reader limits in force for every file this command reads (set with the design's, see <see cref="DesignLoader"/>).</summary>
    public ReaderLimits Limits { get; set; } = ReaderLimits.Default;

    /// <summary>What the command was told about the model's format and overlay (<c>--input-format</c>, <c>--overlay</c>).</summary>
    public ImportRequest Import { get; set; } = ImportRequest.None;

    /// <summary>The analyzer over the built-in rules, created on first use (no reflection, no container).</summary>
    public Analyzer Analyzer => _analyzer ??= new Analyzer(Environment.CreateRules());

    /// <summary>
    /// Analyses a model under <paramref name="options"/> and applies a baseline file, if given. Null (after printing
    /// the reasons) when an acceptance names an unknown rule or the baseline cannot be used. Design settings that were
    /// ignored, and baseline acceptances that expired or no longer cover a more severe finding, are printed as warnings.
    /// </summary>
    public (AnalysisResult Result, IReadOnlyList<ReportNote> Notes)? Analyze(SystemModel model, string? baselinePath, AnalyzerOptions? options = null)
    {
        if (!AcceptancesNameKnownRules(model))
            return null;
        var result = Analyzer.Analyze(model, options ?? AnalyzerOptions.Default);
        foreach (var threshold in result.Thresholds.Where(t => t.DesignValueIgnored))
            Error.Line($"{model.SourceFile}: warning: {Thresholds.IgnoredMessage(threshold)}");
        if (baselinePath is null)
            return (result, []);
        var baseline = ReadBaseline(baselinePath);
        if (baseline is null)
            return null;

        var applied = baseline.Apply(result, Environment.Today, baselinePath.Replace('\\', '/'));
        foreach (var note in applied.Notes.Where(n => n.Expired || n.Escalated))
            Error.Line("warning: " + note.Message);
        return (applied.Result, [.. applied.Notes.Select(n => new ReportNote(n.Message, n.Fingerprint))]);
    }

    /// <summary>
    /// False (after printing each as <c>file:line:col: error TM1006: ...</c>) when an inline acceptance names a rule the
    /// analyzer does not have: such an acceptance can never match, and would hide that it never matches.
    /// </summary>
    public bool AcceptancesNameKnownRules(SystemModel model)
    {
        var unknown = Analyzer.CheckAcceptances(model);
        foreach (var diagnostic in unknown)
            Error.Line(diagnostic.ToString());
        if (unknown.Count > 0)
            Error.Line($"{model.SourceFile}: {(unknown.Count == 1 ? "1 error" : $"{unknown.Count} errors")}; the design cannot be analysed.");
        return unknown.Count == 0;
    }

    /// <summary>Reads a baseline file, printing its diagnostics; null when it cannot be used.</summary>
    public Baseline? ReadBaseline(string baselinePath)
    {
        Inputs.Add(baselinePath);
        var (baseline, diagnostics) = BaselineSerializer.ReadFile(baselinePath, Limits.MaxFileSize);
        foreach (var diagnostic in diagnostics)
            Error.Line(diagnostic.ToString());
        if (baseline is null)
            Error.Line($"{baselinePath}: the baseline cannot be used.");
        return baseline;
    }
}
