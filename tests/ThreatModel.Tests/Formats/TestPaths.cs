namespace ThreatModel.Tests.Formats;

/// <summary>Paths into the repository, found by walking up from the test binaries to ThreatModel.sln.</summary>
internal static class TestPaths
{
    private static readonly Lazy<string> RepositoryRoot = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ThreatModel.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("ThreatModel.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Root => RepositoryRoot.Value;

    public static string Corpus => Path.Combine(Root, "tests", "corpus");

    public static string Designs => Path.Combine(Root, "tests", "ThreatModel.Tests", "Formats", "Designs");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Schema => Path.Combine(Root, "docs", "schema", "design.schema.json");

    public static string Design(string name) => Path.Combine(Designs, name);
}
