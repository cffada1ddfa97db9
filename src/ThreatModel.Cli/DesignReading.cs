using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>The one place the command calls the design-file reader.</summary>
internal static class DesignReading
{
    /// <summary>Reads and validates a design file with the reader's limits (and --max-file-size when given).</summary>
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, long? maxFileSize)
    {
        var limits = maxFileSize is { } max ? ReaderLimits.Default with { MaxFileSize = max } : ReaderLimits.Default;
        var result = DesignReader.ReadFile(path, limits);
        return (result.Model, result.Diagnostics);
    }
}
