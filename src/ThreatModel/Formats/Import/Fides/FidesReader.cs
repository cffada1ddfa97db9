using System.Globalization;
using ThreatModel.Formats.Binding;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Import.Fides;

/// <summary>
/// Reads Fides "privacy as code" manifests (fideslang YAML: <c>system</c>, <c>dataset</c>, <c>organization</c> and the
/// <c>data_category</c>/<c>data_use</c>/<c>data_subject</c> extensions), one file or a folder of them, into the same
/// <see cref="SystemModel"/> a design file gives, with every element, flow and item placed at the line of the manifest
/// it comes from. The taxonomy mapping and the gaps reported are in docs/import-fides.md. Bad input never throws: a
/// missing file, broken YAML or a resource of the wrong shape come back as diagnostics with file, line and column.
/// </summary>
/// <example>
/// <code>
/// var result = FidesReader.ReadPath("fides/");
/// foreach (var diagnostic in result.Diagnostics)
///     Console.Error.WriteLine(diagnostic);   // fides/systems.yml:14:9: warning TM2152: ...
/// if (result.Model is { } model)
///     Analyze(model);
/// </code>
/// </example>
public static class FidesReader
{
    /// <summary>The privacy overlay of a folder of manifests: this file (or <c>privacy.yml</c>) at the top of the folder, never read as a manifest.</summary>
    public const string FolderOverlayName = "privacy.yaml";

    /// <summary>
    /// Reads one manifest file, or every <c>.yml</c>/<c>.yaml</c> file under a folder (sub-folders included, hidden ones
    /// not), as one manifest, with its privacy overlay when there is one: <see cref="FolderOverlayName"/> at the top of
    /// the folder, or <c>&lt;manifest&gt;.privacy.yaml</c> beside a single file (docs/import-fides.md).
    /// </summary>
    /// <param name="fileOrFolder">A manifest file or a folder of them; diagnostics name files as found under it.</param>
    /// <param name="limits">Bounds on each file's size, depth and node count; <see cref="ReaderLimits.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fileOrFolder"/> is null.</exception>
    public static DesignReadResult ReadPath(string fileOrFolder, ReaderLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(fileOrFolder);
        return Read(fileOrFolder, null, limits ?? ReaderLimits.Default);
    }

    /// <summary>The overlay found for a manifest when none is named: <c>privacy.yaml</c>/<c>privacy.yml</c> in a folder, <c>&lt;stem&gt;.privacy.yaml</c> beside a file; null when there is none.</summary>
    public static string? OverlayFor(string fileOrFolder)
    {
        ArgumentNullException.ThrowIfNull(fileOrFolder);
        if (!Directory.Exists(fileOrFolder))
            return File.Exists(fileOrFolder) ? ModelImport.OverlayBeside(fileOrFolder) : null;
        foreach (var name in FolderOverlayNames)
        {
            var candidate = Path.Combine(fileOrFolder, name);
            if (File.Exists(candidate))
                return candidate;
        }

        return null;
    }

    private static readonly string[] FolderOverlayNames = [FolderOverlayName, "privacy.yml"];

