using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>The form in which an element holds an item, after the protections of the flows it came through.</summary>
/// <param name="Sealed">End-to-end encrypted: the holder relays or stores it but cannot read it.</param>
/// <param name="Aggregated">Released only as aggregates (threshold or differential privacy): no longer about one person.</param>
/// <param name="Pseudonym">For identifiers replaced by pseudonyms: <c>key:ORG</c> for a pseudonym shared across receivers under ORG's key, <c>per-context:ORG:FLOW</c> for one made for a single receiving context; null when the identifier is in the clear.</param>
/// <param name="Generalization">The coarsest generalization applied on the way, or null.</param>
public readonly record struct ItemForm(bool Sealed, bool Aggregated, string? Pseudonym, Generalization? Generalization)
{
    /// <summary>The form of an item where it is collected.</summary>
    public static ItemForm Original => default;

    /// <summary>True when the holder can read the values.</summary>
    public bool Readable => !Sealed;

    /// <summary>True when the holder can read values about single people.</summary>
    public bool ReadableAboutIndividuals => !Sealed && !Aggregated;

    /// <summary>The organization holding the pseudonymisation key, when the identifier is pseudonymised.</summary>
    public string? PseudonymKeyHolder => Pseudonym switch
    {
        null => null,
        var p when p.StartsWith("key:", StringComparison.Ordinal) => p[4..],
        var p when p.StartsWith("per-context:", StringComparison.Ordinal) => p["per-context:".Length..].Split(':')[0],
        _ => null,
    };

    /// <summary>True for a pseudonym made for one receiving context only.</summary>
    public bool PerContextPseudonym => Pseudonym?.StartsWith("per-context:", StringComparison.Ordinal) == true;
}
