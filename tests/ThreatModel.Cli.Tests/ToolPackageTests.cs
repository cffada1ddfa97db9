using System.Runtime.InteropServices;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// The tool as users get it: `dotnet pack` the CLI into its three packages (the ThreatModel.Tool pointer, the linux-x64
/// package and the portable "any" package), install offline from the folder into a tool path, run it.
/// Slow (tens of seconds), so it is one test. The linux-x64 package is packed as a JIT build here
/// (-p:PublishAot=false): the native build needs a C toolchain and a minute more, and only changes what is inside the
/// package, not how it is found and installed (docs/cli.md, "Start-up time").
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [Fact]
    public void PackedTool_InstallsThePlatformPackageOffline_AndRuns()
    {
        using var temp = new TempFolder();
        var packages = Path.Combine(temp.Path, "packages");
        var tools = Path.Combine(temp.Path, "tools");
        var config = temp.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        var project = RepositoryPaths.Path("src", "ThreatModel.Cli", "ThreatModel.Cli.csproj");
        string[] pack = ["pack", project, "-c", "Release", "-o", packages, "--nologo", "--no-restore", "-p:IncludeSymbols=false"];

        Pack(pack, temp.Path);
        Pack([.. pack, "-r", "any"], temp.Path);
        Pack([.. pack, "-r", "linux-x64", "-p:PublishAot=false", "-p:PublishReadyToRun=false"], temp.Path);
        Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).Should().SatisfyRespectively(
            p => p.Should().MatchRegex(@"^ThreatModel\.Tool\.[0-9]"),
            p => p.Should().StartWith("ThreatModel.Tool.any."),
            p => p.Should().StartWith("ThreatModel.Tool.linux-x64."));

        var install = ProcessRunner.Run(ProcessRunner.Dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "ThreatModel.Tool"], temp.Path, Limit);
        install.ExitCode.Should().Be(0, install.ToString());
        var platformPackage = RuntimeInformation.RuntimeIdentifier == "linux-x64" ? "threatmodel.tool.linux-x64" : "threatmodel.tool.any";
        Directory.GetDirectories(Path.Combine(tools, ".store", "threatmodel.tool"), platformPackage, SearchOption.AllDirectories)
            .Should().NotBeEmpty("dotnet tool install picks the package for this platform ({0})", RuntimeInformation.RuntimeIdentifier);

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "threatmodel.exe" : "threatmodel");
        var rules = ProcessRunner.Run(command, ["rules"], temp.Path, Limit);
        rules.ExitCode.Should().Be(0, rules.ToString());
        rules.Out.Should().StartWith("ID ").And.Contain("TM001  cross-context-linkage");

        var check = ProcessRunner.Run(command, ["check", RepositoryPaths.Path("examples", "social-credit-pilot", "design.yaml")], temp.Path, Limit);
        check.ExitCode.Should().Be(1, check.ToString());
        check.Out.Should().Contain("CRITICAL TM001 cross-context-linkage");

        var explain = ProcessRunner.Run(command, ["explain", "TM999"], temp.Path, Limit);
        explain.ExitCode.Should().Be(2, explain.ToString());
    }

    private static void Pack(IEnumerable<string> arguments, string workingDirectory)
    {
        var pack = ProcessRunner.Run(ProcessRunner.Dotnet, arguments, workingDirectory, Limit);
        pack.ExitCode.Should().Be(0, pack.ToString());
    }
}
