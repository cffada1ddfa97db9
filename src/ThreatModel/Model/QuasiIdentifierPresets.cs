namespace ThreatModel.Model;

/// <summary>
/// Named quasi-identifiers with the number of distinct values they take. Demographic presets give a cardinality;
/// geographic presets give how many people share one value, so the cardinality follows the subject's population.
/// Figures and sources: docs/research/reidentification.md.
/// </summary>
public static class QuasiIdentifierPresets
{
    private static readonly Dictionary<string, QuasiIdentifierSpec> Presets = new(StringComparer.OrdinalIgnoreCase)
    {
        // Full date of birth over ages 0-99 (Sweeney 2000 used 365 x years of age). Distributions: Knowledge/QuasiIdentifierDistributions.
        ["birth-date"] = new(365.25 * 100, null, "birth-date"),
        ["birth-month-year"] = new(12 * 100, null, "birth-month-year"),
        ["birth-year"] = new(100, null, "birth-year"),
        ["age"] = new(100, null, "age"),
        ["age-band-5y"] = new(20, null, "age-band-5y"),
        ["age-band-10y"] = new(10, null, "age-band-10y"),
        ["gender"] = new(2, null, "gender"),
        ["sex"] = new(2, null, "sex"),
        ["marital-status"] = new(5, null, "marital-status"),
        ["nationality"] = new(195, null, "nationality"),
        // US Standard Occupational Classification 2018: 867 detailed occupations.
        ["occupation"] = new(867, null, "occupation"),
        // US 5-digit ZIP areas: 33,791 ZCTAs for 331,449,281 people (2020 census), about 9,810 people each (the ~41,700
        // ZIP codes include PO boxes and single buildings where no one lives).
        ["zip5"] = new(null, 9_810, "zip5"),
        ["postcode"] = new(null, 9_810, "postcode"),
        // US 3-digit ZIP prefixes: about 900, about 370,000 people each.
        ["zip3"] = new(null, 370_000, "zip3"),
        // UK full postcode units: about 1.7 million for 67 million people, about 40 people each.
        ["postcode-unit"] = new(null, 40, "postcode-unit"),
        // UK postcode districts: about 2,900, about 23,000 people each.
        ["postcode-district"] = new(null, 23_000, "postcode-district"),
        // US counties: 3,143 for 331,449,281 people (2020 census), 105,535 each on average (1990: 3,141, 79,182).
        ["county"] = new(null, 105_535, "county"),
        // A city block or building: tens of people.
        ["street-address"] = new(null, 2.5, "street-address"),
        ["city-block"] = new(null, 100, "city-block"),
        // A street without its house number: 788,340 named roads in Great Britain (Ordnance Survey Open Names) for about
        // 61.4 million people (2011 census, England, Wales and Scotland): about 78 people per street. Its place is known to
        // about half a street's length: 397,000 km of road over those roads gives at most 500 m each, so 250 m.
        ["street"] = new(null, 78, "street") { SpatialPrecisionMetres = 250 },
    };

    /// <summary>The preset names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Presets.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The preset with this name, or null.</summary>
    public static QuasiIdentifierSpec? Resolve(string name) => Presets.GetValueOrDefault(name);
}
