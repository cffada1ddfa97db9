using System.Globalization;

namespace ThreatModel.Reporting;

/// <summary>
/// A reusable character buffer for composing one value (a SARIF message, an estimate, a code span) without a new string
/// per finding: cleared and refilled for each value, it grows to the longest value and stays that size.
/// </summary>
internal sealed class ScratchText
{
    private char[] _chars = new char[256];
    private int _length;

    /// <summary>The characters composed since the last <see cref="Clear"/>.</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(0, _length);

    public ScratchText Clear()
    {
        _length = 0;
        return this;
    }

    public ScratchText Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_chars.AsSpan(_length));
        _length += text.Length;
        return this;
    }

    public ScratchText Append(char c)
    {
        Reserve(1);
        _chars[_length++] = c;
        return this;
    }

    /// <summary>Appends an integer in the invariant culture.</summary>
    public ScratchText Append(int value)
    {
        Reserve(11);
        value.TryFormat(_chars.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        return this;
    }

    /// <summary>Appends the values with <paramref name="separator"/> between them.</summary>
    public ScratchText AppendJoined(IReadOnlyList<string> values, string separator)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
                Append(separator);
            Append(values[i]);
        }

        return this;
    }

    private void Reserve(int count)
    {
        if (_length + count > _chars.Length)
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + count));
    }
}
