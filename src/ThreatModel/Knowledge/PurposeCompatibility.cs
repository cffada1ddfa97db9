using System.Collections.Concurrent;
using System.Collections.Frozen;
using ThreatModel.Model;

namespace ThreatModel.Knowledge;

/// <summary>
/// The purpose-compatibility table of docs/purposes.md: which purposes data collected for one purpose may also serve,
/// extended by the design's own <c>purposes:</c>. Purposes are flow strings, compared after normalisation
/// (lower case, spaces and underscores as hyphens, aliases to their canonical name).
/// </summary>
/// <remarks>
/// The default table is directional: <c>payment</c> data may serve <c>fraud-prevention</c>, not the reverse.
/// A pair declared in the design applies both ways: it is the owner's statement that the two purposes belong together.
/// Research, statistics and archiving may follow any purpose (GDPR Art. 5(1)(b) with Art. 89(1) safeguards).
/// Purposes in neither the table nor the design (typos included) compare by exact match only: a pair involving one is
/// <see cref="PurposeVerdict.Incompatible"/> (unless the new purpose is research), so a misspelt purpose cannot switch
/// checking off. The validator warns about them (TM2003) with the closest known purpose.
/// </remarks>
internal sealed class PurposeCompatibility
{
    /// <summary>A purpose of the default table.</summary>
    /// <param name="Id">Canonical name.</param>
    /// <param name="Aliases">Other names flows use for it.</param>
    /// <param name="CompatibleWith">Purposes data collected for it may also serve.</param>
    /// <param name="Consequential">True when processing for it decides about people or acts on them (scores, sanctions, hiring, lending, policing).</param>
    internal sealed record Entry(string Id, IReadOnlyList<string> Aliases, IReadOnlyList<string> CompatibleWith, bool Consequential);

    /// <summary>The purpose any data may flow on to (GDPR Art. 5(1)(b), Art. 89(1)).</summary>
    public const string Research = "research";

    /// <summary>The default table, in the order of docs/purposes.md.</summary>
    public static IReadOnlyList<Entry> Defaults { get; } =
    [
        new("payment", ["payments", "checkout", "purchase", "purchases", "transaction", "transactions"], ["fraud-prevention", "anti-money-laundering", "accounting", "customer-support"], false),
        new("lending", ["loan", "loans", "credit", "borrowing"], ["credit-scoring", "fraud-prevention", "anti-money-laundering", "debt-collection", "accounting", "customer-support"], true),
        new("credit-scoring", ["credit-score", "creditworthiness", "credit-rating", "credit-assessment"], ["lending", "fraud-prevention"], true),
        new("debt-collection", ["collections", "debt-recovery"], ["accounting"], true),
        new("insurance", ["underwriting"], ["fraud-prevention", "accounting"], true),
        new("fraud-prevention", ["fraud-detection", "anti-fraud"], ["anti-money-laundering", "security"], false),
        new("anti-money-laundering", ["aml"], ["fraud-prevention"], false),
        new("identity-verification", ["kyc", "authentication", "login", "account", "account-management"], ["fraud-prevention", "anti-money-laundering", "security"], false),
        new("security", ["abuse-prevention", "spam-prevention", "trust-and-safety"], ["fraud-prevention"], false),
        new("accounting", ["bookkeeping", "billing", "invoicing"], [], false),
        new("customer-support", ["support", "customer-service"], [], false),
        new("messaging", ["message", "messages", "chat", "communication", "communications", "calls"], [], false),
        new("social-networking", ["social", "social-network", "social-media", "friends"], ["messaging"], false),
        new("advertising", ["ads", "marketing", "targeted-advertising", "ad-targeting"], ["analytics"], false),
        new("analytics", ["service-improvement", "product-analytics", "metrics"], [], false),
        new("navigation", ["maps", "routing", "directions"], [], false),
        new("healthcare", ["health-care", "treatment", "medical-care", "diagnosis"], [], false),
        new("public-health", ["epidemiology", "disease-control", "pandemic-response"], ["contact-tracing"], false),
        new("contact-tracing", ["exposure-notification", "health-code"], ["public-health"], false),
        new("education", ["schooling", "teaching"], [], false),
        new("employment", ["hr", "human-resources", "recruitment", "hiring", "payroll"], ["accounting", "security"], true),
        new("law-enforcement", ["policing", "criminal-investigation", "enforcement", "crime-prevention", "judgment-enforcement", "debt-enforcement"], [], true),
        new("national-security", ["intelligence", "state-security"], [], true),
        new("social-scoring", ["social-credit", "social-credit-scoring", "citizen-scoring", "trustworthiness-rating"], [], true),
        new("public-shaming", ["name-and-shame", "shaming"], [], true),
        new("political-campaigning", ["political-advertising", "campaigning"], [], true),
        new(Research, ["scientific-research", "statistics", "archiving"], [], false),
    ];

