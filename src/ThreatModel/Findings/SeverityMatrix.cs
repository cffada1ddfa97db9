namespace ThreatModel.Findings;

/// <summary>
/// The one matrix every rule uses to turn likelihood and impact into severity (docs/severity.md).
/// <code>
///               Minor   Moderate  Major     Severe
///   Rare        Info    Low       Low       Medium
///   Possible    Low     Low       Medium    High
///   Likely      Low     Medium    High      Critical
///   Certain     Medium  High      High      Critical
/// </code>
/// </summary>
public static class SeverityMatrix
{
    private static readonly Severity[,] Table =
    {
        // Minor,          Moderate,        Major,           Severe
        { Severity.Info,   Severity.Low,    Severity.Low,    Severity.Medium },   // Rare
        { Severity.Low,    Severity.Low,    Severity.Medium, Severity.High },     // Possible
        { Severity.Low,    Severity.Medium, Severity.High,   Severity.Critical }, // Likely
        { Severity.Medium, Severity.High,   Severity.High,   Severity.Critical }, // Certain
    };

    /// <summary>The severity for a likelihood and an impact.</summary>
    public static Severity Of(Likelihood likelihood, Impact impact) => Table[(int)likelihood, (int)impact];
}
