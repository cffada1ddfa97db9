namespace ThreatModel.Analysis;

/// <summary>Where a finding is accepted.</summary>
public enum SuppressionKind
{
    /// <summary>In the design file itself, by an <c>accepts:</c> entry on an element or flow.</summary>
    InSource,

    /// <summary>Outside the design, in a baseline file.</summary>
    Baseline,
}