    /// <summary>Reads a manifest with the overlay named, or (when null) the one found beside it.</summary>
    internal static DesignReadResult Read(string fileOrFolder, string? overlayPath, ReaderLimits limits)
    {
        ArgumentNullException.ThrowIfNull(fileOrFolder);
        limits.EnsureValid();
        var diagnostics = new DiagnosticBag();
        if (string.IsNullOrWhiteSpace(fileOrFolder))
            return Failed(diagnostics, DiagnosticCodes.UnreadableFile, fileOrFolder, "No Fides manifest was given: the path is empty. Give a manifest file or a folder of them.");
        try
        {
            string[] files;
            var folder = Directory.Exists(fileOrFolder);
            overlayPath ??= OverlayFor(fileOrFolder);
            if (folder)
            {
                files = ManifestFiles(fileOrFolder, overlayPath);
                if (files.Length == 0)
                    return Failed(diagnostics, FidesDiagnosticCodes.NoResources, fileOrFolder, $"'{fileOrFolder}' is a directory with no .yml or .yaml file in it: neither a design file nor a folder of Fides manifests. Give a design file (.yaml, .yml or .json), or the folder that holds the manifests.");
                if (files.Length > limits.MaxCollectionSize)
                    return Failed(diagnostics, DiagnosticCodes.LimitExceeded, fileOrFolder, $"The folder '{fileOrFolder}' holds {files.Length.ToString("N0", CultureInfo.InvariantCulture)} manifest files, over the limit of {limits.MaxCollectionSize.ToString("N0", CultureInfo.InvariantCulture)}. Raise the limit with --max-collection-size.");
            }
            else if (File.Exists(fileOrFolder))
            {
                files = [fileOrFolder];
            }
            else
            {
                return Failed(diagnostics, DiagnosticCodes.UnreadableFile, fileOrFolder, $"The Fides manifest '{fileOrFolder}' does not exist. Check the path; relative paths start at '{Directory.GetCurrentDirectory()}'.");
            }

            var manifest = new FidesManifest(diagnostics);
            foreach (var file in files)
            {
                var root = Parse(file, limits, diagnostics);
                if (root is null)
                    continue;
                if (root is MappingNode mapping && FidesManifest.HoldsResources(root))
                {
                    manifest.Add(mapping);
                }
                else if (folder)
                {
                    diagnostics.Warning(FidesDiagnosticCodes.Ignored, $"The file '{file}' holds no Fides resources (no top-level system, dataset, organization, data_category, data_use or data_subject list); it is skipped.", SourceSpan.At(file, 1, 1));
                }
                else if (!diagnostics.HasErrors)
                {
                    diagnostics.Error(FidesDiagnosticCodes.NoResources, $"The file '{file}' is not a Fides manifest: it holds {(root is MappingNode ? "no top-level system, dataset, organization, data_category, data_use or data_subject list" : root.Describe())}. Expected fideslang YAML such as 'system: [{{fides_key: ..., privacy_declarations: [...]}}]'.", root.Span.IsKnown ? SourceSpan.At(file, root.Span.Line, root.Span.Column) : SourceSpan.At(file, 1, 1));
                }
            }

            if (diagnostics.HasErrors)
                return new DesignReadResult(null, InFileOrder(diagnostics.Items));
            if (manifest.Systems.Count == 0 && manifest.Datasets.Count == 0)
            {
                diagnostics.Error(FidesDiagnosticCodes.NoResources, $"The Fides manifest '{fileOrFolder}' declares no system and no dataset: there is nothing to analyse. Expected at least one resource under 'system' or 'dataset'.", SourceSpan.At(files[0], 1, 1));
                return new DesignReadResult(null, InFileOrder(diagnostics.Items));
            }

            DesignNode? overlay = null;
            if (overlayPath is not null)
            {
                overlay = ModelImport.ReadOverlay(overlayPath, limits, diagnostics);
                if (overlay is null || diagnostics.HasErrors)
                    return new DesignReadResult(null, InFileOrder(diagnostics.Items));
            }

            var origin = SourceSpan.At(files[0], 1, 1);
            var translator = new FidesTranslator(manifest, diagnostics, fileOrFolder, origin);
            var design = translator.Translate();
            if (diagnostics.HasErrors)
                return new DesignReadResult(null, InFileOrder(diagnostics.Items));
            if (overlay is not null)
            {
                PrivacyOverlay.ApplyToDesign(design, fileOrFolder, "Fides", overlay, diagnostics);
                diagnostics = WithoutAnsweredGaps(diagnostics, design, overlayPath!);
                if (diagnostics.HasErrors)
                    return new DesignReadResult(null, InFileOrder(diagnostics.Items));
            }

            var binderDiagnostics = new DiagnosticBag();
            var binder = new ModelBinder(fileOrFolder, limits, binderDiagnostics);
            var model = binder.Bind(design);
            diagnostics.AddRange(binderDiagnostics.Items);
            if (model is not null)
                diagnostics.AddRange(ModelValidator.Validate(model, binder.Map).Where(d => !AlreadyReported(d, translator.EmptyFlows)));
            return new DesignReadResult(diagnostics.HasErrors ? null : model, InFileOrder(diagnostics.Items));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            return Failed(diagnostics, DiagnosticCodes.UnreadableFile, fileOrFolder, $"The Fides manifest '{fileOrFolder}' could not be read: {ex.Message}");
        }
    }

