using System.Collections.Concurrent;
using ThreatModel.Model;

namespace ThreatModel.Knowledge;

/// <summary>
/// How people spread over the values of the named quasi-identifier presets (<see cref="QuasiIdentifierPresets"/>), from
/// published marginals where there are some and a documented heavy-tailed default where there are none. Sources, and what
/// was fitted to what: docs/estimation.md section 1 ("Presets as distributions").
/// <list type="bullet">
/// <item>Birth date, month and year, age and age bands: the US Census 2000 age pyramid (Profile DP-1, 5-year groups, which
/// add up to the census total of 281,421,906); each year of a group holds a fifth of it, days and months of a year are
/// equally common, 85 and over is spread over ages 85-99 falling by a fifth each year (our assumption).</item>
/// <item>Gender and sex: 138,053,563 men and 143,368,343 women (US Census 2000).</item>
/// <item>Marital status: never married 27.1%, married 54.4%, separated 2.2%, widowed 6.6%, divorced 9.7% (US Census 2000, people 15 and over).</item>
/// <item>ZIP areas: a lognormal of ZCTA populations with the 2010 mean (9,322) and a median of 2,800, cut at the largest
/// ZCTA (about 114,000), scaled to the preset's people per value.</item>
/// <item>Counties: a lognormal with the 2020 county median (25,705) and mean (105,535) over 3,143 counties, cut at the
/// largest (Los Angeles, 9,943,046), scaled to the preset's people per value.</item>
/// <item>Nationality: one nationality holding 92% (in the EU in 2020 about 8% of residents were not nationals of their
/// country of residence, Eurostat), the other 194 Zipf-distributed (exponent 1).</item>
/// <item>Occupation: Zipf over the 867 SOC 2018 occupations with exponent 0.6, so the most common holds about 3% of
/// workers (retail salespersons hold about 2.5% of US employment, BLS OEWS).</item>
/// </list>
/// Presets without a published distribution here (ZIP3, UK postcodes, street address, city block) are uniform, and so is an
/// attribute given by a cardinality of its own.
/// </summary>
public static class QuasiIdentifierDistributions
{
    /// <summary>US Census 2000 (Profile DP-1): people aged 0-4, 5-9, ..., 80-84, and 85 and over.</summary>
    private static readonly double[] AgeGroups2000 =
    [
        19_175_798, 20_549_505, 20_528_072, 20_219_890, 18_964_001, 19_381_336, 20_510_388, 22_706_664, 22_441_863,
        20_092_404, 17_585_548, 13_469_237, 10_805_447, 9_533_545, 8_857_441, 7_415_813, 4_945_367, 4_239_587,
    ];

    /// <summary>The oldest age the pyramid reaches; 85 and over is spread over 85 to this.</summary>
    public const int OldestAge = 99;

    /// <summary>Groups a geographic size distribution is cut into, each holding the same share of the people.</summary>
    private const int AreaGroups = 128;

    /// <summary>ZCTA populations, 2010: lognormal with a median of 2,800 and a mean of 9,322, cut at 113,916.</summary>
    private static readonly AreaSizes Zcta2010 = new(Mu: 7.997386, Sigma: 1.869891, Cap: 113_916, Mean: 9_322);

    /// <summary>County populations, 2020: lognormal with a median of 25,705 and a mean of 105,535, cut at 9,943,046.</summary>
    private static readonly AreaSizes Counties2020 = new(Mu: 10.154936, Sigma: 1.701973, Cap: 9_943_046, Mean: 105_535);

    private static readonly ConcurrentDictionary<(string Preset, double PeoplePerValue, long Population), ValueDistribution> Cache = new();

    /// <summary>People per year of age, 0 to <see cref="OldestAge"/>, from the 2000 pyramid.</summary>
    public static IReadOnlyList<double> PeopleByAge { get; } = AgesFromGroups();

    /// <summary>
    /// The distribution of a quasi-identifier in a population of <paramref name="population"/>: the preset's published
    /// marginal when it has one, otherwise uniform over its cardinality.
    /// </summary>
    public static ValueDistribution Of(QuasiIdentifierSpec spec, long population)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var n = Math.Max(1, population);
        if (spec.Preset is { } preset && QuasiIdentifierPresets.Resolve(preset) is { } known && known.Cardinality == spec.Cardinality && known.PeoplePerValue == spec.PeoplePerValue)
        {
            var key = (preset.ToLowerInvariant(), spec.PeoplePerValue ?? 0, spec.PeoplePerValue is null ? 0 : n);
            if (Cache.TryGetValue(key, out var cached))
                return cached;
            if (Named(key.Item1, spec, n) is { } named)
                return Cache.GetOrAdd(key, named);
        }

