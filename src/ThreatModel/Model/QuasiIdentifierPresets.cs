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
        // Full date of birth over a life span of about 80 years (Sweeney 2000 used 365 x years of age).
        ["birth-date"] = new(365.25 * 80, null, "birth-date"),
        ["birth-month-year"] = new(12 * 80, null, "birth-month-year"),
        ["birth-year"] = new(80, null, "birth-year"),
        ["age"] = new(80, null, "age"),
        ["age-band-5y"] = new(16, null, "age-band-5y"),
        ["age-band-10y"] = new(8, null, "age-band-10y"),
        ["gender"] = new(2, null, "gender"),
        ["sex"] = new(2, null, "sex"),
        ["marital-status"] = new(5, null, "marital-status"),
        ["nationality"] = new(195, null, "nationality"),
        // US Standard Occupational Classification 2018: 867 detailed occupations.
        ["occupation"] = new(867, null, "occupation"),
        // US 5-digit ZIP codes: about 41,700 for 331 million people (2020 census), about 7,900 people each.
        ["zip5"] = new(null, 7_900, "zip5"),
        ["postcode"] = new(null, 7_900, "postcode"),
        // US 3-digit ZIP prefixes: about 900, about 370,000 people each.
        ["zip3"] = new(null, 370_000, "zip3"),
        // UK full postcode units: about 1.7 million for 67 million people, about 40 people each.
        ["postcode-unit"] = new(null, 40, "postcode-unit"),
        // UK postcode districts: about 2,900, about 23,000 people each.
        ["postcode-district"] = new(null, 23_000, "postcode-district"),
        // US counties: 3,143, about 105,000 people each.
        ["county"] = new(null, 105_000, "county"),
        // A city block or building: tens of people.
        ["street-address"] = new(null, 2.5, "street-address"),
        ["city-block"] = new(null, 100, "city-block"),
    };

    /// <summary>The preset names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Presets.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The preset with this name, or null.</summary>
    public static QuasiIdentifierSpec? Resolve(string name) => Presets.GetValueOrDefault(name);
}
