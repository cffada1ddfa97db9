using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

/// <summary>The one sanitiser every writer and the CLI's diagnostics print design text through.</summary>
public sealed class SafeTextTests
{
    [Theory]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("a\u0085b", @"a\u0085b")]
    [InlineData("a\u2028b", @"a\u2028b")]
    [InlineData("a\u2029b", @"a\u2029b")]
    [InlineData("a\fb\vc", @"a\u000Cb\u000Bc")]
    public void LineBreaks_OfEveryKind_AreEscapedVisibly(string text, string expected)
    {
        SafeText.Escape(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", @"\u001B[31mred\u001B[0m")]
    [InlineData("\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\", @"\u001B]8;;https://evil.example\u001B\link\u001B]8;;\u001B\")]
    [InlineData("\u009b2J", @"\u009B2J")]
    [InlineData("over\rwrite", @"over\rwrite")]
    [InlineData("bell\u0007 del\u007f tab\t", @"bell\u0007 del\u007F tab\t")]
    public void TerminalControlSequences_AreEscapedVisibly(string text, string expected)
    {
        SafeText.Escape(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("scor\u200Bing", @"scor\u200Bing")]
    [InlineData("\u202Eevil\u202C", @"\u202Eevil\u202C")]
    [InlineData("\u2066iso\u2069", @"\u2066iso\u2069")]
    [InlineData("\u200E\u200F\u061C\u200C\u200D\u2060\uFEFF", @"\u200E\u200F\u061C\u200C\u200D\u2060\uFEFF")]
    [InlineData("tag\U000E0041", @"tag\u{E0041}")]
    public void BidiAndZeroWidthCharacters_AreEscapedVisibly(string text, string expected)
    {
        SafeText.Escape(text).Should().Be(expected);
    }

    [Fact]
    public void LoneSurrogates_AreEscapedVisibly()
    {
        SafeText.Escape("a\uD800b").Should().Be(@"a\uD800b");
    }

    [Theory]
    [InlineData("Zürich")]
    [InlineData("北京市 مواطنون")]
    [InlineData("emoji 🙂 and a back\\slash")]
    [InlineData("")]
    public void PrintableText_InAnyScript_IsTheSameInstance(string text)
    {
        SafeText.Escape(text).Should().BeSameAs(text);
        SafeText.LineStart(text).Should().BeSameAs(text);
    }

    [Theory]
    [InlineData("::error::forged", @"\u003A:error::forged")]
    [InlineData("   ::stop-commands::x", @"   \u003A:stop-commands::x")]
    [InlineData("##[error]forged", @"\u0023#[error]forged")]
    [InlineData("##vso[task.complete]", @"\u0023#vso[task.complete]")]
    public void TextAtTheStartOfALine_CannotStartARunnerCommand(string text, string expected)
    {
        SafeText.LineStart(text).Should().Be(expected);
    }

    [Theory]
    [InlineData(": one colon")]
    [InlineData("# one hash")]
    [InlineData("a ::b")]
    public void TextAtTheStartOfALine_ThatIsNoCommand_IsLeftAlone(string text)
    {
        SafeText.LineStart(text).Should().Be(text);
    }
}
