namespace ThreatModel.Findings;

/// <summary>How serious a finding is; ordered, so thresholds compare with &lt; and &gt;=.</summary>
public enum Severity
{
    /// <summary>Worth knowing; no action needed.</summary>
    Info,

    /// <summary>A harm that is unlikely or minor.</summary>
    Low,

    /// <summary>A harm to fix before release.</summary>
    Medium,

    /// <summary>A harm that should block release.</summary>
    High,

    /// <summary>A likely and grave harm to many people.</summary>
    Critical,
}

/// <summary>How likely the harm is to happen, given the design.</summary>
public enum Likelihood
{
    /// <summary>Needs an unusual attacker or a rare coincidence.</summary>
    Rare,

    /// <summary>Needs effort or insider access.</summary>
    Possible,

    /// <summary>Any determined party can do it with public means.</summary>
    Likely,

    /// <summary>The design does it by itself, as intended.</summary>
    Certain,
}

/// <summary>How bad the harm is for the people it happens to.</summary>
public enum Impact
{
    /// <summary>Annoyance; no lasting effect.</summary>
    Minor,

    /// <summary>Loss of control over personal data; embarrassment.</summary>
    Moderate,

    /// <summary>Discrimination, financial loss, exposure of sensitive facts.</summary>
    Major,

    /// <summary>Physical danger, loss of liberty, livelihood or access to essential services.</summary>
    Severe,
}
