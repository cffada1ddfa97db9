using System.CommandLine;
using ThreatModel.Formats;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel import &lt;model&gt; [--overlay F] [-o design.yaml]</c>: a Threat Dragon or OTM model with its privacy
/// overlay, written as a ThreatModel design (for teams that switch); <c>check</c> on it gives the same findings.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var model = CommonOptions.Design("model", "The model file: Threat Dragon (.json), OTM (.json, .yaml) or a design.");
        var @out = new Option<string?>("--out", "-o")
        {
            Description = "Write the design to this file (.yaml, .yml or .json; default: YAML on standard output).",
            HelpName = "file",
        };
        var limits = new ReaderLimitOptions();
        var command = new Command("import", "Read a Threat Dragon or OTM model with its privacy overlay and write it as a ThreatModel design.") { model, @out };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            context.Import = import.Resolve(parse);
            var read = DesignLoader.Load(context, path, limits.Resolve(parse));
            if (read is null)
                return ExitCodes.InvalidInput;
            var file = parse.GetValue(@out);
            var format = file is not null && DesignReader.FormatFromExtension(file) == DesignFormat.Json ? DesignFormat.Json : DesignFormat.Yaml;
            ReportTargets.Emit(
                file,
                context,
                w => w.Write(format == DesignFormat.Json ? DesignWriter.ToJson(read) : DesignWriter.ToYaml(read)),
                s => DesignWriter.Write(read, s, format));
            if (file is not null)
                context.Error.Line($"wrote design to {file}");
            return ExitCodes.Success;
        });
        return command;
    }
}
