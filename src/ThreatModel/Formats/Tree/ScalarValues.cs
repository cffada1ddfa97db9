using System.Globalization;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// How plain (unquoted) scalars resolve, following the YAML 1.2 core schema: null, booleans, decimal numbers and
/// the special floats. JSON's literals are a subset, so both formats share these rules.
/// </summary>
internal static class ScalarValues
{
    /// <summary>True for the plain spellings of null: empty, <c>~</c>, <c>null</c>, <c>Null</c>, <c>NULL</c>.</summary>
    public static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    /// <summary>True for the plain spellings of a boolean.</summary>
    public static bool IsBoolean(string value, out bool result)
    {
        switch (value)
        {
            case "true" or "True" or "TRUE":
                result = true;
                return true;
            case "false" or "False" or "FALSE":
                result = false;
                return true;
            default:
                result = false;
                return false;
        }
    }

    /// <summary>True when the text is a core-schema number (including .inf and .nan).</summary>
    public static bool LooksNumeric(string value) => TryParseNumber(value, out _);

    /// <summary>Parses a core-schema number: <c>[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?</c>, <c>[-+]?.inf</c> or <c>.nan</c>.</summary>
    public static bool TryParseNumber(string value, out double result)
    {
        result = 0;
        var span = value.AsSpan();
        if (span.Length == 0)
            return false;
        var i = 0;
        var negative = false;
        if (span[0] is '-' or '+')
        {
            negative = span[0] == '-';
            i = 1;
        }

        var rest = span[i..];
        if (rest is ".inf" or ".Inf" or ".INF")
        {
            result = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (i == 0 && rest is ".nan" or ".NaN" or ".NAN")
        {
            result = double.NaN;
            return true;
        }

        var digits = 0;
        while (i < span.Length && char.IsAsciiDigit(span[i]))
        {
            i++;
            digits++;
        }

        if (i < span.Length && span[i] == '.')
        {
            i++;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
            return false;
        if (i < span.Length && span[i] is 'e' or 'E')
        {
            i++;
            if (i < span.Length && span[i] is '-' or '+')
                i++;
            var exponentDigits = 0;
            while (i < span.Length && char.IsAsciiDigit(span[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
                return false;
        }

        if (i != span.Length)
            return false;
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>True when the text is an optionally signed run of decimal digits.</summary>
    public static bool IsIntegerText(string value)
    {
        var span = value.AsSpan();
        if (span.Length > 0 && span[0] is '-' or '+')
            span = span[1..];
        return span.Length > 0 && !span.ContainsAnyExceptInRange('0', '9');
    }
}
