using System.CommandLine;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel diff &lt;old&gt; &lt;new&gt;</c>: findings introduced, worsened, improved, resolved, newly accepted and
/// unchanged, and thresholds relaxed; fails on introduced and worsened findings, and (unless allowed) on newly accepted
/// findings and relaxed thresholds.
/// </summary>
internal static class DiffCommand
{
    public static Command Create(CliContext context)
    {
        var oldDesign = CommonOptions.Design("old", "The design before the change.");
        var newDesign = CommonOptions.Design("new", "The design after the change.");
        var format = new Option<string>("--format", "-f")
        {
            Description = $"{string.Join(", ", FindingDiffWriter.Formats)} (default: text).",
            DefaultValueFactory = _ => "text",
            HelpName = "format",
        };
        format.AcceptOnlyFromAmong([.. FindingDiffWriter.Formats]);
        var @out = new Option<string?>("--out", "-o") { Description = "Write the comparison to this file instead of standard output.", HelpName = "file" };
        var failOn = CommonOptions.FailOn();
        var baseline = CommonOptions.Baseline();
        var oldBaseline = new Option<string?>("--old-baseline")
        {
            Description = "The baseline of the old version (usually the base branch's); default: --baseline. Entries new or changed in --baseline are then \"newly accepted\".",
            HelpName = "file",
        };
        var allowNewAcceptances = new Option<bool>("--allow-new-acceptances")
        {
            Description = "Do not fail on findings the new version newly accepts (inline accepts: or baseline entries new or changed).",
        };
        var allowDesignSettings = CommonOptions.AllowDesignSettings();
        var limits = new ReaderLimitOptions();
        var sourceRoot = CommonOptions.SourceRoot();
        var config = ReviewerConfigLoader.Option();
        var command = new Command("diff", "Compare the findings of two versions of a design; exit 1 for introduced or worsened findings at or above --fail-on, newly accepted findings and relaxed thresholds.")
        {
            oldDesign, newDesign, format, @out, failOn, baseline, oldBaseline, allowNewAcceptances, allowDesignSettings, sourceRoot, config,
        };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            context.Import = import.Resolve(parse);
            var (configured, reviewer) = ReviewerConfigLoader.Load(context, parse.GetValue(config));
            if (!configured)
                return ExitCodes.InvalidInput;
            var threshold = ReviewerConfigLoader.Threshold(parse, failOn, reviewer);
            var readerLimits = limits.Resolve(parse);
            var oldModel = DesignLoader.Load(context, parse.GetValue(oldDesign)!, readerLimits);
            var newModel = DesignLoader.Load(context, parse.GetValue(newDesign)!, readerLimits);
            if (oldModel is null || newModel is null)
                return ExitCodes.InvalidInput;
            var baselinePath = parse.GetValue(baseline);
            var oldBaselinePath = parse.GetValue(oldBaseline) ?? baselinePath;
            var allowSettings = parse.GetValue(allowDesignSettings);
            // Both versions under the one reviewer configuration: a change of configuration is not a change of design.
            var analysis = ReviewerConfigLoader.Apply(reviewer, CommonOptions.Analysis(allowSettings));
            if (context.Analyze(oldModel, oldBaselinePath, analysis) is not { } before || context.Analyze(newModel, baselinePath, analysis) is not { } after)
                return ExitCodes.InvalidInput;

            var diff = FindingDiff.Between(before.Result, after.Result);
            var options = new ReportOptions { SourceRoot = CommonOptions.Root(parse.GetValue(sourceRoot)), Notes = after.Notes };
            var diffFormat = parse.GetValue(format)!;
            ReportTargets.Emit(parse.GetValue(@out), context, w => FindingDiffWriter.Write(diff, diffFormat, w, options), s => FindingDiffWriter.Write(diff, diffFormat, s, options));
            var failing = diff.Failing(threshold, parse.GetValue(allowNewAcceptances), allowSettings);
            return failing > 0 ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }
}
