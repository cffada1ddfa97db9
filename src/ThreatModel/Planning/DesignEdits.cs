using System.Globalization;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Planning;

/// <summary>
/// Applies <see cref="DesignEdit"/>s to a design: a pure function from a model and edits to a new model (the input is
/// never changed; objects the edits do not touch are shared). The same edits in any order give the same model: every
/// edit only adds or tightens (a threshold only rises, ε and precision only get coarser), and a drop-item follows the
/// item downstream (the cascade: a flow stops forwarding what its sender no longer receives). docs/plan.md.
/// </summary>
public static class DesignEdits
{
    /// <summary>The model with <paramref name="edit"/> applied.</summary>
    /// <exception cref="ArgumentException">The edit names a flow, element, item or organization the design does not have, or a protection the edit set does not know.</exception>
    public static SystemModel Apply(SystemModel model, DesignEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        return Apply(model, [edit]);
    }

    /// <summary>The model with every edit applied, in one copy of the design.</summary>
    /// <exception cref="ArgumentException">An edit names a flow, element, item or organization the design does not have, or a protection the edit set does not know.</exception>
    public static SystemModel Apply(SystemModel model, IEnumerable<DesignEdit> edits)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(edits);
        Dictionary<string, Flow>? flows = null;
        Dictionary<string, Element>? elements = null;
        foreach (var edit in edits)
        {
            ArgumentNullException.ThrowIfNull(edit, nameof(edits));
            switch (edit)
            {
                case MoveElement or GrantRecourse or MoveToJurisdiction or GrantRights:
                case SetRetention when model.TryGetElement(edit.Target, out _):
                    elements ??= new(StringComparer.Ordinal);
                    var element = elements.TryGetValue(edit.Target, out var changed) ? changed : ElementOf(model, edit.Target);
                    elements[edit.Target] = Edit(model, element, edit);
                    break;
                default:
                    flows ??= new(StringComparer.Ordinal);
                    var flow = flows.TryGetValue(edit.Target, out var edited) ? edited : FlowOf(model, edit);
                    flows[edit.Target] = flow with { Protections = Edit(model, flow, edit) };
                    break;
            }
        }

