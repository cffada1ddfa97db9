using ThreatModel.Findings;

namespace ThreatModel.Analysis;

/// <summary>
/// What the reviewer decided about one rule (in a reviewer's configuration file, never in the design under review):
/// turned off, or its findings re-rated to a fixed severity, at least a floor, or at most a cap.
/// </summary>
public sealed record RuleSetting
{
    /// <summary>The rule's id, such as <c>TM005</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>False when the rule does not run at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Every finding of the rule gets this severity, whatever its likelihood and impact.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Findings below this severity are raised to it.</summary>
    public Severity? Minimum { get; init; }

    /// <summary>Findings above this severity are lowered to it.</summary>
    public Severity? Maximum { get; init; }

    /// <summary>True when the setting changes the rule's findings (off, or re-rated).</summary>
    public bool ChangesAnything => !Enabled || Severity is not null || Minimum is not null || Maximum is not null;

    /// <summary>The severity a finding of the rule gets: fixed, else raised to the floor, else lowered to the cap.</summary>
    public Severity Apply(Severity severity)
    {
        if (Severity is { } fixedSeverity)
            return fixedSeverity;
        if (Minimum is { } floor && severity < floor)
            severity = floor;
        if (Maximum is { } cap && severity > cap)
            severity = cap;
        return severity;
    }

    /// <summary>"TM005 off", "TM003 severity medium", "TM001 at least high, at most critical".</summary>
    public string Describe()
    {
        if (!Enabled)
            return $"{RuleId} off";
        if (Severity is { } fixedSeverity)
            return $"{RuleId} severity {Name(fixedSeverity)}";
        var parts = new List<string>(2);
        if (Minimum is { } floor)
            parts.Add($"at least {Name(floor)}");
        if (Maximum is { } cap)
            parts.Add($"at most {Name(cap)}");
        return parts.Count == 0 ? $"{RuleId} as built" : $"{RuleId} {string.Join(", ", parts)}";
    }

    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();
}
