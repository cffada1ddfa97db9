namespace ThreatModel.Cli.Tests;

/// <summary>Files of the repository, and of shared/ beside it (../shared in CI), found from the test binaries.</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ThreatModel.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("No ThreatModel.sln above " + AppContext.BaseDirectory);
    });

    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>shared/schemas/{name}, looked for beside the repository root and above it.</summary>
    public static string SharedSchema(string name)
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "schemas", name);
            if (File.Exists(candidate))
                return candidate;
        }

        throw new FileNotFoundException($"shared/schemas/{name} was not found beside the repository ({Root}) or above it.");
    }
}
