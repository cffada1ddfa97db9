using System.CommandLine;
using ThreatModel.Reporting;
using ThreatModel.Rules;

namespace ThreatModel.Cli.Commands;

/// <summary><c>threatmodel rules</c>: the built-in rules as a table.</summary>
internal static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rules", "List the built-in rules: id, name, LINDDUN category, Solove harm, default severity.");
        command.SetAction(_ =>
        {
            var rows = new List<string[]> { new[] { "ID", "NAME", "LINDDUN", "SOLOVE", "SEVERITY", "TITLE" } };
            rows.AddRange(context.Analyzer.Rules.Select(r => new[]
            {
                r.Metadata.Id,
                r.Metadata.Name,
                Kebab(r.Metadata.Linddun.ToString()),
                Kebab(r.Metadata.Solove.ToString()),
                r.Metadata.DefaultSeverity.ToString().ToLowerInvariant(),
                r.Metadata.Title,
            }));
            var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
            foreach (var row in rows)
                context.Output.Line(string.Join("  ", row.Take(5).Select((cell, i) => cell.PadRight(widths[i]))) + "  " + row[5]);
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Kebab(string pascal) => string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
