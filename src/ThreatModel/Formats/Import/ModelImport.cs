using System.Text;
using System.Text.RegularExpressions;
using ThreatModel.Formats.Binding;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Import;

/// <summary>
/// The one entry point for reading a model, whatever its format: a ThreatModel design, a Threat Dragon model, an
/// Open Threat Model file or a Fides manifest (docs/import.md). The format is the one asked for, or found from the
/// content; an imported model can be given a privacy overlay (a YAML file that adds subjects, items, purposes and
/// protections to its elements and flows), found beside it as <c>&lt;model&gt;.privacy.yaml</c> when not named (in a
/// folder of Fides manifests, as <c>privacy.yaml</c>).
/// The result is the same as <see cref="DesignReader"/>'s: a validated model with every element and flow pointing at
/// its line in the user's file, and diagnostics with file, line and column. Bad input never throws.
/// </summary>
/// <example>
/// <code>
/// var result = ModelImport.ReadFile("shop.threatdragon.json");   // finds shop.threatdragon.privacy.yaml beside it
/// foreach (var diagnostic in result.Diagnostics)
///     Console.Error.WriteLine(diagnostic);
/// if (result.Model is { } model)
///     Analyze(model);
/// </code>
/// </example>
public static partial class ModelImport
{
    /// <summary>The suffix of the overlay found beside an imported model: <c>shop.json</c> takes <c>shop.privacy.yaml</c> (or <c>.yml</c>).</summary>
    public const string OverlaySuffix = ".privacy.yaml";

    /// <summary>True when this build can read the format: every defined <see cref="ImportFormat"/>.</summary>
    public static bool IsAvailable(ImportFormat format) => Enum.IsDefined(format);

    /// <summary>Reads a model file (for Fides, a file or a folder).</summary>
    /// <param name="path">The model; diagnostics name it as given.</param>
    /// <param name="format">The format; when null, found from the content (<see cref="Detect"/>).</param>
    /// <param name="overlayPath">A privacy overlay for an imported model; when null, <c>&lt;model&gt;.privacy.yaml</c> beside the model if there is one (for a folder of Fides manifests, <c>privacy.yaml</c> at its top).</param>
    /// <param name="limits">Bounds on size, depth and node count, for the model and the overlay; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static DesignReadResult ReadFile(string path, ImportFormat? format = null, string? overlayPath = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ReaderLimits.Default;
        limits.EnsureValid();
        if (format == ImportFormat.Fides || (format is null && Directory.Exists(path)))
            return Fides.FidesReader.Read(path, overlayPath, limits);
        if (format == ImportFormat.Design && overlayPath is null)
            return DesignReader.ReadFile(path, limits);

        var resolved = format ?? DetectFile(path);
        if (resolved == ImportFormat.Design)
        {
            if (overlayPath is not null)
                return Failed(ImportDiagnosticCodes.OverlayShape, $"A privacy overlay ('{overlayPath}') adds facts to an imported model, but '{path}' is a ThreatModel design: write the facts in the design itself.", SourceSpan.At(overlayPath, 1, 1));
            return DesignReader.ReadFile(path, limits);
        }

