using System.Globalization;
using ThreatModel.Estimation;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Tests.Estimation;

/// <summary>
/// Computes every row of docs/validation.md (the tool's estimate beside each published figure) and checks that the page
/// states the same number, so the table cannot drift from the code.
/// </summary>
public class ValidationTableTests
{
    private const long Us1990 = 248_709_873;
    private const long Us2000 = 281_421_906;

    private static ValueDistribution Preset(string name, long population) => QuasiIdentifierDistributions.Of(QuasiIdentifierPresets.Resolve(name)!, population);

    /// <summary>As the page writes it: one decimal, two below 1%.</summary>
    private static string Percent(double share) => (share * 100).ToString(share < 0.01 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "%";

    public static TheoryData<string, double> Rows()
    {
        var zip2000 = QuasiIdentifierDistributions.ZipAreas(Us2000 / 33_233.0, Us2000);
        var counties1990 = QuasiIdentifierDistributions.Counties(Us1990 / 3_141.0, Us1990);
        return new TheoryData<string, double>
        {
            { "golle-2000-zip-gender-dob", MarginalUniquenessEstimator.Estimate(Us2000, [zip2000, Preset("gender", Us2000), Preset("birth-date", Us2000)]).ExpectedUniqueShare },
            { "golle-1990-zip-gender-dob", MarginalUniquenessEstimator.Estimate(Us1990, [Preset("zip5", Us1990), Preset("gender", Us1990), Preset("birth-date", Us1990)]).ExpectedUniqueShare },
            { "sweeney-1990-county-gender-dob", MarginalUniquenessEstimator.Estimate(Us1990, [counties1990, Preset("gender", Us1990), Preset("birth-date", Us1990)]).ExpectedUniqueShare },
            { "golle-2000-zip-gender-year", MarginalUniquenessEstimator.Estimate(Us2000, [zip2000, Preset("gender", Us2000), Preset("birth-year", Us2000)]).ExpectedUniqueShare },
            { "golle-2000-zip-gender-month-year", MarginalUniquenessEstimator.Estimate(Us2000, [zip2000, Preset("gender", Us2000), Preset("birth-month-year", Us2000)]).ExpectedUniqueShare },
            { "uniform-1990-zip-gender-dob", ReidentificationEstimator.Estimate(Us1990, [Us1990 / 9_810.0, 2, 36_525]).ExpectedUniqueShare },
            { "montjoye-2013-p2", TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 2, null, 60).ExpectedUniqueShare },
            { "montjoye-2013-p4", TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, null, 60).ExpectedUniqueShare },
            { "montjoye-2015-p4", TraceUniquenessEstimator.Estimate(TraceKind.Transactions, 4, null, 1440).ExpectedUniqueShare },
            { "farzanehfar-2021-p4", TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, null, 60).ExpectedUniqueShare },
            // 5 antenna areas and 5 hours: the coarsest the 2013 paper reports, where 4 points still single out more than half.
            { "montjoye-2013-coarse-p4", TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 4, Math.Sqrt(5 * 1.5 / Math.PI) * 1000, 300).ExpectedUniqueShare },
            // Home and work (2 points) at county level: a county of about 1,600 km² (the US mean) and no time.
            { "golle-partridge-2009-county-p2", TraceUniquenessEstimator.Estimate(TraceKind.Mobility, 2, Math.Sqrt(1_600 / Math.PI) * 1000, 60).ExpectedUniqueShare },
        };
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void ValidationPage_StatesTheEstimateTheCodeComputes(string row, double estimate)
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "validation.md"));
        var line = page.Split('\n').SingleOrDefault(l => l.Contains($"<!-- {row} -->", StringComparison.Ordinal));

        line.Should().NotBeNull($"docs/validation.md has a row marked {row}");
        line.Should().Contain($"| {Percent(estimate)} |", $"the row {row} states the computed estimate");
    }
}
