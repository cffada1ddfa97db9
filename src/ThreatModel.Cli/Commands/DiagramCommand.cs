using System.CommandLine;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel diagram &lt;design&gt;</c>: the data-flow graph as Mermaid or DOT, evidence paths highlighted.</summary>
internal static class DiagramCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var format = new Option<string>("--format", "-f")
        {
            Description = "mermaid (default) or dot.",
            DefaultValueFactory = _ => "mermaid",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong("mermaid", "dot");
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
            var model = DesignLoader.Load(context, path, limits.Resolve(parse));
            if (model is null)
                return ExitCodes.InvalidInput;
            if (context.Analyze(model, parse.GetValue(baseline)) is not { } analysis)
                return ExitCodes.InvalidInput;
            var writer = ReportWriters.ForFormat(parse.GetValue(format)!)!;
            var file = parse.GetValue(@out);
            ReportTargets.Emit(file, context, w => writer.Write(analysis.Result, w, ReportOptions.Default), s => writer.Write(analysis.Result, s, ReportOptions.Default));
            return ExitCodes.Success;
        });
        return command;
    }
}
