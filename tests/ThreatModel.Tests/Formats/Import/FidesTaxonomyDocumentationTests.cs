using ThreatModel.Formats;
using ThreatModel.Formats.Import.Fides;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>docs/import-fides.md and the taxonomy table in code say the same thing, row by row.</summary>
public class FidesTaxonomyDocumentationTests
{
    private static readonly string[] Page = File.ReadAllLines(RepositoryPaths.Path("docs", "import-fides.md"));

    /// <summary>The cells of the table rows under a heading, up to the next heading.</summary>
    private static List<string[]> Rows(string heading)
    {
        var start = Array.FindIndex(Page, l => l.TrimEnd() == heading);
        start.Should().BeGreaterThan(0, $"docs/import-fides.md must have the heading '{heading}'");
        return [.. Page.Skip(start + 1)
            .TakeWhile(l => !l.StartsWith('#'))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Trim('|').Split(" | ").Select(c => c.Trim().Trim('`')).ToArray())];
    }

    [Fact]
    public void EveryCategoryRow_IsDocumented_WithItsKindAndAReason()
    {
        var rows = Rows("## Data categories");

        rows.Select(r => r[0]).Should().Equal(FidesTaxonomy.Categories.Select(c => c.Key));
        foreach (var (row, category) in rows.Zip(FidesTaxonomy.Categories))
        {
            row[1].Should().Be(category.Label);
            row[2].Should().Be(DesignVocabulary.Word(category.Kind), $"the kind of {category.Key}");
            if (category.QuasiIdentifier is { } preset)
                row[3].Should().Contain(preset);
            row[4].Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void EveryUseRow_IsDocumented_WithItsPurpose()
    {
        var rows = Rows("## Data uses");

        rows.Select(r => (r[0], r[1])).Should().Equal(FidesTaxonomy.Uses.Select(u => (u.Key, u.Purpose)));
        rows.Should().OnlyContain(r => r[2].Length > 0);
    }

    [Fact]
    public void EveryPurposeAUseStandsFor_IsInThePurposeTable_OrDeclaredByTheReader()
    {
        var table = PurposeCompatibility.For(new SystemModelBuilder("one process").Process("p", "org").Build());

        FidesTaxonomy.Uses.Select(u => u.Purpose).Distinct()
            .Should().OnlyContain(p => table.IsKnown(p) || FidesTaxonomy.DeclaredPurpose(p) != null);
        Rows("### Purposes the reader declares").Select(r => r[0]).Should().Equal(FidesTaxonomy.DeclaredPurposes.Select(p => p.Id));
    }

    [Fact]
    public void EveryPresetTheTableNames_IsAPresetOfTheDesignFormat()
    {
        FidesTaxonomy.Categories.Where(c => c.QuasiIdentifier is not null)
            .Should().OnlyContain(c => QuasiIdentifierPresets.Resolve(c.QuasiIdentifier!) != null);
    }
}
