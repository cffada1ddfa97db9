namespace ThreatModel.Formats;

/// <summary>The two spellings of a design file.</summary>
public enum DesignFormat
{
    /// <summary>YAML (<c>.yaml</c>, <c>.yml</c>): the format people write.</summary>
    Yaml,

    /// <summary>JSON (<c>.json</c>): the same structure, for tools.</summary>
    Json,
}