    /// <summary>
    /// True when <paramref name="text"/> reads as a Fides manifest: YAML (or JSON) whose top level holds a fideslang
    /// resource list (<c>system</c>, <c>dataset</c>, ...) whose entries carry a <c>fides_key</c>. Never throws.
    /// </summary>
    /// <param name="text">The content of a file.</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public static bool LooksLikeFides(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > ReaderLimits.Default.MaxFileSize || !text.Contains("fides_key", StringComparison.Ordinal))
            return false;
        var root = YamlTreeReader.Read(text, "sniff", ReaderLimits.Default, new DiagnosticBag());
        if (root is not MappingNode mapping || !FidesManifest.HoldsResources(root))
            return false;
        foreach (var (key, value) in mapping.Entries)
        {
            if (Array.IndexOf(FidesManifest.ResourceKinds, key.Value) >= 0 && value is SequenceNode list
                && list.Items.Exists(e => e is MappingNode resource && resource.Find("fides_key") is not null))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The diagnostics without the "no population" warnings (TM2152) the overlay answered: a subject whose population
    /// now comes from the overlay file.
    /// </summary>
    private static DiagnosticBag WithoutAnsweredGaps(DiagnosticBag diagnostics, MappingNode design, string overlayPath)
    {
        var answered = new HashSet<string>(StringComparer.Ordinal);
        if (design.Find("subjects")?.Value is SequenceNode subjects)
        {
            foreach (var subject in subjects.Items)
            {
                if (subject is MappingNode node && node.Find("population")?.Value is { } population
                    && string.Equals(population.Span.File, overlayPath, StringComparison.Ordinal) && ImportText.Text(node, "id") is { } id)
                {
                    answered.Add($"Data subject '{id}' has no population");
                }
            }
        }

        if (answered.Count == 0)
            return diagnostics;
        var kept = new DiagnosticBag();
        kept.AddRange(diagnostics.Items.Where(d => !(d.Code == FidesDiagnosticCodes.NoPopulation && answered.Any(a => d.Message.StartsWith(a + ":", StringComparison.Ordinal)))));
        return kept;
    }

    /// <summary>The manifest files under a folder, in a fixed order (ordinal by path), hidden files, folders and the overlay left out.</summary>
    private static string[] ManifestFiles(string folder, string? overlayPath)
    {
        var skipped = FolderOverlayNames.Select(name => Path.GetFullPath(Path.Combine(folder, name))).ToHashSet(StringComparer.Ordinal);
        if (overlayPath is not null)
            skipped.Add(Path.GetFullPath(overlayPath));
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        var files = Directory.EnumerateFiles(folder, "*", options)
            .Where(f => DesignReader.FormatFromExtension(f) == DesignFormat.Yaml)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .Where(f => !skipped.Contains(Path.GetFullPath(f)))
            .ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    /// <summary>The node tree of one file, or null after reporting why it cannot be read.</summary>
    private static DesignNode? Parse(string file, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        if (stream.Length > limits.MaxFileSize)
        {
            diagnostics.Error(DiagnosticCodes.LimitExceeded, $"The manifest file '{file}' is {stream.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes, over the limit of {limits.MaxFileSize.ToString("N0", CultureInfo.InvariantCulture)}. Split it, or raise the limit with --max-file-size.", SourceSpan.At(file, 1, 1));
            return null;
        }

        var source = SourceText.CheckStream(stream, file, limits.MaxFileSize, diagnostics, out _);
        if (source is not { } text || text.Blank)
            return null;
        using var reader = new Utf8StreamReader(stream, text.BodyStart, YamlTreeReader.GapLimit(limits));
        var root = YamlTreeReader.Read(reader, file, limits, diagnostics);
        return root is ScalarNode { IsNull: true } ? null : root;
    }

    /// <summary>The validator's note that a flow carries nothing, for a flow the reader already reported (TM2150).</summary>
    private static bool AlreadyReported(Diagnostic diagnostic, HashSet<string> emptyFlows) =>
        diagnostic.Code == DiagnosticCodes.Suspicious && emptyFlows.Any(id => diagnostic.Message.StartsWith($"Flow '{id}' carries no", StringComparison.Ordinal));

    private static DesignReadResult Failed(DiagnosticBag diagnostics, string code, string path, string message)
    {
        diagnostics.Error(code, message, SourceSpan.At(path, 1, 1));
        return new DesignReadResult(null, diagnostics.Items);
    }

    /// <summary>The diagnostics by file, line and column; those at the same place keep the order they were found in.</summary>
    private static Diagnostic[] InFileOrder(IReadOnlyList<Diagnostic> diagnostics) =>
        [.. diagnostics.Select((d, i) => (d, i))
            .OrderBy(x => x.d.Span.File, StringComparer.Ordinal)
            .ThenBy(x => x.d.Span.Line)
            .ThenBy(x => x.d.Span.Column)
            .ThenBy(x => x.i)
            .Select(x => x.d)];
}
