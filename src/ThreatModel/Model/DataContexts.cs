namespace ThreatModel.Model;

/// <summary>The life contexts data comes from. A design may name others; these are the defaults by kind.</summary>
public static class DataContexts
{
    /// <summary>The context an item of this kind belongs to when the design names none.</summary>
    public static string DefaultFor(DataItemKind kind) => kind switch
    {
        DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier => "identity",
        DataItemKind.Location => "location",
        DataItemKind.Financial => "financial",
        DataItemKind.CommunicationContent or DataItemKind.CommunicationMetadata => "communications",
        DataItemKind.SocialGraph => "social",
        DataItemKind.Biometric => "biometric",
        DataItemKind.Behavioural => "behaviour",
        DataItemKind.SpecialCategory => "special-category",
        DataItemKind.Score => "score",
        _ => "other",
    };
}

/// <summary>Well-known jurisdiction ids.</summary>
public static class Jurisdictions
{
    /// <summary>The jurisdiction of anything whose design names none.</summary>
    public const string Unspecified = "unspecified";
}
