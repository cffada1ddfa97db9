namespace ThreatModel.Cli.Tests;

/// <summary>Every file of tests/corpus through `threatmodel check`: exit 2, the expected code at the expected line, no stack trace.</summary>
public class HostileCorpusTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var line in File.ReadAllLines(RepositoryPaths.Path("tests", "corpus", "expected.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], int.Parse(columns[2], System.Globalization.CultureInfo.InvariantCulture));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ExitsTwo_WithTheExpectedErrorAndLine_AndNoStackTrace(string file, string code, int line)
    {
        var path = RepositoryPaths.Path("tests", "corpus", file);

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", path);

        run.ExitCode.Should().Be(2, run.ToString());
        // Line 0 in expected.tsv: the reader may place the error on any line (the end of the file, for example).
        var where = line > 0 ? line.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[0-9]+";
        run.Err.Should().MatchRegex($"(?m)^{System.Text.RegularExpressions.Regex.Escape(path)}:{where}:[0-9]+: error {code}: ").And.NotContain("   at ");
        run.Out.Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_PrintsDiagnostics_ThatNoDesignTextCanBreakOrStartAsACommand(string file, string code, int line)
    {
        _ = (code, line);
        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", RepositoryPaths.Path("tests", "corpus", file));

        HostileOutput.ShouldBeInert(run.Err, "standard error");
    }

    [Fact]
    public void Corpus_HasCases()
    {
        Cases().Should().HaveCountGreaterThan(50);
    }

    [Fact]
    public void Diagnostics_ShowALineBreakInTheValueTheyQuote_AsAnEscape_OnOneLine()
    {
        var path = RepositoryPaths.Path("tests", "corpus", "diagnostic-line-breaks.yaml");

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().Contain(@"'direct-identifer\n::error::forged\r\n\u001B[31mred' is not a known kind");
        run.Err.Split('\n').Should().NotContain(l => l.TrimStart().StartsWith("::", StringComparison.Ordinal));
    }
}

/// <summary>
/// The hostile designs of tests/corpus/reports: valid designs whose names and descriptions attack the reader of the
/// report (issue 10, "Design text reaches readers unescaped"). Each runs through every format.
/// </summary>
public class HostileReportCorpusTests
{
    private static readonly string[] Formats = ["text", "markdown", "json", "sarif", "mermaid", "dot", "svg", "html"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(RepositoryPaths.Path("tests", "corpus", "reports"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            foreach (var format in Formats)
                data.Add(file!, format);
        }

        return data;
    }

    private static CliRun Render(string file, string format)
    {
        var path = RepositoryPaths.Path("tests", "corpus", "reports", file);
        var run = format is "mermaid" or "dot" or "svg"
            ? CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "diagram", path, "--format", format)
            : CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", path, "--format", format);
        run.ExitCode.Should().BeOneOf([0, 1], run.ToString());
        return run;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HostileDesignText_NeverStartsALine_NorReachesTheReaderAsAControlBidiOrZeroWidthCharacter(string file, string format)
    {
        var run = Render(file, format);

        HostileOutput.ShouldBeInert(run.Out, $"{file} as {format}");
        HostileOutput.ShouldBeInert(run.Err, $"{file} as {format}, standard error");
    }

    [Fact]
    public void ReportCorpus_HasACaseForEveryAttack()
    {
        Cases().Select(c => (string)c[0]).Distinct().Should().HaveCountGreaterThanOrEqualTo(6);
    }

    [Fact]
    public void LineBreaksInNames_CannotForgeTheSummaryLine_OfTheTextReport()
    {
        var text = Render("line-breaks-forge-summary.yaml", "text").Out;

        var lines = text.Split('\n');
        lines.Where(l => l.Contains("rules run", StringComparison.Ordinal)).Should().ContainSingle()
            .Which.Should().StartWith(@"\u003A:error::forged annotation\n0 findings; 14 rules run. All clear.\n::stop-commands::pause (")
            .And.EndWith("rules run");
        lines.Should().NotContain(l => l.StartsWith("0 findings", StringComparison.Ordinal));
        text.Should().Contain(@"Debtors\u0085::warning::forged\u2028::notice::forged\u2029##[error]forged");
    }

    [Fact]
    public void TerminalControlSequences_InNames_AreShownAsEscapes_NotSentToTheTerminal()
    {
        var text = Render("terminal-sequences.yaml", "text").Out;

        text.Should().StartWith(@"Map\u001B[2J\u001B[H\u001B[32mAll clear\u001B[0m (")
            .And.Contain(@"Court\u009B31mred")
            .And.Contain(@"Debtors\rOverwritten line")
            .And.NotContain("\u001b").And.NotContain("\u009b").And.NotContain("\r");
    }

    [Fact]
    public void Markdown_NeutralisesMentions_Autolinks_StrikeThrough_AndLinks_KeepingTheTextReadable()
    {
        var markdown = Render("markdown-mentions-links.yaml", "markdown").Out;

        markdown.Should().Contain("Pilot cc @&#8203;octocat and @&#8203;acme/security-team")
            .And.Contain(@"\~\~Debtors\~\~ admin@&#8203;evil.example HTTP&#58;//EVIL.EXAMPLE WWW&#46;evil.example")
            .And.Contain(@"\[Name\](https&#58;//evil.example/phish) &lt;img")
            .And.Contain("Court (www&#46;evil.example)");
        markdown.Should().NotMatchRegex(@"@[\w./-]").And.NotContain("://").And.NotContain("~~").And.NotContain("<img");
        markdown.Should().NotMatchRegex("(?i)www\\.").And.NotMatchRegex(@"(?<!\\)\]\(");
    }

    [Fact]
    public void Mermaid_LabelsCannotCarryADirective_NorBreakOutOfTheirQuotes()
    {
        var mermaid = Render("diagram-directives.yaml", "mermaid").Out;

        mermaid.Should().NotContain("%%").And.Contain("#37;#37;{init: {#quot;themeVariables#quot;")
            .And.NotContain("&#8238;").And.Contain("#38;#35;8238;reversed");
        var lines = mermaid.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Should().NotContain(l => l.TrimStart().StartsWith("click", StringComparison.Ordinal) || l.TrimStart().StartsWith("%%", StringComparison.Ordinal));
        lines.Where(l => l.TrimStart().StartsWith("linkStyle", StringComparison.Ordinal)).Should().OnlyContain(l => l.Contains("#d00000", StringComparison.Ordinal));
    }

    [Fact]
    public void Dot_LabelsShowBackslashEscapesAndEntitiesAsText()
    {
        var dot = Render("diagram-directives.yaml", "dot").Out;

        dot.Should().Contain(@"Map\\l\\N\\G &amp;#8238;reversed &amp;lt;b&amp;gt; <b>bold</b>")
            .And.Contain("Court\\\"] --> X[\\\"injected");
        dot.Should().NotContain("&#8238;").And.NotContain(@"Map\l");
    }

    [Fact]
    public void Sarif_MessageTexts_CarryNoEmbeddedLink_FromTheDesign()
    {
        var sarif = Render("sarif-embedded-links.yaml", "sarif").Out;

        using var log = System.Text.Json.JsonDocument.Parse(sarif);
        var texts = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .SelectMany(r => new[] { r.GetProperty("message") }.Concat(r.TryGetProperty("relatedLocations", out var related) ? related.EnumerateArray().Select(l => l.GetProperty("message")) : []))
            .Select(m => m.GetProperty("text").GetString()!)
            .ToList();
        texts.Should().NotBeEmpty();
        texts.Should().OnlyContain(t => !HasUnescapedBracket(t));
        texts.Should().Contain(t => t.Contains(@"\[Court\](https://evil.example)", StringComparison.Ordinal));
        texts.Should().Contain(t => t.Contains(@"\\\[Name\\\](https://evil.example/escaped)", StringComparison.Ordinal));
    }

    [Fact]
    public void BidiAndZeroWidthCharacters_InFreeText_AreShownAsEscapes()
    {
        var text = Render("bidi-zero-width-text.yaml", "text").Out;

        text.Should().StartWith(@"Pilot \u202Edesrever\u202C (")
            .And.Contain(@"Debtors\u2067\u2068\u200E\u200F\u061C")
            .And.Contain(@"Na\u200Cme\u200D\u2060\uFEFF");
    }

    [Theory]
    [InlineData("text")]
    [InlineData("markdown")]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Diff_BetweenAHostileDesignAndACleanOne_IsInertToo(string format)
    {
        var hostile = RepositoryPaths.Path("tests", "corpus", "reports", "line-breaks-forge-summary.yaml");
        var terminal = RepositoryPaths.Path("tests", "corpus", "reports", "terminal-sequences.yaml");

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "diff", terminal, hostile, "--format", format);

        run.ExitCode.Should().BeOneOf([0, 1], run.ToString());
        HostileOutput.ShouldBeInert(run.Out, $"diff as {format}");
    }

    [Fact]
    public void Validate_NamesAHostileDesign_OnOneInertLine()
    {
        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "validate", RepositoryPaths.Path("tests", "corpus", "reports", "line-breaks-forge-summary.yaml"));

        run.ExitCode.Should().Be(0, run.ToString());
        run.Out.Should().Contain(@": valid: ::error::forged annotation\n0 findings").And.EndWith("flows)\n");
        run.Out.TrimEnd('\n').Should().NotContain("\n");
        HostileOutput.ShouldBeInert(run.Out, "validate");
    }

    /// <summary>A <c>[</c> or <c>]</c> not escaped by a backslash (SARIF plain text: <c>\[</c>, <c>\]</c>, <c>\\</c>).</summary>
    private static bool HasUnescapedBracket(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\')
                i++;
            else if (text[i] is '[' or ']')
                return true;
        }

        return false;
    }
}

/// <summary>What no output of the tool may hold, whatever the design says.</summary>
internal static class HostileOutput
{
    public static void ShouldBeInert(string output, string what)
    {
        foreach (var line in output.Split('\n'))
        {
            var start = line.TrimStart();
            start.Should().NotStartWith("::", $"{what}: a line starting with :: is a GitHub Actions workflow command")
                .And.NotStartWith("##[", what).And.NotStartWith("##vso[", what);
        }

        var bad = output.EnumerateRunes().Where(r => r.Value != '\n' && System.Text.Rune.GetUnicodeCategory(r) is System.Globalization.UnicodeCategory.Control
            or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator);
        bad.Select(r => $"U+{r.Value:X4}").Should().BeEmpty(what);
    }
}
