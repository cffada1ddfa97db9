using System.Globalization;
using System.Text;

namespace ThreatModel.Formats.Binding;

/// <summary>
/// Characters an id may not hold: Unicode format characters (category Cf: bidi overrides and isolates, zero-width
/// characters, tags) and control characters, line and paragraph separators. They make two different ids print the
/// same (<c>scoring</c> and <c>scor&#x200B;ing</c>) or reorder what a reader sees (Trojan Source).
/// </summary>
internal static class InvisibleCharacters
{
    /// <summary>
    /// The first Unicode format character (category Cf) or control character in the text, named for a reader
    /// ("U+200B ZERO WIDTH SPACE"), or null when there is none.
    /// </summary>
    public static string? First(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.AsSpan().ContainsAnyExceptInRange(' ', '~'))
            return null; // printable ASCII, as almost every id is
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
                return Describe(rune);
        }

        return null;
    }

    /// <summary>"U+202E RIGHT-TO-LEFT OVERRIDE": the code point and, for the characters designs are attacked with, its name.</summary>
    public static string Describe(Rune rune)
    {
        var code = "U+" + rune.Value.ToString(rune.Value > 0xFFFF ? "X5" : "X4", CultureInfo.InvariantCulture);
        var name = Name(rune.Value);
        return name is null ? code : $"{code} {name}";
    }

    private static string? Name(int value) => value switch
    {
        0x09 => "CHARACTER TABULATION",
        0x0A => "LINE FEED",
        0x0D => "CARRIAGE RETURN",
        0x1B => "ESCAPE",
        0x7F => "DELETE",
        0x85 => "NEXT LINE",
        0x9B => "CONTROL SEQUENCE INTRODUCER",
        0xAD => "SOFT HYPHEN",
        0x061C => "ARABIC LETTER MARK",
        0x180E => "MONGOLIAN VOWEL SEPARATOR",
        0x200B => "ZERO WIDTH SPACE",
        0x200C => "ZERO WIDTH NON-JOINER",
        0x200D => "ZERO WIDTH JOINER",
        0x200E => "LEFT-TO-RIGHT MARK",
        0x200F => "RIGHT-TO-LEFT MARK",
        0x2028 => "LINE SEPARATOR",
        0x2029 => "PARAGRAPH SEPARATOR",
        0x202A => "LEFT-TO-RIGHT EMBEDDING",
        0x202B => "RIGHT-TO-LEFT EMBEDDING",
        0x202C => "POP DIRECTIONAL FORMATTING",
        0x202D => "LEFT-TO-RIGHT OVERRIDE",
        0x202E => "RIGHT-TO-LEFT OVERRIDE",
        0x2060 => "WORD JOINER",
        0x2061 => "FUNCTION APPLICATION",
        0x2062 => "INVISIBLE TIMES",
        0x2063 => "INVISIBLE SEPARATOR",
        0x2064 => "INVISIBLE PLUS",
        0x2066 => "LEFT-TO-RIGHT ISOLATE",
        0x2067 => "RIGHT-TO-LEFT ISOLATE",
        0x2068 => "FIRST STRONG ISOLATE",
        0x2069 => "POP DIRECTIONAL ISOLATE",
        0xFEFF => "ZERO WIDTH NO-BREAK SPACE",
        0xFFF9 => "INTERLINEAR ANNOTATION ANCHOR",
        0xFFFA => "INTERLINEAR ANNOTATION SEPARATOR",
        0xFFFB => "INTERLINEAR ANNOTATION TERMINATOR",
        0xE0001 => "LANGUAGE TAG",
        >= 0xE0020 and <= 0xE007F => "TAG CHARACTER",
        < 0x20 or (>= 0x80 and < 0xA0) => "CONTROL CHARACTER",
        _ => "FORMAT CHARACTER",
    };

}
