namespace ThreatModel.Formats.Import;

/// <summary>
/// The stable codes of the diagnostics that importing a model and applying a privacy overlay add to those of the design
/// reader (docs/import.md). Errors (TM11xx) stop the analysis; warnings (TM21xx) name what the imported format cannot
/// say, and the analysis runs on what is known.
/// </summary>
public static class ImportDiagnosticCodes
{
    /// <summary>The file is not a model of the format asked for (or of any format the reader knows), or the format is not available in this build.</summary>
    public const string NotThatFormat = "TM1100";

    /// <summary>An overlay entry's <c>ref</c> names no element or flow of the imported model (with "Did you mean ...?").</summary>
    public const string UnknownReference = "TM1101";

    /// <summary>An overlay that is not shaped as one: not a mapping, an unknown section, an entry that is not a mapping, a <c>ref</c> that is not text.</summary>
    public const string OverlayShape = "TM1102";

    /// <summary>An overlay <c>ref</c> that fits more than one element or flow (two share the name), or two overlay entries for the same one.</summary>
    public const string AmbiguousReference = "TM1103";

    /// <summary>A part of the imported model is not shaped as its format says (a cell without an id, a flow without an end) and was left out.</summary>
    public const string Skipped = "TM2100";

    /// <summary>A flow of the imported model does not say which data it carries: rules cannot see it until the overlay lists its items.</summary>
    public const string NoItems = "TM2101";

    /// <summary>A flow of the imported model does not say why the data moves: it gets the purpose <c>unspecified</c> until the overlay gives one.</summary>
    public const string NoPurpose = "TM2102";

    /// <summary>A trust boundary that cannot say which elements it holds (a Threat Dragon boundary line): elements stay in the model's own organization.</summary>
    public const string OpenBoundary = "TM2103";

    /// <summary>An imported model says nothing about people: no subjects and no data items (add them in an overlay).</summary>
    public const string NoSubjects = "TM2104";

    /// <summary>An OTM asset a flow carries that the overlay does not describe as a data item (kind and subject): the flow carries it, but rules cannot see it.</summary>
    public const string UndescribedAsset = "TM2105";

    /// <summary>An OTM component whose type and name do not tell what kind of element it is: read as a process.</summary>
    public const string GuessedType = "TM2106";
}
