using ThreatModel.Estimation;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Finds records from different contexts about the same people that meet at one place and share a key.
/// Records are grouped by key token, so the cost is linear in the records, not quadratic.
/// </summary>
internal static class JoinFinder
{
    private const string IdentityContext = "identity";

    /// <summary>Joins among the records that <paramref name="inbound"/> flows deliver to a place.</summary>
    public static IReadOnlyList<Join> Find(DataFlowGraph graph, string place, bool placeIsOrganization, string? receiverOrganization, IReadOnlyList<Flow> inbound)
    {
        var model = graph.Model;
        var byKey = new Dictionary<(string Subject, string Token), (JoinKey Key, List<RecordSource> Records)>();
        var order = new List<(string Subject, string Token)>();

        foreach (var flow in inbound)
        {
            foreach (var (subject, items) in ReadableItemsBySubject(graph, flow))
            {
                var contexts = ContextsOf(items);
                if (contexts.Length == 0)
                    continue;
                var carried = new DataItem[items.Count];
                for (var k = 0; k < carried.Length; k++)
                    carried[k] = items[k].Item;
                var path = graph.ArrivalPath(flow, carried);
                var record = new RecordSource(flow, carried, contexts, path);
                foreach (var key in Keys(model, subject, items, receiverOrganization))
                {
                    var token = (subject, key.Token);
                    if (!byKey.TryGetValue(token, out var entry))
                    {
                        byKey[token] = entry = (key, []);
                        order.Add(token);
                    }

                    // Records of one flow arrive together, so a repeat can only be the last record.
                    if (entry.Records.Count == 0 || !ReferenceEquals(entry.Records[^1].Flow, flow))
                        entry.Records.Add(record);
                }
            }
        }

        // One join per set of records: the strongest key leads, the others are listed.
        var joins = new List<Join>();
        var byRecords = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var token in order)
        {
            var (key, records) = byKey[token];
            if (records.Count < 2)
                continue;
            var union = records.SelectMany(r => r.Contexts).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (union.Length < 2 || union.Length <= records.Max(r => r.Contexts.Count))
                continue;
            var recordsKey = token.Subject + "|" + string.Join(",", records.Select(r => r.Flow.Id).Order(StringComparer.Ordinal));
            if (byRecords.TryGetValue(recordsKey, out var existing))
            {
                var join = joins[existing];
                joins[existing] = key.Kind < join.Key.Kind
                    ? join with { Key = key, OtherKeys = [join.Key, .. join.OtherKeys] }
                    : join with { OtherKeys = [.. join.OtherKeys, key] };
                continue;
            }

            byRecords[recordsKey] = joins.Count;
            joins.Add(new Join(place, placeIsOrganization, model.Subject(token.Subject), key, [], records, union));
        }

        return joins;
    }

    private static bool IsKeyMaterial(DataItem item) => item.Kind is DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier;

    /// <summary>The distinct life contexts of the non-key items, identity aside, sorted ordinally.</summary>
    private static string[] ContextsOf(List<(DataItem Item, ItemForm Form)> items)
    {
        List<string>? contexts = null;
        foreach (var (item, _) in items)
        {
            if (IsKeyMaterial(item) || item.Context == IdentityContext)
                continue;
            contexts ??= [];
            if (!contexts.Contains(item.Context, StringComparer.Ordinal))
                contexts.Add(item.Context);
        }

        if (contexts is null)
            return [];
        var result = contexts.ToArray();
        Array.Sort(result, StringComparer.Ordinal);
        return result;
    }

    /// <summary>The items about single people that the receiver of a flow can read, by subject (in order of first appearance), with their forms.</summary>
    private static List<(string Subject, List<(DataItem Item, ItemForm Form)> Items)> ReadableItemsBySubject(DataFlowGraph graph, Flow flow)
    {
        var groups = new List<(string Subject, List<(DataItem Item, ItemForm Form)> Items)>(1);
        foreach (var (item, form) in graph.FormsDeliveredBy(flow))
        {
            if (!form.ReadableAboutIndividuals)
                continue;
            List<(DataItem, ItemForm)>? list = null;
            foreach (var group in groups)
            {
                if (string.Equals(group.Subject, item.SubjectId, StringComparison.Ordinal))
                {
                    list = group.Items;
                    break;
                }
            }

            if (list is null)
            {
                list = [];
                groups.Add((item.SubjectId, list));
            }

            list.Add((item, form));
        }

        return groups;
    }

    /// <summary>The keys a record offers to a receiver in <paramref name="receiverOrganization"/>.</summary>
    private static IEnumerable<JoinKey> Keys(SystemModel model, string subject, List<(DataItem Item, ItemForm Form)> items, string? receiverOrganization)
    {
        foreach (var (item, form) in items)
        {
            if (!item.IsIdentifier || item.Linkability == Linkability.PerContext)
                continue;
            var root = RootIdentifier(model, item);
            var kind = ReferenceEquals(root, item) ? JoinKeyKind.SharedIdentifier : JoinKeyKind.HashedIdentifier;
            var canRelink = form.PseudonymKeyHolder is { } holder && holder == receiverOrganization;
            if (form.Pseudonym is null || canRelink)
                yield return new JoinKey(kind, [item], "id:" + root.Id, null);
            else if (!form.PerContextPseudonym)
                yield return new JoinKey(JoinKeyKind.ReusedPseudonym, [item], $"pseudonym:{form.PseudonymKeyHolder}:{root.Id}", null);
        }

        List<(DataItem Item, ItemForm Form)>? quasi = null;
        foreach (var entry in items)
        {
            if (entry.Item.Kind == DataItemKind.QuasiIdentifier && entry.Item.QuasiIdentifier is not null)
                (quasi ??= []).Add(entry);
        }

        if (quasi is null)
            yield break;
        var population = model.TryGetSubject(subject, out var s) ? s.Population : 1;
        var cardinalities = quasi.Select(q => (q.Form.Generalization?.QuasiIdentifier ?? q.Item.QuasiIdentifier!).CardinalityIn(population)).ToArray();
        var estimate = ReidentificationEstimator.Estimate(population, cardinalities);
        if (estimate.ExpectedUniqueShare < model.Settings.LinkageUniquenessThreshold)
            yield break;
        var token = "qi:" + string.Join("+", quasi.Select((q, i) => $"{q.Item.Id}@{cardinalities[i]:R}").Order(StringComparer.Ordinal));
        yield return new JoinKey(JoinKeyKind.QuasiIdentifiers, [.. quasi.Select(q => q.Item)], token, estimate.ExpectedUniqueShare);
    }

    /// <summary>Follows hashes of identifiers back to the identifier anyone can hash again.</summary>
    internal static DataItem RootIdentifier(SystemModel model, DataItem item)
    {
        var current = item;
        for (var guard = 0; guard < 64 && current.Linkability == Linkability.HashedIdentifier; guard++)
        {
            DataItem? source = null;
            foreach (var id in current.DerivedFrom)
            {
                if (model.TryGetItem(id, out var candidate) && candidate.IsIdentifier)
                {
                    source = candidate;
                    break;
                }
            }

            if (source is null)
                break;
            current = source;
        }

        return current;
    }
}
