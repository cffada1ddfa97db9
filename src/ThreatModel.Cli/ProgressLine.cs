using System.Text;

namespace ThreatModel.Cli;

/// <summary>
/// A one-line progress indicator on standard error ("building graph... / rule TM006 (7/16)..."), rewritten in place
/// with a carriage return and erased at the end. It appears only once the work has taken longer than a delay (one
/// second), and only when enabled (standard error is a terminal, see <see cref="CliEnvironment.ShowProgress"/>):
/// redirected output never sees it. As a writer it passes everything else written to standard error through, erasing
/// the line first so that a warning never lands on the end of it.
/// </summary>
internal sealed class ProgressLine : TextWriter, IProgress<string>
{
    /// <summary>The longest line written: a line longer than the terminal would wrap, and then could not be rewritten.</summary>
    public const int MaxWidth = 79;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _inner;
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private string? _step;
    private string? _drawn;
    private int _length;

    /// <summary>Shows progress on <paramref name="inner"/> when <paramref name="enabled"/>, after <paramref name="delay"/>.</summary>
    public ProgressLine(TextWriter inner, bool enabled, TimeSpan delay)
        : base(inner.FormatProvider)
    {
        _inner = inner;
        if (enabled)
            _timer = new Timer(_ => Draw(), null, delay, Interval);
    }

    /// <inheritdoc />
    public override Encoding Encoding => _inner.Encoding;

    /// <summary>What the command is doing now; drawn on the next tick once the delay has passed.</summary>
    public void Report(string value)
    {
        if (_timer is null)
            return;
        lock (_gate)
            _step = value;
    }

    /// <summary>The characters that draw <paramref name="step"/> over a line of <paramref name="previousLength"/> characters.</summary>
    public static string Frame(string step, int previousLength)
    {
        var text = step + "...";
        if (text.Length > MaxWidth)
            text = text[..(MaxWidth - 3)] + "...";
        return "\r" + text + new string(' ', Math.Max(0, previousLength - text.Length));
    }

    /// <summary>The characters that erase a line of <paramref name="length"/> characters and leave the cursor at its start.</summary>
    public static string Erase(int length) => length == 0 ? string.Empty : "\r" + new string(' ', length) + "\r";

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            Clear();
            _inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        lock (_gate)
        {
            Clear();
            _inner.Write(value);
        }
    }

    /// <inheritdoc />
    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
        {
            Clear();
            _inner.Write(buffer, index, count);
        }
    }

    /// <inheritdoc />
    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate)
        {
            Clear();
            _inner.Write(buffer);
        }
    }

    /// <inheritdoc />
    public override void Flush()
    {
        lock (_gate)
            _inner.Flush();
    }

    /// <summary>Stops the indicator and erases its line; what it wrapped is left open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && _timer is not null)
        {
            using (var stopped = new ManualResetEvent(false))
            {
                if (_timer.Dispose(stopped))
                    stopped.WaitOne();
            }

            lock (_gate)
            {
                _step = null;
                Clear();
                _inner.Flush();
            }
        }

        base.Dispose(disposing);
    }

    private void Draw()
    {
        lock (_gate)
        {
            if (_step is null || ReferenceEquals(_step, _drawn))
                return;
            var frame = Frame(_step, _length);
            _inner.Write(frame);
            _inner.Flush();
            _drawn = _step;
            _length = Math.Min(MaxWidth, frame.Length - 1);
        }
    }

    private void Clear()
    {
        if (_length == 0)
            return;
        _inner.Write(Erase(_length));
        _length = 0;
        _drawn = null;
    }
}
