namespace ThreatModel.Findings;

/// <summary>A number a finding rests on, with the inputs and method that produced it.</summary>
/// <param name="Name">What is estimated, e.g. "expected share of unique records".</param>
/// <param name="Value">The estimate.</param>
/// <param name="Unit">Unit or form of the value: "share", "people", "metres".</param>
/// <param name="Method">The method and its source, e.g. "Poisson cell model (Sweeney 2000; Golle 2006)".</param>
/// <param name="Inputs">The inputs by name, in a stable order.</param>
public sealed record Estimate(string Name, double Value, string Unit, string Method, IReadOnlyList<KeyValuePair<string, string>> Inputs)
{
    /// <summary>The value written for people: a percentage for shares, a rounded number otherwise.</summary>
    public string Display => Unit == "share"
        ? Value.ToString("P1", System.Globalization.CultureInfo.InvariantCulture)
        : Value.ToString(Value >= 100 ? "N0" : "0.##", System.Globalization.CultureInfo.InvariantCulture) + (Unit.Length > 0 ? " " + Unit : string.Empty);
}
