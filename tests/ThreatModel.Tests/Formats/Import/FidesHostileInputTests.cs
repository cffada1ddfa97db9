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

/// <summary>
/// Random manifests from fideslang's own words, mostly well formed with random references, categories, uses, subjects
/// and omissions, some with a field of the wrong shape: the reader never throws, gives a model exactly when it reports
/// no error, and the analysis runs on every model it gives.
/// </summary>
public sealed class FidesRandomManifestTests : IDisposable
{
    private static readonly string[] Resources = ["shop", "crm", "ads", "db", "logs", "user", "shopp"];

    private static readonly string[] Categories =
    [
        "user", "user.contact.email", "user.contact.address.postal_code", "user.demographic.date_of_birth", "user.demographic.gender",
        "user.location.precise", "user.location.imprecise", "user.device.cookie_id", "user.behavior.purchase_history",
        "user.health_and_medical", "user.childrens", "user.financial.credit_card", "system.operations", "user.made_up",
        "user.provided.identifiable.contact.email", "custom.category",
    ];

    private static readonly string[] Uses =
        ["essential.service", "marketing.advertising.third_party.targeted", "analytics", "collect", "personalize", "made.up", "train_ai_system"];

    private static readonly string[] Subjects = ["customer", "employee", "visitor", "made_up_subject"];

    private static readonly string[] FlowTypes = ["system", "dataset", "user", "system", "dataset", "person"];

    private static readonly string[] Retentions = ["30 days", "2 years", "forever", "until closed", "7"];

    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var seed = 0; seed < 80; seed++)
            data.Add(seed);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ARandomManifest_ReadsToAModelOrToErrors_NeverToAnException(int seed)
    {
        var manifest = Manifest(new Random(seed));

        var result = FidesReader.ReadPath(_folder.Write($"random-{seed}.yml", manifest));

        (result.Model is null).Should().Be(result.Errors.Any(), manifest);
        result.Diagnostics.Where(d => d.Span.Line < 1).Should().BeEmpty();
        if (result.Model is { } model)
            ThreatModel.Analysis.Analyzer.CreateDefault().Analyze(model).Findings.Should().NotBeNull();
    }

    private static string Manifest(Random random)
    {
        var text = new System.Text.StringBuilder("system:\n");
        var systems = Pick(random, Resources.Take(3), 1, 3);
        var datasets = Pick(random, ["db", "logs"], 0, 2);
        string[] known = [.. systems, .. datasets, "user"];
        foreach (var key in systems)
        {
            text.Append($"  - fides_key: {key}\n");
            if (random.Next(3) == 0)
                text.Append("    system_type: Third Party\n");
            foreach (var direction in new[] { "egress", "ingress" })
            {
                if (random.Next(2) == 0)
                    continue;
                text.Append($"    {direction}:\n");
                foreach (var target in Pick(random, random.Next(8) == 0 ? Resources : known, 1, 2))
                {
                    var type = random.Next(8) == 0 ? FlowTypes[random.Next(FlowTypes.Length)]
                        : target == "user" ? "user" : target is "db" or "logs" ? "dataset" : "system";
                    text.Append($"      - fides_key: {target}\n        type: {type}\n");
                    if (random.Next(4) > 0)
                        text.Append($"        data_categories: [{string.Join(", ", Pick(random, Categories, 0, 4))}]\n");
                }
            }

            if (random.Next(8) == 0)
                text.Append("    privacy_declarations: oops\n");
            else
                text.Append("    privacy_declarations:\n");
            for (var n = random.Next(0, 3); n > 0; n--)
            {
                text.Append($"      - data_categories: [{string.Join(", ", Pick(random, Categories, 0, 4))}]\n");
                if (random.Next(6) > 0)
                    text.Append($"        data_use: {Uses[random.Next(Uses.Length)]}\n");
                text.Append($"        data_subjects: [{string.Join(", ", Pick(random, Subjects, 0, 2))}]\n");
                if (random.Next(2) == 0)
                    text.Append($"        egress: [{string.Join(", ", Pick(random, Resources, 0, 2))}]\n");
                if (random.Next(3) == 0)
                    text.Append($"        retention_period: {Retentions[random.Next(Retentions.Length)]}\n        legal_basis_for_processing: Consent\n");
                if (random.Next(4) == 0)
                    text.Append("        data_shared_with_third_parties: true\n");
            }

            if (random.Next(5) == 0)
                text.Append("    third_country_transfers: [USA]\n");
        }

        text.Append("dataset:\n");
        foreach (var key in random.Next(10) == 0 ? [.. datasets, "shop"] : datasets)
        {
            text.Append($"  - fides_key: {key}\n    retention: {Retentions[random.Next(Retentions.Length)]}\n    collections:\n      - name: c\n        fields:\n");
            foreach (var category in Pick(random, Categories, 1, 3))
                text.Append($"          - name: f\n            data_categories: [{category}]\n");
        }

        if (random.Next(3) == 0)
            text.Append("data_category:\n  - fides_key: custom.category\n    parent_key: user.contact.email\n");
        return text.ToString();
    }

    private static List<string> Pick(Random random, IEnumerable<string> from, int min, int max)
    {
        var pool = from.ToList();
        var count = Math.Min(pool.Count, random.Next(min, max + 1));
        return [.. pool.OrderBy(_ => random.Next()).Take(count)];
    }
}
