using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ThreatModel.Formats.Tree;

namespace ThreatModel.Formats.Patching;

/// <summary>
/// Writes a value of the canonical JSON of a design (<see cref="DesignWriter.ToJson"/>) as text to insert into a
/// design file: YAML in flow style (<c>{ a: 1, b: [x, y] }</c>) or block style (indented), or JSON, one line or
/// indented. Text is written plain in YAML only when it cannot read back as anything else.
/// </summary>
internal sealed class ValueText(string newline, string step, string sequenceIndent, bool spaceAfterJsonColon)
{
    /// <summary>The value in YAML flow style, on one line.</summary>
    public string YamlFlow(JsonElement value)
    {
        var text = new StringBuilder();
        YamlFlow(value, text);
        return text.ToString();
    }

    private void YamlFlow(JsonElement value, StringBuilder text)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (!value.EnumerateObject().Any())
                {
                    text.Append("{}");
                    return;
                }

                text.Append("{ ");
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    if (!first)
                        text.Append(", ");
                    first = false;
                    text.Append(YamlScalar(property.Name)).Append(": ");
                    YamlFlow(property.Value, text);
                }

                text.Append(" }");
                return;
            case JsonValueKind.Array:
                text.Append('[');
                var next = false;
                foreach (var entry in value.EnumerateArray())
                {
                    if (next)
                        text.Append(", ");
                    next = true;
                    YamlFlow(entry, text);
                }

                text.Append(']');
                return;
            default:
                text.Append(YamlScalar(value));
                return;
        }
    }

    /// <summary>
    /// The value of a field in YAML block style, written after <c>key:</c>: a scalar or a list of scalars on the same
    /// line; a mapping (unless <paramref name="flow"/>) or a list of mappings on the lines below, indented one step
    /// further than <paramref name="indent"/>, the field's own indentation.
    /// </summary>
    public string YamlBlockValue(JsonElement value, string indent, bool flow)
    {
        if (flow || IsFlat(value))
            return " " + YamlFlow(value);
        var text = new StringBuilder();
        if (value.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in value.EnumerateObject())
            {
                text.Append(newline).Append(indent).Append(step).Append(YamlScalar(property.Name)).Append(':');
                text.Append(YamlBlockValue(property.Value, indent + step, flow: false));
            }

            return text.ToString();
        }

        foreach (var entry in value.EnumerateArray())
            text.Append(newline).Append(indent).Append(sequenceIndent).Append("- ").Append(YamlBlockItem(entry, indent + sequenceIndent + "  ", flow: false));
        return text.ToString();
    }

    /// <summary>A list entry in YAML block style, written after <c>- </c>; continuation lines at <paramref name="indent"/>.</summary>
    public string YamlBlockItem(JsonElement value, string indent, bool flow)
    {
        if (flow || value.ValueKind != JsonValueKind.Object || !value.EnumerateObject().Any())
            return YamlFlow(value);
        var text = new StringBuilder();
        var first = true;
        foreach (var property in value.EnumerateObject())
        {
            if (!first)
                text.Append(newline).Append(indent);
            first = false;
            text.Append(YamlScalar(property.Name)).Append(':').Append(YamlBlockValue(property.Value, indent, flow: false));
        }

        return text.ToString();
    }

    /// <summary>The value as JSON: on one line, or (when <paramref name="indent"/> is not null) containers spread over lines below a line indented by it.</summary>
    public string Json(JsonElement value, string? indent)
    {
        var text = new StringBuilder();
        Json(value, indent, text);
        return text.ToString();
    }

    private void Json(JsonElement value, string? indent, StringBuilder text)
    {
        var colon = spaceAfterJsonColon ? ": " : ":";
        switch (value.ValueKind)
        {
            case JsonValueKind.Object when value.EnumerateObject().Any():
                text.Append('{');
                var first = true;
                foreach (var property in value.EnumerateObject())
                {
                    text.Append(first ? string.Empty : ",");
                    if (indent is null)
                        text.Append(first ? string.Empty : " ");
                    else
                        text.Append(newline).Append(indent).Append(step);
                    first = false;
                    text.Append(JsonString(property.Name)).Append(colon);
                    Json(property.Value, indent is null ? null : indent + step, text);
                }

                if (indent is not null)
                    text.Append(newline).Append(indent);
                text.Append('}');
                return;
            case JsonValueKind.Array when value.EnumerateArray().Any(e => e.ValueKind is JsonValueKind.Object or JsonValueKind.Array) && indent is not null:
                text.Append('[');
                var next = false;
                foreach (var entry in value.EnumerateArray())
                {
                    text.Append(next ? "," : string.Empty).Append(newline).Append(indent).Append(step);
                    next = true;
                    Json(entry, indent + step, text);
                }

                text.Append(newline).Append(indent).Append(']');
                return;
            case JsonValueKind.Array:
                text.Append('[');
                var later = false;
                foreach (var entry in value.EnumerateArray())
                {
                    text.Append(later ? ", " : string.Empty);
                    later = true;
                    Json(entry, null, text);
                }

                text.Append(']');
                return;
            default:
                text.Append(value.GetRawText());
                return;
        }
    }

    /// <summary>A field name as a JSON string.</summary>
    public static string JsonString(string value) =>
        "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";

    /// <summary>A scalar value in YAML: numbers and booleans as written in JSON, text plain when that is safe, else double-quoted.</summary>
    public static string YamlScalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => YamlScalar(value.GetString()!),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };

    /// <summary>Text in YAML: plain when it reads back as the same text in block and flow context alike, else double-quoted.</summary>
    public static string YamlScalar(string value) => IsPlainSafe(value) ? value : DoubleQuoted(value);

    private static bool IsFlat(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => !value.EnumerateObject().Any(),
        JsonValueKind.Array => value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)),
        _ => true,
    };

    private static bool IsPlainSafe(string value)
    {
        if (value.Length is 0 or > 200 || !(char.IsLetter(value[0]) || value[0] == '_') || value[^1] == ' ')
            return false;
        if (ScalarValues.IsNull(value) || ScalarValues.IsBoolean(value, out _) || ScalarValues.LooksNumeric(value))
            return false;
        if (value is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF")
            return false;
        foreach (var c in value)
        {
            if (!(char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ' ' or '\''))
                return false;
        }

        return true;
    }

    private static string DoubleQuoted(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (c < 0x20 || c is >= '\u007F' and <= '\u009F' or '\u2028' or '\u2029' or '\uFEFF')
                        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }

        return text.Append('"').ToString();
    }
}
