namespace ThreatModel.Cli.Tests;

public class ProgressLineTests
{
    [Fact]
    public void Frame_ReturnsToTheLineStart_AndOverwritesALongerPreviousStep()
    {
        ProgressLine.Frame("rule TM006 (7/16)", 25).Should().Be("\rrule TM006 (7/16)..." + new string(' ', 5));
    }

    [Fact]
    public void Frame_CutsAStepLongerThanALine()
    {
        var frame = ProgressLine.Frame(new string('x', 200), 0);

        frame.Length.Should().Be(1 + ProgressLine.MaxWidth);
        frame.Should().EndWith("...");
    }

    [Fact]
    public void Erase_BlanksTheLine_AndLeavesTheCursorAtItsStart()
    {
        ProgressLine.Erase(4).Should().Be("\r    \r");
        ProgressLine.Erase(0).Should().BeEmpty();
    }

    [Fact]
    public void ADisabledLine_WritesNothingOfItsOwn_AndPassesOtherTextThrough()
    {
        using var error = new StringWriter();
        using (var line = new ProgressLine(error, enabled: false, TimeSpan.Zero))
        {
            line.Report("building graph");
            Thread.Sleep(50);
            line.Write("warning: x\n");
        }

        error.ToString().Should().Be("warning: x\n");
    }

    [Fact]
    public void AnEnabledLine_DrawsTheStep_ErasesItBeforeOtherText_AndAtTheEnd()
    {
        using var error = new SynchronizedWriter();
        using (var line = new ProgressLine(error, enabled: true, TimeSpan.Zero))
        {
            line.Report("building graph");
            SpinWait.SpinUntil(() => error.Text.Contains("building graph...", StringComparison.Ordinal), TimeSpan.FromSeconds(10)).Should().BeTrue();
            line.Write("warning: x\n");
            SpinWait.SpinUntil(() => error.Text.EndsWith("\rbuilding graph...", StringComparison.Ordinal), TimeSpan.FromSeconds(10)).Should().BeTrue("the step is drawn again below the warning");
        }

        var erase = ProgressLine.Erase("building graph...".Length);
        error.Text.Should().Be("\rbuilding graph..." + erase + "warning: x\n" + "\rbuilding graph..." + erase);
    }

    [Fact]
    public void AnEnabledLine_DrawsNothing_BeforeItsDelay()
    {
        using var error = new SynchronizedWriter();
        using (var line = new ProgressLine(error, enabled: true, TimeSpan.FromMinutes(5)))
        {
            line.Report("building graph");
        }

        error.Text.Should().BeEmpty();
    }

    /// <summary>A string writer read from the test thread while the line's timer writes to it.</summary>
    private sealed class SynchronizedWriter : StringWriter
    {
        private readonly Lock _gate = new();

        public string Text
        {
            get
            {
                lock (_gate)
                    return ToString();
            }
        }

        public override void Write(char value)
        {
            lock (_gate)
                base.Write(value);
        }

        public override void Write(string? value)
        {
            lock (_gate)
                base.Write(value);
        }
    }
}
