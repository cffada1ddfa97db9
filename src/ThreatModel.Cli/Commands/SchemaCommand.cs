using System.CommandLine;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel schema [design|config|report]</c>: prints the JSON Schema of this version's design files, reviewer
/// configuration or JSON report, so editors can be pointed at the schema of the installed tool.
/// </summary>
internal static class SchemaCommand
{
    private static readonly string[] Kinds = ["design", "config", "report"];

    public static Command Create(CliContext context)
    {
        var kind = new Argument<string>("kind")
        {
            Description = "design (default), config (the reviewer's configuration) or report (the JSON report).",
            DefaultValueFactory = _ => "design",
        };
        kind.AcceptOnlyFromAmong(Kinds);
        var command = new Command("schema", "Print the JSON Schema of design files (or of the reviewer's configuration, or of the JSON report) of this version.")
        {
            kind,
        };
        command.SetAction(parse =>
        {
            var name = $"schema/{parse.GetValue(kind)}.schema.json";
            using var stream = typeof(SchemaCommand).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"The schema '{name}' is missing from the tool.");
            using var reader = new StreamReader(stream);
            context.Output.Write(reader.ReadToEnd().ReplaceLineEndings("\n"));
            return ExitCodes.Success;
        });
        return command;
    }
}
