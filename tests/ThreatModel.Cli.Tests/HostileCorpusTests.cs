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

    [Fact]
    public void Corpus_HasCases()
    {
        Cases().Should().HaveCountGreaterThan(50);
    }
}
