using System.Globalization;
using System.Text.RegularExpressions;
using ThreatModel.Formats.Tree;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Import.Fides;

/// <summary>
/// Turns the resources of a Fides manifest into the node tree of a ThreatModel design, every node placed at the
/// manifest value it comes from, so the design binder and validator read it (and point into the manifest) exactly as
/// they read a design file. Systems become processes (third-party systems external parties), datasets stores, the
/// <c>user</c> end of a data flow one person per data subject; <c>egress</c>/<c>ingress</c> become flows carrying
/// their data categories, one per purpose the privacy declarations give them. What the manifest does not say is
/// reported (TM2150-TM2161), never made up. The mapping is documented in docs/import-fides.md.
/// </summary>
internal sealed partial class FidesTranslator
{
    private enum EndKind
    {
        System,
        Dataset,
        User,
    }

    private readonly record struct End(EndKind Kind, string Key);

    private sealed record DeclarationOf(FidesDeclaration Declaration, FidesSystem Owner);

    private sealed class Link(End from, End to, SourceSpan span, bool categoriesGiven)
    {
        public End From { get; } = from;

        public End To { get; } = to;

        public SourceSpan Span { get; } = span;

        public bool CategoriesGiven { get; set; } = categoriesGiven;

        public List<Located> Categories { get; } = [];
    }

    private sealed class Group(string purpose, SourceSpan purposeSpan)
    {
        public string Purpose { get; } = purpose;

        public SourceSpan PurposeSpan { get; } = purposeSpan;

        public List<DeclarationOf> Declarations { get; } = [];

        public List<Located> Categories { get; } = [];
    }

    private sealed record ItemInfo(string Id, string Category, string Subject, SourceSpan Span);

    private readonly FidesManifest _manifest;
    private readonly DiagnosticBag _diagnostics;
    private readonly string _name;
    private readonly SourceSpan _origin;
    private readonly Dictionary<string, FidesSystem> _systems = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FidesDataset> _datasets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FidesTaxonomyEntry> _customCategories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FidesTaxonomyEntry> _customUses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FidesTaxonomyEntry> _customSubjects = new(StringComparer.Ordinal);
    private readonly List<DesignNode> _organizations = [];
    private readonly List<DesignNode> _elements = [];
    private readonly List<DesignNode> _flows = [];
    private readonly HashSet<string> _elementIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flowIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _organizationIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _personElements = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _subjects = new(StringComparer.Ordinal);
    private readonly HashSet<string> _vulnerableSubjects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ItemInfo> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SourceSpan> _purposes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _moved = new(StringComparer.Ordinal);

    public FidesTranslator(FidesManifest manifest, DiagnosticBag diagnostics, string name, SourceSpan origin)
    {
        _manifest = manifest;
        _diagnostics = diagnostics;
        _name = name;
        _origin = origin;
    }

    /// <summary>The ids of flows reported as carrying nothing (TM2150), so the validator's own note on them can be left out.</summary>
    public HashSet<string> EmptyFlows { get; } = new(StringComparer.Ordinal);

    /// <summary>The design tree.</summary>
    public MappingNode Translate()
    {
        Index();
        foreach (var system in _systems.Values)
            AddSystemElement(system);
        foreach (var dataset in _datasets.Values)
            AddDatasetElement(dataset);
        foreach (var organization in _manifest.Organizations)
        {
            if (_organizationIds.Add(organization.Key.Value))
                _organizations.Add(Map(organization.Span, ("id", Text(organization.Key)), ("name", Text(organization.Name, organization.Key.Span))));
        }

        ReportDeclarationGaps();
        foreach (var link in Links())
            AddFlows(link);
        foreach (var system in _systems.Values)
            AddImpliedCollection(system);
        foreach (var system in _systems.Values)
        {
            AddThirdPartySharing(system);
            AddTransfers(system);
        }

        var name = _manifest.Organizations.Count > 0 ? _manifest.Organizations[0].Name : _name;
        return Map(
            _origin,
            ("name", Text(name, _origin)),
            ("description", Text($"Read from the Fides manifest '{_name}' (docs/import-fides.md).", _origin)),
            ("organizations", List(_organizations)),
            ("subjects", List(Subjects())),
            ("items", List(Items())),
            ("elements", List(_elements)),
            ("flows", List(_flows)),
            ("purposes", List(Purposes())));
    }

    private void Index()
    {
        foreach (var system in _manifest.Systems)
        {
            if (!_systems.TryAdd(system.Key.Value, system))
                Duplicate("system", system.Key, _systems[system.Key.Value].Key.Span);
        }

        foreach (var dataset in _manifest.Datasets)
        {
            if (!_datasets.TryAdd(dataset.Key.Value, dataset))
                Duplicate("dataset", dataset.Key, _datasets[dataset.Key.Value].Key.Span);
        }

        foreach (var category in _manifest.CategoryExtensions)
            _customCategories.TryAdd(category.Key.Value, category);
        foreach (var use in _manifest.UseExtensions)
            _customUses.TryAdd(use.Key.Value, use);
        foreach (var subject in _manifest.SubjectExtensions)
            _customSubjects.TryAdd(subject.Key.Value, subject);
    }

