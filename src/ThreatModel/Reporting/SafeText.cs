using System.Buffers;
using System.Globalization;
using System.Text;

namespace ThreatModel.Reporting;

/// <summary>Writes the character at <paramref name="index"/> of <paramref name="text"/> in a format's own escaped form.</summary>
internal delegate void SpecialCharacterWriter(TextWriter output, ReadOnlySpan<char> text, int index);

/// <summary>
/// The one text sanitiser: design text (names, descriptions, ids, paths, messages built from them) passes through it
/// wherever a report or a diagnostic prints it. Characters that could change what a reader sees beyond the text
/// itself are written as visible escapes: line breaks (<c>\n</c>, <c>\r</c>, <c>\u0085</c>, <c>\u2028</c>,
/// <c>\u2029</c>), every other control character (<c>\t</c>, <c>\u001B</c> for ESC, <c>\u009B</c> for the 8-bit CSI),
/// Unicode format characters (bidi overrides and isolates, zero-width characters, tags: <c>\u202E</c>,
/// <c>\u200B</c>, <c>\u{E0041}</c>) and lone surrogates. So a design can never start a line of output, send a
/// terminal sequence, or reorder or hide text. Each writer adds its own format's escapes through
/// <see cref="Write(TextWriter, ReadOnlySpan{char}, SearchValues{char}, SpecialCharacterWriter?, string)"/>.
/// Text without such characters is written as it is.
/// </summary>
internal static class SafeText
{
    /// <summary>Every UTF-16 code unit that is a control character, a format character, a line or paragraph separator or half of a surrogate pair.</summary>
    private static readonly SearchValues<char> UnsafeUnits = SearchValues.Create(BuildUnsafeUnits());

    /// <summary>Printable ASCII: what <see cref="Write(TextWriter, ReadOnlySpan{char})"/> passes on without a look.</summary>
    private static readonly SearchValues<char> PrintableAscii = With(string.Empty);

    /// <summary>
    /// The printable ASCII characters a format writes as they are: all but <paramref name="formatSpecial"/> (printable
    /// ASCII characters the format escapes). Runs of them are found with one vectorised search; every other character
    /// is looked at on its own (escaped when unsafe, written as it is otherwise).
    /// </summary>
    public static SearchValues<char> With(string formatSpecial)
    {
        ArgumentNullException.ThrowIfNull(formatSpecial);
        if (formatSpecial.Any(c => c is < ' ' or > '~'))
            throw new ArgumentException("A format's special characters are printable ASCII; the rest are the sanitiser's.", nameof(formatSpecial));
        var plain = new StringBuilder(95);
        for (var c = ' '; c <= '~'; c++)
        {
            if (!formatSpecial.Contains(c, StringComparison.Ordinal))
                plain.Append(c);
        }

        return SearchValues.Create(plain.ToString());
    }

    /// <summary>True when the text holds nothing the sanitiser would escape.</summary>
    public static bool IsClean(ReadOnlySpan<char> text) => NextSpecial(text, 0, PrintableAscii) < 0;

    /// <summary>True when the text holds a character the sanitiser or the format (<paramref name="plain"/>, made by <see cref="With"/>) would escape.</summary>
    public static bool HasSpecial(ReadOnlySpan<char> text, SearchValues<char> plain) => NextSpecial(text, 0, plain) >= 0;

