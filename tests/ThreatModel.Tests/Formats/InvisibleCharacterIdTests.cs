using ThreatModel.Formats;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// Issue 10: "Bidi overrides (Trojan Source) and zero-width characters pass into ids and reports: `scoring` and
/// `scor&lt;U+200B&gt;ing` are two different elements that print the same." Ids and references with a Unicode format
/// character (or a control character) are refused with TM1020, naming the character, at the id.
/// </summary>
public sealed class InvisibleCharacterIdTests
{
    private static DesignReadResult Yaml(string text) => DesignReader.Parse(text, "design.yaml", DesignFormat.Yaml);

    private static Diagnostic Refusal(DesignReadResult result) =>
        result.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.InvisibleCharacter).Subject;

    [Fact]
    public void TwoElementsThatPrintTheSame_TheOneWithAZeroWidthSpaceIsRefused_AtItsId()
    {
        var result = Yaml("""
            name: Scoring
            organizations:
              - id: bureau
            subjects:
              - id: citizens
                population: 1000
            elements:
              - id: scoring
                type: process
                organization: bureau
              - id: "scor\u200Bing"
                type: process
                organization: bureau
            flows:
              - id: f1
                from: scoring
                to: "scor\u200Bing"
                purpose: credit-scoring
            """);

        var refused = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvisibleCharacter).ToList();
        refused.Should().HaveCount(2, "the id and the flow's reference to it both hold the character");
        refused[0].Span.Line.Should().Be(11);
        refused[0].Span.Column.Should().Be(9);
        refused[0].Severity.Should().Be(DiagnosticSeverity.Error);
        refused[0].Message.Should().Contain("U+200B ZERO WIDTH SPACE").And.Contain("'id'");
        result.Model.Should().BeNull();
    }

    [Fact]
    public void FlowId_WithARightToLeftOverride_IsRefused_NamingTheCharacter()
    {
        var result = Yaml("""
            name: Bidi
            organizations:
              - id: bank
            subjects:
              - id: citizens
                population: 1000
            elements:
              - id: a
                type: process
                organization: bank
              - id: b
                type: process
                organization: bank
            flows:
              - id: "f-\u202Eevil"
                from: a
                to: b
                purpose: payment
            """);

        var refused = Refusal(result);
        refused.Message.Should().Contain("U+202E RIGHT-TO-LEFT OVERRIDE");
        refused.Span.Line.Should().Be(15);
    }

    [Theory]
    [InlineData("subject id", "subjects:\n  - id: \"citi\\u2066zens\"\n    population: 1000\n", "U+2066 LEFT-TO-RIGHT ISOLATE")]
    [InlineData("organization id", "organizations:\n  - id: \"ba\\uFEFFnk\"\n", "U+FEFF ZERO WIDTH NO-BREAK SPACE")]
    [InlineData("jurisdiction id", "jurisdictions:\n  - id: \"c\\u200Dn\"\n", "U+200D ZERO WIDTH JOINER")]
    [InlineData("purpose id", "purposes:\n  - id: \"scor\\u2060ing\"\n", "U+2060 WORD JOINER")]
    [InlineData("item id", "items:\n  - id: \"pho\\u200Fne\"\n    kind: direct-identifier\n    subject: citizens\n", "U+200F RIGHT-TO-LEFT MARK")]
    [InlineData("item context", "items:\n  - id: phone\n    kind: direct-identifier\n    subject: citizens\n    context: \"so\\u061Ccial\"\n", "U+061C ARABIC LETTER MARK")]
    public void EveryKindOfId_WithAFormatCharacter_IsRefused(string what, string part, string character)
    {
        var result = Yaml($"name: Ids\n{part}elements:\n  - id: u\n    type: person\n    subject: citizens\n");

        Refusal(result).Message.Should().Contain(character, what);
    }

    [Fact]
    public void PurposeReference_WithAZeroWidthSpace_IsRefused_NotReadAsAnotherPurpose()
    {
        var result = Yaml("""
            name: Creep
            organizations:
              - id: bank
            subjects:
              - id: citizens
                population: 1000
            elements:
              - id: a
                type: process
                organization: bank
              - id: b
                type: process
                organization: bank
            flows:
              - id: f1
                from: a
                to: b
                purpose: "social\u200B-scoring"
            """);

        var refused = Refusal(result);
        refused.Span.Line.Should().Be(18);
        refused.Span.Column.Should().Be(14);
    }

    [Fact]
    public void IdInAJsonDesign_WithAnEscapedBidiIsolate_IsRefused()
    {
        var result = DesignReader.Parse("""
            {
              "name": "Json",
              "organizations": [ { "id": "bank\u2067" } ],
              "subjects": [ { "id": "citizens", "population": 1000 } ],
              "elements": [ { "id": "a", "type": "process", "organization": "bank\u2067" } ]
            }
            """, "design.json", DesignFormat.Json);

        result.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvisibleCharacter).Should().NotBeEmpty()
            .And.OnlyContain(d => d.Message.Contains("U+2067 RIGHT-TO-LEFT ISOLATE", StringComparison.Ordinal));
    }

    [Fact]
    public void IdWithATagCharacter_OutsideTheFirstPlane_IsRefused()
    {
        var result = Yaml("name: Tags\norganizations:\n  - id: \"bank\\U000E0041\"\nelements:\n  - id: u\n    type: person\n");

        Refusal(result).Message.Should().Contain("U+E0041 TAG CHARACTER");
    }

    [Fact]
    public void IdWithALineBreak_IsRefused_AsAnInvisibleCharacter()
    {
        var result = Yaml("name: Breaks\norganizations:\n  - id: \"bank\\n::error::x\"\nelements:\n  - id: u\n    type: person\n");

        Refusal(result).Message.Should().Contain("U+000A LINE FEED");
    }

    [Fact]
    public void IdsInOtherScripts_AndNamesWithFormatCharacters_AreAccepted()
    {
        var result = Yaml("""
            name: "Pilot \u200B with a zero-width space in its name"
            organizations:
              - id: 北京市
                name: "Bureau \u202E in free text"
            subjects:
              - id: مواطنون
                population: 1000
            items:
              - id: 電話
                kind: direct-identifier
                subject: مواطنون
            elements:
              - id: a
                type: process
                organization: 北京市
              - id: b
                type: process
                organization: 北京市
            flows:
              - id: f1
                from: a
                to: b
                items: [電話]
                purpose: payment
                description: "a zero\u200Dwidth joiner in a description"
            """);

        result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Should().BeEmpty();
        result.Model!.Organizations.Should().Contain(o => o.Id == "北京市");
    }
}
