using System.Globalization;
using ThreatModel.Formats.Tree;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ThreatModel.Formats.Writing;

/// <summary>Writes YAML through YamlDotNet's event emitter: block mappings, indented lists, and quotes exactly where a plain value would read back as something other than text.</summary>
internal sealed class YamlDesignEmitter : IDesignEmitter
{
    /// <summary>Characters a plain or block value would lose or change (other line breaks, byte-order marks, controls): written escaped in double quotes.</summary>
    private static readonly System.Buffers.SearchValues<char> Unusual = System.Buffers.SearchValues.Create(
        "\t\r\u0085\u2028\u2029\uFEFF\u007F\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    private readonly Emitter _emitter;

    public YamlDesignEmitter(TextWriter writer)
    {
        _emitter = new Emitter(writer, EmitterSettings.Default.WithBestWidth(int.MaxValue).WithIndentedSequences().WithNewLine("\n"));
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart(null, null, isImplicit: true));
    }

    public void BeginMapping() => _emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));

    public void EndMapping() => _emitter.Emit(new MappingEnd());

    public void BeginList(bool inline) =>
        _emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, inline ? SequenceStyle.Flow : SequenceStyle.Block));

    public void EndList() => _emitter.Emit(new SequenceEnd());

    public void Key(string name) => Text(name);

    public void Text(string value)
    {
        // A plain scalar that the core schema reads as null, a boolean or a number must be quoted to stay text.
        var mustQuote = ScalarValues.IsNull(value) || ScalarValues.IsBoolean(value, out _) || ScalarValues.LooksNumeric(value) || LooksLikeOtherNumber(value)
            || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || value.AsSpan().IndexOfAny(Unusual) >= 0;
        Emit(value, mustQuote ? ScalarStyle.DoubleQuoted : ScalarStyle.Any);
    }

    public void Number(double value)
    {
        var text = value switch
        {
            double.NaN => ".nan",
            double.PositiveInfinity => ".inf",
            double.NegativeInfinity => "-.inf",
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
        Emit(text, ScalarStyle.Plain);
    }

    public void Integer(long value) => Emit(value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain);

    public void Boolean(bool value) => Emit(value ? "true" : "false", ScalarStyle.Plain);

    public void Finish()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
    }

    private void Emit(string value, ScalarStyle style) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, style, isPlainImplicit: true, isQuotedImplicit: true));

    /// <summary>Spellings other YAML readers (YAML 1.1) take for numbers or booleans: quote them too, so the file means the same everywhere.</summary>
    private static bool LooksLikeOtherNumber(string value) =>
        value.Length > 0 && value.Length <= 32 && (char.IsAsciiDigit(value[0]) || value[0] is '-' or '+' or '.')
        || value is "y" or "Y" or "yes" or "Yes" or "YES" or "n" or "N" or "no" or "No" or "NO" or "on" or "On" or "ON" or "off" or "Off" or "OFF";
}
