using ThreatModel.Model;

namespace ThreatModel.Formats;

/// <summary>
/// The words of the design format: field names of each section and the allowed words of enumerated fields,
/// shared by the reader, the writer and the documentation tests so they cannot drift apart.
/// </summary>
internal static class DesignVocabulary
{
    public static readonly string[] RootFields = ["name", "description", "settings", "jurisdictions", "organizations", "subjects", "items", "elements", "flows", "purposes", "$schema"];
    public static readonly string[] SettingsFields = ["uniquenessThreshold", "minimumAnonymitySet", "linkageUniquenessThreshold"];
    public static readonly string[] JurisdictionFields = ["id", "name", "subjectRights", "compelledAccess"];
    public static readonly string[] OrganizationFields = ["id", "name", "jurisdiction", "kind", "powerOverSubjects"];
    public static readonly string[] SubjectFields = ["id", "name", "population", "density", "vulnerable", "description"];
    public static readonly string[] ItemFields = ["id", "name", "kind", "subject", "context", "linkability", "derivedFrom", "stigmatizing", "specialCategory", "quasiIdentifier", "cardinality", "peoplePerValue", "precision", "trace", "description"];
    public static readonly string[] TraceFields = ["points", "spatialResolution", "temporalResolution", "knownPoints", "place", "priceKnown"];
    public static readonly string[] TracePlaces = ["antenna", "radius", "grid", "shop"];
    public static readonly string[] ElementFields = ["id", "name", "type", "organization", "jurisdiction", "subject", "attributable", "decision", "retention", "accepts", "description"];
    public static readonly string[] DecisionFields = ["affects", "subject", "automated", "informed", "inputsVisible", "appeal"];
    public static readonly string[] RetentionFields = ["days", "deletion", "correction"];
    public static readonly string[] AcceptFields = ["rule", "finding", "justification"];
    public static readonly string[] FlowFields = ["id", "from", "to", "items", "purpose", "continuous", "covert", "protections", "query", "accepts", "description"];
    public static readonly string[] ProtectionFields = ["encryptedInTransit", "endToEnd", "pseudonymized", "generalize", "suppress", "aggregationThreshold", "differentialPrivacy", "rateLimit", "snapToGrid", "legalBasis", "consent", "retentionDays", "deniable", "consentOf", "exclusionZones"];
    public static readonly string[] PseudonymizationFields = ["keyHolder", "perContext"];
    public static readonly string[] GeneralizationFields = ["quasiIdentifier", "cardinality", "peoplePerValue", "precision", "temporalResolution"];
    public static readonly string[] QueryFields = ["chosenBy", "returns", "radius", "roundedToMetres"];
    public static readonly string[] PurposeFields = ["id", "compatibleWith", "description"];

    public static readonly string[] ItemKinds =
    [
        "direct-identifier", "pseudonymous-identifier", "quasi-identifier", "location", "financial", "communication-content",
        "communication-metadata", "social-graph", "biometric", "behavioural", "special-category", "score", "other",
    ];

    public static readonly string[] ElementTypes = ["person", "external", "public", "other-users", "process", "store"];
    public static readonly string[] Linkabilities = ["shared", "per-context", "hashed"];
    public static readonly string[] LegalBases = ["consent", "contract", "legal-obligation", "vital-interest", "public-task", "legitimate-interest"];
    public static readonly string[] QueryChoosers = ["querier", "system"];
    public static readonly string[] QueryReturns = ["location", "distance", "within-radius", "count"];

    /// <summary>The word for an item kind.</summary>
    public static string Word(DataItemKind kind) => ItemKinds[(int)kind];

    /// <summary>The word for an element type.</summary>
    public static string Word(ElementType type) => ElementTypes[(int)type];

    /// <summary>The word for a linkability.</summary>
    public static string Word(Linkability linkability) => Linkabilities[(int)linkability];

    /// <summary>The index of <paramref name="word"/> in <paramref name="words"/>, or -1.</summary>
    public static int IndexOf(string[] words, string word)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (string.Equals(words[i], word, StringComparison.Ordinal))
                return i;
        }

        return -1;
    }
}
