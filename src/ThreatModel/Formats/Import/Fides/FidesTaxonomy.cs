using ThreatModel.Model;

namespace ThreatModel.Formats.Import.Fides;

/// <summary>How one fideslang data category is read: the item kind and what estimation needs. See docs/import-fides.md.</summary>
/// <param name="Key">The category's <c>fides_key</c>; it covers its sub-categories unless they have a row of their own.</param>
/// <param name="Label">A short readable name for the data items made from it.</param>
/// <param name="Kind">The item kind.</param>
/// <param name="QuasiIdentifier">The quasi-identifier preset, for demographic quasi-identifiers.</param>
/// <param name="Precision">For locations: the precision in metres the category itself promises.</param>
/// <param name="SpecialCategory">The special category it reveals (health, religion, ...).</param>
/// <param name="Stigmatizing">Being known to have it shames or endangers.</param>
/// <param name="Vulnerable">It is about children: the subjects it describes deserve extra protection.</param>
internal sealed record FidesCategory(
    string Key,
    string Label,
    DataItemKind Kind,
    string? QuasiIdentifier = null,
    double? Precision = null,
    string? SpecialCategory = null,
    bool Stigmatizing = false,
    bool Vulnerable = false);

/// <summary>How one fideslang data use is read: the purpose of the purpose table (docs/purposes.md) or one the reader declares.</summary>
internal sealed record FidesUse(string Key, string Purpose);

/// <summary>A purpose the reader declares in the design because the default purpose table lacks it, with what it is compatible with.</summary>
internal sealed record FidesPurpose(string Id, string[] CompatibleWith, string Description);

/// <summary>
/// The fideslang default taxonomy (data categories, data uses, data subjects) as ThreatModel reads it: one table,
/// documented row by row with its reasoning in docs/import-fides.md (a test keeps the two in step). A key is looked up
/// by its longest known prefix, so <c>user.contact.email.work</c> reads as <c>user.contact.email</c>. Keys of
/// fideslang 1.x (<c>user.provided.identifiable.contact.email</c>, <c>user.derived.identifiable.location</c>) are
/// read as their fideslang 2 form first.
/// </summary>
internal static class FidesTaxonomy
{
    /// <summary>The purpose of data whose use no declaration states.</summary>
    public const string UnspecifiedPurpose = "unspecified";

    /// <summary>The subject of data whose subjects no declaration names.</summary>
    public const string UnspecifiedSubject = "unspecified";

    /// <summary>The population a subject gets when nothing states it (warning TM2152).</summary>
    public const long DefaultPopulation = 1_000_000;

