using System.CommandLine;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel diff &lt;old&gt; &lt;new&gt;</c>: findings introduced, resolved and unchanged; fails only on introduced ones.</summary>
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
        var limits = new ReaderLimitOptions();
        var sourceRoot = CommonOptions.SourceRoot();
        var command = new Command("diff", "Compare the findings of two versions of a design by fingerprint; exit 1 only for introduced findings at or above --fail-on.")
        {
            oldDesign, newDesign, format, @out, failOn, baseline, sourceRoot,
        };
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var threshold = CommonOptions.Threshold(parse.GetValue(failOn)!);
            var readerLimits = limits.Resolve(parse);
            var oldModel = DesignLoader.Load(context, parse.GetValue(oldDesign)!, readerLimits);
            var newModel = DesignLoader.Load(context, parse.GetValue(newDesign)!, readerLimits);
            if (oldModel is null || newModel is null)
                return ExitCodes.InvalidInput;
            var baselinePath = parse.GetValue(baseline);
            if (context.Analyze(oldModel, baselinePath) is not { } before || context.Analyze(newModel, baselinePath) is not { } after)
                return ExitCodes.InvalidInput;

            var diff = FindingDiff.Between(before.Result, after.Result);
            var options = new ReportOptions { SourceRoot = CommonOptions.Root(parse.GetValue(sourceRoot)), Notes = after.Notes };
            var diffFormat = parse.GetValue(format)!;
            ReportTargets.Emit(parse.GetValue(@out), context.Output, w => FindingDiffWriter.Write(diff, diffFormat, w, options), s => FindingDiffWriter.Write(diff, diffFormat, s, options));
            var failing = threshold is { } t ? diff.Introduced.Count(f => f.Severity >= t) : 0;
            return failing > 0 ? ExitCodes.Findings : ExitCodes.Success;
        });
        return command;
    }
}
