using ThreatModel.Formats;
using ThreatModel.Formats.Import;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>The one place the command calls the model readers.</summary>
internal static class DesignReading
{
    /// <summary>Reads and validates a design file (or a model of another format, found from its content) within the given limits.</summary>
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, ReaderLimits limits) => Read(path, limits, ImportRequest.None);

    /// <summary>Reads a model as <paramref name="request"/> asks (<c>--input-format</c>, <c>--overlay</c>).</summary>
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, ReaderLimits limits, ImportRequest request)
    {
        var result = ModelImport.ReadFile(path, request.Format, request.Overlay, limits);
        return (result.Model, result.Diagnostics);
    }
}
