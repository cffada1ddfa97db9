using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli;

/// <summary>Reads a design file for a command and prints its diagnostics to standard error.</summary>
internal static class DesignLoader
{
    /// <summary>
    /// The model, or null when the design cannot be used (the reason is already printed as
    /// <c>file:line:col: error TMxxxx: message</c> lines).
    /// </summary>
    /// <remarks>With <paramref name="strict"/>, warnings are printed and counted as errors (<c>--strict</c>).</remarks>
    public static SystemModel? Load(CliContext context, string path, ReaderLimits limits, bool strict = false)
    {
        if (string.IsNullOrWhiteSpace(path))
            throw new UsageException("No design file given.");
        // A folder is read as a folder of Fides manifests (docs/import-fides.md); nothing else is a folder.
        var folder = Directory.Exists(path);
        if (folder && context.Import.Format is not (null or Formats.Import.ImportFormat.Fides))
            throw new UsageException($"'{path}' is a directory; expected a design file (.yaml, .yml or .json), or a folder of Fides manifests.");
        if (!File.Exists(path) && path.StartsWith('-'))
            throw new UsageException($"'{path}' is not an option of this command (and no design file has that name); see --help.");
        if (!folder && !File.Exists(path))
        {
            // The same line the reader writes, so editors and CI annotations can jump to it.
            context.Error.Line(new Diagnostic(DiagnosticCodes.UnreadableFile, DiagnosticSeverity.Error, $"The design file '{path}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.", SourceSpan.At(path, 1, 1)).ToString());
            return null;
        }

        context.Inputs.Add(path);
        context.Limits = limits;
        var error = context.Error;
        if (context.Import.Overlay is { } overlay)
            context.Inputs.Add(overlay);
        var (model, diagnostics) = context.Import.IsDefault && !folder ? context.Environment.ReadDesign(path, limits) : DesignReading.Read(path, limits, context.Import);
        if (model is null && context.Import.Format is null && !folder && NotADesignFile.Explain(path, diagnostics) is { } notADesign)
            diagnostics = notADesign;
        if (strict)
            diagnostics = [.. diagnostics.Select(d => d.Severity == DiagnosticSeverity.Warning ? d with { Severity = DiagnosticSeverity.Error } : d)];
        foreach (var diagnostic in diagnostics)
            error.Line(diagnostic.ToString());
        if (model is null || diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            var errors = diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
            var strictNote = strict && model is not null ? " (warnings count as errors under --strict)" : string.Empty;
            error.Line($"{path}: {(errors == 1 ? "1 error" : $"{errors} errors")}{strictNote}; the design cannot be analysed.");
            return null;
        }

        return model;
    }
}
