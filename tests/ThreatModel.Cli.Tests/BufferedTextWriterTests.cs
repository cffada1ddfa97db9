namespace ThreatModel.Cli.Tests;

public class BufferedTextWriterTests
{
    [Fact]
    public void PassesEveryCharacterOn_InOrder_WhateverTheSizeOfEachWrite()
    {
        using var inner = new CountingWriter();
        var expected = new System.Text.StringBuilder();

        using (var buffered = new BufferedTextWriter(inner, size: 8))
        {
            foreach (var piece in new[] { "a", "bcd", "efghijk", "l", "a piece longer than the block", "", "mn", "opqrstuvwxyz" })
            {
                buffered.Write(piece);
                expected.Append(piece);
            }

            buffered.Write('!');
            buffered.Write("tail".ToCharArray(), 1, 2);
            expected.Append('!').Append("ai");
            inner.ToString().Length.Should().BeLessThan(expected.Length, "what fits in the block waits until it is full or flushed");
        }

        inner.ToString().Should().Be(expected.ToString());
        inner.Flushes.Should().BeGreaterThan(0);
    }

    [Fact]
    public void WritesToTheWriterUnderneath_ABlockAtATime()
    {
        using var inner = new CountingWriter();

        using (var buffered = new BufferedTextWriter(inner, size: 100))
        {
            for (var i = 0; i < 1_000; i++)
                buffered.Write('x');
        }

        inner.ToString().Should().Be(new string('x', 1_000));
        inner.Writes.Should().Be(10);
    }

    /// <summary>A string writer that counts the writes and flushes it receives.</summary>
    private sealed class CountingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public int Flushes { get; private set; }

        public override void Write(char[] buffer, int index, int count)
        {
            Writes++;
            base.Write(buffer, index, count);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Writes++;
            base.Write(buffer);
        }

        public override void Flush()
        {
            Flushes++;
            base.Flush();
        }
    }
}
