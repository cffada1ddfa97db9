namespace ThreatModel.Cli;

/// <summary>Arguments or input the command cannot use; printed as one line and exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
