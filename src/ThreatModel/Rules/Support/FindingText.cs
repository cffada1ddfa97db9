using ThreatModel.Model;

namespace ThreatModel.Rules.Support;

/// <summary>Small wording helpers shared by the rules' messages, so findings read alike; invariant and deterministic.</summary>
internal static class FindingText
{
    /// <summary>The text with its first letter in upper case.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> values)
    {
        var list = values as IReadOnlyList<string> ?? values.ToList();
        return list.Count switch
        {
            0 => string.Empty,
            1 => list[0],
            _ => string.Join(", ", list.Take(list.Count - 1)) + " and " + list[^1],
        };
    }

    /// <summary>A flow path written as "f1 -> f2 -> f3".</summary>
    public static string Path(IEnumerable<string> flowIds) => string.Join(" -> ", flowIds);

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
