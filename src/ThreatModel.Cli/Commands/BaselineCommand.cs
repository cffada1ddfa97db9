using System.CommandLine;
using System.Globalization;
using ThreatModel.Analysis;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel baseline &lt;design&gt; -o &lt;file&gt; --justification ... --accepted-by ...</c>: accept today's findings.
/// When the file exists, entries for findings that still stand keep their own justification.
/// </summary>
internal static class BaselineCommand
{
    public static Command Create(CliContext context)
    {
        var design = CommonOptions.Design();
        var @out = new Option<string>("--out", "-o") { Description = "The baseline file to write.", Required = true, HelpName = "file" };
        var justification = new Option<string>("--justification", "-j") { Description = "Why these findings are accepted (required).", Required = true, HelpName = "text" };
        var acceptedBy = new Option<string>("--accepted-by") { Description = "Who accepts them (required).", Required = true, HelpName = "name" };
        var expires = new Option<string?>("--expires") { Description = "The last day the acceptance holds, yyyy-MM-dd; after it the findings fail again.", HelpName = "date" };
        var limits = new ReaderLimitOptions();
        var config = ReviewerConfigLoader.Option();
        var command = new Command("baseline", "Write a baseline that accepts the design's current findings, so that only new ones fail.")
        {
            design, @out, justification, acceptedBy, expires, config,
        };
        limits.AddTo(command);
        var import = new ImportOptions();
        import.AddTo(command);
        command.SetAction(parse =>
        {
            var why = parse.GetValue(justification)!.Trim();
            var who = parse.GetValue(acceptedBy)!.Trim();
            if (why.Length == 0 || who.Length == 0)
                throw new UsageException("--justification and --accepted-by must not be empty.");
            DateOnly? until = null;
            if (parse.GetValue(expires) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    throw new UsageException($"--expires '{text}' is not a date; expected yyyy-MM-dd.");
                until = date;
            }

            var (configured, reviewer) = ReviewerConfigLoader.Load(context, parse.GetValue(config));
            if (!configured)
                return ExitCodes.InvalidInput;
            var path = parse.GetValue(design)!;
            context.Import = import.Resolve(parse);
            var model = DesignLoader.Load(context, path, limits.Resolve(parse));
            if (model is null || !context.AcceptancesNameKnownRules(model))
                return ExitCodes.InvalidInput;
            var result = context.Analyzer.Analyze(model, ReviewerConfigLoader.Apply(reviewer, AnalyzerOptions.Default));
            var file = parse.GetValue(@out)!;
            var fresh = Baseline.For(result, why, who, context.Environment.Today, until);

            var kept = 0;
            if (File.Exists(file))
            {
                var (existing, diagnostics) = BaselineSerializer.ReadFile(file, context.Limits.MaxFileSize);
                if (existing is null)
                {
                    foreach (var diagnostic in diagnostics)
                        context.Error.Line(diagnostic.ToString());
                    context.Error.Line($"{file}: exists and is not a baseline; not overwritten.");
                    return ExitCodes.InvalidInput;
                }

                var previous = existing.Entries.ToDictionary(e => e.Fingerprint, StringComparer.OrdinalIgnoreCase);
                // An entry is kept (with its own justification) only while its finding is no more severe than it
                // accepted; a finding that grew more severe is accepted afresh, with this run's justification.
                fresh = new Baseline([.. fresh.Entries.Select(e => previous.TryGetValue(e.Fingerprint, out var old) && e.Severity <= old.AcceptedSeverity ? old : e)]);
                kept = fresh.Entries.Count(e => previous.TryGetValue(e.Fingerprint, out var old) && ReferenceEquals(old, e));
            }

            ReportTargets.Emit(file, context, w => w.Write(BaselineSerializer.Write(fresh)));
            var added = fresh.Entries.Count - kept;
            context.Error.Line($"wrote {file}: {fresh.Entries.Count} accepted finding(s), {added} new, {kept} kept from the existing baseline.");
            return ExitCodes.Success;
        });
        return command;
    }
}
