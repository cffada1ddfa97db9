using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>The human names of quasi-identifier levels, as findings print them ("county", not "county preset").</summary>
public static class GeneralizationLevels
{
    private static readonly Dictionary<string, string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["birth-date"] = "full birth date",
        ["birth-month-year"] = "birth month and year",
        ["birth-year"] = "birth year",
        ["age"] = "age in years",
        ["age-band-5y"] = "5-year age band",
        ["age-band-10y"] = "10-year age band",
        ["gender"] = "gender",
        ["sex"] = "sex",
        ["marital-status"] = "marital status",
        ["nationality"] = "nationality",
        ["occupation"] = "occupation",
        ["zip5"] = "5-digit ZIP",
        ["postcode"] = "postcode",
        ["zip3"] = "3-digit ZIP prefix",
        ["postcode-unit"] = "full postcode",
        ["postcode-district"] = "postcode district",
        ["county"] = "county",
        ["street-address"] = "street address",
        ["city-block"] = "city block",
        ["street"] = "street without house number",
    };

    /// <summary>The human name of a quasi-identifier level: its preset's name in words, or "N values" for a bare cardinality.</summary>
    public static string NameOf(QuasiIdentifierSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Preset is { } preset)
            return Names.GetValueOrDefault(preset, preset);
        return spec.PeoplePerValue is { } ppv
            ? $"an area of about {ppv.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} people"
            : $"{(spec.Cardinality ?? 0).ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} values";
    }
}