    /// <summary>Data categories, most general first within each branch.</summary>
    public static IReadOnlyList<FidesCategory> Categories { get; } =
    [
        new("user", "personal data", DataItemKind.Other),
        new("user.account", "account information", DataItemKind.Other),
        new("user.account.username", "username", DataItemKind.PseudonymousIdentifier),
        new("user.account.settings", "account settings", DataItemKind.Other),
        new("user.authorization", "authorization data", DataItemKind.Other),
        new("user.credentials", "credentials", DataItemKind.Other),
        new("user.credentials.biometric_credentials", "biometric credentials", DataItemKind.Biometric),
        new("user.behavior", "observed behaviour", DataItemKind.Behavioural),
        new("user.browsing_history", "browsing history", DataItemKind.Behavioural),
        new("user.search_history", "search history", DataItemKind.Behavioural),
        new("user.media_consumption", "media consumption", DataItemKind.Behavioural),
        new("user.observed", "observed data", DataItemKind.Behavioural),
        new("user.telemetry", "telemetry", DataItemKind.Behavioural),
        new("user.sensor", "sensor data", DataItemKind.Behavioural),
        new("user.user_sensor", "sensor data", DataItemKind.Behavioural),
        new("user.profiling", "interest profile", DataItemKind.Behavioural),
        new("user.biometric", "biometric data", DataItemKind.Biometric),
        new("user.biometric.health", "biometric health data", DataItemKind.SpecialCategory, SpecialCategory: "health"),
        new("user.biometric_health", "biometric health data", DataItemKind.SpecialCategory, SpecialCategory: "health"),
        new("user.childrens", "children's data", DataItemKind.Other, Vulnerable: true),
        new("user.contact", "contact data", DataItemKind.DirectIdentifier),
        new("user.contact.email", "e-mail address", DataItemKind.DirectIdentifier),
        new("user.contact.phone_number", "phone number", DataItemKind.DirectIdentifier),
        new("user.contact.fax_number", "fax number", DataItemKind.DirectIdentifier),
        new("user.contact.url", "personal website or profile link", DataItemKind.DirectIdentifier),
        new("user.contact.organization", "organization", DataItemKind.QuasiIdentifier),
        new("user.contact.address", "postal address", DataItemKind.QuasiIdentifier, QuasiIdentifier: "street-address"),
        new("user.contact.address.street", "street address", DataItemKind.QuasiIdentifier, QuasiIdentifier: "street-address"),
        new("user.contact.address.postal_code", "postal code", DataItemKind.QuasiIdentifier, QuasiIdentifier: "postcode"),
        new("user.contact.address.city", "city", DataItemKind.QuasiIdentifier),
        new("user.contact.address.state", "state or region", DataItemKind.QuasiIdentifier),
        new("user.contact.address.country", "country", DataItemKind.QuasiIdentifier),
        new("user.contact.street", "street address", DataItemKind.QuasiIdentifier, QuasiIdentifier: "street-address"),
        new("user.contact.postal_code", "postal code", DataItemKind.QuasiIdentifier, QuasiIdentifier: "postcode"),
        new("user.contact.city", "city", DataItemKind.QuasiIdentifier),
        new("user.contact.state", "state or region", DataItemKind.QuasiIdentifier),
        new("user.contact.country", "country", DataItemKind.QuasiIdentifier),
        new("user.content", "user content", DataItemKind.CommunicationContent),
        new("user.content.private", "private content", DataItemKind.CommunicationContent),
        new("user.content.public", "public content", DataItemKind.Other),
        new("user.content.self_image", "photo of the person", DataItemKind.Biometric),
        new("user.demographic", "demographic data", DataItemKind.QuasiIdentifier),
        new("user.demographic.age_range", "age range", DataItemKind.QuasiIdentifier, QuasiIdentifier: "age-band-10y"),
        new("user.non_specific_age", "age range", DataItemKind.QuasiIdentifier, QuasiIdentifier: "age-band-10y"),
        new("user.demographic.date_of_birth", "date of birth", DataItemKind.QuasiIdentifier, QuasiIdentifier: "birth-date"),
        new("user.date_of_birth", "date of birth", DataItemKind.QuasiIdentifier, QuasiIdentifier: "birth-date"),
        new("user.demographic.gender", "gender", DataItemKind.QuasiIdentifier, QuasiIdentifier: "gender"),
        new("user.gender", "gender", DataItemKind.QuasiIdentifier, QuasiIdentifier: "gender"),
        new("user.demographic.marital_status", "marital status", DataItemKind.QuasiIdentifier, QuasiIdentifier: "marital-status"),
        new("user.demographic.language", "language", DataItemKind.QuasiIdentifier),
        new("user.demographic.profile", "profile and preferences", DataItemKind.Behavioural),
        new("user.demographic.political_opinion", "political opinion", DataItemKind.SpecialCategory, SpecialCategory: "politics", Stigmatizing: true),
        new("user.political_opinion", "political opinion", DataItemKind.SpecialCategory, SpecialCategory: "politics", Stigmatizing: true),
        new("user.demographic.race_ethnicity", "race or ethnicity", DataItemKind.SpecialCategory, SpecialCategory: "ethnicity", Stigmatizing: true),
        new("user.race", "race or ethnicity", DataItemKind.SpecialCategory, SpecialCategory: "ethnicity", Stigmatizing: true),
        new("user.demographic.religious_belief", "religious belief", DataItemKind.SpecialCategory, SpecialCategory: "religion", Stigmatizing: true),
        new("user.religious_belief", "religious belief", DataItemKind.SpecialCategory, SpecialCategory: "religion", Stigmatizing: true),
        new("user.demographic.sexual_orientation", "sexual orientation", DataItemKind.SpecialCategory, SpecialCategory: "sexuality", Stigmatizing: true),
        new("user.sexual_orientation", "sexual orientation", DataItemKind.SpecialCategory, SpecialCategory: "sexuality", Stigmatizing: true),
        new("user.location", "location", DataItemKind.Location),
        new("user.location.precise", "precise location", DataItemKind.Location),
        new("user.location.imprecise", "approximate location", DataItemKind.Location, Precision: 500),
        new("user.device", "device data", DataItemKind.Other),
        new("user.device.cookie", "data stored in a cookie", DataItemKind.Behavioural),
        new("user.device.cookie_id", "cookie id", DataItemKind.PseudonymousIdentifier),
        new("user.device.device_id", "device id", DataItemKind.PseudonymousIdentifier),
        new("user.device.ip_address", "IP address", DataItemKind.PseudonymousIdentifier),
        new("user.id", "user id", DataItemKind.PseudonymousIdentifier),
        new("user.id.pseudonymous", "pseudonymous user id", DataItemKind.PseudonymousIdentifier),
        new("user.unique_id", "user id", DataItemKind.PseudonymousIdentifier),
        new("user.financial", "financial data", DataItemKind.Financial),
        new("user.payment", "payment data", DataItemKind.Financial),
        new("user.account.payment", "payment data", DataItemKind.Financial),
        new("user.behavior.purchase_history", "purchase history", DataItemKind.Behavioural),
        new("user.government_id", "government id number", DataItemKind.DirectIdentifier),
        new("user.name", "name", DataItemKind.DirectIdentifier),
        new("user.health_and_medical", "health data", DataItemKind.SpecialCategory, SpecialCategory: "health", Stigmatizing: true),
        new("user.genetic", "genetic data", DataItemKind.SpecialCategory, SpecialCategory: "genetic"),
        new("user.health_and_medical.genetic", "genetic data", DataItemKind.SpecialCategory, SpecialCategory: "genetic"),
        new("user.criminal_history", "criminal history", DataItemKind.SpecialCategory, SpecialCategory: "criminal-offences", Stigmatizing: true),
        new("user.job_title", "job title", DataItemKind.QuasiIdentifier, QuasiIdentifier: "occupation"),
        new("user.workplace", "workplace", DataItemKind.QuasiIdentifier),
        new("user.social", "social connections and activity", DataItemKind.SocialGraph),
        new("user.privacy_preferences", "privacy preferences", DataItemKind.Other),
    ];

