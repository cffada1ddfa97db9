namespace ThreatModel.Tests.Reporting;

/// <summary>Finds files of the repository and of shared/ (beside the checkout in CI) from the test assembly's folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the first ancestor of the test assembly holding ThreatModel.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    /// <summary>shared/schemas/{name}: looked for in ancestors of the repository root (../shared in CI).</summary>
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ThreatModel.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException("No ThreatModel.sln above " + AppContext.BaseDirectory);
    }
}
