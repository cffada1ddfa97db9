using System.Globalization;
using System.Text;
using ThreatModel.Formats.Binding;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats;

/// <summary>
/// Reads design files (YAML or JSON, see docs/model-format.md) into a <see cref="SystemModel"/>, with every
/// problem reported as a <see cref="Diagnostic"/> that names the file, line and column, what was found and what
/// was expected. Bad input never throws: a missing file, binary garbage, an alias bomb or a misspelt field all
/// come back as diagnostics, and <see cref="DesignReadResult.Model"/> is null whenever any of them is an error.
/// Nothing in the file is instantiated: YAML is read as a stream of parse events, and type tags are refused.
/// </summary>
/// <example>
/// <code>
/// var result = DesignReader.ReadFile("designs/debtor-map.yaml");
/// foreach (var diagnostic in result.Diagnostics)
///     Console.Error.WriteLine(diagnostic);   // designs/debtor-map.yaml:12:11: error TM1006: ...
/// if (result.Model is { } model)
///     Analyze(model);
/// </code>
/// </example>
public static class DesignReader
{
    /// <summary>Reads a design file; the format comes from the extension (.yaml, .yml, .json), otherwise from the content.</summary>
    /// <param name="path">The file to read; diagnostics name it as given.</param>
    /// <param name="limits">Bounds on size, depth and node count; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    public static DesignReadResult ReadFile(string path, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        limits ??= ReaderLimits.Default;
        limits.EnsureValid();
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrWhiteSpace(path))
            return Failed(diagnostics, path, "No design file was given: the path is empty. Give the path of a .yaml, .yml or .json design file.");
        try
        {
            if (Directory.Exists(path))
                return Failed(diagnostics, path, $"The path '{path}' is a directory, not a design file. Give the path of a .yaml, .yml or .json file inside it.");
            if (!File.Exists(path))
                return Failed(diagnostics, path, $"The design file '{path}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.");
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return ReadStream(stream, path, FormatFromExtension(path), limits, diagnostics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Failed(diagnostics, path, $"The design file '{path}' could not be read: {ex.Message}");
        }
    }

    /// <summary>Reads a design from a stream (read to its end, up to the file-size limit).</summary>
    /// <param name="stream">The bytes of the design, UTF-8.</param>
    /// <param name="fileName">The name diagnostics and source spans use; its extension picks the format when <paramref name="format"/> is null.</param>
    /// <param name="format">The format; when null, taken from the extension of <paramref name="fileName"/> or from the content.</param>
    /// <param name="limits">Bounds on size, depth and node count; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> or <paramref name="fileName"/> is null.</exception>
    public static DesignReadResult Read(Stream stream, string fileName, DesignFormat? format = null, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ReaderLimits.Default;
        limits.EnsureValid();
        var diagnostics = new DiagnosticBag();
        try
        {
            return ReadStream(stream, fileName, format ?? FormatFromExtension(fileName), limits, diagnostics);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Failed(diagnostics, fileName, $"The design '{fileName}' could not be read: {ex.Message}");
        }
    }

    /// <summary>Reads a design from text already in memory.</summary>
    /// <param name="text">The design.</param>
    /// <param name="fileName">The name diagnostics and source spans use.</param>
    /// <param name="format">YAML or JSON.</param>
    /// <param name="limits">Bounds on size, depth and node count; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> or <paramref name="fileName"/> is null.</exception>
    public static DesignReadResult Parse(string text, string fileName, DesignFormat format, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(fileName);
        limits ??= ReaderLimits.Default;
        limits.EnsureValid();
        var diagnostics = new DiagnosticBag();
        // A character is one to three UTF-8 bytes: count the bytes only when the character count leaves it open.
        long size = text.Length;
        if (size <= limits.MaxFileSize && size * 3 > limits.MaxFileSize)
            size = Encoding.UTF8.GetByteCount(text);
        if (size > limits.MaxFileSize)
            return TooLarge(diagnostics, fileName, size, limits);
        var start = SourceText.CheckText(text, fileName, diagnostics);
        if (start < 0)
            return new DesignReadResult(null, diagnostics.Items);
        if (text.AsSpan(start).Trim(" \t\r\n").IsEmpty)
            return Empty(diagnostics, fileName);
        if (format == DesignFormat.Json)
        {
            using var utf8 = new Utf8TextStream(start == 0 ? text : text[start..]);
            return ReadTree(
                (bag, sink) =>
                {
                    utf8.Position = 0;
                    return JsonTreeReader.Read(utf8, fileName, limits, bag, sink);
                },
                fileName,
                limits,
                diagnostics);
        }

        var body = start == 0 ? text : text[start..];
        return ReadTree((bag, sink) => YamlTreeReader.Read(body, fileName, limits, bag, sink), fileName, limits, diagnostics);
    }

    /// <summary>The format an extension names, or null for any other extension.</summary>
    internal static DesignFormat? FormatFromExtension(string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (extension.Equals(".yaml", StringComparison.OrdinalIgnoreCase) || extension.Equals(".yml", StringComparison.OrdinalIgnoreCase))
            return DesignFormat.Yaml;
        if (extension.Equals(".json", StringComparison.OrdinalIgnoreCase))
            return DesignFormat.Json;
        return null;
    }

    /// <summary>
    /// Reads a design from a stream without holding it whole: a first pass checks the bytes (encoding, binary content,
    /// size) a chunk at a time, a second parses them as they are decoded. A stream that cannot seek is copied into
    /// memory first, since both passes (and the positions of diagnostics) need to read it again.
    /// </summary>
    private static DesignReadResult ReadStream(Stream stream, string fileName, DesignFormat? format, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        if (!stream.CanSeek)
        {
            var bytes = BoundedFile.Read(stream, limits.MaxFileSize, out var length);
            if (bytes is null)
                return TooLarge(diagnostics, fileName, length, limits);
            using var copy = new MemoryStream(bytes, 0, (int)length, writable: false);
            return ReadSeekable(copy, fileName, format, limits, diagnostics);
        }

        var remaining = stream.Length - stream.Position;
        if (remaining > limits.MaxFileSize)
            return TooLarge(diagnostics, fileName, remaining, limits);
        return ReadSeekable(stream, fileName, format, limits, diagnostics);
    }

    private static DesignReadResult ReadSeekable(Stream stream, string fileName, DesignFormat? format, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        var source = SourceText.CheckStream(stream, fileName, limits.MaxFileSize, diagnostics, out var size);
        if (source is not { } text)
        {
            return diagnostics.HasErrors
                ? new DesignReadResult(null, diagnostics.Items)
                : TooLarge(diagnostics, fileName, size, limits);
        }

        if (text.Blank)
            return Empty(diagnostics, fileName);
        var resolved = format ?? (text.LooksLikeJson ? DesignFormat.Json : DesignFormat.Yaml);
        if (resolved == DesignFormat.Json)
        {
            return ReadTree(
                (bag, sink) =>
                {
                    stream.Position = text.BodyStart;
                    return JsonTreeReader.Read(stream, fileName, limits, bag, sink);
                },
                fileName,
                limits,
                diagnostics);
        }

        return ReadTree(
            (bag, sink) =>
            {
                using var reader = new Utf8StreamReader(stream, text.BodyStart, YamlTreeReader.GapLimit(limits));
                return YamlTreeReader.Read(reader, fileName, limits, bag, sink);
            },
            fileName,
            limits,
            diagnostics);
    }

    /// <summary>
    /// Parses with <c>read</c> (which puts its diagnostics in the bag it is given and hands the design to the sink
    /// it is given; it can be called again to find positions) and binds the design as it is parsed; then validates it.
    /// The parser's diagnostics come first, then the binder's, then the validator's, as if each step ran over the
    /// whole file in turn.
    /// </summary>
    private static DesignReadResult ReadTree(Func<DiagnosticBag, IDesignSink?, DesignNode?> read, string fileName, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        var binderDiagnostics = new DiagnosticBag();
        var map = new DesignSourceMap(keepNodes: false) { Reload = () => Reload(read, fileName, limits) };
        var binder = new ModelBinder(fileName, limits, binderDiagnostics, map);
        var root = read(diagnostics, binder);
        if (root is null || root is ScalarNode { IsNull: true, Invalid: false })
        {
            if (diagnostics.HasErrors)
                return new DesignReadResult(null, diagnostics.Items);
            return Empty(diagnostics, fileName);
        }

        var model = binder.Started ? binder.Complete() : binder.Bind(root);
        diagnostics.AddRange(binderDiagnostics.Items);
        if (model is not null)
            diagnostics.AddRange(ModelValidator.Validate(model, map));
        return new DesignReadResult(diagnostics.HasErrors ? null : model, InFileOrder(diagnostics.Items));
    }

    /// <summary>The design read again as a whole tree, for the positions of values a diagnostic points at.</summary>
    private static DesignSourceMap? Reload(Func<DiagnosticBag, IDesignSink?, DesignNode?> read, string fileName, ReaderLimits limits)
    {
        var root = read(new DiagnosticBag(), null);
        if (root is null)
            return null;
        var binder = new ModelBinder(fileName, limits, new DiagnosticBag());
        binder.Bind(root);
        return binder.Map;
    }

    /// <summary>The diagnostics by position in the file; those at the same place keep the order they were found in.</summary>
    private static Diagnostic[] InFileOrder(IReadOnlyList<Diagnostic> diagnostics)
    {
        var sorted = new Diagnostic[diagnostics.Count];
        for (var i = 0; i < sorted.Length; i++)
            sorted[i] = diagnostics[i];
        var keys = new (int Line, int Column, int Order)[sorted.Length];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = (sorted[i].Span.Line, sorted[i].Span.Column, i);
        Array.Sort(keys, sorted);
        return sorted;
    }

    private static DesignReadResult Failed(DiagnosticBag diagnostics, string fileName, string message)
    {
        diagnostics.Error(DiagnosticCodes.UnreadableFile, message, SourceSpan.At(fileName, 1, 1));
        return new DesignReadResult(null, diagnostics.Items);
    }

    private static DesignReadResult TooLarge(DiagnosticBag diagnostics, string fileName, long size, ReaderLimits limits)
    {
        diagnostics.Error(
            DiagnosticCodes.LimitExceeded,
            $"The design file '{fileName}' is {Bytes(size)} or more, over the limit of {Bytes(limits.MaxFileSize)}. Split the design, or raise the limit with --max-file-size.",
            SourceSpan.At(fileName, 1, 1));
        return new DesignReadResult(null, diagnostics.Items);
    }

    private static DesignReadResult Empty(DiagnosticBag diagnostics, string fileName)
    {
        diagnostics.Error(
            DiagnosticCodes.EmptyDesign,
            $"The design file '{fileName}' is empty: it holds no design. Expected a mapping with at least 'name', 'elements' and 'flows' (see docs/model-format.md).",
            SourceSpan.At(fileName, 1, 1));
        return new DesignReadResult(null, diagnostics.Items);
    }

    private static string Bytes(long bytes) => bytes >= 1024 * 1024
        ? (bytes / (1024.0 * 1024.0)).ToString("0.#", CultureInfo.InvariantCulture) + " MiB"
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
