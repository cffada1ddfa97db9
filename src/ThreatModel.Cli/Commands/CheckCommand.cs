using System.CommandLine;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel check &lt;design&gt;</c>: analyse a design, write reports, exit 1 on findings at or above --fail-on.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var format = new Option<string[]>("--format", "-f")
        {
            Description = $"Report format; repeat for several: {string.Join(", ", ReportWriters.Formats)} (default: text).",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong([.. ReportWriters.Formats]);
        var @out = new Option<string[]>("--out", "-o")
        {
            Description = "Write a report to this file; the format follows the extension (.txt .json .md .sarif .mmd .dot .svg .html). Repeatable.",
            HelpName = "file",
        };
        var output = new Option<string?>("--output", "-d")
        {
            Description = "Write one file per --format into this directory, named after the design (design.sarif, design.md, ...).",
            HelpName = "dir",
        };
        var maxResults = new Option<int>("--max-results")
        {
            Description = "List at most n findings in each report, the most severe first, and say how many were left out; the exit code still counts every finding (default: all).",
            HelpName = "n",
        };
        maxResults.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--max-results must be 1 or more.");
        });
        var groupBy = new Option<string?>("--group-by")
        {
            Description = "Group the findings of text and Markdown reports under a heading per rule or per element, with counts; JSON gets a 'groups' summary.",
            HelpName = "rule|element",
        };
        groupBy.AcceptOnlyFromAmong("rule", "element");
        var failOn = CommonOptions.FailOn();
        var baseline = CommonOptions.Baseline();
        var limits = new ReaderLimitOptions();
        var sourceRoot = CommonOptions.SourceRoot();
        var noColor = CommonOptions.NoColor();
        var allowDesignSettings = CommonOptions.AllowDesignSettings();
        var strict = CommonOptions.Strict();
        var config = ReviewerConfigLoader.Option();

        var command = new Command("check", "Analyse a design for privacy harms and report the findings.")
        {
            design, format, @out, output, maxResults, groupBy, failOn, baseline, sourceRoot, noColor, allowDesignSettings, strict, config,
        };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            var path = parse.GetValue(design)!;
            var targets = ReportTargets.Resolve(parse.GetValue(format) ?? [], parse.GetValue(@out) ?? [], parse.GetValue(output), path);
            context.Import = import.Resolve(parse);
            var (configured, reviewer) = ReviewerConfigLoader.Load(context, parse.GetValue(config));
            if (!configured)
                return ExitCodes.InvalidInput;
            var threshold = ReviewerConfigLoader.Threshold(parse, failOn, reviewer);
            var progress = context.StartProgress(parse.GetValue(noColor));
            try
            {
                return Check();
            }
            finally
            {
                context.EndProgress(progress);
            }

            int Check()
            {
                progress.Report("reading design");
                var model = DesignLoader.Load(context, path, limits.Resolve(parse), parse.GetValue(strict));
                if (model is null)
                    return ExitCodes.InvalidInput;
                var analyzerOptions = ReviewerConfigLoader.Apply(reviewer, CommonOptions.Analysis(parse.GetValue(allowDesignSettings))) with { Progress = progress };
                if (context.Analyze(model, parse.GetValue(baseline), analyzerOptions) is not { } analysis)
                    return ExitCodes.InvalidInput;
                progress.Report("writing reports");

                foreach (var (_, file) in targets)
                {
                    if (file is not null)
                        ReportFile.EnsureWritable(file, context.Inputs); // every target refused before the first is written
                }

                var root = CommonOptions.Root(parse.GetValue(sourceRoot));
                // A Markdown report too long for a pull-request comment names a full report written by the same run.
                var fullReport = targets.FirstOrDefault(t => t.Path is not null && t.Writer.Format is "json" or "text" or "sarif").Path;
                foreach (var (writer, file) in targets)
                {
                    var options = new ReportOptions
                    {
                        SourceRoot = root,
                        Notes = analysis.Notes,
                        FullReport = fullReport is null ? null : Path.GetFileName(fullReport),
                        Color = file is null && writer.Format == "text" && context.Environment.UseColor(parse.GetValue(noColor)),
                        MaxResults = parse.GetValue(maxResults),
                        GroupBy = parse.GetValue(groupBy) switch
                        {
                            "rule" => ReportGrouping.Rule,
                            "element" => ReportGrouping.Element,
                            _ => ReportGrouping.None,
                        },
                    };
                    ReportTargets.Emit(file, context, w => writer.Write(analysis.Result, w, options), s => writer.Write(analysis.Result, s, options));
                    if (file is not null)
                        context.Error.Line($"wrote {writer.Format} report to {file}");
                }

                // The gate counts every finding, listed or not: --max-results never hides a failing finding from the exit code.
                var failing = threshold is { } t ? analysis.Result.AtOrAbove(t).Count() : 0;
                return failing > 0 ? ExitCodes.Findings : ExitCodes.Success;
            }
        });
        return command;
    }
}