    private void Duplicate(string kind, Located key, SourceSpan first) =>
        _diagnostics.Error(
            FidesDiagnosticCodes.DuplicateKey,
            $"The {kind} fides_key '{key.Value}' is declared twice (first at {first}); expected every {kind} to have its own fides_key. Rename one of them.",
            key.Span);

    private static bool IsThirdParty(FidesSystem system) =>
        system.SystemType is { } type && (type.Contains("third", StringComparison.OrdinalIgnoreCase)
            || type.Contains("vendor", StringComparison.OrdinalIgnoreCase) || type.Contains("3rd", StringComparison.OrdinalIgnoreCase));

    private void AddSystemElement(FidesSystem system)
    {
        var thirdParty = IsThirdParty(system);
        var organization = thirdParty ? system.Key.Value : system.Organization;
        if (thirdParty && _organizationIds.Add(organization))
        {
            _organizations.Add(Map(
                system.Span,
                ("id", Text(organization, system.Key.Span)),
                ("name", Text(system.LegalName ?? system.Name, system.Key.Span)),
                ("kind", Text("company", system.Key.Span))));
        }

        _elementIds.Add(system.Key.Value);
        var fields = new List<(string, DesignNode)>
        {
            ("id", Text(system.Key)),
            ("name", Text(system.Name, system.Key.Span)),
            ("type", Text(thirdParty ? "external" : "process", system.Key.Span)),
            ("organization", Text(organization, system.Key.Span)),
        };
        if (system.Description is { } description)
            fields.Add(("description", Text(description, system.Span)));
        _elements.Add(Map(system.Span, [.. fields]));
    }

    private void AddDatasetElement(FidesDataset dataset)
    {
        _elementIds.Add(dataset.Key.Value);
        var fields = new List<(string, DesignNode)>
        {
            ("id", Text(dataset.Key)),
            ("name", Text(dataset.Name, dataset.Key.Span)),
            ("type", Text("store", dataset.Key.Span)),
            ("organization", Text(dataset.Organization, dataset.Key.Span)),
        };
        if (dataset.Description is { } description)
            fields.Add(("description", Text(description, dataset.Span)));
        if (DatasetRetention(dataset) is { } days)
            fields.Add(("retention", Map(days.Span, ("days", Number(days.Value, days.Span)))));
        _elements.Add(Map(dataset.Span, [.. fields]));
    }

    /// <summary>The longest retention a dataset states, when every retention it states is understood.</summary>
    private (int Value, SourceSpan Span)? DatasetRetention(FidesDataset dataset)
    {
        (int Value, SourceSpan Span)? longest = null;
        foreach (var retention in dataset.Retentions)
        {
            if (RetentionDays(retention) is not { } days)
                return null;
            if (longest is null || days > longest.Value.Value)
                longest = (days, retention.Span);
        }

        return longest;
    }

    /// <summary>Privacy declarations that name no data subjects, or no data use: reported once each.</summary>
    private void ReportDeclarationGaps()
    {
        foreach (var system in _systems.Values)
        {
            foreach (var declaration in system.Declarations)
            {
                if (declaration.Subjects.Count == 0)
                {
                    _diagnostics.Warning(
                        FidesDiagnosticCodes.NoSubject,
                        $"The privacy declaration '{declaration.Name}' of system '{system.Key.Value}' names no data_subjects, so ThreatModel cannot tell whom its data describe. Add data_subjects (customer, employee, ...) to it.",
                        declaration.Span);
                }

                if (declaration.Use is null)
                {
                    _diagnostics.Warning(
                        FidesDiagnosticCodes.NoPurpose,
                        $"The privacy declaration '{declaration.Name}' of system '{system.Key.Value}' has no data_use, so its purpose is read as '{FidesTaxonomy.UnspecifiedPurpose}' (compatible with no other purpose). Add the data_use.",
                        declaration.Span);
                }

                foreach (var (keys, flows, direction) in new[] { (declaration.Egress, system.Egress, "egress"), (declaration.Ingress, system.Ingress, "ingress") })
                {
                    foreach (var key in keys)
                    {
                        if (!flows.Any(f => f.Key.Value == key.Value))
                        {
                            _diagnostics.Warning(
                                FidesDiagnosticCodes.DeclarationFlowMissing,
                                $"The privacy declaration '{declaration.Name}' names {direction} '{key.Value}', but system '{system.Key.Value}' has no {direction} data flow with it; the name is not read. Add the data flow to the system's {direction}, or remove the name.",
                                key.Span);
                        }
                    }
                }
            }
        }
    }

