using ThreatModel.Rules;

namespace ThreatModel.Cli.Tests;

/// <summary>The outcome of one in-process run of the command.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Err)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}

/// <summary>Runs <see cref="CliApplication.Run"/> in process with captured output, a fixed date and no colour.</summary>
internal static class CliHarness
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    /// <summary>The environment tests use: stand-in reader, only TM001 (so results do not change when rules are added).</summary>
    public static CliEnvironment Environment(Func<string, Formats.ReaderLimits, (Model.SystemModel?, IReadOnlyList<Validation.Diagnostic>)>? reader = null) =>
        CliEnvironment.Fixed(Today) with
        {
            ReadDesign = reader ?? FakeDesigns.Read,
            CreateRules = () => [new CrossContextLinkageRule()],
        };

    public static CliRun Run(params string[] args) => Run(Environment(), args);

    public static CliRun Run(CliEnvironment environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApplication.Run(args, output, error, environment);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

/// <summary>A temporary folder, deleted at the end of a test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("threatmodel-cli-").FullName;
    }

    public string Path { get; }

    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        if (content is not null)
            System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; never fail a test on cleanup.
        }
    }
}
