namespace ThreatModel.Model;

/// <summary>
/// Named residential (night-time) population densities in people per square kilometre, from rural land to the densest
/// city districts, for proximity anonymity sets (people within a radius = density x pi r^2).
/// <list type="bullet">
/// <item><c>rural</c> 50: the Degree of Urbanisation's lower bound for dispersed rural grid cells (UN Statistical Commission 2020; Eurostat).</item>
/// <item><c>town</c>, <c>suburban</c> 1,500: the same method's threshold for urban centres and dense towns on 1 km² cells.</item>
/// <item><c>urban</c> 7,000: Paris inner ring (Petite Couronne), 6,647/km² (INSEE, 2008 census).</item>
/// <item><c>dense-urban</c> 20,000: City of Paris, 20,169/km² (2008) and 20,754/km² (2017).</item>
/// <item><c>very-dense</c> 27,000: Manhattan, 26,871/km² (American Community Survey 2021).</item>
/// <item><c>extreme</c> 130,000: Mong Kok, Hong Kong, about 130,000/km².</item>
/// </list>
/// <c>densest</c> is kept as an alias of <c>extreme</c>. Figures, sources and caveats: docs/research/proximity.md, docs/estimation.md.
/// A subject's density should be the density of the <em>relevant</em> people (app users online, debtors), which is lower than
/// the residential density; using a residential preset overstates the anonymity set.
/// </summary>
public static class DensityPresets
{
    private static readonly Dictionary<string, double> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        ["rural"] = 50,
        ["town"] = 1_500,
        ["suburban"] = 1_500,
        ["urban"] = 7_000,
        ["dense-urban"] = 20_000,
        ["very-dense"] = 27_000,
        ["extreme"] = 130_000,
        ["densest"] = 130_000,
    };

    /// <summary>The preset names, from sparse to dense (aliases such as <c>densest</c> are accepted but not listed).</summary>
    public static IReadOnlyList<string> Names { get; } = ["rural", "town", "suburban", "urban", "dense-urban", "very-dense", "extreme"];

    /// <summary>The preset used when a design gives a subject no density: <c>urban</c>.</summary>
    public const string DefaultName = "urban";

    /// <summary>The density for a preset name, or null.</summary>
    public static Density? Resolve(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Presets.TryGetValue(name, out var value) ? new Density(value, name.ToLowerInvariant()) : null;
    }

    /// <summary>The density of the <see cref="DefaultName"/> preset.</summary>
    public static Density Default => Resolve(DefaultName)!;
}
