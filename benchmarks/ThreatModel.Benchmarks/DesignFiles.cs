using ThreatModel.Formats;
using ThreatModel.Generator;

namespace ThreatModel.Benchmarks;

/// <summary>Generated design files, written once per size and format into the temp folder and reused.</summary>
internal static class DesignFiles
{
    public static string PathFor(int nodes, DesignFormat format)
    {
        var folder = Path.Combine(Path.GetTempPath(), "threatmodel-benchmarks");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"design-{nodes}.{(format == DesignFormat.Json ? "json" : "yaml")}");
        if (!File.Exists(path))
        {
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            DesignWriter.WriteFile(DesignGenerator.Generate(nodes), temporary, format);
            File.Move(temporary, path, overwrite: true);
        }

        return path;
    }
}
