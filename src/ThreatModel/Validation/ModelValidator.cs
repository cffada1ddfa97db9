using System.Globalization;
using ThreatModel.Knowledge;
using ThreatModel.Model;

namespace ThreatModel.Validation;

/// <summary>
/// Checks what a design means, once its syntax is sound: every reference resolves, ids are unique,
/// numbers are in range, derivations have no cycles. Reports every problem, not just the first.
/// </summary>
public static class ModelValidator
{
    /// <summary>Every problem in the model, in design order.</summary>
    public static IReadOnlyList<Diagnostic> Validate(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Validate(model, null);
    }

    /// <summary>Every problem in the model, pointing at the offending values when the locator knows where they stand in the file.</summary>
    internal static IReadOnlyList<Diagnostic> Validate(SystemModel model, ISourceLocator? locator)
    {
        ArgumentNullException.ThrowIfNull(model);
        var checker = new Checker(model, locator);
        checker.Run();
        return checker.Diagnostics;
    }

    private sealed class Checker(SystemModel model, ISourceLocator? locator)
    {
        // The ids "did you mean" chooses from, gathered the first time a message needs them.
        private string[]? _subjectIds;
        private string[]? _itemIds;
        private string[]? _elementIds;
        private string[]? _organizationIds;

        // "Did you mean" compares a name with every candidate; a design with many thousands of dangling references
        // would make that quadratic, so the comparisons share a budget and later diagnostics go without a hint.
        private long _hintBudget = 50_000_000;

        public List<Diagnostic> Diagnostics { get; } = [];

        private string[] SubjectIds => _subjectIds ??= [.. model.Subjects.Select(s => s.Id)];

        private string[] ItemIds => _itemIds ??= [.. model.Items.Select(i => i.Id)];

        private string[] ElementIds => _elementIds ??= [.. model.Elements.Select(e => e.Id)];

        private string[] OrganizationIds => _organizationIds ??= [.. model.Organizations.Select(o => o.Id)];

        public void Run()
        {
            CheckUnique(model.Subjects, s => s.Id, s => s.Span, ModelPart.Subject, "subject", model.TryGetSubject);
            CheckUnique(model.Items, i => i.Id, i => i.Span, ModelPart.Item, "data item", model.TryGetItem);
            CheckUnique(model.Elements, e => e.Id, e => e.Span, ModelPart.Element, "element", model.TryGetElement);
            CheckUnique(model.Flows, f => f.Id, f => f.Span, ModelPart.Flow, "flow", model.TryGetFlow);
            CheckUnique(model.Organizations, o => o.Id, o => o.Span, ModelPart.Organization, "organization", model.TryGetOrganization);
            CheckUnique(model.Jurisdictions, j => j.Id, j => j.Span, ModelPart.Jurisdiction, "jurisdiction", model.TryGetJurisdiction);
            CheckUnique(model.Purposes, p => p.Id, p => p.Span, ModelPart.Purpose, "purpose", model.TryGetPurpose);

            if (model.Elements.Count == 0 && model.Flows.Count == 0 && !Broken("elements") && !Broken("flows"))
            {
                Error(
                    DiagnosticCodes.EmptyDesign,
                    "The design declares no elements and no flows: there is nothing to analyse. Expected at least one element under 'elements' and one flow under 'flows'.",
                    ModelPart.Design, 0, "elements", SourceSpan.At(model.SourceFile, 1, 1));
            }

            CheckSettings();
            CheckSubjects();
            CheckItems();
            CheckElements();
            CheckFlows();
            CheckDefaultedDensities();
            CheckDerivationSources();
            CheckPurposes();
        }

