using FsCheck.Xunit;
using ThreatModel.Formats;
using ThreatModel.Model;

namespace ThreatModel.Tests.Formats;

public sealed class DesignWriterTests
{
    private static SystemModel Full => DesignReader.ReadFile(RepositoryPaths.Design("full.yaml")).GetModelOrThrow();

    [Fact]
    public void Yaml_ReadsBackToTheSameModel()
    {
        var model = Full;

        var back = DesignReader.Parse(DesignWriter.ToYaml(model), "written.yaml", DesignFormat.Yaml);

        back.Diagnostics.Should().BeEmpty();
        back.Model!.ShouldSayTheSameAs(model);
    }

    [Fact]
    public void Json_ReadsBackToTheSameModel()
    {
        var model = Full;

        var back = DesignReader.Parse(DesignWriter.ToJson(model), "written.json", DesignFormat.Json);

        back.Diagnostics.Should().BeEmpty();
        back.Model!.ShouldSayTheSameAs(model);
    }

    [Fact]
    public void Output_IsTheSameEveryTime_AndAFixpoint()
    {
        var yaml = DesignWriter.ToYaml(Full);
        var json = DesignWriter.ToJson(Full);

        DesignWriter.ToYaml(Full).Should().Be(yaml);
        DesignWriter.ToJson(Full).Should().Be(json);
        DesignWriter.ToYaml(DesignReader.Parse(yaml, "a.yaml", DesignFormat.Yaml).GetModelOrThrow()).Should().Be(yaml);
        DesignWriter.ToJson(DesignReader.Parse(json, "a.json", DesignFormat.Json).GetModelOrThrow()).Should().Be(json);
    }

    [Fact]
    public void Output_UsesLineFeeds_AndNoByteOrderMark()
    {
        using var stream = new MemoryStream();
        DesignWriter.Write(Full, stream, DesignFormat.Yaml);
        var bytes = stream.ToArray();

        bytes.Should().NotContain((byte)'\r');
        bytes.Take(3).Should().NotEqual(new byte[] { 0xEF, 0xBB, 0xBF });
        DesignWriter.ToJson(Full).Should().NotContain("\r").And.EndWith("}\n");
    }

    [Fact]
    public void LeavesOutFieldsAtTheirDefaults()
    {
        var model = new SystemModelBuilder("Small")
            .Subject("people", population: 10)
            .Item("email", DataItemKind.DirectIdentifier, "people")
            .Person("user", subject: "people")
            .Process("app", organization: "acme")
            .Flow("f1", "user", "app", ["email"], "messaging")
            .Build();

        var yaml = DesignWriter.ToYaml(model);

        yaml.Should().NotContain("settings").And.NotContain("protections").And.NotContain("linkability").And.NotContain("context");
        yaml.Should().Contain("items: [email]");
    }

    [Theory]
    [InlineData("123")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("a: b")]
    [InlineData("line one\nline two")]
    [InlineData(".inf")]
    [InlineData("yes")]
    public void TextThatLooksLikeSomethingElse_StaysText(string text)
    {
        var model = new SystemModelBuilder(text.Length == 0 ? "x" : text)
            .Subject("people", population: 10, name: text)
            .Person("user", subject: "people", name: text)
            .Element("world", ElementType.Public)
            .Flow("f1", "user", "world", [], text.Length == 0 || text.Contains('\n', StringComparison.Ordinal) ? "x" : text) // a purpose is a word: no line breaks (TM1020)
            .Build();

        foreach (var (written, format) in new[] { (DesignWriter.ToYaml(model), DesignFormat.Yaml), (DesignWriter.ToJson(model), DesignFormat.Json) })
        {
            var back = DesignReader.Parse(written, "t", format).GetModelOrThrow();
            back.Subjects[0].Name.Should().Be(text);
            back.Elements[0].Name.Should().Be(text);
            back.ShouldSayTheSameAs(model);
        }
    }

    [Property(MaxTest = 100)]
    public void RandomDesigns_RoundTripThroughYaml(int seed)
    {
        var model = RandomDesigns.Create(seed);
        var yaml = DesignWriter.ToYaml(model);

        var back = DesignReader.Parse(yaml, "random.yaml", DesignFormat.Yaml);

        back.Errors.Should().BeEmpty(yaml);
        back.Model!.ShouldSayTheSameAs(model);
        DesignWriter.ToYaml(back.Model!).Should().Be(yaml);
    }

    [Property(MaxTest = 100)]
    public void RandomDesigns_RoundTripThroughJson(int seed)
    {
        var model = RandomDesigns.Create(seed);
        var json = DesignWriter.ToJson(model);

        var back = DesignReader.Parse(json, "random.json", DesignFormat.Json);

        back.Errors.Should().BeEmpty(json);
        back.Model!.ShouldSayTheSameAs(model);
        DesignWriter.ToJson(back.Model!).Should().Be(json);
    }

    [Fact]
    public void WriteFile_PicksTheFormatFromTheExtension()
    {
        var directory = Directory.CreateTempSubdirectory("threatmodel-writer-");
        try
        {
            var json = Path.Combine(directory.FullName, "design.json");
            var yaml = Path.Combine(directory.FullName, "design.yaml");

            DesignWriter.WriteFile(Full, json);
            DesignWriter.WriteFile(Full, yaml);

            File.ReadAllText(json).Should().StartWith("{");
            File.ReadAllText(yaml).Should().StartWith("name: Debtor map");
            DesignReader.ReadFile(json).GetModelOrThrow().ShouldSayTheSameAs(Full);
            DesignReader.ReadFile(yaml).GetModelOrThrow().ShouldSayTheSameAs(Full);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Json_RefusesNumbersJsonCannotHold()
    {
        var built = SystemModelFactory.Create("x", null, string.Empty, AnalysisSettings.Default,
            [new DataSubject
            {
                Id = "people",
                Name = "people",
                Population = 10,
                Density = new Density(double.NaN, null),
                Description = null,
                Vulnerable = false,
            }], [], [], [], [], [], []);

        var act = () => DesignWriter.ToJson(built);

        act.Should().Throw<ArgumentException>().WithMessage("*JSON cannot represent*");
    }
}
