using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Rules;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>What the command reads from its surroundings, passed in so tests control it.</summary>
/// <param name="StdoutIsTerminal">True when standard output is a terminal (not redirected).</param>
/// <param name="GetVariable">Reads an environment variable.</param>
/// <param name="Today">The date baselines expire against.</param>
internal sealed record CliEnvironment(bool StdoutIsTerminal, Func<string, string?> GetVariable, DateOnly Today)
{
    /// <summary>Reads a design file: the design-file reader, or a stand-in in tests.</summary>
    public Func<string, ReaderLimits, (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics)> ReadDesign { get; init; } = DesignReading.Read;

    /// <summary>Creates the rules to run: the built-in rules, listed without reflection.</summary>
    public Func<IEnumerable<IPrivacyRule>> CreateRules { get; init; } = BuiltInRules.Create;

    /// <summary>
    /// Where the search for the reviewer's <c>threatmodel.config.yaml</c> starts (then each parent up to the repository
    /// root); null searches nowhere (tests, unless they set it).
    /// </summary>
    public string? ConfigSearchFrom { get; init; }

    /// <summary>True when standard error is a terminal (not redirected): only then may a progress line be drawn on it.</summary>
    public bool StderrIsTerminal { get; init; }

    /// <summary>How long a command works before its progress line appears.</summary>
    public TimeSpan ProgressDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The real process: console redirection, environment variables, today's UTC date, the working directory.</summary>
    public static CliEnvironment FromProcess() => new(
        !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable,
        DateOnly.FromDateTime(DateTime.UtcNow))
    {
        ConfigSearchFrom = Directory.GetCurrentDirectory(),
        StderrIsTerminal = !Console.IsErrorRedirected,
    };

    /// <summary>For tests: redirected output, no variables, a fixed date.</summary>
    public static CliEnvironment Fixed(DateOnly today, IReadOnlyDictionary<string, string>? variables = null) => new(
        false,
        name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        today);

    /// <summary>Colour only on a terminal, never when NO_COLOR is set (no-color.org) or TERM is dumb.</summary>
    /// <summary>
    /// Whether to draw a progress line on standard error: only when it is a terminal, and not in CI (<c>CI</c> set), on a
    /// dumb terminal, or when plain output is asked for (<c>--no-color</c>, <c>NO_COLOR</c>).
    /// </summary>
    public bool ShowProgress(bool noColorOption) =>
        !noColorOption
        && StderrIsTerminal
        && string.IsNullOrEmpty(GetVariable("CI"))
        && string.IsNullOrEmpty(GetVariable("NO_COLOR"))
        && !string.Equals(GetVariable("TERM"), "dumb", StringComparison.Ordinal);

    public bool UseColor(bool noColorOption) =>
        !noColorOption
        && StdoutIsTerminal
        && string.IsNullOrEmpty(GetVariable("NO_COLOR"))
        && !string.Equals(GetVariable("TERM"), "dumb", StringComparison.Ordinal);
}