    /// <summary>The data flows of every system, an egress and the matching ingress of the other system read as one flow.</summary>
    private List<Link> Links()
    {
        var links = new List<Link>();
        var index = new Dictionary<(End, End), Link>();
        foreach (var system in _systems.Values)
        {
            var self = new End(EndKind.System, system.Key.Value);
            foreach (var flow in system.Egress)
            {
                if (EndOf(flow) is { } target)
                    Merge(self, target, flow);
            }

            foreach (var flow in system.Ingress)
            {
                if (EndOf(flow) is { } source)
                    Merge(source, self, flow);
            }
        }

        foreach (var system in _systems.Values)
        {
            var references = system.DatasetReferences.Concat(system.Declarations.SelectMany(d => d.DatasetReferences));
            foreach (var reference in references)
            {
                if (!_datasets.ContainsKey(reference.Value))
                {
                    Undeclared("dataset", reference, _datasets.Keys);
                    continue;
                }

                var self = new End(EndKind.System, system.Key.Value);
                var dataset = new End(EndKind.Dataset, reference.Value);
                if (!index.ContainsKey((self, dataset)) && !index.ContainsKey((dataset, self)))
                {
                    var link = new Link(self, dataset, reference.Span, categoriesGiven: false);
                    index.Add((self, dataset), link);
                    links.Add(link);
                }
            }
        }

        return links;

        void Merge(End from, End to, FidesDataFlow flow)
        {
            if (!index.TryGetValue((from, to), out var link))
            {
                link = new Link(from, to, flow.Span, flow.CategoriesGiven);
                index.Add((from, to), link);
                links.Add(link);
            }

            link.CategoriesGiven |= flow.CategoriesGiven;
            foreach (var category in flow.Categories)
            {
                if (!link.Categories.Exists(c => c.Value == category.Value))
                    link.Categories.Add(category);
            }
        }
    }

    private End? EndOf(FidesDataFlow flow)
    {
        var key = flow.Key;
        switch (flow.Type)
        {
            case "system" when key.Value != "user":
                if (_systems.ContainsKey(key.Value))
                    return new End(EndKind.System, key.Value);
                Undeclared("system", key, _systems.Keys);
                return null;
            case "dataset" when key.Value != "user":
                if (_datasets.ContainsKey(key.Value))
                    return new End(EndKind.Dataset, key.Value);
                Undeclared("dataset", key, _datasets.Keys);
                return null;
            case "user" when key.Value == "user":
                return new End(EndKind.User, "user");
            case "system" or "dataset" or "user":
                _diagnostics.Error(
                    FidesDiagnosticCodes.UnknownFlowType,
                    $"A data flow with fides_key '{key.Value}' has type '{flow.Type}'; 'user' goes with 'user' only: write fides_key: user with type: user for the system's users, or the type of the system or dataset named.",
                    flow.Span);
                return null;
            default:
                _diagnostics.Error(
                    FidesDiagnosticCodes.UnknownFlowType,
                    $"A data flow has type '{flow.Type}'; expected system, dataset or user.{NameSuggester.Hint(flow.Type, ["system", "dataset", "user"])}",
                    flow.Span);
                return null;
        }
    }

    private void Undeclared(string kind, Located key, IEnumerable<string> known) =>
        _diagnostics.Error(
            FidesDiagnosticCodes.UndeclaredResource,
            $"'{key.Value}' is not a declared {kind}: no {kind} resource of the manifest has this fides_key.{NameSuggester.Hint(key.Value, known)} Add the {kind} to the manifest (in any file of the folder), or correct the key.",
            key.Span);

    private void AddFlows(Link link)
    {
        var categories = link.Categories.Where(c => !FidesTaxonomy.IsSystemCategory(c.Value)).ToList();
        if (link.Categories.Count == 0)
        {
            var dataset = link.From.Kind == EndKind.Dataset ? link.From.Key : link.To.Kind == EndKind.Dataset ? link.To.Key : null;
            if (dataset is not null)
                categories = [.. Distinct(_datasets[dataset].Categories.Where(c => !FidesTaxonomy.IsSystemCategory(c.Value)))];
        }

        foreach (var end in new[] { link.From, link.To })
        {
            if (end.Kind == EndKind.System)
            {
                if (!_moved.TryGetValue(end.Key, out var moved))
                    _moved.Add(end.Key, moved = []);
                moved.AddRange(categories.Select(c => Modern(c.Value)));
            }
        }

        var named = new List<DeclarationOf>();
        if (link.From.Kind == EndKind.System)
        {
            var sender = _systems[link.From.Key];
            named.AddRange(sender.Declarations.Where(d => d.Egress.Any(k => k.Value == link.To.Key)
                || (link.To.Kind == EndKind.Dataset && d.DatasetReferences.Any(k => k.Value == link.To.Key))).Select(d => new DeclarationOf(d, sender)));
        }

        if (link.To.Kind == EndKind.System)
        {
            var receiver = _systems[link.To.Key];
            named.AddRange(receiver.Declarations.Where(d => d.Ingress.Any(k => k.Value == link.From.Key)
                || (link.From.Kind == EndKind.Dataset && d.DatasetReferences.Any(k => k.Value == link.From.Key))).Select(d => new DeclarationOf(d, receiver)));
        }

        var chosen = named;
        if (chosen.Count == 0)
        {
            chosen = [.. DeclarationsOf(link.To).Where(d => Covers(d.Declaration, categories))];
            if (chosen.Count == 0)
                chosen = [.. DeclarationsOf(link.From).Where(d => Covers(d.Declaration, categories))];
        }

        var groups = new List<Group>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaration in chosen)
        {
            var mine = categories.Where(c => declaration.Declaration.Categories.Any(d => FidesTaxonomy.Overlap(Modern(c.Value), Modern(d.Value)))).ToList();
            if (mine.Count == 0 && !(named.Count > 0 && declaration == named[0]))
                continue;
            var group = GroupFor(groups, declaration.Declaration.Use, declaration.Owner, link.Span);
            group.Declarations.Add(declaration);
            foreach (var category in mine)
            {
                if (!group.Categories.Exists(c => c.Value == category.Value))
                    group.Categories.Add(category);
                placed.Add(category.Value);
            }
        }

