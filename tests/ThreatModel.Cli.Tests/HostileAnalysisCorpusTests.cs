using System.Globalization;
using System.Text.RegularExpressions;

namespace ThreatModel.Cli.Tests;

/// <summary>Every file of tests/corpus/analysis through `threatmodel check`: exit 2, the expected error at file:line:column, no stack trace.</summary>
public class HostileAnalysisCorpusTests
{
    public static TheoryData<string, string, int, int, string> Cases()
    {
        var data = new TheoryData<string, string, int, int, string>();
        foreach (var line in File.ReadAllLines(RepositoryPaths.Path("tests", "corpus", "analysis", "expected.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var columns = line.Split('\t');
            data.Add(columns[0], columns[1], int.Parse(columns[2], CultureInfo.InvariantCulture), int.Parse(columns[3], CultureInfo.InvariantCulture), columns[5]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_ExitsTwo_WithTheExpectedErrorAtItsPosition_AndNoStackTrace(string file, string code, int line, int column, string text)
    {
        var path = RepositoryPaths.Path("tests", "corpus", "analysis", file);

        var run = CliHarness.Run(CliEnvironment.Fixed(CliHarness.Today), "check", path);

        run.ExitCode.Should().Be(2, run.ToString());
        run.Err.Should().MatchRegex($"(?m)^{Regex.Escape(path)}:{line}:{column}: error {code}: .*{Regex.Escape(text)}").And.NotContain("   at ");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void EveryFileOfTheAnalysisCorpus_HasAnExpectation()
    {
        var listed = Cases().Select(c => (string)c[0]).ToList();
        var files = Directory.GetFiles(RepositoryPaths.Path("tests", "corpus", "analysis"))
            .Select(Path.GetFileName)
            .Where(name => name is not ("expected.tsv" or "README.md"));

        listed.Should().NotBeEmpty();
        files.Should().BeEquivalentTo(listed);
    }
}