        /// <summary>
        /// A subject about whom the design holds positions (a location item, an item with a precision, a trace with a spatial resolution) but
        /// gives no density: proximity and location estimates silently assume the urban default, which can be orders of
        /// magnitude off for a sparse group (taxi drivers, debtors, users of one app).
        /// </summary>
        private void CheckDefaultedDensities()
        {
            HashSet<string>? located = null;
            foreach (var item in model.Items)
            {
                if (item.Kind == DataItemKind.Location || item.Location is not null || item.Trace?.SpatialResolutionMetres is not null)
                    (located ??= new HashSet<string>(StringComparer.Ordinal)).Add(item.SubjectId);
            }

            if (located is null)
                return;
            var fallback = DensityPresets.Default;
            for (var i = 0; i < model.Subjects.Count; i++)
            {
                var subject = model.Subjects[i];
                if (subject.Density is not null || !located.Contains(subject.Id))
                    continue;
                Warn(
                    DiagnosticCodes.DefaultedDensity,
                    $"Subject '{subject.Id}' has no density, so proximity and location estimates assume the '{DensityPresets.DefaultName}' default "
                    + $"({fallback.PeoplePerSquareKilometre.ToString("N0", CultureInfo.InvariantCulture)} people per km²). State the density of these people where they are, "
                    + $"as a number per km² or a preset ({string.Join(", ", DensityPresets.Names)}), with its source.",
                    ModelPart.Subject, i, "id", subject.Span);
            }
        }

        /// <summary>
        /// A derived item is computed where it enters the flows: at an element that sends it and receives it from no one.
        /// Where that element receives other flows, each source the item names must reach it (or start there, or be
        /// computed there); one that never does is a gap in the design.
        /// </summary>
        private void CheckDerivationSources()
        {
            Dictionary<string, int>? derived = null;
            for (var i = 0; i < model.Items.Count; i++)
            {
                if (model.Items[i].DerivedFrom.Count > 0)
                    (derived ??= new Dictionary<string, int>(StringComparer.Ordinal)).TryAdd(model.Items[i].Id, i);
            }

            if (derived is null)
                return;

            // Who sends each derived item, once, in flow order; then, for those elements only, what they receive
            // (suppressed items stay behind) and send: a large design has many flows, few of them at a computing element.
            var receivers = new HashSet<string>(StringComparer.Ordinal);
            var senders = new List<(int Item, string Element)>();
            var computing = new HashSet<(string Element, string Item)>();
            foreach (var flow in model.Flows)
            {
                foreach (var item in flow.Items)
                {
                    if (derived.TryGetValue(item, out var index) && computing.Add((flow.From, item)))
                        senders.Add((index, flow.From));
                }
            }

            var computers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (_, element) in senders)
                computers.Add(element);
            // Only derived items and what they are derived from are ever asked about: the other items of a flow are skipped.
            var relevant = new HashSet<string>(derived.Keys, StringComparer.Ordinal);
            foreach (var position in derived.Values)
                relevant.UnionWith(model.Items[position].DerivedFrom);
            var received = new HashSet<(string Element, string Item)>();
            var sent = new HashSet<(string Element, string Item)>();
            var computable = new Dictionary<(string Element, string Item), bool>();
            foreach (var flow in model.Flows)
            {
                var fromComputer = computers.Contains(flow.From);
                var toComputer = computers.Contains(flow.To);
                if (!fromComputer && !toComputer)
                    continue;
                if (toComputer)
                    receivers.Add(flow.To); // only computing elements are ever asked whether they receive anything
                foreach (var item in flow.Items)
                {
                    if (!relevant.Contains(item))
                        continue;
                    if (fromComputer)
                        sent.Add((flow.From, item));
                    if (toComputer && !flow.Protections.SuppressedItems.Contains(item, StringComparer.Ordinal))
                        received.Add((flow.To, item));
                }
            }

            // Items in design order, the elements of one item in flow order.
            foreach (var (index, element) in senders.OrderBy(s => s.Item))
            {
                // An element that receives no flow at all (a person, an outside source) is where data enter the design:
                // what it computes from is outside the design, and only what it sends is stated.
                var item = model.Items[index];
                if (!receivers.Contains(element) || received.Contains((element, item.Id)))
                    continue;
                var missing = new List<string>();
                var firstMissing = -1;
                for (var j = 0; j < item.DerivedFrom.Count; j++)
                {
                    var source = item.DerivedFrom[j];
                    if (!model.TryGetItem(source, out _) || missing.Contains(source) || Available(element, source, 0))
                        continue;
                    missing.Add(source);
                    if (firstMissing < 0)
                        firstMissing = j;
                }

                if (missing.Count == 0)
                    continue;
                var names = string.Join(", ", missing.Select(m => $"'{m}'"));
                var one = missing.Count == 1;
                Warn(
                    DiagnosticCodes.SourceNotReceived,
                    $"Data item '{item.Id}' is derived from {names}, but '{element}', which computes it (sends it and receives it from no one), never receives "
                    + $"{(one ? "that item" : "those items")}. Add the flow that brings {(one ? "it" : "them")} to '{element}', or remove {(one ? "it" : "them")} from derivedFrom.",
                    ModelPart.Item, index, "derivedFrom", item.Span, firstMissing);
            }

