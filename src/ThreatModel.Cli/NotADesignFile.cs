using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>
/// Tells a file that is not a design at all (<c>check README.md</c>, a text file) from a design with a mistake: such a
/// file gets one error saying so, instead of the YAML parser's complaint about an alias or a mapping.
/// </summary>
internal static class NotADesignFile
{
    /// <summary>
    /// The one "not a design file" error, when <paramref name="path"/> has an extension other than .yaml, .yml or .json and
    /// could not even be read as a mapping of fields; otherwise null (the reader's diagnostics stand).
    /// </summary>
    public static IReadOnlyList<Diagnostic>? Explain(string path, IReadOnlyList<Diagnostic> diagnostics)
    {
        var extension = Path.GetExtension(path);
        if (extension.Length == 0 || DesignReader.FormatFromExtension(path) is not null)
            return null;
        var first = diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (first is null || !(first.Code == DiagnosticCodes.Syntax || (first.Code == DiagnosticCodes.WrongType && first.Message.StartsWith("A design must be a mapping", StringComparison.Ordinal))))
            return null;
        var what = first.Code == DiagnosticCodes.Syntax
            ? $"read as YAML, it fails at line {first.Span.Line}, column {first.Span.Column}"
            : "it holds text, not a mapping of fields";
        return
        [
            new Diagnostic(
                DiagnosticCodes.NotADesign,
                DiagnosticSeverity.Error,
                $"'{path}' is not a design file ({what}). A design is a YAML or JSON file (.yaml, .yml or .json) with name, subjects, items, elements and flows; see docs/model-format.md.",
                SourceSpan.At(path, 1, 1)),
        ];
    }
}
