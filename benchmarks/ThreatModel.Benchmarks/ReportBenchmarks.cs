using BenchmarkDotNet.Attributes;
using ThreatModel.Analysis;
using ThreatModel.Generator;
using ThreatModel.Reporting;

namespace ThreatModel.Benchmarks;

/// <summary>Each report writer over the findings of a generated design.</summary>
[MemoryDiagnoser]
public class ReportBenchmarks
{
    private AnalysisResult _result = null!;
    private IReportWriter _writer = null!;

    /// <summary>The number of elements in the design.</summary>
    [Params(1_000, 10_000)]
    public int N { get; set; }

    /// <summary>The report format.</summary>
    [ParamsSource(nameof(Formats))]
    public string Format { get; set; } = "text";

    /// <summary>Every registered format.</summary>
    public static IEnumerable<string> Formats => ReportWriters.Formats;

    [GlobalSetup]
    public void Setup()
    {
        _result = Analyzer.CreateDefault().Analyze(DesignGenerator.Generate(N));
        _writer = ReportWriters.ForFormat(Format)!;
    }

    /// <summary>Writes the report to memory (the allocation includes the string builder holding the whole report).</summary>
    [Benchmark]
    public int Write()
    {
        using var output = new StringWriter();
        _writer.Write(_result, output, ReportOptions.Default);
        return output.GetStringBuilder().Length;
    }

    /// <summary>Streams the report as UTF-8, as the CLI writes a file, to a stream that keeps nothing: the writer's own cost.</summary>
    [Benchmark]
    public long WriteStream()
    {
        using var output = new CountingStream();
        _writer.Write(_result, output, ReportOptions.Default);
        return output.Length;
    }

    /// <summary>Counts the bytes written to it and keeps none.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
