using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class StreamingOutputTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static TheoryData<string> Formats() => [.. ReportWriters.Formats];

    public static TheoryData<string> DiffFormats() => [.. FindingDiffWriter.Formats];

    private static ReportOptions NotedOptions(AnalysisResult result) => new()
    {
        SourceRoot = "designs",
        Notes = [new ReportNote("acceptance expired", result.Findings[0].Fingerprint), new ReportNote("stale <entry> | \"x\"", "0000"), new ReportNote("general")],
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void StreamOutput_IsTheTextOutputInUtf8(string format)
    {
        var writer = ReportWriters.ForFormat(format)!;
        var result = ReportFixtures.Rich();
        var options = NotedOptions(result);
        using var stream = new MemoryStream();

        writer.Write(result, stream, options);

        stream.ToArray().Should().Equal(Utf8.GetBytes(WriterHarness.Render(writer, result, options)));
    }

    [Theory]
    [MemberData(nameof(DiffFormats))]
    public void DiffStreamOutput_IsTheTextOutputInUtf8(string format)
    {
        var rich = ReportFixtures.Rich();
        var diff = FindingDiff.Between(rich with { Findings = [rich.Findings[0]] }, rich);
        var options = NotedOptions(rich);
        using var text = new StringWriter();
        using var stream = new MemoryStream();

        FindingDiffWriter.Write(diff, format, text, options);
        FindingDiffWriter.Write(diff, format, stream, options);

        stream.ToArray().Should().Equal(Utf8.GetBytes(text.ToString()));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void JsonWriters_HandOutputOnInPieces_NotAsOneBlock(string format)
    {
        var rich = ReportFixtures.Rich();
        var many = rich with { Findings = [.. Enumerable.Range(0, 2_000).Select(i => rich.Findings[i % rich.Findings.Count] with { Key = $"key-{i}" })] };
        using var stream = new WriteSizeStream();

        ReportWriters.ForFormat(format)!.Write(many, stream, ReportOptions.Default);

        stream.Total.Should().BeGreaterThan(2_000_000);
        stream.LargestWrite.Should().BeLessThan(256 * 1024);
    }

    [Fact]
    public void JsonWriter_DecodesIntoATextWriter_WithEveryCharacterIntact()
    {
        var rich = ReportFixtures.Rich();
        var finding = rich.Findings[0] with { Title = "Ünïcödé 中文 😀 \u2028 \"quoted\"" };
        var many = rich with { Findings = [.. Enumerable.Range(0, 3_000).Select(i => finding with { Key = $"key-{i}" })] };
        var writer = new JsonReportWriter();
        using var stream = new MemoryStream();

        writer.Write(many, stream, ReportOptions.Default);
        var text = WriterHarness.Render(writer, many);

        text.Should().Be(Utf8.GetString(stream.ToArray())).And.Contain("Ünïcödé 中文");
    }

    /// <summary>Keeps no bytes; records how many were written and the largest single write.</summary>
    private sealed class WriteSizeStream : Stream
    {
        public long Total { get; private set; }

        public int LargestWrite { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Total;

        public override long Position { get => Total; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Total += buffer.Length;
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
        }
    }
}