        if (flows is null && elements is null)
            return model;
        if (flows is not null)
            Cascade(model, flows);
        var newFlows = flows is null ? model.Flows : [.. model.Flows.Select(f => flows.GetValueOrDefault(f.Id) is { } e && ReferenceEquals(model.Flow(f.Id), f) ? e : f)];
        var newElements = elements is null ? model.Elements : [.. model.Elements.Select(x => elements.GetValueOrDefault(x.Id) is { } e && ReferenceEquals(model.Element(x.Id), x) ? e : x)];
        return new SystemModel(model.Name, model.Description, model.SourceFile, model.Settings, model.Subjects, model.Items,
            model.Organizations, model.Jurisdictions, newElements, newFlows, model.Purposes);
    }

    private static Flow FlowOf(SystemModel model, DesignEdit edit) =>
        model.TryGetFlow(edit.Target, out var flow)
            ? flow
            : throw new ArgumentException($"The edit '{edit.Key}' names the flow '{edit.Target}', which the design does not have.", nameof(edit));

    private static Element ElementOf(SystemModel model, string id) =>
        model.TryGetElement(id, out var element)
            ? element
            : throw new ArgumentException($"The edit names the element '{id}', which the design does not have.", nameof(id));

    private static Protections Edit(SystemModel model, Flow flow, DesignEdit edit)
    {
        var p = flow.Protections;
        switch (edit)
        {
            case DropItem drop:
                KnownItem(model, drop.Item, edit);
                return p.SuppressedItems.Contains(drop.Item, StringComparer.Ordinal) ? p : p with { SuppressedItems = Suppressing(flow, p.SuppressedItems, drop.Item) };
            case Generalize generalize:
                {
                    KnownItem(model, generalize.Item, edit);
                    var qi = generalize.Level is { } level
                        ? QuasiIdentifierPresets.Resolve(level) ?? throw new ArgumentException($"The edit '{edit.Key}' names the level '{level}', which is no quasi-identifier preset.", nameof(edit))
                        : null;
                    var existing = p.Generalizations.GetValueOrDefault(generalize.Item);
                    var precision = Coarser(existing?.PrecisionMetres, generalize.PrecisionMetres);
                    var generalizations = new Dictionary<string, Generalization>(p.Generalizations, StringComparer.Ordinal)
                    {
                        [generalize.Item] = new Generalization(qi ?? existing?.QuasiIdentifier, precision, existing?.TemporalResolutionMinutes),
                    };
                    return p with { Generalizations = generalizations };
                }

            case SnapToGrid snap:
                return p with { SnapToGridMetres = Coarser(p.SnapToGridMetres, snap.Metres) };
            case SetRetention retention:
                return p with { RetentionDays = p.RetentionDays is { } days ? Math.Min(days, retention.Days) : retention.Days };
            case AddProtection add:
                return add.Protection switch
                {
                    "aggregation" => p with { AggregationThreshold = Math.Max(p.AggregationThreshold ?? 0, Whole(add)) },
                    "differential-privacy" => p with { DifferentialPrivacyEpsilon = Math.Min(p.DifferentialPrivacyEpsilon ?? double.MaxValue, Real(add)) },
                    "end-to-end-encryption" => p with { EndToEndEncrypted = true, EncryptedInTransit = true },
                    "encryption-in-transit" => p with { EncryptedInTransit = true },
                    "per-context-pseudonym" => p with { Pseudonymization = new PseudonymizationSpec(add.Value ?? p.Pseudonymization?.KeyHolder, PerContext: true) },
                    "consent" => p with { Consent = true, LegalBasis = "consent" },
                    "legal-basis" => p with { LegalBasis = add.Value ?? throw new ArgumentException($"The edit '{edit.Key}' needs the basis as its value.", nameof(edit)) },
                    "deniable-records" => p with { DeniableRecords = true },
                    "exclusion-zones" => p with { ExclusionZones = true },
                    _ => throw new ArgumentException($"The edit '{edit.Key}' names the protection '{add.Protection}'; known: {string.Join(", ", AddProtection.Names)}.", nameof(edit)),
                };
            default:
                throw new ArgumentException($"The edit '{edit.Key}' does not apply to a flow.", nameof(edit));
        }
    }

    private static Element Edit(SystemModel model, Element element, DesignEdit edit)
    {
        switch (edit)
        {
            case MoveElement move:
                if (!model.TryGetOrganization(move.Organization, out var organization))
                    throw new ArgumentException($"The edit '{edit.Key}' names the organization '{move.Organization}', which the design does not have.", nameof(edit));
                return element with { OrganizationId = organization.Id, JurisdictionId = organization.JurisdictionId };
            case GrantRecourse:
                return element.Decision is { } decision
                    ? element with { Decision = decision with { SubjectInformed = true, InputsVisible = true, Appeal = true, Automated = false } }
                    : throw new ArgumentException($"The edit '{edit.Key}' names '{element.Id}', which makes no decision.", nameof(edit));
            case SetRetention retention:
                {
                    var spec = element.Retention ?? new RetentionSpec(null, false, false, SourceSpan.None);
                    var days = spec.Days is { } d ? Math.Min(d, retention.Days) : retention.Days;
                    return element with { Retention = spec with { Days = days, Deletion = true, Correction = true } };
                }

            case MoveToJurisdiction move:
                if (!model.TryGetJurisdiction(move.Jurisdiction, out var jurisdiction))
                    throw new ArgumentException($"The edit '{edit.Key}' names the jurisdiction '{move.Jurisdiction}', which the design does not have.", nameof(edit));
                return element with { JurisdictionId = jurisdiction.Id };
            case GrantRights:
                if (element.Decision is { } decided)
                {
                    element = element with { Decision = decided with { SubjectInformed = true, InputsVisible = true, Appeal = true } };
                }
                else if (element.Type != ElementType.Store)
                {
                    throw new ArgumentException($"The edit '{edit.Key}' names '{element.Id}', which is neither a store nor a process that decides about people.", nameof(edit));
                }

                return element.Type == ElementType.Store
                    ? element with { Retention = (element.Retention ?? new RetentionSpec(null, false, false, SourceSpan.None)) with { Deletion = true, Correction = true } }
                    : element;

            default:
                throw new ArgumentException($"The edit '{edit.Key}' does not apply to an element.", nameof(edit));
        }
    }

    /// <summary>
    /// The drop-item cascade: an element that held an item only because a flow now cut delivered it can no longer pass
    /// it on, so its onward flows stop carrying it too (and so on downstream). Reached from the item's origins in
    /// <paramref name="model"/> (senders that receive it from no one, and senders on a cycle nothing enters) along the flows that still
    /// deliver it after the edits; every flow whose sender is no longer reached stops carrying the item. An edit-level
    /// consequence written into the edited design as <c>protections.suppress</c>, not a change of how a design is read:
    /// in a design as written a sender that receives an item from no one is where the item comes from.
    /// </summary>
    private static void Cascade(SystemModel model, Dictionary<string, Flow> flows)
    {
        // The items some edit newly suppresses on some flow: only they can cascade.
        var cut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, edited) in flows)
        {
            var before = model.Flow(id).Protections.SuppressedItems;
            foreach (var item in edited.Protections.SuppressedItems)
            {
                if (!before.Contains(item, StringComparer.Ordinal))
                    cut.Add(item);
            }
        }

        if (cut.Count == 0)
            return;

        // The flows that carry each such item in the design as given (one pass over the flows), in flow-id order as the
        // graph takes them, each with whether it still delivers the item after the edits.
        var carriers = new Dictionary<string, List<(Flow Flow, bool Delivers)>>(StringComparer.Ordinal);
        foreach (var flow in model.Flows)
        {
            foreach (var item in flow.Items)
            {
                if (!cut.Contains(item) || !Delivers(flow, item))
                    continue;
                if (!carriers.TryGetValue(item, out var list))
                    carriers[item] = list = [];
                if (list.Count == 0 || !ReferenceEquals(list[^1].Flow, flow))
                    list.Add((flow, Delivers(flows.GetValueOrDefault(flow.Id) ?? flow, item)));
            }
        }

        foreach (var item in cut.Order(StringComparer.Ordinal))
        {
            if (!carriers.TryGetValue(item, out var list))
                continue;
            list.Sort((a, b) => string.CompareOrdinal(a.Flow.Id, b.Flow.Id));
            var receivers = new HashSet<string>(list.Select(c => c.Flow.To), StringComparer.Ordinal);
            var next = new Dictionary<string, List<(string To, bool Delivers)>>(StringComparer.Ordinal);
            foreach (var (flow, delivers) in list)
            {
                if (!next.TryGetValue(flow.From, out var targets))
                    next[flow.From] = targets = [];
                targets.Add((flow.To, delivers));
            }

            // Where the item comes from: senders that receive it from no one, and every sender on a cycle that nothing
            // enters (the graph takes one of them as the source; an edit inside such a cycle cuts nothing, whichever
            // one it takes, so the same edits give the same design one at a time or all at once).
            var origins = new List<string>();
            var heldBefore = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (flow, _) in list)
            {
                if (!receivers.Contains(flow.From) && heldBefore.Add(flow.From))
                    origins.Add(flow.From);
            }

            Reach(heldBefore, next, all: true);
            foreach (var (flow, _) in list)
            {
                if (!heldBefore.Contains(flow.From) && !origins.Contains(flow.From))
                    origins.Add(flow.From);
            }

            var held = new HashSet<string>(origins, StringComparer.Ordinal);
            Reach(held, next, all: false);
            foreach (var (flow, delivers) in list)
            {
                if (!delivers || held.Contains(flow.From))
                    continue;
                var now = flows.GetValueOrDefault(flow.Id) ?? flow;
                flows[flow.Id] = now with { Protections = now.Protections with { SuppressedItems = Suppressing(now, now.Protections.SuppressedItems, item) } };
            }
        }
    }

    /// <summary>
    /// The suppressed items with one more, in one order whatever order the edits came in: as the flow lists its items,
    /// then any it does not list, by id.
    /// </summary>
    private static IReadOnlyList<string> Suppressing(Flow flow, IReadOnlyList<string> suppressed, string item)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var k = 0; k < flow.Items.Count; k++)
            position.TryAdd(flow.Items[k], k);
        return [.. suppressed.Append(item)
            .OrderBy(i => position.TryGetValue(i, out var at) ? at : int.MaxValue)
            .ThenBy(i => i, StringComparer.Ordinal)];
    }

    private static bool Delivers(Flow flow, string item) =>
        flow.Items.Contains(item, StringComparer.Ordinal) && !FlowFacts.Of(flow).Suppresses(item);

    /// <summary>Grows <paramref name="held"/> by every element reached from it along the carriers (<paramref name="all"/>, or only those that still deliver).</summary>
    private static void Reach(HashSet<string> held, Dictionary<string, List<(string To, bool Delivers)>> next, bool all)
    {
        var queue = new Queue<string>(held);
        while (queue.TryDequeue(out var element))
        {
            if (!next.TryGetValue(element, out var targets))
                continue;
            foreach (var (to, delivers) in targets)
            {
                if ((all || delivers) && held.Add(to))
                    queue.Enqueue(to);
            }
        }
    }

    private static void KnownItem(SystemModel model, string item, DesignEdit edit)
    {
        if (!model.TryGetItem(item, out _))
            throw new ArgumentException($"The edit '{edit.Key}' names the item '{item}', which the design does not have.", nameof(edit));
    }

    private static double? Coarser(double? existing, double? wanted) =>
        existing is { } e && wanted is { } w ? Math.Max(e, w) : existing ?? wanted;

    private static int Whole(AddProtection add) =>
        int.TryParse(add.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k > 1
            ? k
            : throw new ArgumentException($"The edit '{add.Key}' needs a whole threshold above 1 as its value.", nameof(add));

    private static double Real(AddProtection add) =>
        double.TryParse(add.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var epsilon) && epsilon > 0 && double.IsFinite(epsilon)
            ? epsilon
            : throw new ArgumentException($"The edit '{add.Key}' needs a positive epsilon as its value.", nameof(add));
}
