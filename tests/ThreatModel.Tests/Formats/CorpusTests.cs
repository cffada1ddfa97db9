using System.Text;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// Runs the hostile-input corpus (tests/corpus, expectations in tests/corpus/expected.tsv) and inputs too large to
/// commit, generated here: every case must give an error with the expected code at the expected line, no model,
/// and no exception.
/// </summary>
public sealed class CorpusTests
{
    public static TheoryData<string, string, int> Cases()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (file, code, line) in ReadExpectations())
            data.Add(file, code, line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryCorpusFile_GivesItsExpectedError(string file, string code, int line)
    {
        var path = Path.Combine(RepositoryPaths.Corpus, file);

        var result = DesignReader.ReadFile(path);

        ShouldFailWith(result, path, code, line);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryCorpusFile_GivesTheSameErrorFromAStream(string file, string code, int line)
    {
        using var stream = File.OpenRead(Path.Combine(RepositoryPaths.Corpus, file));

        var result = DesignReader.Read(stream, file);

        ShouldFailWith(result, file, code, line);
    }

    [Fact]
    public void TheCorpus_HasAtLeastSixtyCases_AndEveryFileHasAnExpectation()
    {
        var listed = ReadExpectations().Select(e => e.File).ToList();
        var files = Directory.GetFiles(RepositoryPaths.Corpus).Select(Path.GetFileName)
            .Where(name => name is not ("expected.tsv" or "README.md" or ".gitattributes"))
            .ToList();

        listed.Should().HaveCountGreaterThanOrEqualTo(60).And.OnlyHaveUniqueItems();
        files.Should().BeEquivalentTo(listed);
        ReadExpectations().Select(e => e.Code).Distinct().Should().Contain(
            [DiagnosticCodes.UnreadableFile, DiagnosticCodes.Syntax, DiagnosticCodes.WrongType, DiagnosticCodes.MissingField,
             DiagnosticCodes.UnknownField, DiagnosticCodes.Duplicate, DiagnosticCodes.UndefinedReference, DiagnosticCodes.OutOfRange,
             DiagnosticCodes.UnknownValue, DiagnosticCodes.EmptyDesign, DiagnosticCodes.DerivationCycle, DiagnosticCodes.LimitExceeded,
             DiagnosticCodes.Forbidden]);
    }

    public static TheoryData<string> Generated() => [.. GeneratedCases.Keys];

    [Theory]
    [MemberData(nameof(Generated))]
    public void GeneratedHostileInput_GivesItsExpectedError(string name)
    {
        var (build, code, line) = GeneratedCases[name];
        var directory = Directory.CreateTempSubdirectory("threatmodel-corpus-");
        try
        {
            var path = Path.Combine(directory.FullName, name);
            build(path);

            var result = DesignReader.ReadFile(path);

            ShouldFailWith(result, path, code, line);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static readonly Dictionary<string, (Action<string> Build, string Code, int Line)> GeneratedCases = new(StringComparer.Ordinal)
    {
        // 50 MB of one value: read and refused at the value, not by running out of memory.
        ["huge-string-50mb.yaml"] = (path => WriteText(path, "name: huge\ndescription: ", 50_000_000, 'a', "\n"), DiagnosticCodes.LimitExceeded, 2),
        // Over the 64 MiB file-size limit: refused before reading.
        ["over-file-size-limit.yaml"] = (path => { using var f = File.Create(path); f.SetLength(65L * 1024 * 1024); }, DiagnosticCodes.LimitExceeded, 1),
        ["deep-flow-100000.yaml"] = (path => WriteText(path, "name: deep\nelements: ", 100_000, '[', string.Empty), DiagnosticCodes.LimitExceeded, 2),
        ["deep-flow-mapping-100000.yaml"] = (path => File.WriteAllText(path, "name: deep\nelements: " + string.Concat(Enumerable.Repeat("{a: ", 100_000))), DiagnosticCodes.LimitExceeded, 2),
        ["deep-block-100000.yaml"] = (path => File.WriteAllText(path, "elements:\n" + string.Concat(Enumerable.Repeat("- ", 100_000)) + "x\n"), DiagnosticCodes.LimitExceeded, 2),
        ["deep-nesting-100000.json"] = (path => WriteText(path, "{\"name\": \"deep\", \"elements\": ", 100_000, '[', string.Empty), DiagnosticCodes.LimitExceeded, 1),
        ["huge-string-2mib.json"] = (path => WriteText(path, "{\"name\": \"", 2 * 1024 * 1024, 'x', "\"}"), DiagnosticCodes.LimitExceeded, 1),
        ["many-laughs.yaml"] = (path => File.WriteAllText(path, BillionLaughs(levels: 30)), DiagnosticCodes.LimitExceeded, 8),
        // Thousands of references to ids that do not exist, among thousands of ids: "did you mean" must not go quadratic.
        ["many-dangling-references.yaml"] = (path => File.WriteAllText(path, ManyDanglingReferences(20_000)), DiagnosticCodes.UndefinedReference, 20_009),
        // Very long unknown field names: no edit-distance comparison of megabyte strings.
        ["long-unknown-fields.json"] = (path => File.WriteAllText(path, "{\"name\": \"long\",\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"\"{new string((char)('a' + i), 500_000)}\": 1,\n")) + "\"x\": 1}"), DiagnosticCodes.UnknownField, 2),
        // Thousands of derivation cycles through one item: reported once each up to a cap, not enumerated forever.
        ["many-derivation-cycles.yaml"] = (path => File.WriteAllText(path, ManyCycles(5_000)), DiagnosticCodes.DerivationCycle, 6),
    };

    private static string ManyDanglingReferences(int count)
    {
        var text = new StringBuilder("name: dangling\nsubjects:\n  - id: s\n    population: 10\nitems:\n");
        for (var i = 0; i < count; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: item-{i}, kind: other, subject: s}}\n");
        text.Append("elements:\n  - {id: a, type: person}\nflows:\n");
        for (var i = 0; i < count; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: f{i}, from: a, to: a, items: [missing-{i}], purpose: p}}\n");
        return text.ToString();
    }

    private static string ManyCycles(int count)
    {
        var text = new StringBuilder("name: cycles\nsubjects:\n  - id: s\n    population: 10\nitems:\n");
        for (var i = 0; i < count - 1; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: i{i}, kind: score, subject: s, derivedFrom: [i{i + 1}]}}\n");
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - {{id: i{count - 1}, kind: score, subject: s, derivedFrom: [{string.Join(", ", Enumerable.Range(0, count - 1).Select(i => "i" + i))}]}}\n");
        text.Append("elements:\n  - {id: a, type: person}\n");
        return text.ToString();
    }

    private static string BillionLaughs(int levels)
    {
        var text = new StringBuilder("name: lol\nl0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < levels; i++)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"l{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        return text.ToString();
    }

    private static void WriteText(string path, string prefix, int count, char repeated, string suffix)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        writer.Write(prefix);
        var chunk = new string(repeated, 1 << 16);
        for (var written = 0; written < count; written += chunk.Length)
            writer.Write(chunk.AsSpan(0, Math.Min(chunk.Length, count - written)));
        writer.Write(suffix);
    }

    private static void ShouldFailWith(DesignReadResult result, string file, string code, int line)
    {
        result.Model.Should().BeNull();
        result.Succeeded.Should().BeFalse();
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        errors.Should().NotBeEmpty();
        errors.Should().OnlyContain(d => d.Span.Line > 0 && d.Span.Column > 0 && d.Span.File == file, "every error names the file and a position");
        errors.Should().Contain(d => d.Code == code && d.Span.Line == line, $"the case expects {code} at line {line}; got {string.Join(" | ", errors.Take(5))}");
    }

    private static IEnumerable<(string File, string Code, int Line)> ReadExpectations()
    {
        foreach (var row in File.ReadLines(Path.Combine(RepositoryPaths.Corpus, "expected.tsv")))
        {
            if (row.Length == 0 || row[0] == '#')
                continue;
            var cells = row.Split('\t');
            yield return (cells[0], cells[1], int.Parse(cells[2], System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
