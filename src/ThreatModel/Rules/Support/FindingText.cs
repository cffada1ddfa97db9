using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>Small text helpers for finding titles and messages, invariant and deterministic.</summary>
internal static class FindingText
{
    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => names[0],
        _ => string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1],
    };

    /// <summary>The text with its first letter in upper case.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The kind as a word for sentences: "behavioural", "communication content".</summary>
    public static string KindWord(DataItemKind kind) => kind switch
    {
        DataItemKind.DirectIdentifier => "identifier",
        DataItemKind.PseudonymousIdentifier => "pseudonymous identifier",
        DataItemKind.QuasiIdentifier => "quasi-identifier",
        DataItemKind.Location => "location",
        DataItemKind.Financial => "financial",
        DataItemKind.CommunicationContent => "communication content",
        DataItemKind.CommunicationMetadata => "communication metadata",
        DataItemKind.SocialGraph => "social graph",
        DataItemKind.Biometric => "biometric",
        DataItemKind.Behavioural => "behavioural",
        DataItemKind.SpecialCategory => "special-category",
        DataItemKind.Score => "score",
        _ => "other",
    };
}