    /// <summary>Data uses, each with the purpose it stands for.</summary>
    public static IReadOnlyList<FidesUse> Uses { get; } =
    [
        new("analytics", "analytics"),
        new("collect", "collect"),
        new("employment", "employment"),
        new("essential", "essential-service"),
        new("essential.fraud_detection", "fraud-prevention"),
        new("essential.legal_obligation", "legal-compliance"),
        new("essential.service", "essential-service"),
        new("essential.service.authentication", "identity-verification"),
        new("essential.service.payment_processing", "payment"),
        new("essential.service.security", "security"),
        new("essential.service.operations.support", "customer-support"),
        new("finance", "accounting"),
        new("functional", "essential-service"),
        new("functional.service.improve", "analytics"),
        new("marketing", "advertising"),
        new("operations", "essential-service"),
        new("personalize", "personalization"),
        new("sales", "advertising"),
        new("third_party_sharing", "third-party-sharing"),
        new("third_party_sharing.legal_obligation", "legal-compliance"),
        new("train_ai_system", "ai-training"),

        // fideslang 1.x uses
        new("provide", "essential-service"),
        new("provide.service.operations.support", "customer-support"),
        new("improve", "analytics"),
        new("advertising", "advertising"),
        new("third_party_sharing.payment_processing", "payment"),
        new("third_party_sharing.fraud_detection", "fraud-prevention"),
    ];

    /// <summary>Purposes the reader declares in a design that uses them, since the default purpose table has no such purpose.</summary>
    public static IReadOnlyList<FidesPurpose> DeclaredPurposes { get; } =
    [
        new("essential-service", ["payment", "customer-support", "security", "fraud-prevention", "accounting", "identity-verification"],
            "fideslang 'essential' and 'functional': operating the product or service the person asked for."),
        new("legal-compliance", [], "fideslang 'essential.legal_obligation': meeting a legal or compliance obligation."),
        new("personalization", [], "fideslang 'personalize': personalising content and profiling for it."),
        new("third-party-sharing", [], "fideslang 'third_party_sharing': handing data to third parties outside the service."),
        new("ai-training", [], "fideslang 'train_ai_system': training an AI system or model."),
        new("collect", [], "fideslang 'collect': collecting data for a purpose not yet defined."),
        new(UnspecifiedPurpose, [], "No privacy declaration of the Fides manifest states why this data moves."),
    ];

    /// <summary>The default data subjects of fideslang, with readable names.</summary>
    public static IReadOnlyDictionary<string, string> Subjects { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["anonymous_user"] = "Anonymous users",
        ["citizen_voter"] = "Citizens and voters",
        ["commuter"] = "Commuters",
        ["consultant"] = "Consultants",
        ["customer"] = "Customers",
        ["employee"] = "Employees",
        ["job_applicant"] = "Job applicants",
        ["next_of_kin"] = "Next of kin",
        ["passenger"] = "Passengers",
        ["patient"] = "Patients",
        ["prospect"] = "Prospects",
        ["shareholder"] = "Shareholders",
        ["supplier_vendor"] = "Suppliers and vendors",
        ["trainee"] = "Trainees",
        ["visitor"] = "Visitors",
        ["user"] = "Users",
    };