    /// <summary>The text with every unsafe character written as a visible escape.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (IsClean(text))
            return text;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(output, text);
        return output.ToString();
    }

    /// <summary>The text as a format writes it: the sanitiser's escapes plus the format's own (<paramref name="plain"/>, <paramref name="writeSpecial"/>).</summary>
    public static string Escape(string text, SearchValues<char> plain, SpecialCharacterWriter writeSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasSpecial(text, plain))
            return text;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        Write(output, text, plain, writeSpecial);
        return output.ToString();
    }

    /// <summary>
    /// <see cref="Escape(string)"/> for text printed at the start of a line (or after nothing but indentation): text that would
    /// begin the line with what a CI runner reads as a command (<c>::error::</c>, <c>::stop-commands::</c>,
    /// <c>##[error]</c>, <c>##vso[</c>, after any spaces) has the first of those two characters escaped too
    /// (<c>\u003A:error::</c>).
    /// </summary>
    public static string LineStart(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (CommandStart(text) < 0 && IsClean(text))
            return text;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        WriteLineStart(output, text);
        return output.ToString();
    }

    /// <summary>Writes <see cref="LineStart"/> of the text.</summary>
    public static void WriteLineStart(TextWriter output, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(output);
        var at = CommandStart(text);
        if (at >= 0)
        {
            output.Write(text[..at]);
            output.Write("\\u");
            output.Write(((int)text[at]).ToString("X4", CultureInfo.InvariantCulture));
            text = text[(at + 1)..];
        }

        Write(output, text);
    }

    /// <summary>Where text that opens a line starts a runner command (<c>::</c> or <c>##</c> after spaces), or -1.</summary>
    private static int CommandStart(ReadOnlySpan<char> text)
    {
        var at = 0;
        while (at < text.Length && text[at] == ' ')
            at++;
        return at + 1 < text.Length && text[at] is ':' or '#' && text[at + 1] == text[at] ? at : -1;
    }

    /// <summary>Writes the text with every unsafe character as a visible escape.</summary>
    public static void Write(TextWriter output, ReadOnlySpan<char> text) => Write(output, text, PrintableAscii, null);

    /// <summary>
    /// Writes the text with every unsafe character as a visible escape and every printable ASCII character outside
    /// <paramref name="plain"/> (made by <see cref="With"/>) as <paramref name="writeSpecial"/> writes it.
    /// <paramref name="backslash"/> is how the format spells the backslash that starts a visible escape.
    /// </summary>
    public static void Write(TextWriter output, ReadOnlySpan<char> text, SearchValues<char> plain, SpecialCharacterWriter? writeSpecial, string backslash = "\\")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plain);
        var start = 0;
        while (true)
        {
            var index = NextSpecial(text, start, plain);
            if (index < 0)
            {
                output.Write(text[start..]);
                return;
            }

            output.Write(text[start..index]);
            var c = text[index];
            if (c is >= ' ' and <= '~')
            {
                writeSpecial?.Invoke(output, text, index);
                start = index + 1;
            }
            else if (char.IsHighSurrogate(c) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                // A format character outside the first plane (a tag character, say): one escape for the pair.
                output.Write(backslash);
                output.Write("u{");
                output.Write(char.ConvertToUtf32(c, text[index + 1]).ToString("X", CultureInfo.InvariantCulture));
                output.Write('}');
                start = index + 2;
            }
            else
            {
                output.Write(backslash);
                output.Write(c switch
                {
                    '\n' => "n",
                    '\r' => "r",
                    '\t' => "t",
                    _ => "u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                });
                start = index + 1;
            }
        }
    }

    /// <summary>
    /// Where the next character from <paramref name="start"/> on is that needs escaping: a printable ASCII character
    /// outside <paramref name="plain"/> (the format's), a control character, or a format character, line or paragraph
    /// separator or lone surrogate; -1 when there is none. Other characters beyond ASCII (letters of any script, an
    /// emoji's surrogate pair) are passed over.
    /// </summary>
    private static int NextSpecial(ReadOnlySpan<char> text, int start, SearchValues<char> plain)
    {
        while (true)
        {
            var found = text[start..].IndexOfAnyExcept(plain);
            if (found < 0)
                return -1;
            var index = start + found;
            var c = text[index];
            if (c < 0x80)
                return index;
            if (IsPlainSurrogatePair(text, index))
                start = index + 2;
            else if (UnsafeUnits.Contains(c))
                return index;
            else
                start = index + 1;
        }
    }

    /// <summary>A high and low surrogate that together make a character that is not a format character (an emoji, say).</summary>
    private static bool IsPlainSurrogatePair(ReadOnlySpan<char> text, int index) =>
        index + 1 < text.Length && char.IsHighSurrogate(text[index]) && char.IsLowSurrogate(text[index + 1])
        && Rune.GetUnicodeCategory(new Rune(text[index], text[index + 1])) != UnicodeCategory.Format;

    private static string BuildUnsafeUnits()
    {
        var units = new StringBuilder();
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            if (char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate)
                units.Append(c);
        }

        return units.ToString();
    }
}