        return ValueDistribution.Uniform(spec.CardinalityIn(n), "uniform");
    }

    /// <summary>ZIP areas (ZCTA populations, 2010 shape) of <paramref name="peoplePerArea"/> people on average, in a population of <paramref name="population"/>.</summary>
    public static ValueDistribution ZipAreas(double peoplePerArea, long population) =>
        Zcta2010.At(peoplePerArea, population, $"ZIP areas of about {peoplePerArea:N0} people, sized like 2010 ZCTAs (lognormal, median 2,800, mean 9,322)");

    /// <summary>Counties (2020 shape) of <paramref name="peoplePerCounty"/> people on average, in a population of <paramref name="population"/>.</summary>
    public static ValueDistribution Counties(double peoplePerCounty, long population) =>
        Counties2020.At(peoplePerCounty, population, $"counties of about {peoplePerCounty:N0} people, sized like 2020 US counties (lognormal, median 25,705, mean 105,535)");

    /// <summary>Birth dates: the 2000 age pyramid over ages 0-99, every day of a year equally common.</summary>
    public static ValueDistribution BirthDates { get; } =
        ValueDistribution.FromWeights(AgesFromGroups(), "birth year").Split(365.25, "birth date: US 2000 age pyramid over 100 years, days of a year equally common");

    private static ValueDistribution? Named(string preset, QuasiIdentifierSpec spec, long population) => preset switch
    {
        "birth-date" => BirthDates,
        "birth-month-year" => ValueDistribution.FromWeights(PeopleByAge, "birth year").Split(12, "birth month and year: US 2000 age pyramid, months equally common"),
        "birth-year" or "age" => ValueDistribution.FromWeights(PeopleByAge, "birth year: US 2000 age pyramid over 100 years"),
        "age-band-5y" => ValueDistribution.FromWeights(Bands(5), "5-year age band: US 2000 age pyramid"),
        "age-band-10y" => ValueDistribution.FromWeights(Bands(10), "10-year age band: US 2000 age pyramid"),
        "gender" or "sex" => ValueDistribution.FromWeights([138_053_563, 143_368_343], "gender: US 2000, 49.1% men, 50.9% women"),
        "marital-status" => ValueDistribution.FromWeights([27.1, 54.4, 2.2, 6.6, 9.7], "marital status: US 2000, people 15 and over"),
        "nationality" => Dominant(0.92, Zipf(194, 1.0), "nationality: 92% one nationality, 194 others Zipf (exponent 1)"),
        "occupation" => ValueDistribution.FromWeights(Zipf(867, 0.6), "occupation: 867 SOC occupations, Zipf (exponent 0.6)"),
        "zip5" or "postcode" when spec.PeoplePerValue is { } ppv => ZipAreas(ppv, population),
        "county" when spec.PeoplePerValue is { } ppv => Counties(ppv, population),
        _ => null,
    };

    private static double[] AgesFromGroups()
    {
        var ages = new double[OldestAge + 1];
        for (var g = 0; g < AgeGroups2000.Length - 1; g++)
        {
            for (var y = 0; y < 5; y++)
                ages[(g * 5) + y] = AgeGroups2000[g] / 5;
        }

        // 85 and over: falling by a fifth a year to 99.
        var oldest = AgeGroups2000[^1];
        var weights = Enumerable.Range(0, OldestAge - 84).Select(k => Math.Pow(0.8, k)).ToArray();
        var total = weights.Sum();
        for (var k = 0; k < weights.Length; k++)
            ages[85 + k] = oldest * weights[k] / total;
        return ages;
    }

    private static double[] Bands(int width) =>
        [.. Enumerable.Range(0, (OldestAge + 1) / width).Select(b => Enumerable.Range(b * width, width).Sum(a => PeopleByAge[a]))];

    private static double[] Zipf(int values, double exponent) =>
        [.. Enumerable.Range(1, values).Select(rank => Math.Pow(rank, -exponent))];

    private static ValueDistribution Dominant(double share, double[] others, string description)
    {
        var total = others.Sum();
        return ValueDistribution.FromWeights([share, .. others.Select(w => (1 - share) * w / total)], description);
    }

    /// <summary>
    /// A lognormal size distribution of areas (log size ~ N(Mu, Sigma), cut at Cap; Mean is its mean once cut), stated for a
    /// population by the people one area holds on average. Cut into groups that each hold the same share of the people, so
    /// the size-weighted sizes (what a person's area looks like) are represented evenly.
    /// </summary>
    private sealed record AreaSizes(double Mu, double Sigma, double Cap, double Mean)
    {
        public ValueDistribution At(double peoplePerArea, long population, string description)
        {
            var n = (double)Math.Max(1, population);
            var scale = Math.Max(peoplePerArea, 1e-9) / Mean;
            // Size-weighted, log size ~ N(Mu + Sigma^2, Sigma) cut at Cap: group g sits at the middle quantile of its share.
            var top = Normal.Cdf((Math.Log(Cap) - Mu - (Sigma * Sigma)) / Sigma);
            var groups = new ValueGroup[AreaGroups];
            for (var g = 0; g < AreaGroups; g++)
            {
                var size = scale * Math.Exp(Mu + (Sigma * Sigma) + (Sigma * Normal.Quantile((g + 0.5) / AreaGroups * top)));
                var people = n / AreaGroups;
                groups[g] = new ValueGroup(size / n, people / size);
            }

            return ValueDistribution.FromGroups(groups, description);
        }
    }

    /// <summary>The standard normal distribution function and its inverse.</summary>
    private static class Normal
    {
        /// <summary>Phi(x), by the complementary error function (fractional error below 1.2e-7).</summary>
        public static double Cdf(double x) => 0.5 * Erfc(-x / Math.Sqrt(2));

        /// <summary>Phi^-1(p), P. J. Acklam's rational approximation (relative error below 1.2e-9).</summary>
        public static double Quantile(double p)
        {
            double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
            double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
            double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
            double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
            const double low = 0.02425;
            p = Math.Clamp(p, 1e-300, 1 - 1e-16);
            if (p < low)
            {
                var q = Math.Sqrt(-2 * Math.Log(p));
                return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            }

            if (p > 1 - low)
            {
                var q = Math.Sqrt(-2 * Math.Log(1 - p));
                return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            }

            var r = p - 0.5;
            var s = r * r;
            return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
        }

        /// <summary>erfc(x) by Numerical Recipes' Chebyshev fit (fractional error below 1.2e-7).</summary>
        private static double Erfc(double x)
        {
            var z = Math.Abs(x);
            var t = 1 / (1 + (0.5 * z));
            var r = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
                + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
            return x >= 0 ? r : 2 - r;
        }
    }
}
