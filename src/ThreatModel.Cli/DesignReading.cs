using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>The one place the command calls the design-file reader.</summary>
internal static class DesignReading
{
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, long? maxFileSize)
    {
        _ = maxFileSize;
        return (null, [new Diagnostic(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, "The design-file reader is not available in this build.", SourceSpan.At(path, 1, 1))]);
    }
}
