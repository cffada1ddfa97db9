namespace ThreatModel.Cli.Tests;

public class SchemaCommandTests
{
    [Theory]
    [InlineData(new string[0], "design.schema.json")]
    [InlineData(new[] { "config" }, "config.schema.json")]
    [InlineData(new[] { "report" }, "report.schema.json")]
    public void Schema_PrintsThePublishedSchemaOfThisVersion(string[] kind, string file)
    {
        var run = CliHarness.Run(["schema", .. kind]);

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        run.Out.Should().Be(File.ReadAllText(RepositoryPaths.Path("docs", "schema", file)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Schema_OfAnUnknownKind_IsAUsageError()
    {
        var run = CliHarness.Run("schema", "designs");

        run.ExitCode.Should().Be(ExitCodes.InvalidInput);
        run.Err.Should().Contain("designs");
    }
}
