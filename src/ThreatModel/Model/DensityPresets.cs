using System.Collections.Frozen;

namespace ThreatModel.Model;

/// <summary>
/// Named population densities in people per square kilometre, from rural land to the densest city districts.
/// Figures and sources: docs/research/proximity.md.
/// </summary>
public static class DensityPresets
{
    private static readonly FrozenDictionary<string, double> Presets = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase)
    {
        ["rural"] = 50,
        ["town"] = 1_000,
        ["suburban"] = 2_000,
        ["urban"] = 5_000,
        ["dense-urban"] = 20_000,
        ["densest"] = 100_000,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>The preset names, from sparse to dense.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rural", "town", "suburban", "urban", "dense-urban", "densest"];

    /// <summary>The density for a preset name, or null.</summary>
    public static Density? Resolve(string name) =>
        Presets.TryGetValue(name, out var value) ? new Density(value, name.ToLowerInvariant()) : null;
}
