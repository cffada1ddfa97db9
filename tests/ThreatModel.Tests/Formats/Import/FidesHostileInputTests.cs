using ThreatModel.Formats;
using ThreatModel.Formats.Import.Fides;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>Broken, hostile and oddly shaped manifests give errors with positions, never an exception or a model.</summary>
public sealed class FidesHostileInputTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Corpus).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (file is not ("expected.tsv" or "README.md" or ".gitattributes"))
                data.Add(file!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void EveryHostileDesignOfTheCorpus_IsRefusedAsAManifest_WithAPositionedError(string file)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, file);

        var result = FidesReader.ReadPath(path);

        result.Model.Should().BeNull();
        result.Errors.Should().NotBeEmpty().And.OnlyContain(e => e.Span.File == path && e.Span.Line >= 1);
    }

    [Theory]
    [InlineData("system: 42\n", 1)]
    [InlineData("system:\n  - fides_key: [a, b]\n", 2)]
    [InlineData("system:\n  - fides_key: shop\n    egress: user\n", 3)]
    [InlineData("system:\n  - fides_key: shop\n    egress:\n      - fides_key: user\n        type: user\n        data_categories: {a: b}\n", 6)]
    [InlineData("system:\n  - fides_key: shop\n    privacy_declarations: [1, 2]\n", 3)]
    [InlineData("system:\n  - fides_key: shop\n    privacy_declarations:\n      - data_use: [essential]\n", 4)]
    [InlineData("system:\n  - fides_key: shop\n    does_international_transfers: maybe\n", 3)]
    [InlineData("dataset:\n  - fides_key: db\n    collections:\n      - name: c\n        fields: nope\n", 5)]
    [InlineData("system:\n  - fides_key: shop\n    egress:\n      - type: system\n", 4)]
    public void FieldsOfTheWrongShape_AreErrorsAtTheirLine(string yaml, int line)
    {
        var result = FidesReader.ReadPath(_folder.Write("bad.yml", yaml));

        result.Model.Should().BeNull();
        result.Errors.Should().Contain(e => e.Span.Line == line);
        result.Errors.Select(e => e.Code).Should().OnlyContain(c => c.StartsWith("TM11", StringComparison.Ordinal));
    }

    [Fact]
    public void DeeplyNestedDatasetFields_StopAtTheDepthLimit()
    {
        var yaml = "dataset:\n  - fides_key: db\n    collections:\n      - name: c\n        fields:\n"
            + string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 10 + (4 * i)) + "- name: f\n" + new string(' ', 12 + (4 * i)) + "fields:\n"));

        var result = FidesReader.ReadPath(_folder.Write("deep.yml", yaml));

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.LimitExceeded);
    }

    [Fact]
    public void AnAliasBombInsideAManifest_StopsAtTheNodeLimit()
    {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
            + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
            + "system:\n  - fides_key: shop\n    egress: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n";

        var result = FidesReader.ReadPath(_folder.Write("bomb.yml", yaml), ReaderLimits.Default with { MaxNodes = 100_000 });

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(DiagnosticCodes.LimitExceeded);
    }

    [Fact]
    public void AFileOverTheSizeLimit_IsRefusedBeforeItIsRead()
    {
        var path = _folder.Write("big.yml", "system:\n" + string.Concat(Enumerable.Repeat("  - fides_key: s\n", 200)));

        var result = FidesReader.ReadPath(path, ReaderLimits.Default with { MaxFileSize = 1024 });

        result.Errors.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Code == DiagnosticCodes.LimitExceeded && d.Span.File == path);
    }

    [Fact]
    public void AManifestOfOnlyPoliciesAndQualifiers_HasNothingToAnalyse()
    {
        var result = FidesReader.ReadPath(_folder.Write("policy.yml", "policy:\n  - fides_key: p\n    rules: []\n"));

        result.Errors.Should().ContainSingle().Which.Code.Should().Be(FidesDiagnosticCodes.NoResources);
    }
}