        if (resolved == ImportFormat.Fides)
            return Fides.FidesReader.Read(path, overlayPath, limits);
        var diagnostics = new DiagnosticBag();
        var text = ReadText(path, limits, diagnostics);
        if (text is null)
            return new DesignReadResult(null, diagnostics.Items);
        overlayPath ??= OverlayBeside(path);
        return Import(text, path, resolved, overlayPath, limits, diagnostics);
    }

    /// <summary>The format of a file from its first 256 KiB; a design when it cannot be read (the design reader then says why).</summary>
    private static ImportFormat DetectFile(string path)
    {
        try
        {
            if (!File.Exists(path))
                return ImportFormat.Design;
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            if (!stream.CanSeek)
                return ImportFormat.Design; // a pipe can be read once: leave it to the design reader
            var buffer = new byte[256 * 1024];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            return Detect(Encoding.UTF8.GetString(buffer, 0, read));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return ImportFormat.Design;
        }
    }

    /// <summary>Reads a model from text already in memory, with an optional overlay given as text.</summary>
    /// <param name="text">The model.</param>
    /// <param name="fileName">The name diagnostics and source spans use.</param>
    /// <param name="format">The format; when null, found from the content.</param>
    /// <param name="overlayText">A privacy overlay, YAML or JSON; none when null.</param>
    /// <param name="overlayName">The name the overlay's diagnostics use.</param>
    /// <param name="limits">Bounds on size, depth and node count; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="fileName"/> is null.</exception>
    public static DesignReadResult Parse(string text, string fileName, ImportFormat? format = null, string? overlayText = null, string overlayName = "overlay.privacy.yaml", ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ReaderLimits.Default;
        limits.EnsureValid();
        var resolved = format ?? Detect(text);
        if (resolved == ImportFormat.Design)
            return DesignReader.Parse(text, fileName, LooksLikeJson(text) ? DesignFormat.Json : DesignFormat.Yaml, limits);
        if (resolved == ImportFormat.Fides)
        {
            return Failed(ImportDiagnosticCodes.NotThatFormat,
                $"'{fileName}' is a Fides manifest: Fides manifests are read from their files or folder (ModelImport.ReadFile, or threatmodel check with the path), not from text.",
                SourceSpan.At(fileName, 1, 1));
        }
        var diagnostics = new DiagnosticBag();
        if (SourceText.CheckText(text, fileName, diagnostics) < 0)
            return new DesignReadResult(null, diagnostics.Items);
        var root = ParseTree(text, fileName, limits, diagnostics);
        if (root is null)
            return new DesignReadResult(null, diagnostics.Items);
        DesignNode? overlay = null;
        if (overlayText is not null)
        {
            if (SourceText.CheckText(overlayText, overlayName, diagnostics) < 0)
                return new DesignReadResult(null, diagnostics.Items);
            overlay = ParseTree(overlayText, overlayName, limits, diagnostics);
            if (overlay is null)
                return new DesignReadResult(null, diagnostics.Items);
        }

        return Bind(root, fileName, resolved, overlay, limits, diagnostics);
    }

    /// <summary>
    /// The format the content looks like: Threat Dragon when the root has <c>summary</c> and <c>detail</c> with
    /// <c>diagrams</c>, OTM when it has <c>otmVersion</c>, Fides when the Fides reader recognizes it, otherwise a design.
    /// Only the root keys in the first 256 KiB are looked at.
    /// </summary>
    public static ImportFormat Detect(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var head = text.Length > 256 * 1024 ? text[..(256 * 1024)] : text;
        if (OtmKey().IsMatch(head))
            return ImportFormat.Otm;
        if (LooksLikeJson(head) && DetailKey().IsMatch(head) && DiagramsKey().IsMatch(head))
            return ImportFormat.ThreatDragon;
        if (Fides.FidesReader.LooksLikeFides(head))
            return ImportFormat.Fides;
        return ImportFormat.Design;
    }

    /// <summary>The overlay beside a model (<c>shop.json</c>: <c>shop.privacy.yaml</c>, then <c>shop.privacy.yml</c>), or null when there is none.</summary>
    public static string? OverlayBeside(string modelPath)
    {
        ArgumentNullException.ThrowIfNull(modelPath);
        var directory = Path.GetDirectoryName(modelPath);
        var stem = Path.GetFileNameWithoutExtension(modelPath);
        foreach (var suffix in new[] { OverlaySuffix, ".privacy.yml" })
        {
            var candidate = string.IsNullOrEmpty(directory) ? stem + suffix : Path.Combine(directory, stem + suffix);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    [GeneratedRegex("""(^|[{,]\s*)"?otmVersion"?\s*:""", RegexOptions.Multiline)]
    private static partial Regex OtmKeyPattern();

    private static Regex OtmKey() => OtmKeyPattern();

    [GeneratedRegex("\"detail\"\\s*:")]
    private static partial Regex DetailKeyPattern();

    private static Regex DetailKey() => DetailKeyPattern();

    [GeneratedRegex("\"diagrams\"\\s*:")]
    private static partial Regex DiagramsKeyPattern();

    private static Regex DiagramsKey() => DiagramsKeyPattern();

    /// <summary>True when the text opens with a JSON object (after white space and a byte-order mark): read as JSON, else YAML.</summary>
    internal static bool LooksLikeJson(string text) => text.AsSpan().TrimStart(" \t\r\n\uFEFF").StartsWith("{");

    /// <summary>The overlay file read and parsed, or null after reporting why it cannot be (missing, unreadable, empty, broken).</summary>
    internal static DesignNode? ReadOverlay(string overlayPath, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        if (!File.Exists(overlayPath) && !Directory.Exists(overlayPath))
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The privacy overlay '{overlayPath}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.", SourceSpan.At(overlayPath, 1, 1));
            return null;
        }

        var overlayText = ReadText(overlayPath, limits, diagnostics);
        return overlayText is null ? null : ParseTree(overlayText, overlayPath, limits, diagnostics);
    }

    private static DesignReadResult Import(string text, string path, ImportFormat format, string? overlayPath, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        var root = ParseTree(text, path, limits, diagnostics);
        if (root is null)
            return new DesignReadResult(null, diagnostics.Items);
        DesignNode? overlay = null;
        if (overlayPath is not null)
        {
            if (!File.Exists(overlayPath))
                return Failed(DiagnosticCodes.UnreadableFile, $"The privacy overlay '{overlayPath}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.", SourceSpan.At(overlayPath, 1, 1), diagnostics);
            var overlayText = ReadText(overlayPath, limits, diagnostics);
            if (overlayText is null)
                return new DesignReadResult(null, diagnostics.Items);
            overlay = ParseTree(overlayText, overlayPath, limits, diagnostics);
            if (overlay is null)
                return new DesignReadResult(null, diagnostics.Items);
        }

        return Bind(root, path, format, overlay, limits, diagnostics);
    }

    private static DesignReadResult Bind(DesignNode root, string path, ImportFormat format, DesignNode? overlay, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        var imported = format == ImportFormat.ThreatDragon
            ? ThreatDragonReader.Read(root, path, diagnostics)
            : OtmReader.Read(root, path, diagnostics);
        if (imported is null)
            return new DesignReadResult(null, diagnostics.Items);

        var design = PrivacyOverlay.Build(imported, overlay, diagnostics);
        var binderDiagnostics = new DiagnosticBag();
        var binder = new ModelBinder(path, limits, binderDiagnostics);
        var model = binder.Bind(design);
        diagnostics.AddRange(binderDiagnostics.Items);
        if (model is not null)
        {
            // The importer already said, in its own words, which flows carry nothing (TM2101).
            var silent = new HashSet<string>(StringComparer.Ordinal);
            foreach (var d in diagnostics.Items)
            {
                if (d.Code == ImportDiagnosticCodes.NoItems && d.Message.StartsWith("Flow '", StringComparison.Ordinal))
                    silent.Add(d.Message[..(d.Message.IndexOf('\'', 6) + 1)] + " carries no data items");
            }

            diagnostics.AddRange(ModelValidator.Validate(model, binder.Map).Where(d => !(d.Code == DiagnosticCodes.Suspicious && silent.Any(d.Message.StartsWith))));
        }

        return new DesignReadResult(diagnostics.HasErrors ? null : model, InFileOrder(diagnostics.Items, path));
    }

    /// <summary>The model's diagnostics first, by position, then the overlay's; those at one place keep their order.</summary>
    private static Diagnostic[] InFileOrder(IReadOnlyList<Diagnostic> diagnostics, string path)
    {
        var indexed = diagnostics.Select((d, i) => (d, i));
        return [.. indexed
            .OrderBy(x => string.Equals(x.d.Span.File, path, StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(x => x.d.Span.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Span.Line)
            .ThenBy(x => x.d.Span.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
    }

    internal static DesignNode? ParseTree(string text, string file, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var body = start == 0 ? text : text[start..];
        if (body.AsSpan().Trim(" \t\r\n").IsEmpty)
        {
            diagnostics.Error(DiagnosticCodes.EmptyDesign, $"The file '{file}' is empty: it holds nothing to read.", SourceSpan.At(file, 1, 1));
            return null;
        }

        var before = diagnostics.Count;
        DesignNode? root;
        if (LooksLikeJson(body))
        {
            using var utf8 = new Utf8TextStream(body);
            root = JsonTreeReader.Read(utf8, file, limits, diagnostics);
        }
        else
        {
            root = YamlTreeReader.Read(body, file, limits, diagnostics);
        }

        var failed = false;
        for (var i = before; i < diagnostics.Count; i++)
            failed |= diagnostics.Items[i].Severity == DiagnosticSeverity.Error;
        return failed || root is null || root is ScalarNode { IsNull: true } ? null : root;
    }

    /// <summary>The file as text, or null after reporting why it cannot be read (missing, too large, not UTF-8, binary).</summary>
    internal static string? ReadText(string path, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        try
        {
            if (Directory.Exists(path))
            {
                diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The path '{path}' is a directory, not a model file.", SourceSpan.At(path, 1, 1));
                return null;
            }

            if (!File.Exists(path))
            {
                diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The file '{path}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.", SourceSpan.At(path, 1, 1));
                return null;
            }

            var bytes = BoundedFile.ReadFile(path, limits.MaxFileSize, out var length);
            if (bytes is null)
            {
                diagnostics.Error(DiagnosticCodes.LimitExceeded, $"The file '{path}' is {length:N0} bytes or more, over the limit of {limits.MaxFileSize:N0} bytes. Raise the limit with --max-file-size.", SourceSpan.At(path, 1, 1));
                return null;
            }

            string text;
            try
            {
                text = new UTF8Encoding(false, true).GetString(bytes, 0, (int)length);
            }
            catch (DecoderFallbackException)
            {
                diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The file '{path}' is not valid UTF-8. Save it as UTF-8.", SourceSpan.At(path, 1, 1));
                return null;
            }

            return SourceText.CheckText(text, path, diagnostics) < 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            diagnostics.Error(DiagnosticCodes.UnreadableFile, $"The file '{path}' could not be read: {ex.Message}", SourceSpan.At(path, 1, 1));
            return null;
        }
    }

    private static DesignReadResult Failed(string code, string message, SourceSpan span, DiagnosticBag? diagnostics = null)
    {
        diagnostics ??= new DiagnosticBag();
        diagnostics.Error(code, message, span);
        return new DesignReadResult(null, diagnostics.Items);
    }
}
