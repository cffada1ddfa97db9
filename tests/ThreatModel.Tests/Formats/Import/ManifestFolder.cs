namespace ThreatModel.Tests.Formats.Import;

/// <summary>A temporary folder of manifest files written by a test, deleted afterwards.</summary>
internal sealed class ManifestFolder : IDisposable
{
    public ManifestFolder() => Path = Directory.CreateTempSubdirectory("threatmodel-import-").FullName;

    public string Path { get; }

    /// <summary>Writes a file (its folders made as needed) and returns its path.</summary>
    public string Write(string name, string text)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
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
            // a file still open on a slow machine: the temp folder is cleaned later
        }
    }
}
