using System.Globalization;
using System.Text;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Rules;

/// <summary>
/// TM001 cross-context-linkage: records about the same people from different life contexts become joinable at one
/// organization (or at the public, or at other users) through a shared key. See docs/rules/TM001-cross-context-linkage.md.
/// </summary>
public sealed class CrossContextLinkageRule : IPrivacyRule
{
    private static readonly HashSet<string> SensitiveContexts = new(StringComparer.Ordinal)
    {
        "financial", "location", "communications", "biometric", "special-category", "score", "health", "government", "social",
    };

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new(
        Id: "TM001",
        Name: "cross-context-linkage",
        Title: "Records from different contexts can be joined by a shared key",
        Summary: "Records about the same people that were collected in different contexts (payments, social life, location, "
            + "government records) meet at one organization with a key that joins them: a shared identifier, a reused pseudonym, "
            + "a hash of a phone number or ID number, or quasi-identifiers unique enough to act as one. Joined, they form a profile "
            + "no single context would have revealed.",
        Linddun: LinddunCategory.Linking,
        LinddunSubcategory: "Linked data: linking by identifiers and by quasi-identifiers",
        Solove: SoloveHarm.Aggregation,
        DefaultSeverity: Severity.High,
        Gdpr: ["Art. 5(1)(b) purpose limitation", "Art. 5(1)(c) data minimisation", "Art. 25 data protection by design", "Recital 26 identifiability"],
        Pipl: ["Art. 6 purpose limitation and minimum scope", "Art. 51 technical measures incl. de-identification", "Art. 73(3)-(4) de-identification and anonymisation"],
        Research:
        [
            "Sweeney L. (2002) k-anonymity: a model for protecting privacy. Int. J. Uncertainty, Fuzziness and Knowledge-Based Systems 10(5) - linkage of medical and voter records by ZIP, birth date and sex.",
            "Narayanan A., Shmatikov V. (2008) Robust de-anonymization of large sparse datasets. IEEE S&P - Netflix records linked to IMDb.",
            "Demir L. et al. (2018) Pitfalls of hashing for privacy. IEEE Communications Surveys & Tutorials 20(1) - hashed phone numbers and e-mails are reversible by enumeration.",
            "Pfitzmann A., Hansen M. (2010) A terminology for talking about privacy by data minimization - unlinkability, role- and relationship-pseudonyms.",
        ],
        Mitigations:
        [
            "Give each context its own unlinkable pseudonym (perContext pseudonymization, or a keyed hash whose key the receiver does not hold).",
            "Keep the contexts in separate organizations and never send both the same identifier.",
            "Do not hash low-entropy identifiers (phone, e-mail, ID number) and call the result anonymous; use random or keyed per-context identifiers.",
            "Generalise or drop quasi-identifiers until they no longer single people out.",
        ]);

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var text = new StringBuilder();
        foreach (var join in context.Graph.GetJoins(context.CancellationToken))
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            yield return ToFinding(context, join, text);
        }
    }

    private Finding ToFinding(AnalysisContext context, Join join, StringBuilder text)
    {
        var model = context.Model;
        var placeName = join.PlaceIsOrganization
            ? model.TryGetOrganization(join.Place, out var placeOrganization) ? placeOrganization.Name : join.Place
            : model.TryGetElement(join.Place, out var placeElement) ? placeElement.Name : join.Place;
        var receivers = new List<string>();
        var items = new List<DataItem>();
        var origins = new List<string>();
        foreach (var record in join.Records)
        {
            if (!receivers.Contains(record.Flow.To))
                receivers.Add(record.Flow.To);
            foreach (var item in record.Items)
            {
                if (!ContainsId(items, item.Id))
                    items.Add(item);
            }

            if (OriginOrganization(context, record) is { } origin && !origins.Contains(origin))
                origins.Add(origin);
        }

        var likelihood = join.Key.Kind switch
        {
            JoinKeyKind.SharedIdentifier or JoinKeyKind.HashedIdentifier => receivers.Count == 1 ? Likelihood.Certain : Likelihood.Likely,
            JoinKeyKind.ReusedPseudonym => Likelihood.Likely,
            _ => join.Key.ExpectedUniqueShare >= 0.9 ? Likelihood.Likely : Likelihood.Possible,
        };

        var sensitive = join.Contexts.Count(SensitiveContexts.Contains);
        var grave = items.Any(i => i.Kind is DataItemKind.SpecialCategory or DataItemKind.Biometric || i.Stigmatizing);
        var impact = (join.Contexts.Count, sensitive, grave, join.Subject.Vulnerable) switch
        {
            (_, _, true, true) => Impact.Severe,
            (>= 3, >= 2, true, _) => Impact.Severe,
            (>= 3, _, _, _) or (_, >= 1, _, _) => Impact.Major,
            _ => Impact.Moderate,
        };

        // The message in one buffer: each side lists its contexts, the items other than the key, and the path.
        text.Clear()
            .Append(placeName).Append(" receives records about ").Append(join.Subject.Name).Append(" from ").Append(join.Contexts.Count)
            .Append(" contexts (").AppendJoin(", ", join.Contexts).Append(") that can be joined by ").Append(DescribeKey(model, join.Key)).Append(": ");
        for (var r = 0; r < join.Records.Count; r++)
        {
            var record = join.Records[r];
            if (r > 0)
                text.Append("; ");
            text.AppendJoin(", ", record.Contexts).Append(" data (");
            var first = true;
            foreach (var item in record.Items)
            {
                if (join.Key.Items.Contains(item))
                    continue;
                if (!first)
                    text.Append(", ");
                text.Append(item.Name);
                first = false;
            }

            text.Append(") via ").AppendJoin(" -> ", record.Path);
        }

        text.Append('.');
        if (origins.Count > 1)
            text.Append(" The records come from ").Append(origins.Count).Append(" different organizations.");
        text.Append(" Joined, they give ").Append(placeName).Append(" a cross-context profile of each person that none of the contexts alone would reveal.");
        var message = text.ToString();

        var builder = new FindingBuilder(Metadata, $"{join.Place}|{join.Subject.Id}|{join.Key.Token}|{string.Join(",", join.Contexts)}")
            .Titled($"{Capitalize(string.Join(", ", join.Contexts))} records about {join.Subject.Name} can be joined at {placeName} by {ShortKey(join.Key)}")
            .Because(message)
            .Rated(likelihood, impact)
            .About(join.Subject.Id)
            .Involving(join.Key.Items.Select(i => i.Id))
            .Involving(items.Select(i => i.Id))
            .At(receivers)
            .Mitigated(MitigationFor(join, placeName, context.Settings.LinkageUniquenessThreshold))
            .PointingTo(join.Records[^1].Flow.Span);
        foreach (var record in join.Records)
        {
            builder.Along(record.Path);
            builder.Remedied(new AddProtection(record.Flow.Id, "per-context-pseudonym"));
            foreach (var key in join.Key.Items)
            {
                if (record.Flow.Items.Contains(key.Id, StringComparer.Ordinal))
                    builder.Remedied(new DropItem(record.Flow.Id, key.Id));
            }
        }
        if (join.Key.ExpectedUniqueShare is { } unique)
        {
            builder.Estimated(new Estimate(
                "expected share of people the key singles out", unique, "share",
                "Poisson cell model over quasi-identifier cardinalities (Sweeney 2000; Golle 2006)",
                [new("population", join.Subject.Population.ToString(CultureInfo.InvariantCulture)), new("key", string.Join(" + ", join.Key.Items.Select(i => i.Id)))]));
        }

        return builder.Build();
    }

    private static bool ContainsId(List<DataItem> items, string id)
    {
        foreach (var item in items)
        {
            if (item.Id == id)
                return true;
        }

        return false;
    }

    private static string? OriginOrganization(AnalysisContext context, RecordSource record) =>
        record.Path.Count > 0 && context.Model.TryGetFlow(record.Path[0], out var first) && context.Model.TryGetElement(first.From, out var origin)
            ? origin.OrganizationId ?? origin.Id
            : null;

    private static string DescribeKey(SystemModel model, JoinKey key) => key.Kind switch
    {
        JoinKeyKind.SharedIdentifier => $"the shared identifier {key.Items[0].Name}",
        JoinKeyKind.HashedIdentifier => $"{key.Items[0].Name}, a hash of {JoinFinder.RootIdentifier(model, key.Items[0]).Name} that anyone holding the identifier can recompute",
        JoinKeyKind.ReusedPseudonym => $"the pseudonym {key.Items[0].Name}, reused across contexts under one key",
        _ => $"the quasi-identifiers {string.Join(" + ", key.Items.Select(i => i.Name))}, which single out about {key.ExpectedUniqueShare:P0} of people",
    };

    private static string ShortKey(JoinKey key) => key.Kind switch
    {
        JoinKeyKind.QuasiIdentifiers => string.Join(" + ", key.Items.Select(i => i.Name)),
        _ => key.Items[0].Name,
    };

    private static string MitigationFor(Join join, string placeName, double threshold)
    {
        var key = join.Key.Items[0].Name;
        return join.Key.Kind switch
        {
            JoinKeyKind.SharedIdentifier => $"Stop sending {key} with every context: give each context its own pseudonym (protections.pseudonymized.perContext: true, key held outside {placeName}), or keep the {string.Join(" and ", join.Contexts)} records in organizations that never share an identifier.",
            JoinKeyKind.HashedIdentifier => $"Hashing a low-entropy identifier is not anonymisation: replace {key} with a per-context pseudonym (a keyed hash whose key {placeName} does not hold, or a random identifier per context).",
            JoinKeyKind.ReusedPseudonym => $"Make {key} per-context (protections.pseudonymized.perContext: true) so each context sees a different pseudonym for the same person.",
            _ => $"Generalise or drop {string.Join(" or ", join.Key.Items.Select(i => i.Name))} on the flows into {placeName} (protections.generalize) until the combination singles out fewer than {threshold:P0} of people.",
        };
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
