using System.CommandLine;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli.Commands;

/// <summary>
/// <c>threatmodel explain &lt;rule&gt;</c>: a rule's documentation page, by id or name; <c>threatmodel explain
/// &lt;fingerprint&gt; &lt;design&gt;</c>: why one finding of a design fires, step by step along its evidence routes,
/// with its estimates' inputs and its remedies.
/// </summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var rule = new Argument<string>("rule") { Description = "A rule id (TM001) or name (cross-context-linkage); with a design, a finding's fingerprint (or its first 8 or more characters)." };
        var design = new Argument<string?>("design") { Description = "The design the finding is in (only with a fingerprint).", Arity = ArgumentArity.ZeroOrOne };
        var limits = new ReaderLimitOptions();
        var command = new Command("explain", "Print a rule's documentation, or explain why one finding of a design fires.") { rule, design };
        limits.AddTo(command);
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(rule)!.Trim();
            if (parse.GetValue(design) is { } path)
                return Finding(context, wanted, path, limits.Resolve(parse));
            var rules = context.Analyzer.Rules.Select(r => r.Metadata).ToList();
            var match = rules.FirstOrDefault(r => string.Equals(r.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Name, wanted, StringComparison.OrdinalIgnoreCase));
            if (match is null)
            {
                var suggestion = NameSuggester.Closest(wanted, rules.Select(r => r.Id).Concat(rules.Select(r => r.Name)));
                var hint = suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?";
                context.Error.Line($"threatmodel: error: unknown rule '{wanted}'.{hint} Run 'threatmodel rules' to list the rules.");
                return ExitCodes.InvalidInput;
            }

            context.Output.Write(RuleDocumentation.Explain(match));
            return ExitCodes.Success;
        });
        return command;
    }

    private static int Finding(CliContext context, string fingerprint, string path, Formats.ReaderLimits limits)
    {
        if (fingerprint.Length < 8 || !fingerprint.All(Uri.IsHexDigit))
            throw new UsageException($"'{fingerprint}' is not a finding fingerprint (32 hexadecimal digits, or at least the first 8); 'threatmodel check --format json' lists them.");
        var model = DesignLoader.Load(context, path, limits);
        if (model is null || context.Analyze(model, null) is not { } analysis)
            return ExitCodes.InvalidInput;
        var all = analysis.Result.Findings.Concat(analysis.Result.Suppressed.Select(s => s.Finding));
        var matches = all.Where(f => f.Fingerprint.StartsWith(fingerprint, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1)
        {
            context.Error.Line(matches.Count == 0
                ? $"threatmodel: error: no finding of {path} has the fingerprint '{fingerprint}'; 'threatmodel check {path} --format json' lists the fingerprints."
                : $"threatmodel: error: '{fingerprint}' matches {matches.Count} findings of {path}; give more characters of the fingerprint.");
            return ExitCodes.InvalidInput;
        }

        context.Output.Write(Explain(model, matches[0]));
        return ExitCodes.Success;
    }

    /// <summary>The finding in steps: what, where, the routes flow by flow, the estimates with their inputs, and the edits that remove it.</summary>
    internal static string Explain(SystemModel model, Finding finding)
    {
        var w = new System.Text.StringBuilder();
        void Line(string text) => w.Append(Reporting.SafeText.Escape(text)).Append('\n');
        Line($"{finding.RuleId} {finding.Fingerprint} [{finding.Severity.ToString().ToLowerInvariant()}]: {finding.Title}");
        Line($"at {finding.Location}");
        Line(string.Empty);
        Line("Why it fires:");
        Line($"  {finding.Message}");
        Line($"  Severity {finding.Severity.ToString().ToLowerInvariant()} = likelihood {finding.Likelihood.ToString().ToLowerInvariant()} x impact {finding.Impact.ToString().ToLowerInvariant()} (docs/severity.md).");
        var route = 0;
        foreach (var flows in finding.EvidenceRoutes)
        {
            route++;
            Line(string.Empty);
            Line($"Route {route}:");
            var step = 0;
            foreach (var id in flows)
            {
                step++;
                if (!model.TryGetFlow(id, out var flow))
                {
                    Line($"  {step}. flow {id}");
                    continue;
                }

                var carried = flow.Items.Where(i => finding.Items.Contains(i, StringComparer.Ordinal)).ToList();
                Line($"  {step}. {Name(model, flow.From)} -> {Name(model, flow.To)} on flow {flow.Id} ({flow.Span}), purpose {flow.Purpose}: "
                    + $"carries {(carried.Count > 0 ? string.Join(", ", carried) : string.Join(", ", flow.Items))}");
            }
        }

        if (finding.Estimates.Count > 0)
        {
            Line(string.Empty);
            Line("Estimates:");
            foreach (var estimate in finding.Estimates)
            {
                Line($"  {estimate.Name}: {estimate.Display} ({estimate.Method})");
                foreach (var (name, value) in estimate.Inputs)
                    Line($"    {name} = {value}");
            }
        }

        Line(string.Empty);
        Line("Mitigation:");
        Line($"  {finding.Mitigation}");
        if (finding.Remedies.Count > 0)
        {
            Line("Design edits that would remove it (threatmodel plan tries them):");
            foreach (var edit in finding.Remedies)
                Line($"  - {edit.Describe()}; cost: {edit.Cost}");
        }

        return w.ToString();
    }

    private static string Name(SystemModel model, string id) => model.TryGetElement(id, out var element) ? $"{element.Name} ({id})" : id;
}
