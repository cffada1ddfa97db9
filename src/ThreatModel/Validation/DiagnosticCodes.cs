namespace ThreatModel.Validation;

/// <summary>The stable codes of design diagnostics. Documented in docs/model-format.md.</summary>
public static class DiagnosticCodes
{
    /// <summary>The file could not be read as a design (missing, a directory, unreadable, not UTF-8, binary). A file over the size limit is <see cref="LimitExceeded"/>.</summary>
    public const string UnreadableFile = "TM1000";

    /// <summary>The text is not valid YAML or JSON (or holds two YAML documents, or an alias with no anchor).</summary>
    public const string Syntax = "TM1001";

    /// <summary>A value has the wrong type (a list where a mapping was expected, text where a number was expected).</summary>
    public const string WrongType = "TM1002";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "TM1003";

    /// <summary>A field the format does not know.</summary>
    public const string UnknownField = "TM1004";

    /// <summary>The same key twice in one mapping, or the same id twice.</summary>
    public const string Duplicate = "TM1005";

    /// <summary>A reference to an id that is not declared.</summary>
    public const string UndefinedReference = "TM1006";

    /// <summary>A number outside its allowed range (negative population, NaN, precision of zero).</summary>
    public const string OutOfRange = "TM1007";

    /// <summary>A value not among the allowed words (an unknown kind or preset).</summary>
    public const string UnknownValue = "TM1008";

    /// <summary>A design with nothing to analyse.</summary>
    public const string EmptyDesign = "TM1009";

    /// <summary>Derived items that derive from themselves.</summary>
    public const string DerivationCycle = "TM1010";

    /// <summary>A limit was exceeded (file size, nesting depth, node count, alias expansion, string length).</summary>
    public const string LimitExceeded = "TM1011";

    /// <summary>A YAML feature that designs may not use (type tags).</summary>
    public const string Forbidden = "TM1012";

    /// <summary>
    /// An id (or a reference to one) holds a character that does not show when printed: a Unicode format character
    /// (category Cf: bidi override or isolate, zero-width space or joiner, byte-order mark, tag) or a control character or
    /// line break. The message names the character, e.g. <c>U+200B ZERO WIDTH SPACE</c>.
    /// </summary>
    public const string InvisibleCharacter = "TM1020";

    /// <summary>Something legal but suspicious (a flow that carries nothing).</summary>
    public const string Suspicious = "TM2000";

    /// <summary>A subject about whom the design holds positions has no <c>density</c>: proximity estimates use the <c>urban</c> default.</summary>
    public const string DefaultedDensity = "TM2001";

    /// <summary>A derived item names sources (<c>derivedFrom</c>) that an element computing it never receives.</summary>
    public const string SourceNotReceived = "TM2002";

    /// <summary>A flow purpose in neither the purpose table (docs/purposes.md) nor the design's <c>purposes:</c>; purpose-creep treats it as compatible with nothing.</summary>
    public const string UnknownPurpose = "TM2003";

    /// <summary>The input is not a design file at all (Markdown, plain text): it is neither a YAML nor a JSON design.</summary>
    public const string NotADesign = "TM1200";

    /// <summary>The reviewer configuration file is missing, a directory, too large or unreadable.</summary>
    public const string ConfigurationUnreadable = "TM1201";

    /// <summary>A field the reviewer configuration does not know.</summary>
    public const string ConfigurationUnknownField = "TM1202";

    /// <summary>The reviewer configuration names a rule that does not exist.</summary>
    public const string ConfigurationUnknownRule = "TM1203";

    /// <summary>A value of the reviewer configuration has the wrong type or is out of range (an unknown severity, a share above 1).</summary>
    public const string ConfigurationValue = "TM1204";

    /// <summary>The reviewer configuration is empty: it changes nothing.</summary>
    public const string ConfigurationEmpty = "TM2200";

    /// <summary>Part of a rule's setting in the reviewer configuration has no effect (a fixed severity with a minimum, a rule turned off and re-rated).</summary>
    public const string ConfigurationIgnored = "TM2201";
}
