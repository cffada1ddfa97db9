using ThreatModel.Model;

namespace ThreatModel.Estimation;

/// <summary>
/// The coarser forms a quasi-identifier preset can be generalised to, finest first, and the precision steps for locations.
/// Used to name the change that brings a release under the thresholds.
/// </summary>
internal static class GeneralizationLadders
{
    private static readonly string[][] Ladders =
    [
        ["birth-date", "birth-month-year", "birth-year", "age-band-5y", "age-band-10y"],
        ["age", "age-band-5y", "age-band-10y"],
        ["street-address", "street", "city-block", "zip5", "county", "zip3"],
        ["zip5", "county", "zip3"],
        ["postcode", "postcode-district"],
        ["postcode-unit", "postcode-district"],
    ];

    /// <summary>Precision steps, in metres, offered when generalising a location.</summary>
    public static IReadOnlyList<double> PrecisionSteps { get; } = [100, 250, 500, 1_000, 2_000, 5_000, 10_000, 25_000];

    /// <summary>The presets coarser than <paramref name="preset"/>, finest first; empty when none is known.</summary>
    public static IReadOnlyList<string> CoarserThan(string? preset)
    {
        if (preset is null)
            return [];
        var result = new List<string>();
        foreach (var ladder in Ladders)
        {
            var index = Array.FindIndex(ladder, p => string.Equals(p, preset, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                continue;
            foreach (var coarser in ladder.Skip(index + 1))
            {
                if (!result.Contains(coarser, StringComparer.Ordinal))
                    result.Add(coarser);
            }
        }

        return result;
    }

    /// <summary>The coarser presets of <paramref name="spec"/> as generalisation options at <paramref name="population"/>.</summary>
    public static IEnumerable<Coarsening> For(QuasiIdentifierSpec spec, long population)
    {
        var current = spec.CardinalityIn(population);
        foreach (var name in CoarserThan(spec.Preset))
        {
            if (QuasiIdentifierPresets.Resolve(name) is { } coarser && coarser.CardinalityIn(population) < current)
                yield return new Coarsening(name, $"generalize: {{ ITEM: {name} }}", coarser.CardinalityIn(population));
        }
    }
}