    private static readonly FrozenDictionary<string, Entry> DefaultById =
        Defaults.ToFrozenDictionary(e => e.Id, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> CanonicalByAlias =
        Defaults.SelectMany(e => e.Aliases.Select(a => (Alias: a, e.Id))).ToFrozenDictionary(p => p.Alias, p => p.Id, StringComparer.Ordinal);

    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private readonly HashSet<(string, string)> _declaredPairs = [];

    private PurposeCompatibility()
    {
    }

    /// <summary>The default table extended by the purposes <paramref name="model"/> declares.</summary>
    public static PurposeCompatibility For(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var table = new PurposeCompatibility();
        foreach (var purpose in model.Purposes)
        {
            var id = Normalize(purpose.Id);
            table._declared.Add(id);
            foreach (var other in purpose.CompatibleWith)
            {
                var compatible = Normalize(other);
                table._declared.Add(compatible);
                table._declaredPairs.Add((id, compatible));
                table._declaredPairs.Add((compatible, id));
            }
        }

        return table;
    }

    /// <summary>The canonical form of a purpose: trimmed, lower case, words joined by hyphens, aliases resolved.</summary>
    public static string Normalize(string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        if (NormalCache.TryGetValue(purpose, out var known))
            return known;
        var normal = NormalizeUncached(purpose);
        // Designs use a few dozen purpose strings; rules normalise them once per flow and hop. Bounded, so odd input cannot grow it without end.
        if (NormalCache.Count < MaximumCachedPurposes)
            NormalCache.TryAdd(purpose, normal);
        return normal;
    }

    private const int MaximumCachedPurposes = 4096;

    private static readonly ConcurrentDictionary<string, string> NormalCache = new(StringComparer.Ordinal);

    private static string NormalizeUncached(string purpose)
    {
        var words = purpose.Trim().ToLowerInvariant().Replace('_', '-').Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        var normal = string.Join("-", words);
        return CanonicalByAlias.TryGetValue(normal, out var canonical) ? canonical : normal;
    }

    /// <summary>True when the purpose is in the default table or the design declares or names it.</summary>
    public bool IsKnown(string purpose)
    {
        var id = Normalize(purpose);
        return DefaultById.ContainsKey(id) || _declared.Contains(id);
    }

    /// <summary>True when processing for the purpose decides about people or acts on them.</summary>
    public static bool IsConsequential(string purpose) =>
        DefaultById.TryGetValue(Normalize(purpose), out var entry) && entry.Consequential;

    /// <summary>Whether data collected for <paramref name="collectedFor"/> may be used for <paramref name="usedFor"/>.</summary>
    public PurposeVerdict Compare(string collectedFor, string usedFor)
    {
        var from = Normalize(collectedFor);
        var to = Normalize(usedFor);
        if (from == to || to == Research)
            return PurposeVerdict.Compatible;
        if (from.Length == 0 || to.Length == 0)
            return PurposeVerdict.Unstated;
        if (!IsKnown(from) || !IsKnown(to))
            return PurposeVerdict.Incompatible;
        if (DefaultById.TryGetValue(from, out var entry) && entry.CompatibleWith.Contains(to, StringComparer.Ordinal))
            return PurposeVerdict.Compatible;
        return _declaredPairs.Contains((from, to)) ? PurposeVerdict.Compatible : PurposeVerdict.Incompatible;
    }

    /// <summary>
    /// The flows of <paramref name="model"/> whose purpose is in neither the table nor the design, grouped by normalised
    /// purpose in order of first appearance, each with the positions of its flows in design order.
    /// </summary>
    public IReadOnlyList<(string Purpose, IReadOnlyList<int> Flows)> UnknownPurposes(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var unknown = new List<(string Purpose, IReadOnlyList<int> Flows)>();
        var byPurpose = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var f = 0; f < model.Flows.Count; f++)
        {
            var purpose = Normalize(model.Flows[f].Purpose);
            if (purpose.Length == 0 || IsKnown(purpose))
                continue;
            if (!byPurpose.TryGetValue(purpose, out var flows))
            {
                byPurpose[purpose] = flows = [];
                unknown.Add((purpose, flows));
            }

            flows.Add(f);
        }

        return unknown;
    }

    /// <summary>The purposes a flow may name without a warning: the table's names and aliases and the design's declared ones, sorted.</summary>
    public IReadOnlyList<string> KnownNames() =>
        [.. DefaultById.Keys.Concat(CanonicalByAlias.Keys).Concat(_declared).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
