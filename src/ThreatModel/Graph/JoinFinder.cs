using System.Runtime.InteropServices;
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
    public static IReadOnlyList<Join> Find(DataFlowGraph graph, string place, bool placeIsOrganization, string? receiverOrganization, IReadOnlyList<Flow> inbound) =>
        Find(new Search(graph), place, placeIsOrganization, receiverOrganization, inbound);

    /// <summary>As <see cref="Find(DataFlowGraph, string, bool, string?, IReadOnlyList{Flow})"/>, with the scratch space and per-design caches of <paramref name="search"/>.</summary>
    public static IReadOnlyList<Join> Find(Search search, string place, bool placeIsOrganization, string? receiverOrganization, IReadOnlyList<Flow> inbound)
    {
        var graph = search.Graph;
        var model = graph.Model;
        var byKey = new Dictionary<(string Subject, string Token), (JoinKey Key, List<RecordSource> Records)>();
        var order = new List<(string Subject, string Token)>();

        foreach (var flow in inbound)
        {
            search.CancellationToken.ThrowIfCancellationRequested();
            search.ReadableItemsBySubject(flow);
            foreach (var (subject, start, count) in search.Groups)
            {
                var items = search.Grouped.AsSpan(start, count);
                var contexts = search.ContextsOf(items);
                if (contexts.Length == 0)
                    continue;
                var carried = new DataItem[items.Length];
                for (var k = 0; k < carried.Length; k++)
                    carried[k] = items[k].Item;
                var path = graph.ArrivalPath(flow, carried);
                var record = new RecordSource(flow, carried, contexts, path);
                search.Keys(subject, items, receiverOrganization);
                foreach (var key in search.KeyScratch)
                {
                    var token = (subject, key.Token);
                    if (!byKey.TryGetValue(token, out var entry))
                    {
                        byKey[token] = entry = (key.ToJoinKey(), []);
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
                // The strongest kind leads; between keys of one kind the token decides, not the order records were met
                // in (which follows declaration order): two organizations' pseudonyms must not swap places on a reorder.
                var join = joins[existing];
                var leads = key.Kind < join.Key.Kind || (key.Kind == join.Key.Kind && string.CompareOrdinal(key.Token, join.Key.Token) < 0);
                var (lead, other) = leads ? (key, join.Key) : (join.Key, key);
                joins[existing] = join with
                {
                    Key = lead,
                    OtherKeys = [.. join.OtherKeys.Append(other).OrderBy(k => k.Kind).ThenBy(k => k.Token, StringComparer.Ordinal)],
                };
                continue;
            }

            byRecords[recordsKey] = joins.Count;
            joins.Add(new Join(place, placeIsOrganization, model.Subject(token.Subject), key, [], records, union));
        }

        return joins;
    }

    private static bool IsKeyMaterial(DataItem item) => item.Kind is DataItemKind.DirectIdentifier or DataItemKind.PseudonymousIdentifier or DataItemKind.QuasiIdentifier;

    /// <summary>An item a record carries, in the form its receiver reads it; <see cref="FormId"/> is the graph's id of the form, or -1.</summary>
    internal readonly record struct Carried(DataItem Item, ItemForm Form, int FormId);

    /// <summary>A key a record offers: the <see cref="JoinKey"/> is made only for the first record that offers its token.</summary>
    internal readonly record struct KeyCandidate(JoinKeyKind Kind, DataItem? Item, DataItem[]? QuasiItems, string Token, double? ExpectedUniqueShare)
    {
        public JoinKey ToJoinKey()
        {
            IReadOnlyList<DataItem> items = QuasiItems is null ? [Item!] : [.. QuasiItems];
            return new(Kind, items, Token, ExpectedUniqueShare);
        }
    }

    /// <summary>
    /// Scratch space reused from one record to the next, and what is the same for every record of a design: each
    /// identifier's root and token, each form's key holder, the context lists records share. One per thread at a time.
    /// </summary>
    internal sealed class Search(DataFlowGraph graph)
    {
        private readonly List<Carried> _readable = [];
        private readonly List<string> _contexts = [];
        private readonly List<string[]> _contextLists = [];
        private readonly Dictionary<DataItem, (DataItem Root, string Token)> _roots = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<(string Holder, string Root), string> _pseudonymTokens = [];
        private readonly Dictionary<int, string?> _keyHolders = [];

        public DataFlowGraph Graph { get; } = graph;

        /// <summary>Stops the search between two inbound flows.</summary>
        public CancellationToken CancellationToken { get; init; }

        /// <summary>The readable items of the last flow read, grouped by subject (see <see cref="Groups"/>).</summary>
        public Carried[] Grouped { get; private set; } = new Carried[16];

        /// <summary>The subjects of the last flow read, in order of first appearance, each with its range of <see cref="Grouped"/>.</summary>
        public List<(string Subject, int Start, int Count)> Groups { get; } = [];

        /// <summary>The keys of the last record, in the order a record offers them.</summary>
        public List<KeyCandidate> KeyScratch { get; } = [];

        /// <summary>Reads the items about single people that the receiver of a flow can read, by subject (in order of first appearance), with their forms.</summary>
        public void ReadableItemsBySubject(Flow flow)
        {
            _readable.Clear();
            Groups.Clear();
            var holdings = Graph.HoldingIndex;
            if (Graph.TryGetDeliveries(flow, out var start, out var end))
            {
                for (var d = start; d < end; d++)
                {
                    var form = holdings.DeliveredForm(d);
                    if (form.ReadableAboutIndividuals)
                        _readable.Add(new Carried(holdings.DeliveredItem(d), form, holdings.DeliveredFormId(d)));
                }
            }
            else
            {
                foreach (var (item, form) in Graph.FormsDeliveredBy(flow))
                {
                    if (form.ReadableAboutIndividuals)
                        _readable.Add(new Carried(item, form, -1));
                }
            }

            if (Grouped.Length < _readable.Count)
                Grouped = new Carried[Math.Max(_readable.Count, Grouped.Length * 2)];

            // Stable grouping by subject: usually one subject, so one pass per subject is cheap.
            var written = 0;
            for (var i = 0; i < _readable.Count; i++)
            {
                var subject = _readable[i].Item.SubjectId;
                var known = false;
                foreach (var group in Groups)
                {
                    if (string.Equals(group.Subject, subject, StringComparison.Ordinal))
                    {
                        known = true;
                        break;
                    }
                }

                if (known)
                    continue;
                var groupStart = written;
                for (var j = i; j < _readable.Count; j++)
                {
                    if (string.Equals(_readable[j].Item.SubjectId, subject, StringComparison.Ordinal))
                        Grouped[written++] = _readable[j];
                }

                Groups.Add((subject, groupStart, written - groupStart));
            }
        }

        /// <summary>The distinct life contexts of the non-key items, identity aside, sorted ordinally; one shared array per distinct list.</summary>
        public string[] ContextsOf(ReadOnlySpan<Carried> items)
        {
            _contexts.Clear();
            foreach (var carried in items)
            {
                var item = carried.Item;
                if (IsKeyMaterial(item) || item.Context == IdentityContext)
                    continue;
                if (!_contexts.Contains(item.Context, StringComparer.Ordinal))
                    _contexts.Add(item.Context);
            }

            if (_contexts.Count == 0)
                return [];
            _contexts.Sort(StringComparer.Ordinal);
            foreach (var list in _contextLists)
            {
                if (list.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(_contexts)))
                    return list;
            }

            var result = _contexts.ToArray();
            if (_contextLists.Count < 256)
                _contextLists.Add(result);
            return result;
        }

        /// <summary>Fills <see cref="KeyScratch"/> with the keys a record offers to a receiver in <paramref name="receiverOrganization"/>.</summary>
        public void Keys(string subject, ReadOnlySpan<Carried> items, string? receiverOrganization)
        {
            KeyScratch.Clear();
            var model = Graph.Model;
            var quasiCount = 0;
            foreach (var (item, form, formId) in items)
            {
                if (item.Kind == DataItemKind.QuasiIdentifier && item.QuasiIdentifier is not null)
                    quasiCount++;
                if (!item.IsIdentifier || item.Linkability == Linkability.PerContext)
                    continue;
                var (root, idToken) = Root(item);
                var kind = ReferenceEquals(root, item) ? JoinKeyKind.SharedIdentifier : JoinKeyKind.HashedIdentifier;
                var holder = form.Pseudonym is null ? null : KeyHolder(form, formId);
                var canRelink = holder is not null && holder == receiverOrganization;
                if (form.Pseudonym is null || canRelink)
                    KeyScratch.Add(new KeyCandidate(kind, item, null, idToken, null));
                else if (!form.PerContextPseudonym)
                    KeyScratch.Add(new KeyCandidate(JoinKeyKind.ReusedPseudonym, item, null, PseudonymToken(holder, root), null));
            }

            if (quasiCount == 0)
                return;
            var quasi = new (DataItem Item, ItemForm Form)[quasiCount];
            var q = 0;
            foreach (var (item, form, _) in items)
            {
                if (item.Kind == DataItemKind.QuasiIdentifier && item.QuasiIdentifier is not null)
                    quasi[q++] = (item, form);
            }

            var population = model.TryGetSubject(subject, out var s) ? s.Population : 1;
            var cardinalities = new double[quasi.Length];
            for (var i = 0; i < quasi.Length; i++)
                cardinalities[i] = (quasi[i].Form.Generalization?.QuasiIdentifier ?? quasi[i].Item.QuasiIdentifier!).CardinalityIn(population);
            var estimate = ReidentificationEstimator.Estimate(population, cardinalities);
            if (estimate.ExpectedUniqueShare < model.Settings.LinkageUniquenessThreshold)
                return;
            var token = "qi:" + string.Join("+", quasi.Select((entry, i) => $"{entry.Item.Id}@{cardinalities[i]:R}").Order(StringComparer.Ordinal));
            KeyScratch.Add(new KeyCandidate(JoinKeyKind.QuasiIdentifiers, null, [.. quasi.Select(entry => entry.Item)], token, estimate.ExpectedUniqueShare));
        }

        private (DataItem Root, string Token) Root(DataItem item)
        {
            if (!_roots.TryGetValue(item, out var root))
            {
                var found = RootIdentifier(Graph.Model, item);
                _roots[item] = root = (found, "id:" + found.Id);
            }

            return root;
        }

        private string? KeyHolder(ItemForm form, int formId)
        {
            if (formId < 0)
                return form.PseudonymKeyHolder;
            if (!_keyHolders.TryGetValue(formId, out var holder))
                _keyHolders[formId] = holder = form.PseudonymKeyHolder;
            return holder;
        }

        private string PseudonymToken(string? holder, DataItem root)
        {
            if (holder is null)
                return $"pseudonym:{holder}:{root.Id}";
            if (!_pseudonymTokens.TryGetValue((holder, root.Id), out var token))
                _pseudonymTokens[(holder, root.Id)] = token = $"pseudonym:{holder}:{root.Id}";
            return token;
        }
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
