using System.Text.Encodings.Web;
using System.Text.Json;

namespace ThreatModel.Formats.Writing;

/// <summary>Writes indented JSON with System.Text.Json; non-ASCII text is kept readable.</summary>
internal sealed class JsonDesignEmitter(Stream stream) : IDesignEmitter
{
    private readonly Utf8JsonWriter _writer = new(stream, new JsonWriterOptions
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = false,
    });

    public void BeginMapping() => _writer.WriteStartObject();

    public void EndMapping() => _writer.WriteEndObject();

    public void BeginList(bool inline) => _writer.WriteStartArray();

    public void EndList() => _writer.WriteEndArray();

    public void Key(string name) => _writer.WritePropertyName(name);

    public void Text(string value) => _writer.WriteStringValue(value);

    public void Number(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentException($"The model holds the number {value}, which JSON cannot represent; validate the model before writing it.", nameof(value));
        _writer.WriteNumberValue(value);
    }

    public void Integer(long value) => _writer.WriteNumberValue(value);

    public void Boolean(bool value) => _writer.WriteBooleanValue(value);

    public void Finish()
    {
        _writer.Flush();
        stream.Write("\n"u8);
        _writer.Dispose();
    }
}
