namespace ThreatModel.Tests;

/// <summary>Paths into the repository, found by walking up from the test binaries to ThreatModel.sln, and into shared/ beside it.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "ThreatModel.sln")))
                return directory.FullName;
        }

        throw new DirectoryNotFoundException("No ThreatModel.sln above " + AppContext.BaseDirectory);
    });

    public static string Root => RepositoryRoot.Value;

    public static string Corpus => Path("tests", "corpus");

    public static string Designs => Path("tests", "ThreatModel.Tests", "Formats", "Designs");

    public static string Examples => Path("examples");

    public static string Schema => Path("docs", "schema", "design.schema.json");

    public static string Design(string name) => System.IO.Path.Combine(Designs, name);

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>
    /// shared/schemas/{name}: looked for in ancestors of the repository root (../shared in CI), else the copy committed
    /// in tests/schemas (the official OASIS file, unchanged), so a clone anywhere runs the schema tests.
    /// </summary>
    public static string SharedSchema(string name)
    {
        for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "schemas", name);
            if (File.Exists(candidate))
                return candidate;
        }

        var committed = Path("tests", "schemas", name);
        return File.Exists(committed)
            ? committed
            : throw new FileNotFoundException($"shared/schemas/{name} was not found beside the repository ({Root}) or above it, nor in tests/schemas.");
    }
}
