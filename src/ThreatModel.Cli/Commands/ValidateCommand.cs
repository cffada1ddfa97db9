using System.CommandLine;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel validate &lt;design&gt;</c>: read and check a design without running rules.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var strict = CommonOptions.Strict();
        var limits = new ReaderLimitOptions();
        var command = new Command("validate", "Check that a design file is well-formed and consistent; print its diagnostics.") { design, strict };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(design)!;
            context.Import = import.Resolve(parse);
            var model = DesignLoader.Load(context, path, limits.Resolve(parse), parse.GetValue(strict));
            if (model is null || !context.AcceptancesNameKnownRules(model)) // an acceptance of an unknown rule fails check too
                return ExitCodes.InvalidInput;
            context.Output.Line($"{path}: valid: {model.Name} ({Count(model.Subjects.Count, "subject")}, {Count(model.Items.Count, "item")}, {Count(model.Elements.Count, "element")}, {Count(model.Flows.Count, "flow")})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(System.Globalization.CultureInfo.InvariantCulture)} {noun}s";
}