            // An element has an item when it receives it, sends it, or can compute it there from items it has (a chain
            // of derivations inside one element); derivation cycles are errors of their own, so the depth is only a guard.
            bool Available(string element, string item, int depth)
            {
                if (received.Contains((element, item)) || sent.Contains((element, item)))
                    return true;
                if (depth >= 32 || !derived.TryGetValue(item, out var position))
                    return false;
                if (computable.TryGetValue((element, item), out var known))
                    return known;
                var all = true;
                foreach (var source in model.Items[position].DerivedFrom)
                    all = all && Available(element, source, depth + 1);
                computable[(element, item)] = all;
                return all;
            }
        }

        /// <summary>
        /// Flow purposes in neither the purpose table nor the design: purpose-creep treats them as compatible with nothing,
        /// so a typo shows up as findings; the warning says which purpose was probably meant. One warning per purpose,
        /// at its first flow.
        /// </summary>
        private void CheckPurposes()
        {
            var table = PurposeCompatibility.For(model);
            var unknown = table.UnknownPurposes(model);
            if (unknown.Count == 0)
                return;
            var known = table.KnownNames();
            foreach (var (purpose, flows) in unknown)
            {
                var first = model.Flows[flows[0]];
                var others = flows.Count == 1 ? string.Empty
                    : flows.Count == 2 ? $" (also on flow '{model.Flows[flows[1]].Id}')"
                    : $" (also on {flows.Count - 1} other flows, the first '{model.Flows[flows[1]].Id}')";
                var hint = Closest(purpose, known) is { } match && NameSuggester.IsCloseTypo(purpose, match)
                    ? $" Did you mean '{match}'?"
                    : " Use a purpose of docs/purposes.md, or declare it under 'purposes' with the purposes it is compatible with.";
                Warn(
                    DiagnosticCodes.UnknownPurpose,
                    $"Flow '{first.Id}' has purpose '{first.Purpose}'{others}, which is in neither the purpose table (docs/purposes.md) nor the design's 'purposes'; "
                    + $"purpose-creep (TM006) treats it as compatible with no other purpose.{hint}",
                    ModelPart.Flow, flows[0], "purpose", first.Span);
            }
        }

        private void CheckSettings()
        {
            var s = model.Settings;
            var fallback = SourceSpan.At(model.SourceFile, 1, 1);
            if (!(s.UniquenessThreshold is >= 0 and <= 1))
                Error(DiagnosticCodes.OutOfRange, $"The setting uniquenessThreshold is {Format(s.UniquenessThreshold)}; expected a share between 0 and 1 (default 0.05).", ModelPart.Settings, 0, "uniquenessThreshold", fallback);
            if (!(s.MinimumAnonymitySet >= 1) || !double.IsFinite(s.MinimumAnonymitySet))
                Error(DiagnosticCodes.OutOfRange, $"The setting minimumAnonymitySet is {Format(s.MinimumAnonymitySet)}; expected a number of people of at least 1 (default 10).", ModelPart.Settings, 0, "minimumAnonymitySet", fallback);
            if (!(s.LinkageUniquenessThreshold is >= 0 and <= 1))
                Error(DiagnosticCodes.OutOfRange, $"The setting linkageUniquenessThreshold is {Format(s.LinkageUniquenessThreshold)}; expected a share between 0 and 1 (default 0.5).", ModelPart.Settings, 0, "linkageUniquenessThreshold", fallback);
        }

