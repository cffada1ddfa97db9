using System.Reflection;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

/// <summary>The words of the format match the model's enums and are all documented in docs/model-format.md.</summary>
public sealed class DesignVocabularyTests
{
    private static readonly Lazy<string> Documentation = new(() => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "model-format.md")));

    [Fact]
    public void EnumWords_MatchTheModelEnums_OneForOne()
    {
        DesignVocabulary.ItemKinds.Should().HaveSameCount(Enum.GetValues<DataItemKind>());
        DesignVocabulary.ElementTypes.Should().HaveSameCount(Enum.GetValues<ElementType>());
        DesignVocabulary.Linkabilities.Should().HaveSameCount(Enum.GetValues<Linkability>());
        DesignVocabulary.Word(DataItemKind.SocialGraph).Should().Be("social-graph");
        DesignVocabulary.Word(ElementType.ExternalParty).Should().Be("external");
        DesignVocabulary.Word(Linkability.HashedIdentifier).Should().Be("hashed");
    }

    public static TheoryData<string> Words()
    {
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var list in new IEnumerable<string>[]
                 {
                     DesignVocabulary.RootFields.Where(f => f != "$schema"), DesignVocabulary.SettingsFields, DesignVocabulary.JurisdictionFields,
                     DesignVocabulary.OrganizationFields, DesignVocabulary.SubjectFields, DesignVocabulary.ItemFields, DesignVocabulary.TraceFields,
                     DesignVocabulary.ElementFields, DesignVocabulary.DecisionFields, DesignVocabulary.RetentionFields, DesignVocabulary.AcceptFields,
                     DesignVocabulary.FlowFields, DesignVocabulary.ProtectionFields, DesignVocabulary.PseudonymizationFields,
                     DesignVocabulary.GeneralizationFields, DesignVocabulary.QueryFields, DesignVocabulary.PurposeFields,
                     DesignVocabulary.ItemKinds, DesignVocabulary.ElementTypes, DesignVocabulary.Linkabilities, DesignVocabulary.LegalBases,
                     DesignVocabulary.QueryChoosers, DesignVocabulary.QueryReturns, QuasiIdentifierPresets.Names, DensityPresets.Names,
                 })
        {
            words.UnionWith(list);
        }

        var data = new TheoryData<string>();
        foreach (var word in words)
            data.Add(word);
        return data;
    }

    [Theory]
    [MemberData(nameof(Words))]
    public void EveryFieldAndWord_IsDocumented(string word)
    {
        Documentation.Value.Should().Contain($"`{word}`");
    }

    public static TheoryData<string> Codes()
    {
        var data = new TheoryData<string>();
        foreach (var field in typeof(DiagnosticCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
            data.Add((string)field.GetValue(null)!);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryDiagnosticCode_IsDocumented_WithAnExample(string code)
    {
        Documentation.Value.Should().Contain($"| {code} |").And.MatchRegex($"(error|warning) {code}: ");
    }

    [Fact]
    public void TheDocumentedExample_ReadsWithoutDiagnostics()
    {
        var text = Documentation.Value;
        var start = text.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var end = text.IndexOf("```", start, StringComparison.Ordinal);

        var result = DesignReader.Parse(text[start..end], "model-format.md", DesignFormat.Yaml);

        result.Diagnostics.Should().BeEmpty();
        result.Model!.Flows.Should().HaveCount(3);
    }

    [Fact]
    public void TheLimits_AreDocumented_WithTheirOptions()
    {
        foreach (var option in new[] { "--max-file-size", "--max-nodes", "--max-depth", "--max-collection-size", "--max-scalar-length" })
            Documentation.Value.Should().Contain(option);
    }
}
