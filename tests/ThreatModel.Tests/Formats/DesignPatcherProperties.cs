using System.Text;
using System.Text.Json;
using FsCheck.Xunit;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Formats.Patching;
using ThreatModel.Generator;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// Laws of <see cref="DesignPatcher"/>: for any design, written in any mix of block and flow YAML with comments
/// anywhere (or as JSON, indented or on one line), and any subset of the remedies its findings name, the patched text
/// reads back to exactly the edited design, keeps every comment line of the original in order, and is the original
/// text where nothing changed.
/// </summary>
public class DesignPatcherProperties
{
    private static readonly Analyzer Analyzer = Analyzer.CreateDefault();

    private static readonly string[] Examples =
    [
        .. Directory.GetFiles(RepositoryPaths.Examples, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}imports{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal),
    ];

    [Property(MaxTest = 100)]
    public void StyledDesigns_AndRandomRemedies_ReadBackAsTheEditedDesign_WithEveryCommentLine(int seed)
    {
        var random = new Random(seed);
        var model = random.Next(2) == 0 ? DesignGenerator.Generate(random.Next(20, 60), seed) : RandomDesigns.Create(seed);
        var format = random.Next(3) == 0 ? DesignFormat.Json : DesignFormat.Yaml;
        var text = format == DesignFormat.Json ? RestyledJson(model, random) : new StyledYaml(random).Write(model);

        Check(text, format, random);
    }

    [Property(MaxTest = 40)]
    public void BundledExamples_AndRandomRemedies_ReadBackAsTheEditedDesign_WithEveryCommentLine(int seed)
    {
        Examples.Should().NotBeEmpty();
        var random = new Random(seed);
        var file = Examples[Math.Abs(seed % Examples.Length)];

        Check(File.ReadAllText(file), DesignFormat.Yaml, random);
    }

    private static void Check(string text, DesignFormat format, Random random)
    {
        var read = DesignReader.Parse(text, "design", format);
        read.Errors.Should().BeEmpty(text);
        var original = read.Model!;
        var remedies = Analyzer.Analyze(original).Findings.SelectMany(f => f.Remedies).DistinctBy(e => e.Key).ToList();
        var chosen = remedies.Where(_ => random.Next(3) == 0).ToList();
        // No rule names a move yet: move a few elements to another organization too.
        var movable = original.Elements.Where(e => e.OrganizationId is not null).ToList();
        for (var moves = random.Next(3); moves > 0 && movable.Count > 0 && original.Organizations.Count > 1; moves--)
            chosen.Add(new MoveElement(movable[random.Next(movable.Count)].Id, original.Organizations[random.Next(original.Organizations.Count)].Id));
        var edited = DesignEdits.Apply(original, chosen);

        var patch = DesignPatcher.Patch(text, format, edited);

        patch.KeepsLayout.Should().BeTrue($"{patch.Problem}; edits: {string.Join(", ", chosen.Select(e => e.Key))}");
        var back = DesignReader.Parse(patch.Text, "patched", format);
        back.Errors.Should().BeEmpty(patch.Text);
        DesignWriter.ToJson(back.Model!).Should().Be(DesignWriter.ToJson(edited));
        CommentLines(patch.Text).Should().Equal(CommentLines(text));
        if (chosen.Count == 0)
            patch.Text.Should().Be(text);
    }

    private static List<string> CommentLines(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.TrimStart().StartsWith('#'))];

    /// <summary>The design as JSON indented by two or four spaces or a tab, or on one line.</summary>
    private static string RestyledJson(SystemModel model, Random random)
    {
        var json = DesignWriter.ToJson(model);
        switch (random.Next(4))
        {
            case 0:
                return json;
            case 1:
                using (var document = JsonDocument.Parse(json))
                    return JsonSerializer.Serialize(document.RootElement);
            default:
                var unit = random.Next(2) == 0 ? "    " : "\t";
                return string.Join('\n', json.Split('\n').Select(l =>
                {
                    var depth = (l.Length - l.TrimStart(' ').Length) / 2;
                    return string.Concat(Enumerable.Repeat(unit, depth)) + l.TrimStart(' ');
                }));
        }
    }

    /// <summary>
    /// Writes a design as YAML in a random mix of styles: each mapping and list in block or flow style, lists indented
    /// or not under their field, two or four spaces a level, with comment lines between lines and comments after values.
    /// </summary>
    private sealed class StyledYaml(Random random)
    {
        private readonly StringBuilder _text = new();
        private readonly int _step = random.Next(2) == 0 ? 2 : 4;
        private readonly bool _indentless = random.Next(2) == 0;
        private readonly ValueText _flow = new("\n", "  ", "  ", true);
        private int _comments;

        public string Write(SystemModel model)
        {
            using var document = JsonDocument.Parse(DesignWriter.ToJson(model));
            _text.Append("# comment ").Append(_comments++).Append(" at the top\n");
            foreach (var field in document.RootElement.EnumerateObject())
            {
                Comment(0);
                _text.Append(ValueText.YamlScalar(field.Name)).Append(':');
                Value(field.Value, 0);
            }

            return _text.ToString();
        }

        private void Value(JsonElement value, int indent)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object when value.EnumerateObject().Any() && random.Next(3) != 0:
                    Line();
                    foreach (var field in value.EnumerateObject())
                    {
                        Comment(indent + _step);
                        _text.Append(' ', indent + _step).Append(ValueText.YamlScalar(field.Name)).Append(':');
                        Value(field.Value, indent + _step);
                    }

                    return;
                case JsonValueKind.Array when value.EnumerateArray().Any() && (random.Next(2) == 0 || value.EnumerateArray().Any(e => e.ValueKind == JsonValueKind.Object)):
                    Line();
                    var dash = _indentless ? indent : indent + _step;
                    foreach (var entry in value.EnumerateArray())
                    {
                        Comment(dash);
                        _text.Append(' ', dash).Append("- ");
                        Entry(entry, dash + 2);
                    }

                    return;
                default:
                    _text.Append(' ').Append(_flow.YamlFlow(value));
                    Line();
                    return;
            }
        }

        private void Entry(JsonElement value, int indent)
        {
            if (value.ValueKind != JsonValueKind.Object || !value.EnumerateObject().Any() || random.Next(3) == 0)
            {
                _text.Append(_flow.YamlFlow(value));
                Line();
                return;
            }

            var first = true;
            foreach (var field in value.EnumerateObject())
            {
                if (!first)
                {
                    Comment(indent);
                    _text.Append(' ', indent);
                }

                first = false;
                _text.Append(ValueText.YamlScalar(field.Name)).Append(':');
                Value(field.Value, indent);
            }
        }

        /// <summary>Ends a line, sometimes with a comment after its value.</summary>
        private void Line()
        {
            if (random.Next(6) == 0)
                _text.Append("   # comment ").Append(_comments++).Append(" after a value");
            _text.Append('\n');
        }

        /// <summary>Sometimes a comment line at this indentation.</summary>
        private void Comment(int indent)
        {
            if (random.Next(5) == 0)
                _text.Append(' ', indent).Append("# comment ").Append(_comments++).Append('\n');
        }
    }
}