        private void CheckSubjects()
        {
            for (var i = 0; i < model.Subjects.Count; i++)
            {
                var subject = model.Subjects[i];
                if (subject.Population < 1)
                    Error(DiagnosticCodes.OutOfRange, $"Subject '{subject.Id}' has population {subject.Population}; expected a whole number of at least 1.", ModelPart.Subject, i, "population", subject.Span);
                if (subject.Density is { } d && (!double.IsFinite(d.PeoplePerSquareKilometre) || d.PeoplePerSquareKilometre <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Subject '{subject.Id}' has density {Format(d.PeoplePerSquareKilometre)}; expected a positive number of people per square kilometre or a preset ({string.Join(", ", DensityPresets.Names)}).", ModelPart.Subject, i, "density", subject.Span);
            }
        }

        private void CheckItems()
        {
            for (var i = 0; i < model.Items.Count; i++)
            {
                var item = model.Items[i];
                if (!model.TryGetSubject(item.SubjectId, out _) && !Broken("subjects"))
                    Error(DiagnosticCodes.UndefinedReference, $"Data item '{item.Id}' is about subject '{item.SubjectId}', which is not declared under 'subjects'.{Hint(item.SubjectId, SubjectIds)}", ModelPart.Item, i, "subject", item.Span);
                for (var j = 0; j < item.DerivedFrom.Count; j++)
                {
                    var source = item.DerivedFrom[j];
                    if (!model.TryGetItem(source, out _) && !Broken("items"))
                        Error(DiagnosticCodes.UndefinedReference, $"Data item '{item.Id}' is derived from '{source}', which is not a declared data item.{Hint(source, ItemIds)}", ModelPart.Item, i, "derivedFrom", item.Span, j);
                }

                if (item.QuasiIdentifier is { } qi)
                {
                    if (qi.Cardinality is { } c && (!double.IsFinite(c) || c < 1))
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has cardinality {Format(c)}; expected the number of distinct values, at least 1.", ModelPart.Item, i, "cardinality", item.Span);
                    if (qi.PeoplePerValue is { } p && (!double.IsFinite(p) || p <= 0))
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has peoplePerValue {Format(p)}; expected a positive number of people sharing one value.", ModelPart.Item, i, "peoplePerValue", item.Span);
                }

                if (item.Location is { } loc && (!double.IsFinite(loc.PrecisionMetres) || loc.PrecisionMetres <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has precision {Format(loc.PrecisionMetres)} m; expected a positive number of metres.", ModelPart.Item, i, "precision", item.Span);
                if (item.Trace is { } trace)
                {
                    if (trace.PointsPerPerson < 1)
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a trace of {trace.PointsPerPerson} points per person; expected at least 1.", ModelPart.Item, i, "trace.points", item.Span);
                    if (trace.SpatialResolutionMetres is { } s && (!double.IsFinite(s) || s <= 0))
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a trace spatial resolution of {Format(s)} m; expected a positive number of metres.", ModelPart.Item, i, "trace.spatialResolution", item.Span);
                    if (trace.KnownPoints is < 1)
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a trace an adversary knows {trace.KnownPoints} points of; expected at least 1.", ModelPart.Item, i, "trace.knownPoints", item.Span);
                    if (!double.IsFinite(trace.TemporalResolutionMinutes) || trace.TemporalResolutionMinutes <= 0)
                        Error(DiagnosticCodes.OutOfRange, $"Data item '{item.Id}' has a trace temporal resolution of {Format(trace.TemporalResolutionMinutes)} minutes; expected a positive number of minutes.", ModelPart.Item, i, "trace.temporalResolution", item.Span);
                }
            }

            foreach (var (cycle, index, position) in DerivationCycles())
            {
                var item = model.Items[index];
                Error(DiagnosticCodes.DerivationCycle, $"Data item '{cycle[0]}' is derived from itself through {string.Join(" <- ", cycle)}; expected derivations to end at collected items.", ModelPart.Item, index, "derivedFrom", item.Span, position);
            }
        }

        private void CheckElements()
        {
            for (var i = 0; i < model.Elements.Count; i++)
            {
                var element = model.Elements[i];
                if (element.SubjectId is { } subject && !model.TryGetSubject(subject, out _) && !Broken("subjects"))
                    Error(DiagnosticCodes.UndefinedReference, $"Element '{element.Id}' is subject '{subject}', which is not declared under 'subjects'.{Hint(subject, SubjectIds)}", ModelPart.Element, i, "subject", element.Span);
                if (element.Decision?.SubjectId is { } decided && !model.TryGetSubject(decided, out _) && !Broken("subjects"))
                    Error(DiagnosticCodes.UndefinedReference, $"The decision of element '{element.Id}' is about subject '{decided}', which is not declared under 'subjects'.{Hint(decided, SubjectIds)}", ModelPart.Element, i, "decision.subject", element.Decision.Span);
                if (element.Retention is { Days: < 0 } retention)
                    Error(DiagnosticCodes.OutOfRange, $"Element '{element.Id}' keeps data for {retention.Days} days; expected a number of days of at least 0.", ModelPart.Element, i, "retention.days", retention.Span);
            }
        }

        private void CheckFlows()
        {
            for (var i = 0; i < model.Flows.Count; i++)
            {
                var flow = model.Flows[i];
                if (!model.TryGetElement(flow.From, out _) && !Broken("elements"))
                    Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' comes from '{flow.From}', which is not a declared element.{Hint(flow.From, ElementIds)}", ModelPart.Flow, i, "from", flow.Span);
                if (!model.TryGetElement(flow.To, out _) && !Broken("elements"))
                    Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' goes to '{flow.To}', which is not a declared element.{Hint(flow.To, ElementIds)}", ModelPart.Flow, i, "to", flow.Span);
                for (var j = 0; j < flow.Items.Count; j++)
                {
                    var item = flow.Items[j];
                    if (!model.TryGetItem(item, out _) && !Broken("items"))
                        Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' carries '{item}', which is not a declared data item.{Hint(item, ItemIds)}", ModelPart.Flow, i, "items", flow.Span, j);
                }

                var p = flow.Protections;
                IReadOnlyCollection<string> carried = flow.Items.Count > 16 ? new HashSet<string>(flow.Items, StringComparer.Ordinal) : flow.Items;
                IEnumerable<KeyValuePair<string, Generalization>> generalizations = p.Generalizations.Count == 0 ? [] : p.Generalizations.OrderBy(g => g.Key, StringComparer.Ordinal);
                foreach (var (item, generalization) in generalizations)
                {
                    if (!carried.Contains(item))
                        Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' generalizes '{item}', which the flow does not carry; expected one of its items ({Names(flow.Items)}).{Hint(item, flow.Items)}", ModelPart.Flow, i, "protections.generalize", flow.Span, key: item);
                    CheckGeneralization(flow, i, item, generalization);
                }

                for (var j = 0; j < p.SuppressedItems.Count; j++)
                {
                    var item = p.SuppressedItems[j];
                    if (!carried.Contains(item))
                        Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' suppresses '{item}', which the flow does not carry; expected one of its items ({Names(flow.Items)}).{Hint(item, flow.Items)}", ModelPart.Flow, i, "protections.suppress", flow.Span, j);
                }

                for (var j = 0; j < p.ConsentOf.Count; j++)
                {
                    var subject = p.ConsentOf[j];
                    if (!model.TryGetSubject(subject, out _) && !Broken("subjects"))
                        Error(DiagnosticCodes.UndefinedReference, $"Flow '{flow.Id}' records the consent of '{subject}', which is not a declared data subject.{Hint(subject, SubjectIds)}", ModelPart.Flow, i, "protections.consentOf", flow.Span, j);
                }

                // A key holder may be an organization with no elements (a trusted third party), so an unknown one is
                // only suspicious when it is one typo away from a known organization.
                if (p.Pseudonymization?.KeyHolder is { } keyHolder && !model.TryGetOrganization(keyHolder, out _)
                    && Closest(keyHolder, OrganizationIds) is { } likely)
                    Warn($"Flow '{flow.Id}' names '{keyHolder}' as the holder of the pseudonymization key, which is not an organization of the design. Did you mean '{likely}'? (Declare '{keyHolder}' under 'organizations' if it is a separate key holder.)", ModelPart.Flow, i, "protections.pseudonymized.keyHolder", flow.Span);
                if (p.AggregationThreshold is < 1)
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has aggregation threshold {p.AggregationThreshold}; expected at least 1.", ModelPart.Flow, i, "protections.aggregationThreshold", flow.Span);
                if (p.DifferentialPrivacyEpsilon is { } eps && (!double.IsFinite(eps) || eps <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has differential-privacy epsilon {Format(eps)}; expected a positive number.", ModelPart.Flow, i, "protections.differentialPrivacy", flow.Span);
                if (p.RateLimitPerDay is < 0)
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' has rate limit {p.RateLimitPerDay} a day; expected at least 0.", ModelPart.Flow, i, "protections.rateLimit", flow.Span);
                if (p.SnapToGridMetres is { } grid && (!double.IsFinite(grid) || grid <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' snaps to a grid of {Format(grid)} m; expected a positive number of metres.", ModelPart.Flow, i, "protections.snapToGrid", flow.Span);
                if (p.RetentionDays is < 0)
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' keeps data for {p.RetentionDays} days; expected at least 0.", ModelPart.Flow, i, "protections.retentionDays", flow.Span);
                if (flow.Query?.RadiusMetres is { } radius && (!double.IsFinite(radius) || radius <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' queries a radius of {Format(radius)} m; expected a positive number of metres.", ModelPart.Flow, i, "query.radius", flow.Query.Span);
                if (flow.Query?.RoundedToMetres is { } rounded && (!double.IsFinite(rounded) || rounded <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' rounds shown distances to {Format(rounded)} m; expected a positive number of metres.", ModelPart.Flow, i, "query.roundedToMetres", flow.Query.Span);
                if (flow.Items.Count == 0)
                    Warn($"Flow '{flow.Id}' carries no data items; list what it carries under 'items' so rules can see it.", ModelPart.Flow, i, "items", flow.Span);
                if (flow.From == flow.To && flow.From.Length > 0)
                    Warn($"Flow '{flow.Id}' goes from '{flow.From}' to itself.", ModelPart.Flow, i, "to", flow.Span);
            }
        }

        private void CheckGeneralization(Flow flow, int index, string item, Generalization generalization)
        {
            const string where = "protections.generalize";
            if (generalization.QuasiIdentifier is { } qi)
            {
                if (qi.Cardinality is { } c && (!double.IsFinite(c) || c < 1))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' generalizes '{item}' to cardinality {Format(c)}; expected the number of distinct values, at least 1.", ModelPart.Flow, index, where, flow.Span, key: item);
                if (qi.PeoplePerValue is { } p && (!double.IsFinite(p) || p <= 0))
                    Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' generalizes '{item}' to {Format(p)} people per value; expected a positive number.", ModelPart.Flow, index, where, flow.Span, key: item);
            }

            if (generalization.PrecisionMetres is { } precision && (!double.IsFinite(precision) || precision <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' generalizes '{item}' to a precision of {Format(precision)} m; expected a positive number of metres.", ModelPart.Flow, index, where, flow.Span, key: item);
            if (generalization.TemporalResolutionMinutes is { } minutes && (!double.IsFinite(minutes) || minutes <= 0))
                Error(DiagnosticCodes.OutOfRange, $"Flow '{flow.Id}' generalizes '{item}' to a temporal resolution of {Format(minutes)} minutes; expected a positive number of minutes.", ModelPart.Flow, index, where, flow.Span, key: item);
        }

        private void CheckUnique<T>(IReadOnlyList<T> values, Func<T, string> id, Func<T, SourceSpan> span, ModelPart part, string what, Lookup<T> lookup)
            where T : class
        {
            // The model keeps the first declaration of each id: when every object is the one its id finds there, no id
            // is declared twice, and there is nothing to report (the usual case, checked without a table of its own).
            var distinct = true;
            for (var i = 0; i < values.Count && distinct; i++)
                distinct = lookup(id(values[i]), out var found) && ReferenceEquals(found, values[i]);
            if (distinct)
                return;

            var seen = new Dictionary<string, int>(values.Count, StringComparer.Ordinal);
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i];
                var key = id(value);
                if (locator is not null && locator.IsReported(part, i, "id"))
                    continue;
                if (seen.TryAdd(key, i))
                    continue;
                var firstIndex = seen[key];
                var first = Locate(part, firstIndex, "id", span(values[firstIndex]));
                var where = first.IsKnown ? $" (first declared at line {first.Line}, column {first.Column})" : string.Empty;
                Error(DiagnosticCodes.Duplicate, $"The {what} id '{key}' is declared twice{where}; expected every {what} id to be unique. Rename one of them.", part, i, "id", span(value));
            }
        }

        /// <summary>Finds the object the model holds for an id.</summary>
        private delegate bool Lookup<T>(string id, out T value);

        /// <summary>The most derivation cycles reported; a design with more has a few root mistakes repeated.</summary>
        private const int MaxCycles = 100;

        /// <summary>Each derivation cycle once (at most <see cref="MaxCycles"/>), as the chain of item ids starting at its first item in design order, with where to point.</summary>
        private List<(string[] Cycle, int Index, int Position)> DerivationCycles()
        {
            var indexOf = new Dictionary<string, int>(model.Items.Count, StringComparer.Ordinal);
            for (var i = 0; i < model.Items.Count; i++)
                indexOf.TryAdd(model.Items[i].Id, i);

            var cycles = new List<(string[], int, int)>();
            var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on stack, 2 = done
            var stack = new List<string>();
            foreach (var item in model.Items)
            {
                // Iterative depth-first search, so a very long derivation chain cannot overflow the stack.
                var work = new Stack<(string Id, int Next)>();
                work.Push((item.Id, 0));
                while (work.Count > 0)
                {
                    var (current, next) = work.Pop();
                    if (next == 0)
                    {
                        if (state.GetValueOrDefault(current) != 0)
                            continue;
                        state[current] = 1;
                        stack.Add(current);
                    }

                    var sources = indexOf.TryGetValue(current, out var currentIndex) ? model.Items[currentIndex].DerivedFrom : [];
                    if (next < sources.Count)
                    {
                        work.Push((current, next + 1));
                        var source = sources[next];
                        switch (state.GetValueOrDefault(source))
                        {
                            case 0 when indexOf.ContainsKey(source):
                                work.Push((source, 0));
                                break;
                            case 1 when cycles.Count < MaxCycles:
                                string[] cycle = [.. stack[stack.IndexOf(source)..], source];
                                var first = indexOf[cycle[0]];
                                var position = IndexOf(model.Items[first].DerivedFrom, cycle[1]);
                                cycles.Add((cycle, first, position));
                                break;
                        }
                    }
                    else
                    {
                        state[current] = 2;
                        stack.RemoveAt(stack.Count - 1);
                    }
                }
            }

            return cycles;
        }

        private string Hint(string name, IReadOnlyCollection<string> candidates) =>
            Closest(name, candidates) is { } match ? $" Did you mean '{match}'?" : string.Empty;

        private string? Closest(string name, IReadOnlyCollection<string> candidates)
        {
            var length = Math.Max(1, Math.Min(name.Length, 128));
            var cost = (long)candidates.Count * length * length;
            if (cost > _hintBudget)
                return null;
            _hintBudget -= cost;
            return NameSuggester.Closest(name, candidates);
        }

        /// <summary>Up to ten names for a message, then how many more.</summary>
        private static string Names(IReadOnlyList<string> names) =>
            names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", names.Take(10)) + $" and {names.Count - 10} more";

        private static int IndexOf(IReadOnlyList<string> values, string value)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (string.Equals(values[i], value, StringComparison.Ordinal))
                    return i;
            }

            return -1;
        }

        /// <summary>True when the reader could not read a whole top-level section, so references into it would only repeat that problem.</summary>
        private bool Broken(string section) => locator is not null && locator.IsReported(ModelPart.Design, 0, section);

        private SourceSpan Locate(ModelPart part, int index, string field, SourceSpan fallback, int listIndex = -1, string? key = null) =>
            locator?.Locate(part, index, field, listIndex, key, fallback) ?? fallback;

        private void Error(string code, string message, ModelPart part, int index, string field, SourceSpan fallback, int listIndex = -1, string? key = null)
        {
            if (locator is not null && locator.IsReported(part, index, field))
                return;
            Diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, Locate(part, index, field, fallback, listIndex, key)));
        }

        private void Warn(string message, ModelPart part, int index, string field, SourceSpan fallback) =>
            Warn(DiagnosticCodes.Suspicious, message, part, index, field, fallback);

        private void Warn(string code, string message, ModelPart part, int index, string field, SourceSpan fallback, int listIndex = -1)
        {
            if (locator is not null && locator.IsReported(part, index, field))
                return;
            // A warning does not make the reader read a large design again for an exact position: the object's own span serves.
            var span = locator is null || locator.PositionsAreCheap ? Locate(part, index, field, fallback, listIndex) : fallback;
            Diagnostics.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, span));
        }

        private static string Format(double value) => value switch
        {
            double.NaN => "NaN",
            double.PositiveInfinity => "infinity",
            double.NegativeInfinity => "minus infinity",
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
    }
}
