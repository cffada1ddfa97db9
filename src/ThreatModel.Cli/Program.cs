using ThreatModel.Cli;

return CliApplication.Run(args, Console.Out, Console.Error, CliEnvironment.FromProcess());
