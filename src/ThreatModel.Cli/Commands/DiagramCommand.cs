using System.CommandLine;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel diagram &lt;design&gt;</c>: the data-flow graph as Mermaid or DOT text, or drawn in-process as SVG or as
/// the interactive HTML page, evidence paths highlighted. The format follows <c>--format</c>, else the extension of
/// <c>--out</c>; an extension no diagram format writes (.png) is refused rather than filled with text.
/// </summary>
internal static class DiagramCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (default), dot, svg (drawn in-process) or html (the interactive report page).",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong(Formats);
        var @out = new Option<string?>("--out", "-o") { Description = "Write the diagram to this file instead of standard output.", HelpName = "file" };
        var baseline = CommonOptions.Baseline();
        var limits = new ReaderLimitOptions();
        var command = new Command("diagram", "Draw the design's data-flow graph; flows on findings' evidence paths are red.") { design, format, @out, baseline };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(design)!;
            context.Import = import.Resolve(parse);
            WriterFor(parse.GetValue(format), parse.GetValue(@out)); // a refused --out is exit 2 before the design is read
            var model = DesignLoader.Load(context, path, limits.Resolve(parse));
            if (model is null)
                return ExitCodes.InvalidInput;
            if (context.Analyze(model, parse.GetValue(baseline)) is not { } analysis)
                return ExitCodes.InvalidInput;
            var file = parse.GetValue(@out);
            var writer = WriterFor(parse.GetValue(format), file);
            if (file is not null)
                ReportFile.EnsureWritable(file, context.Inputs);
            ReportTargets.Emit(file, context, w => writer.Write(analysis.Result, w, ReportOptions.Default), s => writer.Write(analysis.Result, s, ReportOptions.Default));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The formats a diagram is written in.</summary>
    private static readonly string[] Formats = ["mermaid", "dot", "svg", "html"];

    /// <summary>The writer for --format, else for the extension of --out (mermaid when neither says).</summary>
    private static IReportWriter WriterFor(string? format, string? file)
    {
        var extension = file is null ? string.Empty : Path.GetExtension(file).ToLowerInvariant();
        if (extension is ".png" or ".jpg" or ".jpeg" or ".gif" or ".bmp" or ".webp" or ".tif" or ".tiff" or ".pdf")
            throw new UsageException($"'{file}': diagram does not draw {extension} images (no raster or PDF output); use .svg, .html, .mmd or .dot, or give --format mermaid|dot|svg|html.");
        if (format is not null)
            return ReportWriters.ForFormat(format)!;
        if (file is null)
            return ReportWriters.ForFormat("mermaid")!;
        return ReportWriters.ForPath(file) is { } writer && Formats.Contains(writer.Format)
            ? writer
            : extension is "" ? ReportWriters.ForFormat("mermaid")!
            : throw new UsageException($"Cannot tell the diagram format of '{file}' from its extension; use .svg, .html, .mmd or .dot, or give --format mermaid|dot|svg|html.");
    }
}
