using System.Text;
using ThreatModel.Formats;
using ThreatModel.Formats.Binding;
using ThreatModel.Generator;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// The reader streams: files are checked and parsed a chunk at a time, the entries of the root lists are bound as
/// they are parsed and their nodes reused, and positions for diagnostics are found by reading the design again.
/// Whatever the way in (file, seekable or non-seekable stream, text), the same design gives the same model, the
/// same positions and the same diagnostics.
/// </summary>
public sealed class StreamingReadTests
{
    [Theory]
    [InlineData(DesignFormat.Yaml)]
    [InlineData(DesignFormat.Json)]
    public void AGeneratedDesign_ReadsTheSame_FromFileTextAndNonSeekableStream(DesignFormat format)
    {
        var text = Write(DesignGenerator.Generate(400, seed: 3), format);
        using var file = new TemporaryFile(text, format);

        var fromFile = DesignReader.ReadFile(file.Path).GetModelOrThrow();
        var fromText = DesignReader.Parse(text, file.Path, format).GetModelOrThrow();
        using var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(text));
        var fromStream = DesignReader.Read(stream, file.Path).GetModelOrThrow();

        fromText.Should().BeEquivalentTo(fromFile, options => options.WithStrictOrdering());
        fromStream.Should().BeEquivalentTo(fromFile, options => options.WithStrictOrdering());
    }

    [Fact]
    public void DiagnosticsFoundAfterBinding_PointAtTheValue_FromEveryWayIn()
    {
        const string text = """
            name: dangling
            subjects:
              - {id: s, population: 10}
            items:
              - {id: i, kind: other, subject: s}
            elements:
              - {id: a, type: person}
            flows:
              - id: f
                from: a
                to: nowhere
                items: [i, missing]
                purpose: payment
            """;
        using var file = new TemporaryFile(text, DesignFormat.Yaml);
        using var stream = new NonSeekableStream(Encoding.UTF8.GetBytes(text));

        foreach (var result in new[]
        {
            DesignReader.ReadFile(file.Path),
            DesignReader.Parse(text, file.Path, DesignFormat.Yaml),
            DesignReader.Read(stream, file.Path),
        })
        {
            result.Model.Should().BeNull();
            result.Diagnostics.Select(d => (d.Code, d.Span.Line, d.Span.Column)).Should().Equal(
                (DiagnosticCodes.UndefinedReference, 11, 9),
                (DiagnosticCodes.UndefinedReference, 12, 16));
        }
    }

    [Fact]
    public void AListOverTheSizeLimit_IsRefusedWhole_WithoutDiagnosticsFromItsEntries()
    {
        const string text = """
            name: too many
            elements:
              - {id: a, type: persn}
              - {id: b, type: person}
              - {id: c, type: person, colour: red}
            flows: []
            """;

        var result = DesignReader.Parse(text, "d.yaml", DesignFormat.Yaml, ReaderLimits.Default with { MaxCollectionSize = 2 });

        result.Model.Should().BeNull();
        result.Diagnostics.Should().ContainSingle().Which.Should().Match<Diagnostic>(d => d.Code == DiagnosticCodes.LimitExceeded && d.Span.Line == 3);
    }

    [Fact]
    public void AnchorsDeclaredInOneEntry_AreRepeatedByAliasesInLaterOnes()
    {
        const string text = """
            name: anchors
            subjects:
              - {id: s, population: 10}
            items:
              - {id: i, kind: other, subject: s}
            organizations:
              - {id: o}
            elements:
              - &person {id: a, type: person}
              - {id: p, type: process, organization: o, retention: &keep {days: 30, deletion: true}}
              - {id: q, type: process, organization: o, retention: *keep}
            flows:
              - {id: f1, from: a, to: p, items: [i], purpose: x, protections: &safe {encryptedInTransit: true, retentionDays: 7}}
              - {id: f2, from: a, to: q, items: [i], purpose: x, protections: *safe}
            """;

        var model = DesignReader.Parse(text, "d.yaml", DesignFormat.Yaml).GetModelOrThrow();

        model.Element("q").Retention.Should().BeEquivalentTo(new { Days = 30, Deletion = true, Correction = false });
        model.Flow("f2").Protections.Should().Be(model.Flow("f1").Protections);
        model.Flow("f2").Protections.RetentionDays.Should().Be(7);
    }

    [Theory]
    [InlineData(DesignFormat.Yaml)]
    [InlineData(DesignFormat.Json)]
    public void ACharacterCutByTheEndOfAChunk_IsReadWhole(DesignFormat format)
    {
        // Descriptions of two-, three- and four-byte characters long enough to cross the reader's 64 KiB chunks at every offset.
        var model = DesignGenerator.Generate(40, seed: 1);
        var text = Write(model, format);
        var marker = format == DesignFormat.Json ? "\"description\": \"" : "description: '";
        var at = text.IndexOf(marker, StringComparison.Ordinal) + marker.Length;
        var characters = string.Concat(Enumerable.Repeat("é€😀", 30_000));
        text = string.Concat(text.AsSpan(0, at), characters, text.AsSpan(at));
        using var file = new TemporaryFile(text, format);

        var read = DesignReader.ReadFile(file.Path, ReaderLimits.Default).GetModelOrThrow();

        read.Description.Should().StartWith(characters);
        read.Flows.Should().HaveCount(model.Flows.Count);
    }

    [Fact]
    public void AnInvalidByteAfterAChunkBoundary_IsReportedAtItsLineAndColumn()
    {
        var head = Encoding.UTF8.GetBytes("name: x\n" + new string('#', 70_000) + "\n" + "description: caf");
        byte[] bytes = [.. head, 0xE9, .. "\n"u8];

        var result = DesignReader.Read(new MemoryStream(bytes), "latin1.yaml");

        result.Diagnostics.Should().ContainSingle().Which.Should().Match<Diagnostic>(
            d => d.Code == DiagnosticCodes.UnreadableFile && d.Span.Line == 3 && d.Span.Column == 17 && d.Message.Contains("0xE9", StringComparison.Ordinal));
    }

    [Fact]
    public void AChunkedList_KeepsItsItemsInOrder_AndForgetsTheOnesAfterATruncation()
    {
        var list = new ChunkedList<int>();
        for (var i = 0; i < 20_000; i++)
            list.Add(i);

        list.ToArray().Should().Equal(Enumerable.Range(0, 20_000));
        list.Truncate(17);
        list.Add(99);
        list.ToArray().Should().Equal([.. Enumerable.Range(0, 17), 99]);
    }

    private static string Write(SystemModel model, DesignFormat format) =>
        format == DesignFormat.Json ? DesignWriter.ToJson(model) : DesignWriter.ToYaml(model);

    /// <summary>A design file that deletes itself.</summary>
    private sealed class TemporaryFile : IDisposable
    {
        public TemporaryFile(string text, DesignFormat format)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"threatmodel-stream-{Guid.NewGuid():N}{(format == DesignFormat.Json ? ".json" : ".yaml")}");
            File.WriteAllText(Path, text, new UTF8Encoding(false));
        }

        public string Path { get; }

        public void Dispose() => File.Delete(Path);
    }

    /// <summary>A stream that can only be read forward, a few bytes at a time, like a pipe.</summary>
    private sealed class NonSeekableStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, Math.Min(count, 4099));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
