using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using ThreatModel.Cli.Commands;

namespace ThreatModel.Cli;

/// <summary>
/// The threatmodel command line. <see cref="Run"/> is the whole program: parse, run one command, return its exit code.
/// Parse errors and unusable input exit 2; an unexpected exception prints one line and exits 3 (never a stack trace).
/// </summary>
internal static class CliApplication
{
    /// <summary>The root command, named "threatmodel" whatever the executable is called (the tool's assembly is ThreatModel.Cli).</summary>
    public static Command CreateRoot(CliContext context) =>
        new("threatmodel", "Find privacy harms in a system design (data subjects, items, elements, flows) before it is built.")
        {
            new HelpOption(),
            new VersionOption(),
            CheckCommand.Create(context),
            ValidateCommand.Create(context),
            RulesCommand.Create(context),
            ExplainCommand.Create(context),
            DiagramCommand.Create(context),
            DiffCommand.Create(context),
            BaselineCommand.Create(context),
            ImportCommand.Create(context),
            SchemaCommand.Create(context),
            PlanCommand.Create(context),
        };

    public static int Run(string[] args, TextWriter output, TextWriter error, CliEnvironment environment)
    {
        try
        {
            var context = new CliContext(output, error, environment);
            var parse = CreateRoot(context).Parse(args);
            if (parse.Errors.Count > 0 && parse.Action is not CommandLineAction { ClearsParseErrors: true })
            {
                foreach (var problem in parse.Errors)
                    error.Line($"threatmodel: error: {problem.Message}");
                foreach (var hint in OptionSuggestions(parse))
                    error.Line($"threatmodel: {hint}");
                error.Line("Run 'threatmodel --help' or 'threatmodel <command> --help' for usage.");
                return ExitCodes.InvalidInput;
            }

            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (UsageException e)
        {
            error.Line($"threatmodel: error: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (IOException e)
        {
            // The surroundings failed (standard output on a full disk, a vanished file), not threatmodel: exit 2.
            error.Line($"threatmodel: error: input/output error: {OneLine(e.Message)}");
            return ExitCodes.InvalidInput;
        }
#pragma warning disable CA1031 // The one place every unexpected exception becomes exit code 3 and one line, by design.
        catch (Exception e)
#pragma warning restore CA1031
        {
            error.Line($"threatmodel: internal error: {e.GetType().Name}: {OneLine(e.Message)} (this is a bug in threatmodel; please report it with the command and design that caused it)");
            if (!string.IsNullOrEmpty(environment.GetVariable("THREATMODEL_DEBUG")))
            {
                error.Write(e.ToString()); // the stack trace, on request, as it is
                error.Write('\n');
            }

            return ExitCodes.InternalError;
        }
        finally
        {
            FlushQuietly(output);
            FlushQuietly(error);
        }
    }

    /// <summary>"did you mean '--format'?" for each unknown option (<c>--fromat</c>) close to an option of the command.</summary>
    private static IEnumerable<string> OptionSuggestions(ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var commands = command.Subcommands.Select(c => c.Name).ToList();
        // A misspelt option before the design is taken as the design argument (`check --fromat json d.yaml`): it is
        // unknown all the same.
        var misread = parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>()
            .SelectMany(a => a.Tokens).Select(t => t.Value).Where(v => v.StartsWith("--", StringComparison.Ordinal) && !File.Exists(v));
        foreach (var token in parse.UnmatchedTokens.Concat(misread).Distinct(StringComparer.Ordinal))
        {
            var option = token.Split('=', 2)[0];
            var suggestion = option.StartsWith('-') ? Validation.NameSuggester.Closest(option, names) : Validation.NameSuggester.Closest(token, commands);
            if (suggestion is not null)
                yield return $"'{option}' is not {(option.StartsWith('-') ? "an option" : "a command")} of '{command.Name}'; did you mean '{suggestion}'?";
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Flushes at exit; a stream that cannot take more (already reported above) must not turn the exit code into a crash.</summary>
    private static void FlushQuietly(TextWriter writer)
    {
        try
        {
            writer.Flush();
        }
        catch (IOException)
        {
            // Reported where the write failed.
        }
    }
}
