using System.Reflection;

namespace ThreatModel.Reporting;

/// <summary>The name and version reports name as their producer.</summary>
public static class ToolInfo
{
    /// <summary>The command name.</summary>
    public const string Name = "threatmodel";

    /// <summary>The library's informational version without build metadata (so reports do not change with the commit).</summary>
    public static string Version { get; } = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(ToolInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
            return typeof(ToolInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? informational[..plus] : informational;
    }
}
