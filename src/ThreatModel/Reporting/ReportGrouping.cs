namespace ThreatModel.Reporting;

/// <summary>How a report groups its findings (<see cref="ReportOptions.GroupBy"/>).</summary>
public enum ReportGrouping
{
    /// <summary>No groups: findings most severe first.</summary>
    None,

    /// <summary>One group per rule.</summary>
    Rule,

    /// <summary>One group per element a finding lands on first (its first element); findings on no element last.</summary>
    Element,
}
