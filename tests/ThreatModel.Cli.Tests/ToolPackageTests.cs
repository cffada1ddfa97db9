namespace ThreatModel.Cli.Tests;

/// <summary>
/// The tool as users get it: `dotnet pack` the CLI, install the package offline from the folder into a tool path, run it.
/// Slow (tens of seconds), so it is one test.
/// </summary>
public class ToolPackageTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(6);

    [Fact]
    public void PackedTool_InstallsOffline_AndRunsTheRulesCommand()
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

        var pack = ProcessRunner.Run(ProcessRunner.Dotnet, ["pack", project, "-c", "Release", "-o", packages, "--nologo", "--no-restore", "-p:IncludeSymbols=false"], temp.Path, Limit);
        pack.ExitCode.Should().Be(0, pack.ToString());
        Directory.GetFiles(packages, "ThreatModel.Tool.*.nupkg").Should().ContainSingle();

        var install = ProcessRunner.Run(ProcessRunner.Dotnet, ["tool", "install", "--tool-path", tools, "--configfile", config, "ThreatModel.Tool"], temp.Path, Limit);
        install.ExitCode.Should().Be(0, install.ToString());

        var command = Path.Combine(tools, OperatingSystem.IsWindows() ? "threatmodel.exe" : "threatmodel");
        var rules = ProcessRunner.Run(command, ["rules"], temp.Path, Limit);
        rules.ExitCode.Should().Be(0, rules.ToString());
        rules.Out.Should().StartWith("ID ").And.Contain("TM001  cross-context-linkage");

        var explain = ProcessRunner.Run(command, ["explain", "TM999"], temp.Path, Limit);
        explain.ExitCode.Should().Be(2, explain.ToString());
    }
}