    /// <summary>Keys of the default taxonomy that read as their parent's row (they have none of their own).</summary>
    private static readonly HashSet<string> CoveredDefaults = new(StringComparer.Ordinal)
    {
        "user.authorization.credentials", "user.authorization.credentials.unencrypted", "user.credentials.password",
        "user.behavior.browsing_history", "user.behavior.media_consumption", "user.behavior.search_history",
        "user.biometric.fingerprint", "user.biometric.retinal", "user.biometric.voice",
        "user.financial.account_number", "user.financial.bank_account", "user.financial.credit_card",
        "user.account.payment.financial_account_number", "user.government_id.birth_certificate",
        "user.government_id.drivers_license_number", "user.government_id.immigration",
        "user.government_id.national_identification_number", "user.government_id.passport_number",
        "user.government_id.vehicle_registration", "user.health_and_medical.insurance_beneficiary_id",
        "user.health_and_medical.record_id", "user.name.first", "user.name.last",
        "system", "system.authentication", "system.operations",
    };

    private static readonly Dictionary<string, FidesCategory> CategoryIndex = Categories.ToDictionary(c => c.Key, StringComparer.Ordinal);
    private static readonly Dictionary<string, FidesUse> UseIndex = Uses.ToDictionary(u => u.Key, StringComparer.Ordinal);

    private static readonly (string Old, string New)[] LegacyPrefixes =
    [
        ("user.provided.identifiable.", "user."),
        ("user.provided.nonidentifiable.", "user."),
        ("user.derived.identifiable.", "user."),
        ("user.derived.nonidentifiable.", "user."),
        ("user.account.contact.", "user.contact."),
    ];

    /// <summary>True for <c>system</c> data (about the system, not about people): such categories make no data items.</summary>
    public static bool IsSystemCategory(string key) => key == "system" || key.StartsWith("system.", StringComparison.Ordinal);

    /// <summary>The row for <paramref name="key"/>: its own, or that of its longest known prefix (<c>user</c> at worst).</summary>
    public static FidesCategory CategoryFor(string key) =>
        LongestPrefix(Modernize(key), CategoryIndex) ?? CategoryIndex["user"];

    /// <summary>True when <paramref name="key"/> is a category of the default taxonomy (of fideslang 2, or of 1.x in its 2 form).</summary>
    public static bool IsKnownCategory(string key)
    {
        var normalized = Modernize(key);
        return CategoryIndex.ContainsKey(normalized) || CoveredDefaults.Contains(normalized);
    }

    /// <summary>The row for a data use: its own or that of its longest known prefix, or null for a use outside the taxonomy.</summary>
    public static FidesUse? UseFor(string key) => LongestPrefix(key, UseIndex);

    /// <summary>A declared purpose of <see cref="DeclaredPurposes"/>, or null for a purpose of the default purpose table.</summary>
    public static FidesPurpose? DeclaredPurpose(string id)
    {
        foreach (var purpose in DeclaredPurposes)
        {
            if (purpose.Id == id)
                return purpose;
        }

        return null;
    }

    /// <summary>The fideslang 2 form of a fideslang 1.x key; other keys as they are.</summary>
    public static string Modernize(string key)
    {
        foreach (var (old, replacement) in LegacyPrefixes)
        {
            if (key.StartsWith(old, StringComparison.Ordinal))
                return replacement + key[old.Length..];
        }

        return key;
    }

    /// <summary>True when one key is the other or lies under it (dot-separated).</summary>
    public static bool Overlap(string a, string b) => Under(a, b) || Under(b, a);

    /// <summary>True when <paramref name="key"/> is <paramref name="ancestor"/> or one of its sub-keys.</summary>
    public static bool Under(string key, string ancestor) =>
        key.Length >= ancestor.Length && key.StartsWith(ancestor, StringComparison.Ordinal)
        && (key.Length == ancestor.Length || key[ancestor.Length] == '.');

    private static T? LongestPrefix<T>(string key, Dictionary<string, T> index)
        where T : class
    {
        var probe = key;
        while (true)
        {
            if (index.TryGetValue(probe, out var found))
                return found;
            var dot = probe.LastIndexOf('.');
            if (dot <= 0)
                return null;
            probe = probe[..dot];
        }
    }
}
