using System.Globalization;
using System.Text;
using System.Text.Json;
using NJsonSchema;
using ThreatModel.Formats;
using ThreatModel.Formats.Tree;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

/// <summary>docs/schema/design.schema.json describes the format the reader reads.</summary>
public sealed class SchemaTests
{
    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromJsonAsync(File.ReadAllText(RepositoryPaths.Schema)).GetAwaiter().GetResult());

    public static TheoryData<string> Designs()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(RepositoryPaths.Designs).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, path));
        if (Directory.Exists(RepositoryPaths.Examples))
        {
            foreach (var path in Directory.EnumerateFiles(RepositoryPaths.Examples, "*.*", SearchOption.AllDirectories)
                         .Where(p => DesignReader.FormatFromExtension(p) is not null && IsDesign(p))
                         .Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(RepositoryPaths.Root, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void EveryDesign_ValidatesAgainstTheSchema(string relativePath)
    {
        var json = AsJson(Path.Combine(RepositoryPaths.Root, relativePath));

        Schema.Value.Validate(json).Select(e => e.ToString()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(42)]
    [InlineData(2026)]
    public void WrittenDesigns_ValidateAgainstTheSchema(int seed)
    {
        var json = DesignWriter.ToJson(RandomDesigns.Create(seed));

        Schema.Value.Validate(json).Select(e => e.ToString()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("unknown-field.json")]
    [InlineData("type-quoted-number.json")]
    [InlineData("value-unknown-query-returns.json")]
    [InlineData("missing-element-id.json")]
    [InlineData("range-retention-negative.json")]
    [InlineData("unknown-field-organization-on-person.yaml")]
    [InlineData("missing-process-organization.yaml")]
    [InlineData("value-unknown-qi-preset.yaml")]
    public void TheSchema_RejectsWhatTheReaderRejects(string corpusFile)
    {
        var json = AsJson(Path.Combine(RepositoryPaths.Corpus, corpusFile));

        Schema.Value.Validate(json).Should().NotBeEmpty();
    }

    [Fact]
    public void TheSchema_NamesTheFieldsTheReaderKnows()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Schema));
        var root = document.RootElement;
        var definitions = root.GetProperty("definitions");

        Properties(root).Should().BeEquivalentTo(DesignVocabulary.RootFields);
        Properties(definitions.GetProperty("settings")).Should().BeEquivalentTo(DesignVocabulary.SettingsFields);
        Properties(definitions.GetProperty("jurisdiction")).Should().BeEquivalentTo(DesignVocabulary.JurisdictionFields);
        Properties(definitions.GetProperty("organization")).Should().BeEquivalentTo(DesignVocabulary.OrganizationFields);
        Properties(definitions.GetProperty("subject")).Should().BeEquivalentTo(DesignVocabulary.SubjectFields);
        Properties(definitions.GetProperty("item")).Should().BeEquivalentTo(DesignVocabulary.ItemFields);
        Properties(definitions.GetProperty("trace")).Should().BeEquivalentTo(DesignVocabulary.TraceFields);
        Properties(definitions.GetProperty("element").GetProperty("allOf")[0]).Should().BeEquivalentTo(DesignVocabulary.ElementFields);
        Properties(definitions.GetProperty("decision")).Should().BeEquivalentTo(DesignVocabulary.DecisionFields);
        Properties(definitions.GetProperty("retention")).Should().BeEquivalentTo(DesignVocabulary.RetentionFields);
        Properties(definitions.GetProperty("accepts").GetProperty("items")).Should().BeEquivalentTo(DesignVocabulary.AcceptFields);
        Properties(definitions.GetProperty("flow")).Should().BeEquivalentTo(DesignVocabulary.FlowFields);
        Properties(definitions.GetProperty("protections")).Should().BeEquivalentTo(DesignVocabulary.ProtectionFields);
        Properties(definitions.GetProperty("generalization").GetProperty("oneOf")[2]).Should().BeEquivalentTo(DesignVocabulary.GeneralizationFields);
        Properties(definitions.GetProperty("query")).Should().BeEquivalentTo(DesignVocabulary.QueryFields);
        Properties(definitions.GetProperty("purpose")).Should().BeEquivalentTo(DesignVocabulary.PurposeFields);
    }

    [Fact]
    public void TheSchema_AllowsTheWordsTheReaderAllows()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Schema));
        var definitions = document.RootElement.GetProperty("definitions");

        Enum(definitions.GetProperty("item").GetProperty("properties").GetProperty("kind")).Should().Equal(DesignVocabulary.ItemKinds);
        Enum(definitions.GetProperty("item").GetProperty("properties").GetProperty("linkability")).Should().Equal(DesignVocabulary.Linkabilities);
        Enum(definitions.GetProperty("element").GetProperty("allOf")[0].GetProperty("properties").GetProperty("type")).Should().Equal(DesignVocabulary.ElementTypes);
        Enum(definitions.GetProperty("protections").GetProperty("properties").GetProperty("legalBasis")).Should().Equal(DesignVocabulary.LegalBases);
        Enum(definitions.GetProperty("query").GetProperty("properties").GetProperty("chosenBy")).Should().Equal(DesignVocabulary.QueryChoosers);
        Enum(definitions.GetProperty("query").GetProperty("properties").GetProperty("returns")).Should().Equal(DesignVocabulary.QueryReturns);
        Enum(definitions.GetProperty("quasiIdentifierPreset")).Should().Equal(Model.QuasiIdentifierPresets.Names);
        var densities = Enum(definitions.GetProperty("subject").GetProperty("properties").GetProperty("density").GetProperty("oneOf")[1]);
        densities.Should().Contain(Model.DensityPresets.Names);
        densities.Should().OnlyContain(name => Model.DensityPresets.Resolve(name) != null, "aliases the reader accepts may be listed too");
    }

    /// <summary>True for a design file (examples also hold other YAML, such as CI workflows): a mapping with elements or flows.</summary>
    private static bool IsDesign(string path)
    {
        // A privacy overlay (docs/import.md) has design sections, but entries that name imported elements by ref.
        // So is privacy.yaml in a folder of Fides manifests (docs/import-fides.md).
        if (path.EndsWith(ThreatModel.Formats.Import.ModelImport.OverlaySuffix, StringComparison.Ordinal) || path.EndsWith(".privacy.yml", StringComparison.Ordinal)
            || Path.GetFileName(path) is ThreatModel.Formats.Import.Fides.FidesReader.FolderOverlayName or "privacy.yml")
        {
            return false;
        }

        var root = YamlTreeReader.Read(File.ReadAllText(path), path, ReaderLimits.Default, new DiagnosticBag());
        return root is MappingNode mapping && (mapping.Find("elements") is not null || mapping.Find("flows") is not null);
    }

    private static List<string> Properties(JsonElement schema) =>
        [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];

    private static List<string> Enum(JsonElement schema) =>
        [.. schema.GetProperty("enum").EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>The design file as JSON, keeping what it says (YAML goes through the reader's own node tree).</summary>
    private static string AsJson(string path)
    {
        if (DesignReader.FormatFromExtension(path) == DesignFormat.Json)
            return File.ReadAllText(path);
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(File.ReadAllText(path), path, ReaderLimits.Default, diagnostics);
        diagnostics.Items.Should().BeEmpty();
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            Write(writer, root!);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, DesignNode node)
    {
        switch (node)
        {
            case MappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Entries)
                {
                    writer.WritePropertyName(key.Value);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case SequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Items)
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            case ScalarNode { Quoted: true } text:
                writer.WriteStringValue(text.Value);
                break;
            case ScalarNode { IsNull: true }:
                writer.WriteNullValue();
                break;
            case ScalarNode scalar when ScalarValues.IsBoolean(scalar.Value, out var flag):
                writer.WriteBooleanValue(flag);
                break;
            case ScalarNode scalar when ScalarValues.IsIntegerText(scalar.Value) && long.TryParse(scalar.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole):
                writer.WriteNumberValue(whole);
                break;
            case ScalarNode scalar when ScalarValues.TryParseNumber(scalar.Value, out var number) && double.IsFinite(number):
                writer.WriteNumberValue(number);
                break;
            case ScalarNode scalar:
                writer.WriteStringValue(scalar.Value);
                break;
        }
    }
}
