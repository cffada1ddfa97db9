using System.CommandLine;
using ThreatModel.Formats.Import;

namespace ThreatModel.Cli;

/// <summary>What a command was told about the kind of model it reads: <c>--input-format</c> and <c>--overlay</c> (docs/import.md).</summary>
/// <param name="Format">The format asked for, or null to find it from the content.</param>
/// <param name="Overlay">The privacy overlay, or null for the one beside the model, if any.</param>
internal sealed record ImportRequest(ImportFormat? Format, string? Overlay)
{
    /// <summary>Nothing asked: the format comes from the content.</summary>
    public static ImportRequest None { get; } = new(null, null);

    /// <summary>True when the command was told nothing, so the model is read the default way.</summary>
    public bool IsDefault => Format is null && Overlay is null;
}

/// <summary>The options <c>--input-format threat-dragon|otm|fides|design</c> and <c>--overlay FILE</c>, for every command that reads a model.</summary>
internal sealed class ImportOptions
{
    public static readonly string[] Formats = ["threat-dragon", "otm", "fides", "design"];

    private readonly Option<string?> _format = new("--input-format")
    {
        Description = "The kind of model file: threat-dragon, otm, fides or design (default: found from the content).",
        HelpName = "format",
    };

    private readonly Option<string?> _overlay = new("--overlay")
    {
        Description = "A privacy overlay (YAML) adding subjects, items, purposes and protections to an imported model (default: <model>.privacy.yaml beside it, if any).",
        HelpName = "file",
    };

    public ImportOptions() => _format.AcceptOnlyFromAmong(Formats);

    /// <summary>Adds the options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_format);
        command.Options.Add(_overlay);
    }

    /// <summary>What the options ask for; a usage error for a format this build cannot read.</summary>
    public ImportRequest Resolve(ParseResult parse)
    {
        ImportFormat? format = parse.GetValue(_format) switch
        {
            null => null,
            "threat-dragon" => ImportFormat.ThreatDragon,
            "otm" => ImportFormat.Otm,
            "fides" => ImportFormat.Fides,
            _ => ImportFormat.Design,
        };
        var overlay = parse.GetValue(_overlay);
        if (overlay is not null && string.IsNullOrWhiteSpace(overlay))
            throw new UsageException("--overlay needs the path of a privacy overlay file (YAML).");
        if (overlay is not null && format == ImportFormat.Design)
            throw new UsageException("--overlay adds facts to an imported model (threat-dragon, otm, fides); a design states them itself.");
        return new ImportRequest(format, overlay);
    }
}
