using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>How two records about a person can be joined.</summary>
public enum JoinKeyKind
{
    /// <summary>The same identifier in the clear on both sides (national ID, phone number, account id).</summary>
    SharedIdentifier,

    /// <summary>A hash of a low-entropy identifier on one side, recomputable from the identifier on the other.</summary>
    HashedIdentifier,

    /// <summary>The same pseudonym on both sides: pseudonymised under one key and reused across contexts.</summary>
    ReusedPseudonym,

    /// <summary>Quasi-identifiers on both sides that together single most people out.</summary>
    QuasiIdentifiers,
}

/// <summary>The key by which records join.</summary>
/// <param name="Kind">What sort of key.</param>
/// <param name="Items">The items that make up the key.</param>
/// <param name="Token">A stable text for the key, for deduplication and fingerprints.</param>
/// <param name="ExpectedUniqueShare">For quasi-identifier keys: the expected share of people the combination singles out.</param>
public sealed record JoinKey(JoinKeyKind Kind, IReadOnlyList<DataItem> Items, string Token, double? ExpectedUniqueShare);

/// <summary>A record arriving at a place: what one inbound flow carries about one subject.</summary>
/// <param name="Flow">The flow that delivers it.</param>
/// <param name="Items">The readable items about the subject it carries, keys included.</param>
/// <param name="Contexts">The life contexts of its non-key items (financial, social, location...).</param>
/// <param name="Path">Flow ids from where the record's data was collected to the place, ending with <see cref="Flow"/>.</param>
public sealed record RecordSource(Flow Flow, IReadOnlyList<DataItem> Items, IReadOnlyList<string> Contexts, IReadOnlyList<string> Path);

/// <summary>Records from different contexts about the same people that can be joined at one place.</summary>
/// <param name="Place">The organization or element id where they meet.</param>
/// <param name="PlaceIsOrganization">True when <see cref="Place"/> is an organization (records meet across its elements).</param>
/// <param name="Subject">Whom the records are about.</param>
/// <param name="Key">The strongest key that joins them.</param>
/// <param name="OtherKeys">Further keys that join the same records.</param>
/// <param name="Records">The records, each with the path it arrived by; at least two.</param>
/// <param name="Contexts">Every context the join combines, sorted.</param>
public sealed record Join(
    string Place,
    bool PlaceIsOrganization,
    DataSubject Subject,
    JoinKey Key,
    IReadOnlyList<JoinKey> OtherKeys,
    IReadOnlyList<RecordSource> Records,
    IReadOnlyList<string> Contexts);
