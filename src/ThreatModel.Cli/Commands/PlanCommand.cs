using System.CommandLine;
using ThreatModel.Formats;
using ThreatModel.Formats.Import;
using ThreatModel.Planning;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel plan &lt;design&gt;</c>: a few design edits that clear the review, found by greedy search with
/// re-analysis (docs/plan.md); <c>--apply -o FILE</c> writes the edited design. Exit 0 when the plan clears the
/// threshold, 1 when it cannot within the budget, 2 for unusable input.
/// </summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var failOn = CommonOptions.FailOn();
        var budget = new Option<int>("--budget")
        {
            Description = "The most edits the plan may use (default: 50).",
            DefaultValueFactory = _ => 50,
            HelpName = "n",
        };
        budget.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
                result.AddError("--budget must be 0 or more.");
        });
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (default), json or markdown.",
            DefaultValueFactory = _ => "text",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong([.. PlanWriter.Formats]);
        var apply = new Option<bool>("--apply") { Description = "Write the design with the plan's edits applied to the file given with -o." };
        var @out = new Option<string?>("--out", "-o") { Description = "With --apply: the file to write the edited design to (.yaml, .yml or .json).", HelpName = "file" };
        var allowDesignSettings = CommonOptions.AllowDesignSettings();
        var limits = new ReaderLimitOptions();
        var command = new Command("plan", "Find a few design edits that bring the design under --fail-on, with what each removes and costs.")
        {
            design, failOn, budget, format, apply, @out, allowDesignSettings,
        };
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(design)!;
            var file = parse.GetValue(@out);
            var threshold = CommonOptions.Threshold(parse.GetValue(failOn)!)
                ?? throw new UsageException("plan needs a severity to clear: --fail-on none leaves nothing to plan; use info, low, medium, high or critical.");
            var applying = parse.GetValue(apply);
            if (applying && file is null)
                throw new UsageException("--apply needs -o FILE: the file to write the edited design to.");
            if (!applying && file is not null)
                throw new UsageException("-o writes the edited design and needs --apply.");
            var model = DesignLoader.Load(context, path, limits.Resolve(parse));
            if (model is null || !context.AcceptancesNameKnownRules(model))
                return ExitCodes.InvalidInput;
            if (file is not null)
                ReportFile.EnsureWritable(file, context.Inputs);

            var options = new PlanOptions
            {
                Threshold = threshold,
                Budget = parse.GetValue(budget),
                Analysis = CommonOptions.Analysis(parse.GetValue(allowDesignSettings)),
            };
            var plan = new Planner(context.Analyzer).Plan(model, options);
            ReportTargets.Emit(null, context, w => PlanWriter.Write(plan, w, parse.GetValue(format)!));
            if (file is not null)
            {
                var text = EditedText(context, path, file, plan, limits.Resolve(parse));
                ReportTargets.Emit(file, context, w => w.Write(text));
                context.Error.Line($"wrote the edited design ({plan.Steps.Count} edit(s)) to {file}");
            }

            return plan.Clears ? ExitCodes.Success : ExitCodes.Findings;
        });
        return command;
    }

    /// <summary>
    /// The edited design as text: the original file with the edits placed in it (comments and layout kept) when the
    /// output has the design's format; otherwise, or when an edit cannot be placed, the whole design written anew, with
    /// one line on standard error saying why.
    /// </summary>
    private static string EditedText(CliContext context, string path, string file, Plan plan, ReaderLimits limits)
    {
        var format = DesignReader.FormatFromExtension(file) ?? DesignFormat.Yaml;
        string Whole() => format == DesignFormat.Json ? DesignWriter.ToJson(plan.Edited) : DesignWriter.ToYaml(plan.Edited);
        if (!File.Exists(path))
        {
            context.Error.Line($"threatmodel: {path} is a folder of manifests, not one design file: wrote the whole design anew.");
            return Whole();
        }

        var original = File.ReadAllText(path);
        var written = DesignReader.FormatFromExtension(path) ?? (ModelImport.LooksLikeJson(original) ? DesignFormat.Json : DesignFormat.Yaml);
        if (written != format)
        {
            context.Error.Line($"threatmodel: {path} is {Name(written)} and {file} is {Name(format)}: wrote the whole design anew, so the comments and layout of {path} were not kept.");
            return Whole();
        }

        var patch = DesignPatcher.Patch(original, format, plan.Edited, limits);
        if (!patch.KeepsLayout)
        {
            var edits = plan.Steps.Select(s => s.Edit).Where(e => patch.Target is not null && string.Equals(e.Target, patch.Target, StringComparison.Ordinal)).Select(e => e.Key).ToList();
            var named = edits.Count > 0 ? $" (edit {string.Join(", ", edits)})" : string.Empty;
            context.Error.Line($"threatmodel: {patch.Problem}{named}; wrote the whole design anew, so the comments and layout of {path} were not kept.");
        }

        return patch.Text;
    }

    private static string Name(DesignFormat format) => format == DesignFormat.Json ? "JSON" : "YAML";
}
