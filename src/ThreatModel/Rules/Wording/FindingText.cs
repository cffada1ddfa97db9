using ThreatModel.Model;

namespace ThreatModel.Rules.Wording;

/// <summary>Small wording helpers shared by the rules' messages, so findings read alike; invariant and deterministic.</summary>
internal static class FindingText
{
    /// <summary>The text with its first letter in upper case.</summary>
    public static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string List(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values as IReadOnlyList<string> ?? values.ToList();
        switch (list.Count)
        {
            case 0:
                return string.Empty;
            case 1:
                return list[0];
            case 2:
                return string.Concat(list[0], " and ", list[1]);
        }

        // Written once at its final length: findings list many names, and most rules call this several times per finding.
        var length = " and ".Length + (", ".Length * (list.Count - 2));
        for (var k = 0; k < list.Count; k++)
            length += list[k]?.Length ?? 0;
        return string.Create(length, list, static (span, parts) =>
        {
            var position = 0;
            for (var k = 0; k < parts.Count; k++)
            {
                var separator = k == 0 ? string.Empty : k == parts.Count - 1 ? " and " : ", ";
                separator.CopyTo(span[position..]);
                position += separator.Length;
                var part = parts[k] ?? string.Empty;
                part.CopyTo(span[position..]);
                position += part.Length;
            }
        });
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
