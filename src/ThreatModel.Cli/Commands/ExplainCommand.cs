using System.CommandLine;
using ThreatModel.Findings;
using ThreatModel.Validation;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel explain &lt;rule&gt;</c>: a rule's documentation page, by id or name.</summary>
internal static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var rule = new Argument<string>("rule") { Description = "A rule id (TM001) or name (cross-context-linkage)." };
        var command = new Command("explain", "Print a rule's documentation: the harm, when it fires, the evidence, mitigations, sources.") { rule };
        command.SetAction(parse =>
        {
            var wanted = parse.GetValue(rule)!.Trim();
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
}
