namespace ThreatModel.Formats.Import;

/// <summary>The kinds of model file <see cref="ModelImport"/> reads (command line: <c>--input-format</c>).</summary>
public enum ImportFormat
{
    /// <summary>ThreatModel's own design file (docs/model-format.md), YAML or JSON.</summary>
    Design,

    /// <summary>An OWASP Threat Dragon model, version 2 (<c>detail.diagrams[].cells</c>) or 1 (<c>detail.diagrams[].diagramJson.cells</c>), JSON.</summary>
    ThreatDragon,

    /// <summary>An Open Threat Model file, OTM 0.1 or 0.2, JSON or YAML.</summary>
    Otm,

    /// <summary>A Fides (fideslang) manifest, one file or a folder of YAML files.</summary>
    Fides,
}
