using System.Buffers;

namespace ThreatModel.Reporting;

/// <summary>
/// Design text made safe inside HTML and SVG (XML) text and quoted attribute values: <c>&amp;</c>, <c>&lt;</c>,
/// <c>&gt;</c>, <c>"</c> and <c>'</c> become character references, and control, bidi and zero-width characters become
/// visible escapes (<see cref="SafeText"/>). So no design text can close an element, open a tag or a script, or leave
/// an attribute.
/// </summary>
internal static class MarkupText
{
    private static readonly SearchValues<char> Plain = SafeText.With("&<>\"'");

    /// <summary>The escaped text.</summary>
    public static string Escape(string text) => SafeText.Escape(text, Plain, WriteSpecial);

    /// <summary>Writes the escaped text.</summary>
    public static void Write(TextWriter output, ReadOnlySpan<char> text) => SafeText.Write(output, text, Plain, WriteSpecial);

    private static readonly SpecialCharacterWriter WriteSpecial = static (output, text, index) =>
    {
        switch (text[index])
        {
            case '&': output.Write("&amp;"); break;
            case '<': output.Write("&lt;"); break;
            case '>': output.Write("&gt;"); break;
            case '"': output.Write("&quot;"); break;
            default: output.Write("&#39;"); break; // '
        }
    };
}
