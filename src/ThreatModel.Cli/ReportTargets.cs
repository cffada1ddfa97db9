using System.Text;
using ThreatModel.Reporting;

namespace ThreatModel.Cli;

/// <summary>Where each requested format goes: files from --out, files in --output, or standard output.</summary>
internal static class ReportTargets
{
    /// <summary>The (writer, path) pairs to write; a null path means standard output.</summary>
    public static IReadOnlyList<(IReportWriter Writer, string? Path)> Resolve(
        IReadOnlyList<string> formats, IReadOnlyList<string> outs, string? outputDirectory, string designPath, string defaultFormat = "text")
    {
        var targets = new List<(IReportWriter Writer, string? Path)>();
        var requested = formats.Select(f => ReportWriters.ForFormat(f) ?? throw new UsageException($"Unknown format '{f}'; expected one of {string.Join(", ", ReportWriters.Formats)}.")).ToList();
        foreach (var path in outs)
        {
            var writer = ReportWriters.ForPath(path)
                ?? (requested.Count == 1 && outs.Count == 1 ? requested[0] : null)
                ?? throw new UsageException($"Cannot tell the format of '{path}' from its extension; use .txt, .json, .md, .sarif, .mmd, .dot, .svg or .html, or give exactly one --format.");
            targets.Add((writer, path));
        }

        var rest = requested.Where(w => !targets.Any(t => t.Writer.Format == w.Format)).DistinctBy(w => w.Format).ToList();
        if (rest.Count == 0 && targets.Count == 0)
            rest.Add(ReportWriters.ForFormat(defaultFormat)!);

        if (outputDirectory is not null)
        {
            var stem = Path.GetFileNameWithoutExtension(designPath);
            foreach (var writer in rest)
                targets.Add((writer, Path.Combine(outputDirectory, stem + writer.FileExtension)));
        }
        else if (rest.Count > 1)
        {
            throw new UsageException($"Several formats ({string.Join(", ", rest.Select(w => w.Format))}) cannot all go to standard output; give --output <dir> or one --out <file> per format.");
        }
        else if (rest.Count == 1)
        {
            targets.Add((rest[0], null));
        }

        return targets;
    }

    /// <summary>Writes text to a file (UTF-8 without BOM, creating folders; see <see cref="ReportFile"/>) or to standard output.</summary>
    public static void Emit(string? path, CliContext context, Action<TextWriter> write) =>
        Emit(path, context, write, stream =>
        {
            using var text = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
            write(text);
        });

    /// <summary>
    /// Writes a report as it is produced: to standard output as text, gathered into blocks (standard output flushes on
    /// every write), or to a file as bytes (<paramref name="writeBytes"/> writes UTF-8 without BOM), creating folders.
    /// A file is written atomically, never through a symbolic link and never onto a file the command reads
    /// (<see cref="CliContext.Inputs"/>); a failure to write is exit 2.
    /// </summary>
    public static void Emit(string? path, CliContext context, Action<TextWriter> writeText, Action<Stream> writeBytes)
    {
        if (path is null)
        {
            try
            {
                using var buffered = new BufferedTextWriter(context.Output);
                writeText(buffered);
                return; // disposing flushes the buffer and standard output
            }
            catch (IOException e)
            {
                // Standard output redirected to a full disk or /dev/full: an input/output problem, not a bug.
                throw new UsageException($"Cannot write to standard output: {e.Message}");
            }
        }

        ReportFile.Write(path, context.Inputs, writeBytes);
    }
}