        var leftovers = categories.Where(c => !placed.Contains(c.Value)).ToList();
        if (leftovers.Count > 0 || groups.Count == 0)
        {
            Group group;
            if (named.Count > 0 && groups.Count > 0)
            {
                group = groups[0];
            }
            else
            {
                group = GroupFor(groups, null, null, link.Span);
                var reason = chosen.Count == 0
                    ? "no privacy declaration of the systems at either end names this flow or covers its data categories"
                    : $"no privacy declaration covers {string.Join(", ", leftovers.Select(c => c.Value))}";
                _diagnostics.Warning(
                    FidesDiagnosticCodes.NoPurpose,
                    $"The data flow from '{link.From.Key}' to '{link.To.Key}' has no stated purpose: {reason}. Its purpose is read as '{FidesTaxonomy.UnspecifiedPurpose}', compatible with no other purpose. Name the flow in the egress or ingress of a privacy declaration, or add the categories to one.",
                    link.Span);
            }

            group.Categories.AddRange(leftovers.Where(c => !group.Categories.Exists(g => g.Value == c.Value)));
        }

        if (categories.Count == 0)
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.FlowWithoutData,
                $"The data flow from '{link.From.Key}' to '{link.To.Key}' states no data_categories about people{(link.Categories.Count > 0 ? " (only system data)" : string.Empty)}, so it carries nothing ThreatModel can analyse. List the data_categories it carries.",
                link.Span);
        }

        foreach (var group in groups)
            EmitGroup(link, group, categories.Count == 0);
    }

    /// <summary>
    /// Categories a declaration says its system processes that no data flow brings to it or takes from it: read as
    /// collected from the data subjects themselves (TM2154), since data about people come from somewhere.
    /// </summary>
    private void AddImpliedCollection(FidesSystem system)
    {
        var moved = _moved.GetValueOrDefault(system.Key.Value) ?? [];
        foreach (var declaration in system.Declarations)
        {
            var unmoved = Distinct(declaration.Categories.Where(c => !FidesTaxonomy.IsSystemCategory(c.Value)
                && !moved.Exists(m => FidesTaxonomy.Overlap(m, Modern(c.Value))))).ToList();
            if (unmoved.Count == 0)
                continue;
            _diagnostics.Warning(
                FidesDiagnosticCodes.ImpliedCollection,
                $"The privacy declaration '{declaration.Name}' says system '{system.Key.Value}' processes {string.Join(", ", unmoved.Select(c => c.Value))}, but no data flow brings {(unmoved.Count == 1 ? "it" : "them")} there or takes {(unmoved.Count == 1 ? "it" : "them")} away; read as collected from the data subjects themselves. Add the ingress (from user, a system or a dataset) that brings {(unmoved.Count == 1 ? "it" : "them")}.",
                declaration.Span);
            var link = new Link(new End(EndKind.User, "user"), new End(EndKind.System, system.Key.Value), declaration.Span, categoriesGiven: true);
            link.Categories.AddRange(unmoved);
            var group = GroupFor([], declaration.Use, system, declaration.Span);
            group.Declarations.Add(new DeclarationOf(declaration, system));
            group.Categories.AddRange(unmoved);
            EmitGroup(link, group, empty: false);
        }
    }

    private Group GroupFor(List<Group> groups, Located? use, FidesSystem? owner, SourceSpan fallback)
    {
        var purpose = use is { } u ? PurposeOf(u) : FidesTaxonomy.UnspecifiedPurpose;
        var span = use?.Span ?? fallback;
        var group = groups.Find(g => g.Purpose == purpose);
        if (group is null)
        {
            group = new Group(purpose, span);
            groups.Add(group);
        }

        _purposes.TryAdd(purpose, span);
        return group;
    }

    /// <summary>The declarations of the system at one end of a link; none for users, datasets and the parties the reader adds.</summary>
    private IEnumerable<DeclarationOf> DeclarationsOf(End end) =>
        end.Kind == EndKind.System && _systems.TryGetValue(end.Key, out var system) ? system.Declarations.Select(d => new DeclarationOf(d, system)) : [];

    private static bool Covers(FidesDeclaration declaration, List<Located> categories) =>
        categories.Exists(c => declaration.Categories.Any(d => FidesTaxonomy.Overlap(Modern(c.Value), Modern(d.Value))));

    private static string Modern(string key) => FidesTaxonomy.Modernize(key);

    private static IEnumerable<Located> Distinct(IEnumerable<Located> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (seen.Add(value.Value))
                yield return value;
        }
    }

    /// <summary>Writes the flows of one purpose of a link: one flow, or one per data subject where an end is the system's users.</summary>
    private void EmitGroup(Link link, Group group, bool empty)
    {
        var bySubject = new List<(string Subject, List<(string Item, SourceSpan Span)> Items)>();
        var unnamed = false;
        foreach (var category in group.Categories)
        {
            var subjects = SubjectsFor(category.Value, group, link);
            if (subjects.Count == 0)
            {
                subjects = [FidesTaxonomy.UnspecifiedSubject];
                unnamed = true;
            }

            foreach (var subject in subjects)
            {
                var item = ItemFor(category, subject);
                var entry = bySubject.Find(s => s.Subject == subject);
                if (entry.Items is null)
                {
                    entry = (subject, []);
                    bySubject.Add(entry);
                }

                if (!entry.Items.Exists(i => i.Item == item))
                    entry.Items.Add((item, category.Span));
            }
        }

        if (unnamed)
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.NoSubject,
                $"No privacy declaration names the data subjects of some data on the flow from '{link.From.Key}' to '{link.To.Key}'; they are read as the unnamed subject '{FidesTaxonomy.UnspecifiedSubject}'. Add data_subjects to the privacy declaration that covers these categories.",
                link.Span);
        }

        var userEnd = link.From.Kind == EndKind.User || link.To.Kind == EndKind.User;
        if (userEnd)
        {
            if (bySubject.Count == 0)
                bySubject.Add((FidesTaxonomy.UnspecifiedSubject, []));
            foreach (var (subject, items) in bySubject)
                EmitFlow(link, group, PersonFor(subject, link.Span), items, empty);
        }
        else
        {
            EmitFlow(link, group, null, [.. bySubject.SelectMany(s => s.Items)], empty);
        }
    }

    private List<string> SubjectsFor(string category, Group group, Link link)
    {
        var modern = Modern(category);
        var subjects = Union(group.Declarations.Where(d => d.Declaration.Categories.Any(c => FidesTaxonomy.Overlap(modern, Modern(c.Value)))));
        if (subjects.Count == 0)
            subjects = Union(group.Declarations);
        if (subjects.Count == 0)
        {
            var around = DeclarationsOf(link.From).Concat(DeclarationsOf(link.To)).ToList();
            subjects = Union(around.Where(d => d.Declaration.Categories.Any(c => FidesTaxonomy.Overlap(modern, Modern(c.Value)))));
            if (subjects.Count == 0)
            {
                var all = Union(around);
                if (all.Count == 1)
                    subjects = all;
            }
        }

        return subjects;

        List<string> Union(IEnumerable<DeclarationOf> declarations)
        {
            var found = new List<string>();
            foreach (var declaration in declarations)
            {
                foreach (var subject in declaration.Declaration.Subjects)
                {
                    if (!found.Contains(subject.Value))
                        found.Add(subject.Value);
                    _subjects.TryAdd(subject.Value, subject.Span);
                }
            }

            return found;
        }
    }

    private string ItemFor(Located category, string subject)
    {
        var id = $"{subject}:{category.Value}";
        if (!_items.ContainsKey(id))
        {
            _items.Add(id, new ItemInfo(id, category.Value, subject, category.Span));
            _subjects.TryAdd(subject, category.Span);
            if (Resolve(category).Vulnerable)
                _vulnerableSubjects.Add(subject);
        }

        return id;
    }

    /// <summary>The person element that stands for the users of a system who are this subject.</summary>
    private string PersonFor(string subject, SourceSpan span)
    {
        if (_personElements.TryGetValue(subject, out var id))
            return id;
        id = _elementIds.Contains(subject) ? $"user:{subject}" : subject;
        _elementIds.Add(id);
        _personElements.Add(subject, id);
        _subjects.TryAdd(subject, span);
        _elements.Add(Map(
            span,
            ("id", Text(id, span)),
            ("name", Text(SubjectName(subject), span)),
            ("type", Text("person", span)),
            ("subject", Text(subject, span))));
        return id;
    }

    private void EmitFlow(Link link, Group group, string? person, List<(string Item, SourceSpan Span)> items, bool empty)
    {
        var from = link.From.Kind == EndKind.User ? person! : link.From.Key;
        var to = link.To.Kind == EndKind.User ? person! : link.To.Key;
        var receiver = link.To.Kind == EndKind.System ? link.To.Key : null;
        var id = FlowId(from, to, group.Purpose);
        if (empty)
            EmptyFlows.Add(id);
        var fields = new List<(string, DesignNode)>
        {
            ("id", Text(id, link.Span)),
            ("from", Text(from, link.Span)),
            ("to", Text(to, link.Span)),
            ("items", List(items.Select(i => (DesignNode)Text(i.Item, i.Span)))),
            ("purpose", Text(group.Purpose, group.PurposeSpan)),
        };
        if (Protections(group, receiver, link.Span) is { } protections)
            fields.Add(("protections", protections));
        _flows.Add(Map(link.Span, [.. fields]));
    }

    private string FlowId(string from, string to, string purpose)
    {
        var id = $"{from}->{to}";
        if (_flowIds.Add(id))
            return id;
        id = $"{from}->{to}:{purpose}";
        for (var n = 2; !_flowIds.Add(id); n++)
            id = $"{from}->{to}:{purpose}:{n.ToString(CultureInfo.InvariantCulture)}";
        return id;
    }

    /// <summary>The legal basis and retention the group's declarations state, or null when they state none.</summary>
    private MappingNode? Protections(Group group, string? receiver, SourceSpan span)
    {
        var fields = new List<(string, DesignNode)>();
        foreach (var declaration in group.Declarations)
        {
            if (declaration.Declaration.LegalBasis is { } basis && LegalBasis(basis) is { } word)
            {
                fields.Add(("legalBasis", Text(word, basis.Span)));
                if (word == "consent")
                    fields.Add(("consent", Bool(true, basis.Span)));
                break;
            }
        }

        foreach (var declaration in group.Declarations)
        {
            if (declaration.Owner.Key.Value == receiver && declaration.Declaration.Retention is { } retention && RetentionDays(retention) is { } days)
            {
                fields.Add(("retentionDays", Number(days, retention.Span)));
                break;
            }
        }

        return fields.Count == 0 ? null : Map(span, [.. fields]);
    }

    private string? LegalBasis(Located basis)
    {
        var word = basis.Value.Trim().ToLowerInvariant().TrimEnd('s');
        string? mapped = word switch
        {
            "consent" => "consent",
            "contract" => "contract",
            "legal obligation" => "legal-obligation",
            "vital interest" => "vital-interest",
            "public interest" or "public task" => "public-task",
            "legitimate interest" => "legitimate-interest",
            _ => null,
        };
        if (mapped is null && _warned.Add("basis:" + basis.Value))
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.Ignored,
                $"The legal basis '{basis.Value}' is not one of fideslang's (Consent, Contract, Legal obligations, Vital interests, Public interest, Legitimate interests); it is not read.",
                basis.Span);
        }

        return mapped;
    }

    /// <summary>A retention period in days: "30", "30 days", "6 months", "2 years"; null (reported) when not understood or unlimited.</summary>
    private int? RetentionDays(Located retention)
    {
        var text = retention.Value.Trim();
        if (NoLimit().IsMatch(text))
            return null;
        var match = Period().Match(text);
        if (match.Success && double.TryParse(match.Groups["n"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
        {
            var unit = match.Groups["unit"].Value.ToLowerInvariant();
            var factor = unit switch
            {
                "" or "d" or "day" or "days" => 1.0,
                "w" or "week" or "weeks" => 7.0,
                "m" or "mo" or "month" or "months" => 30.0,
                _ => 365.0,
            };
            var days = Math.Ceiling(n * factor);
            if (days <= int.MaxValue)
                return (int)days;
        }

        if (_warned.Add("retention:" + retention.Span))
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.RetentionNotUnderstood,
                $"The retention '{ScalarNode.Shorten(retention.Value)}' is not a number of days, weeks, months or years, so no retention limit is read. Write it as '30 days', '6 months' or '2 years' (or 'No retention or erasure policy' when there is none).",
                retention.Span);
        }

        return null;
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>d|days?|w|weeks?|m|mo|months?|y|yrs?|years?)?\.?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex Period();

    [GeneratedRegex(@"^(no retention|none|indefinite|indefinitely|forever|unlimited|no limit)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex NoLimit();

    private void AddThirdPartySharing(FidesSystem system)
    {
        foreach (var declaration in system.Declarations.Where(d => d.SharedWithThirdParties))
        {
            var id = $"{system.Key.Value}:third-parties";
            if (_elementIds.Add(id))
            {
                var name = declaration.ThirdParties?.Value ?? $"Third parties of {system.Name}";
                _organizations.Add(Map(declaration.Span, ("id", Text(id, declaration.Span)), ("name", Text(name, declaration.ThirdParties?.Span ?? declaration.Span))));
                _organizationIds.Add(id);
                _elements.Add(Map(
                    declaration.Span,
                    ("id", Text(id, declaration.Span)),
                    ("name", Text(name, declaration.ThirdParties?.Span ?? declaration.Span)),
                    ("type", Text("external", declaration.Span)),
                    ("organization", Text(id, declaration.Span))));
            }

            var shared = declaration.SharedCategories.Count > 0 ? declaration.SharedCategories : declaration.Categories;
            var link = new Link(new End(EndKind.System, system.Key.Value), new End(EndKind.System, id), declaration.Span, categoriesGiven: true);
            link.Categories.AddRange(Distinct(shared.Where(c => !FidesTaxonomy.IsSystemCategory(c.Value))));
            var group = GroupFor([], declaration.Use, system, declaration.Span);
            group.Declarations.Add(new DeclarationOf(declaration, system));
            group.Categories.AddRange(link.Categories);
            EmitGroup(link, group, link.Categories.Count == 0);
        }
    }

    private void AddTransfers(FidesSystem system)
    {
        if (system.InternationalTransfers is { } transfers && system.ThirdCountries.Count == 0)
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.TransferWithoutCountry,
                $"System '{system.Key.Value}' says it transfers data internationally but names no country, so the transfer cannot be placed in a jurisdiction and is not analysed. List the countries under third_country_transfers (ISO 3166-1 alpha-3 codes).",
                transfers.Span);
        }

        foreach (var country in system.ThirdCountries)
        {
            var id = $"{system.Key.Value}:recipients-{country.Value}";
            if (!_elementIds.Add(id))
                continue;
            _organizations.Add(Map(
                country.Span,
                ("id", Text(id, country.Span)),
                ("name", Text($"Recipients of {system.Name} in {country.Value}", country.Span)),
                ("jurisdiction", Text(country))));
            _organizationIds.Add(id);
            _elements.Add(Map(
                country.Span,
                ("id", Text(id, country.Span)),
                ("name", Text($"Recipients of {system.Name} in {country.Value}", country.Span)),
                ("type", Text("external", country.Span)),
                ("organization", Text(id, country.Span))));
            foreach (var declaration in system.Declarations)
            {
                var link = new Link(new End(EndKind.System, system.Key.Value), new End(EndKind.System, id), country.Span, categoriesGiven: true);
                link.Categories.AddRange(Distinct(declaration.Categories.Where(c => !FidesTaxonomy.IsSystemCategory(c.Value))));
                if (link.Categories.Count == 0)
                    continue;
                var group = GroupFor([], declaration.Use, system, country.Span);
                group.Declarations.Add(new DeclarationOf(declaration, system));
                group.Categories.AddRange(link.Categories);
                EmitGroup(link, group, empty: false);
            }
        }
    }

    /// <summary>The purpose a data use stands for; uses outside the taxonomy are reported and kept as their own purpose.</summary>
    private string PurposeOf(Located use)
    {
        var key = use.Value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (FidesTaxonomy.UseFor(key) is null && _customUses.TryGetValue(key, out var custom) && custom.Parent is { } parent && seen.Add(key))
            key = parent;
        if (FidesTaxonomy.UseFor(key) is { } known)
            return known.Purpose;
        var own = use.Value.Replace('.', '-').Replace('_', '-').ToLowerInvariant();
        if (_warned.Add("use:" + use.Value))
        {
            _diagnostics.Warning(
                FidesDiagnosticCodes.UnknownUse,
                $"The data use '{use.Value}' is neither in the fideslang default taxonomy nor declared (with a parent_key in it) under data_use, so it is read as the purpose '{own}', compatible with no other purpose.{NameSuggester.Hint(use.Value, FidesTaxonomy.Uses.Select(u => u.Key))}",
                use.Span);
        }

        return own;
    }

    /// <summary>The taxonomy row a category reads as: its own, its declared parent's, or its nearest known prefix's (reported).</summary>
    private FidesCategory Resolve(Located category)
    {
        var key = category.Value;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!FidesTaxonomy.IsKnownCategory(key) && _customCategories.TryGetValue(key, out var custom) && custom.Parent is { } parent && seen.Add(key))
            key = parent;
        if (!FidesTaxonomy.IsKnownCategory(key) && _warned.Add("category:" + category.Value))
        {
            var row = FidesTaxonomy.CategoryFor(key);
            _diagnostics.Warning(
                FidesDiagnosticCodes.UnknownCategory,
                $"The data category '{category.Value}' is neither in the fideslang default taxonomy nor declared (with a parent_key in it) under data_category, so it is read as its nearest known parent '{row.Key}' ({DesignVocabulary.Word(row.Kind)}).{NameSuggester.Hint(category.Value, FidesTaxonomy.Categories.Select(c => c.Key))}",
                category.Span);
        }

        return FidesTaxonomy.CategoryFor(key);
    }

    private string SubjectName(string subject)
    {
        if (subject == FidesTaxonomy.UnspecifiedSubject)
            return "People the manifest does not name";
        if (_customSubjects.TryGetValue(subject, out var custom))
            return custom.Name;
        return FidesTaxonomy.Subjects.TryGetValue(subject, out var name) ? name : subject;
    }

    private List<DesignNode> Subjects()
    {
        var nodes = new List<DesignNode>();
        foreach (var (id, firstSpan) in _subjects)
        {
            var custom = _customSubjects.GetValueOrDefault(id);
            var span = custom?.Span ?? firstSpan;
            if (custom is null && id != FidesTaxonomy.UnspecifiedSubject && !FidesTaxonomy.Subjects.ContainsKey(id))
            {
                _diagnostics.Warning(
                    FidesDiagnosticCodes.UnknownSubject,
                    $"The data subject '{id}' is neither in the fideslang default taxonomy nor declared under data_subject; it is read as a group of its own.{NameSuggester.Hint(id, FidesTaxonomy.Subjects.Keys)}",
                    firstSpan);
            }

            _diagnostics.Warning(
                FidesDiagnosticCodes.NoPopulation,
                $"Data subject '{id}' has no population: a Fides manifest cannot state how many people a group holds, so re-identification estimates assume {FidesTaxonomy.DefaultPopulation.ToString("N0", CultureInfo.InvariantCulture)}. Give the real number in the privacy overlay: subjects: [{{ ref: {id}, population: ... }}] in privacy.yaml in the manifest folder, or --overlay (docs/import-fides.md).",
                span);
            var fields = new List<(string, DesignNode)>
            {
                ("id", Text(id, span)),
                ("name", Text(SubjectName(id), span)),
                ("population", Number(FidesTaxonomy.DefaultPopulation, span)),
            };
            if (_vulnerableSubjects.Contains(id))
                fields.Add(("vulnerable", Bool(true, span)));
            if (custom?.Description is { } description)
                fields.Add(("description", Text(description, span)));
            nodes.Add(Map(span, [.. fields]));
        }

        return nodes;
    }

    private List<DesignNode> Items()
    {
        var nodes = new List<DesignNode>();
        foreach (var item in _items.Values)
        {
            var located = new Located(item.Category, item.Span);
            var row = Resolve(located);
            var label = _customCategories.TryGetValue(item.Category, out var custom) ? custom.Name : row.Label;
            var span = item.Span;
            var fields = new List<(string, DesignNode)>
            {
                ("id", Text(item.Id, span)),
                ("name", Text($"{label} ({item.Subject})", span)),
                ("kind", Text(DesignVocabulary.Word(row.Kind), span)),
                ("subject", Text(item.Subject, span)),
                ("description", Text($"Fides data category {item.Category}", span)),
            };
            if (row.QuasiIdentifier is { } preset)
                fields.Add(("quasiIdentifier", Text(preset, span)));
            if (row.Precision is { } precision)
                fields.Add(("precision", Number(precision, span)));
            if (row.SpecialCategory is { } special)
                fields.Add(("specialCategory", Text(special, span)));
            if (row.Stigmatizing)
                fields.Add(("stigmatizing", Bool(true, span)));
            nodes.Add(Map(span, [.. fields]));
        }

        return nodes;
    }

    private List<DesignNode> Purposes()
    {
        var nodes = new List<DesignNode>();
        foreach (var (id, span) in _purposes)
        {
            if (FidesTaxonomy.DeclaredPurpose(id) is { } declared)
            {
                nodes.Add(Map(
                    span,
                    ("id", Text(id, span)),
                    ("compatibleWith", List(declared.CompatibleWith.Select(c => (DesignNode)Text(c, span)))),
                    ("description", Text(declared.Description, span))));
            }
            else if (FidesTaxonomy.Uses.All(u => u.Purpose != id))
            {
                nodes.Add(Map(span, ("id", Text(id, span)), ("description", Text("A data use outside the fideslang default taxonomy.", span))));
            }
        }

        return nodes;
    }

    private static MappingNode Map(SourceSpan span, params (string Key, DesignNode Value)[] fields)
    {
        var map = new MappingNode(span);
        foreach (var (key, value) in fields)
            map.Entries.Add(new MappingEntry(new FieldKey(key, value.Span), value));
        return map;
    }

    private SequenceNode List(IEnumerable<DesignNode> nodes)
    {
        var list = new SequenceNode(_origin);
        list.Items.AddRange(nodes);
        return list;
    }

    private static ScalarNode Text(Located value) => new(value.Value, quoted: true, value.Span);

    private static ScalarNode Text(string value, SourceSpan span) => new(value, quoted: true, span);

    private static ScalarNode Number(double value, SourceSpan span) => new(value.ToString("R", CultureInfo.InvariantCulture), quoted: false, span);

    private static ScalarNode Bool(bool value, SourceSpan span) => new(value ? "true" : "false", quoted: false, span);
}
