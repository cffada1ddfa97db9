using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>The one place the command calls the design-file reader.</summary>
internal static class DesignReading
{
    /// <summary>Reads and validates a design file within the given limits.</summary>
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, ReaderLimits limits)
    {
        var result = DesignReader.ReadFile(path, limits);
        return (result.Model, result.Diagnostics);
    }
}
