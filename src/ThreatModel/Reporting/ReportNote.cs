namespace ThreatModel.Reporting;

/// <summary>A message about the run, optionally about one finding.</summary>
/// <param name="Message">What happened, in plain words.</param>
/// <param name="Fingerprint">The fingerprint of the finding it concerns, or null.</param>
public sealed record ReportNote(string Message, string? Fingerprint = null);
