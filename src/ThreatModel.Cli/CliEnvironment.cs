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

    /// <summary>The real process: console redirection, environment variables, today's UTC date, the working directory.</summary>
    public static CliEnvironment FromProcess() => new(
        !Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable,
        DateOnly.FromDateTime(DateTime.UtcNow))
    {
        ConfigSearchFrom = Directory.GetCurrentDirectory(),
    };

    /// <summary>For tests: redirected output, no variables, a fixed date.</summary>
    public static CliEnvironment Fixed(DateOnly today, IReadOnlyDictionary<string, string>? variables = null) => new(
        false,
        name => variables is not null && variables.TryGetValue(name, out var value) ? value : null,
        today);

    /// <summary>Colour only on a terminal, never when NO_COLOR is set (no-color.org) or TERM is dumb.</summary>
    public bool UseColor(bool noColorOption) =>
        !noColorOption
        && StdoutIsTerminal
        && string.IsNullOrEmpty(GetVariable("NO_COLOR"))
        && !string.Equals(GetVariable("TERM"), "dumb", StringComparison.Ordinal);
}
