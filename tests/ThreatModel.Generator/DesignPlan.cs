using ThreatModel.Model;

namespace ThreatModel.Generator;

/// <summary>
/// The generated design as lists of builder calls, so the same design can be declared in any order.
/// Every random choice comes from one <see cref="Random"/> seeded by the options, in a fixed order.
/// </summary>
internal sealed class DesignPlan
{
    private static readonly (string Id, bool Rights, bool Compelled)[] JurisdictionTable =
    [
        ("eu", true, false), ("uk", true, false), ("us", true, true), ("cn", false, true),
        ("in", true, true), ("br", true, false), ("ru", false, true), ("sg", true, false),
    ];

    private static readonly string[] OrganizationKinds =
        ["company", "platform", "government", "bank", "employer", "broker", "insurer", "telco", "hospital", "retailer"];

    private static readonly string[] SubjectKinds =
        ["citizens", "app-users", "contacts", "employees", "patients", "customers", "debtors", "children", "bystanders", "drivers"];

    private static readonly long[] Populations = [5_000, 80_000, 1_200_000, 45_000_000, 1_400_000_000];

    // What each kind of organization collects data for (first) and the related purposes its own flows serve,
    // in the words of the purpose table (docs/purposes.md); other purposes appear where data crosses organizations.
    private static readonly Dictionary<string, string[]> PurposesByKind = new(StringComparer.Ordinal)
    {
        ["company"] = ["payment", "fraud-prevention", "accounting", "customer-support"],
        ["platform"] = ["social-networking", "messaging", "security", "analytics"],
        ["government"] = ["identity-verification", "security", "fraud-prevention"],
        ["bank"] = ["lending", "credit-scoring", "fraud-prevention", "anti-money-laundering", "accounting"],
        ["employer"] = ["employment", "accounting", "security"],
        ["broker"] = ["advertising", "analytics"],
        ["insurer"] = ["insurance", "fraud-prevention", "accounting"],
        ["telco"] = ["messaging", "accounting", "customer-support"],
        ["hospital"] = ["healthcare", "research", "accounting"],
        ["retailer"] = ["payment", "advertising", "customer-support"],
    };

    private static readonly string[] SecondaryUses = ["advertising", "credit-scoring", "law-enforcement", "social-scoring", "research", "analytics"];

    private static readonly string[] LegalBases = ["consent", "contract", "legal-obligation", "vital-interest", "public-task", "legitimate-interest"];

    private static readonly string[] DecisionAreas = ["credit", "travel", "employment", "education", "housing", "public-services", "insurance"];

    private readonly GeneratorOptions _options;
    private readonly Random _random;

    private readonly List<Action<SystemModelBuilder>> _jurisdictions = [];
    private readonly List<Action<SystemModelBuilder>> _organizations = [];
    private readonly List<Action<SystemModelBuilder>> _subjects = [];
    private readonly List<Action<SystemModelBuilder>> _items = [];
    private readonly List<Action<SystemModelBuilder>> _elements = [];
    private readonly List<Action<SystemModelBuilder>> _flows = [];
    private readonly List<Action<SystemModelBuilder>> _purposes = [];

    private readonly List<SubjectPlan> _subjectPlans = [];
    private readonly List<OrganizationPlan> _organizationPlans = [];
    private readonly List<ElementPlan> _people = [];
    private readonly List<ElementPlan> _audiences = [];
    private int _flowCount;

    public DesignPlan(GeneratorOptions options)
    {
        _options = options;
        _random = new Random(options.Seed);
    }

    public void Fill()
    {
        var nodes = _options.Nodes;
        var audiences = Math.Max(2, nodes / 500);
        var people = Math.Max(2, nodes / 10);
        var organizationElements = nodes - audiences - people;
        var subjects = Math.Max(2, nodes / 250);

        foreach (var (id, rights, compelled) in JurisdictionTable)
            _jurisdictions.Add(b => b.Jurisdiction(id, subjectRights: rights, compelledAccess: compelled, name: "Jurisdiction " + id));
        _purposes.Add(b => b.Purpose("fraud-prevention", "payment"));
        _purposes.Add(b => b.Purpose("customer-support", "payment", "messaging", "social-networking"));

        for (var s = 0; s < subjects; s++)
            AddSubject(s);
        AddOrganizations(organizationElements);
        for (var p = 0; p < people; p++)
            AddPerson(p, people);
        for (var a = 0; a < audiences; a++)
            AddAudience(a);

        // Flows: people to the services they use, inside each organization, across organizations, to audiences,
        // then more inside organizations until there are about three flows per element.
        foreach (var person in _people)
            AddPersonFlows(person);
        foreach (var organization in _organizationPlans)
            AddInternalFlows(organization);
        foreach (var organization in _organizationPlans)
            AddCrossOrganizationFlows(organization);
        foreach (var audience in _audiences)
            AddAudienceFlows(audience);
        var target = 3 * nodes;
        while (_flowCount < target)
            AddExtraInternalFlow();
    }

    public SystemModelBuilder ToBuilder()
    {
        var builder = new SystemModelBuilder(_options.Name)
            .Description("Synthetic design for benchmarks and scaling tests: organizations in several jurisdictions, people, audiences, and flows with every kind of protection.");
        var shuffle = _options.ShuffleSeed is { } seed ? new Random(seed) : null;
        foreach (var group in new[] { _jurisdictions, _organizations, _subjects, _items, _elements, _flows, _purposes })
        {
            var calls = group.ToArray();
            shuffle?.Shuffle(calls);
            foreach (var call in calls)
                call(builder);
        }

        return builder;
    }

    private void AddSubject(int index)
    {
        var id = $"s{index}";
        var kind = SubjectKinds[index % SubjectKinds.Length];
        var population = Populations[_random.Next(Populations.Length)];
        var density = DensityPresets.Resolve(DensityPresets.Names[_random.Next(DensityPresets.Names.Count)]);
        var vulnerable = kind is "children" or "debtors" or "patients" || _random.NextDouble() < 0.1;
        _subjects.Add(b => b.Subject(id, population, density, vulnerable, name: $"{kind} {index}"));

        var plan = new SubjectPlan(id, index);
        _subjectPlans.Add(plan);

        void Add(string suffix, bool collected, Action<SystemModelBuilder, string> declare)
        {
            var itemId = $"{id}-{suffix}";
            _items.Add(b => declare(b, itemId));
            (collected ? plan.Collected : plan.Derived).Add(itemId);
        }

        Add("name", true, (b, i) => b.Item(i, DataItemKind.DirectIdentifier, id, name: "Full name"));
        Add("phone", true, (b, i) => b.Item(i, DataItemKind.DirectIdentifier, id, name: "Phone number"));
        Add("national-id", true, (b, i) => b.Item(i, DataItemKind.DirectIdentifier, id, context: "government", name: "National ID number"));
        Add("user-id", true, (b, i) => b.Item(i, DataItemKind.PseudonymousIdentifier, id, name: "Account id"));
        Add("device-id", true, (b, i) => b.Item(i, DataItemKind.PseudonymousIdentifier, id, linkability: Linkability.PerContext, name: "Per-app device id"));
        Add("phone-hash", false, (b, i) => b.Item(i, DataItemKind.PseudonymousIdentifier, id, derivedFrom: [$"{id}-phone"], linkability: Linkability.HashedIdentifier, name: "SHA-256 of phone number"));
        Add("birth-date", true, (b, i) => b.QuasiIdentifier(i, id, preset: "birth-date"));
        Add("postcode", true, (b, i) => b.QuasiIdentifier(i, id, preset: index % 2 == 0 ? "postcode" : "postcode-unit"));
        Add("gender", true, (b, i) => b.QuasiIdentifier(i, id, preset: "gender"));
        Add("occupation", true, (b, i) => b.QuasiIdentifier(i, id, cardinality: 867));
        Add("home", true, (b, i) => b.Item(i, DataItemKind.Location, id, precisionMetres: 10, name: "Home address"));
        Add("gps-trace", true, (b, i) => b.Item(i, DataItemKind.Location, id, precisionMetres: 8, trace: new TraceSpec(2_000, 8, 5), name: "GPS trace"));
        Add("card-payments", true, (b, i) => b.Item(i, DataItemKind.Financial, id, trace: new TraceSpec(300, 500, 1), name: "Card transactions"));
        Add("messages", true, (b, i) => b.Item(i, DataItemKind.CommunicationContent, id, name: "Message content"));
        Add("call-records", true, (b, i) => b.Item(i, DataItemKind.CommunicationMetadata, id, trace: new TraceSpec(400, 1_000, 1), name: "Call detail records"));
        Add("contacts", true, (b, i) => b.Item(i, DataItemKind.SocialGraph, id, name: "Contact list"));
        Add("face", true, (b, i) => b.Item(i, DataItemKind.Biometric, id, name: "Face template"));
        Add("browsing", true, (b, i) => b.Item(i, DataItemKind.Behavioural, id, name: "Browsing history"));
        Add("diagnosis", true, (b, i) => b.Item(i, DataItemKind.SpecialCategory, id, specialCategory: "health", stigmatizing: true, name: "Diagnosis"));
        Add("debts", true, (b, i) => b.Item(i, DataItemKind.Financial, id, stigmatizing: true, name: "Unpaid debts"));
        Add("preferences", true, (b, i) => b.Item(i, DataItemKind.Other, id, name: "Preferences"));
        Add("religion-guess", false, (b, i) => b.Item(i, DataItemKind.SpecialCategory, id, derivedFrom: [$"{id}-gps-trace", $"{id}-browsing"], specialCategory: "religion", stigmatizing: true, name: "Inferred religion"));
        Add("credit-score", false, (b, i) => b.Item(i, DataItemKind.Score, id, derivedFrom: [$"{id}-card-payments", $"{id}-debts"], name: "Credit score"));
        Add("social-score", false, (b, i) => b.Item(i, DataItemKind.Score, id, derivedFrom: [$"{id}-credit-score", $"{id}-contacts", $"{id}-browsing"], stigmatizing: true, name: "Social credit score"));
    }

    private void AddOrganizations(int elements)
    {
        var remaining = elements;
        var index = 0;
        while (remaining > 0)
        {
            var size = Math.Min(remaining, _random.Next(10, 51));
            if (remaining - size < 10)
                size = remaining;
            remaining -= size;
            AddOrganization(index++, size);
        }

        // Subjects served: each organization its neighbourhood's subject, some a second one.
        var count = _organizationPlans.Count;
        foreach (var organization in _organizationPlans)
        {
            var primary = _subjectPlans[(int)((long)organization.Index * _subjectPlans.Count / count)];
            organization.Subjects.Add(primary);
            if (_random.NextDouble() < 0.4)
            {
                var second = _subjectPlans[(primary.Index + 1) % _subjectPlans.Count];
                if (!organization.Subjects.Contains(second))
                    organization.Subjects.Add(second);
            }

            foreach (var subject in organization.Subjects)
                subject.Organizations.Add(organization);
        }

        foreach (var organization in _organizationPlans)
            DeclareOrganizationElements(organization);
    }

    private void AddOrganization(int index, int size)
    {
        var id = $"o{index}";
        var kind = OrganizationKinds[_random.Next(OrganizationKinds.Length)];
        var jurisdiction = JurisdictionTable[_random.Next(JurisdictionTable.Length)].Id;
        var power = kind is "government" or "bank" or "employer" or "insurer" or "platform";
        _organizations.Add(b => b.Organization(id, jurisdiction, kind, power, name: $"{kind} {index}"));
        _organizationPlans.Add(new OrganizationPlan(index, id, kind, size));
    }

    private void DeclareOrganizationElements(OrganizationPlan organization)
    {
        var id = organization.Id;
        for (var i = 0; i < organization.Size; i++)
        {
            ElementPlan element;
            if (i == 0)
            {
                element = new ElementPlan($"{id}-api", ElementType.Process, organization);
                _elements.Add(b => b.Process(element.Id, id, name: $"{organization.Kind} {organization.Index} front end"));
            }
            else if (i == 1)
            {
                element = new ElementPlan($"{id}-scoring", ElementType.Process, organization);
                var decision = _random.NextDouble() < 0.5 ? Decision(organization) : null;
                _elements.Add(b => b.Process(element.Id, id, decision, name: $"{organization.Kind} {organization.Index} scoring"));
            }
            else
            {
                switch (i % 7)
                {
                    case 0 or 1 or 2:
                    {
                        element = new ElementPlan($"{id}-p{i}", ElementType.Process, organization);
                        var decision = _random.NextDouble() < 0.08 ? Decision(organization) : null;
                        var attributable = _random.NextDouble() < 0.05;
                        var accepts = Accepts();
                        _elements.Add(b => b.Element(element.Id, ElementType.Process, id, decision: decision, attributable: attributable, suppressions: accepts));
                        break;
                    }

                    case 3 or 4 or 5:
                    {
                        element = new ElementPlan($"{id}-db{i}", ElementType.Store, organization);
                        var retention = Retention();
                        var offshore = _random.NextDouble() < 0.1 ? JurisdictionTable[_random.Next(JurisdictionTable.Length)].Id : null;
                        _elements.Add(b => b.Store(element.Id, id, retention, offshore));
                        break;
                    }

                    default:
                    {
                        element = new ElementPlan($"{id}-x{i}", ElementType.ExternalParty, organization);
                        _elements.Add(b => b.Element(element.Id, ElementType.ExternalParty, id, name: $"contractor {i} of {id}"));
                        break;
                    }
                }
            }

            organization.Elements.Add(element);
        }
    }

    private void AddPerson(int index, int people)
    {
        var subject = _subjectPlans[(int)((long)index * _subjectPlans.Count / people)];
        var person = new ElementPlan($"u{index}", ElementType.Person, null) { Subject = subject };
        foreach (var item in subject.Collected)
            person.Know(item);
        _elements.Add(b => b.Person(person.Id, subject.Id, name: $"person {index}"));
        _people.Add(person);
    }

    private void AddAudience(int index)
    {
        var type = index % 2 == 0 ? ElementType.Public : ElementType.OtherUsers;
        var audience = new ElementPlan(type == ElementType.Public ? $"public-{index}" : $"others-{index}", type, null);
        _elements.Add(b => b.Element(audience.Id, type, name: type == ElementType.Public ? "Anyone" : "Other users"));
        _audiences.Add(audience);
    }

    private void AddPersonFlows(ElementPlan person)
    {
        var services = person.Subject!.Organizations;
        if (services.Count == 0)
            return;
        var count = _random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var organization = services[_random.Next(services.Count)];
            var api = organization.Elements[0];
            var items = Carry(person, _random.Next(3, 9));
            var trace = items.Any(i => i.EndsWith("-gps-trace", StringComparison.Ordinal));
            var collection = trace || _random.NextDouble() < 0.1 ? new CollectionSpec(true, _random.NextDouble() < 0.2) : null;
            var protections = Protections.None with
            {
                EncryptedInTransit = _random.NextDouble() < 0.9,
                EndToEndEncrypted = _random.NextDouble() < 0.05,
                LegalBasis = LegalBases[_random.Next(LegalBases.Length)],
                Consent = _random.NextDouble() < 0.6,
            };
            AddFlow(person, api, items, organization.Purposes[0], protections, collection: collection);

            // Some services show people their own data back: a cycle through the person.
            if (_random.NextDouble() < 0.3)
                AddFlow(api, person, Carry(api, 2), "customer-support", Protections.None with { EncryptedInTransit = true });
        }
    }

    private void AddInternalFlows(OrganizationPlan organization)
    {
        var elements = organization.Elements;
        var api = elements[0];
        // Data collected offline (forms, registers) enters where no person sends any.
        if (api.Known.Count == 0)
        {
            foreach (var subject in organization.Subjects)
            {
                foreach (var item in subject.Collected.Where(_ => _random.NextDouble() < 0.5))
                    api.Know(item);
            }
        }

        // A tree from the front end reaches every element; scoring computes derived items.
        var scoring = elements[1];
        AddFlow(api, scoring, Carry(api, 6), InternalPurpose(organization), InternalProtections());
        foreach (var subject in organization.Subjects)
        {
            foreach (var item in subject.Derived)
                scoring.Know(item);
        }

        var processes = new List<ElementPlan> { api, scoring };
        for (var i = 2; i < elements.Count; i++)
        {
            var element = elements[i];
            var parent = processes[_random.Next(processes.Count)];
            AddFlow(parent, element, Carry(parent, _random.Next(1, 7)), InternalPurpose(organization), InternalProtections());
            switch (element.Type)
            {
                case ElementType.Process:
                    processes.Add(element);
                    // Feedback loop to an earlier process.
                    if (_random.NextDouble() < 0.3)
                        AddFlow(element, processes[_random.Next(processes.Count - 1)], Carry(element, 2), InternalPurpose(organization), InternalProtections());
                    break;
                case ElementType.Store:
                    // Read back: a store feeds a process, a cycle with the write.
                    AddFlow(element, processes[_random.Next(processes.Count)], Carry(element, 3), InternalPurpose(organization), InternalProtections());
                    organization.Stores.Add(element);
                    break;
                default:
                    // Contractors report back.
                    if (_random.NextDouble() < 0.5)
                        AddFlow(element, api, Carry(element, 2), InternalPurpose(organization), InternalProtections());
                    break;
            }
        }

        // Replication between stores: sync cycles.
        var stores = organization.Stores;
        for (var i = 0; i + 1 < stores.Count; i += 2)
        {
            if (_random.NextDouble() >= 0.4)
                continue;
            var items = Carry(stores[i], 4);
            var purpose = organization.Purposes[0];
            AddFlow(stores[i], stores[i + 1], items, purpose, InternalProtections());
            AddFlow(stores[i + 1], stores[i], Carry(stores[i + 1], 4), purpose, InternalProtections());
        }
    }

    private void AddCrossOrganizationFlows(OrganizationPlan organization)
    {
        var count = Math.Max(1, (int)Math.Round(organization.Size * 0.3));
        if (organization.Kind == "broker")
            count *= 3;
        var all = _organizationPlans;
        for (var i = 0; i < count; i++)
        {
            var offset = _random.Next(1, 6) * (_random.NextDouble() < 0.5 ? -1 : 1);
            var other = all[Math.Clamp(organization.Index + offset, 0, all.Count - 1)];
            if (ReferenceEquals(other, organization))
                other = all[(organization.Index + 1) % all.Count];
            if (ReferenceEquals(other, organization))
                return;

            // Brokers buy: data flows into them; others share out to partners.
            var (sender, receiver) = organization.Kind == "broker"
                ? (Pick(other.Elements, ElementType.Process), organization.Elements[_random.Next(2)])
                : (Pick(organization.Elements, ElementType.Process), _random.NextDouble() < 0.5 ? other.Elements[0] : Pick(other.Elements, ElementType.Process));
            var items = Carry(sender, _random.Next(2, 8));
            var receiving = receiver.Organization!;
            var use = _random.NextDouble() < 0.8 ? receiving.Purposes[0] : SecondaryUses[_random.Next(SecondaryUses.Length)];
            AddFlow(sender, receiver, items, use, SharingProtections(sender, items));
        }
    }

    private void AddAudienceFlows(ElementPlan audience)
    {
        var count = _random.Next(5, 20);
        for (var i = 0; i < count; i++)
        {
            var organization = _organizationPlans[_random.Next(_organizationPlans.Count)];
            var sender = Pick(organization.Elements, ElementType.Process);
            var items = Carry(sender, _random.Next(1, 4));
            var protections = Protections.None with
            {
                AggregationThreshold = _random.NextDouble() < 0.3 ? 10 : null,
                RateLimitPerDay = _random.NextDouble() < 0.3 ? 100 : null,
                SnapToGridMetres = _random.NextDouble() < 0.2 ? 500 : null,
            };
            ProximityQuery? query = null;
            if (audience.Type == ElementType.OtherUsers && items.Any(i => i.EndsWith("-home", StringComparison.Ordinal) || i.EndsWith("-gps-trace", StringComparison.Ordinal)))
            {
                query = new ProximityQuery(_random.NextDouble() < 0.5 ? "querier" : "system", _random.NextDouble() < 0.5 ? "distance" : "within-radius",
                    _random.NextDouble() < 0.5 ? 500 : null, SourceSpan.None);
            }

            AddFlow(sender, audience, items, audience.Type == ElementType.Public ? (_random.NextDouble() < 0.3 ? "public-shaming" : "research") : "social-networking", protections, query);
        }
    }

    private void AddExtraInternalFlow()
    {
        var organization = _organizationPlans[_random.Next(_organizationPlans.Count)];
        var sender = Pick(organization.Elements, ElementType.Process);
        var receiver = organization.Elements[_random.Next(organization.Elements.Count)];
        if (ReferenceEquals(sender, receiver))
            receiver = organization.Elements[0];
        if (ReferenceEquals(sender, receiver))
            receiver = organization.Elements[1];
        AddFlow(sender, receiver, Carry(sender, _random.Next(1, 6)), InternalPurpose(organization), InternalProtections());
    }

    private void AddFlow(ElementPlan from, ElementPlan to, IReadOnlyList<string> items, string purpose, Protections protections,
        ProximityQuery? query = null, CollectionSpec? collection = null)
    {
        if (items.Count == 0)
            return;
        var id = $"f{_flowCount++}";
        var accepts = _random.NextDouble() < 0.002 ? [new Suppression("TM001", "Accepted by the data protection officer for the benchmark.", SourceSpan.None)] : (IReadOnlyList<Suppression>?)null;
        _flows.Add(b => b.Flow(id, from.Id, to.Id, items, purpose, protections, query, collection, accepts));
        foreach (var item in items)
        {
            if (!protections.SuppressedItems.Contains(item))
                to.Know(item);
        }
    }

    /// <summary>Up to <paramref name="count"/> items the sender holds, usually with an identifier first.</summary>
    private string[] Carry(ElementPlan sender, int count)
    {
        var known = sender.Known;
        if (known.Count == 0)
            return [];
        var chosen = new List<string>(count);
        if (_random.NextDouble() < 0.7)
        {
            var identifier = known.FirstOrDefault(IsIdentifier);
            if (identifier is not null)
                chosen.Add(identifier);
        }

        for (var attempt = 0; chosen.Count < Math.Min(count, known.Count) && attempt < count * 3; attempt++)
        {
            var item = known[_random.Next(known.Count)];
            if (!chosen.Contains(item))
                chosen.Add(item);
        }

        return [.. chosen];
    }

    private static bool IsIdentifier(string item) =>
        item.EndsWith("-name", StringComparison.Ordinal) || item.EndsWith("-phone", StringComparison.Ordinal)
        || item.EndsWith("-national-id", StringComparison.Ordinal) || item.EndsWith("-user-id", StringComparison.Ordinal)
        || item.EndsWith("-phone-hash", StringComparison.Ordinal);

    /// <summary>The organization's main purpose half the time, else one of its related purposes.</summary>
    private string InternalPurpose(OrganizationPlan organization) =>
        _random.NextDouble() < 0.5 ? organization.Purposes[0] : organization.Purposes[_random.Next(organization.Purposes.Length)];

    private Protections InternalProtections() => Protections.None with
    {
        EncryptedInTransit = _random.NextDouble() < 0.7,
        RetentionDays = _random.NextDouble() < 0.2 ? 90 : null,
    };

    private Protections SharingProtections(ElementPlan sender, string[] items)
    {
        var roll = _random.NextDouble();
        var protections = Protections.None with
        {
            EncryptedInTransit = _random.NextDouble() < 0.85,
            LegalBasis = LegalBases[_random.Next(LegalBases.Length)],
            Consent = _random.NextDouble() < 0.4,
            RetentionDays = _random.NextDouble() < 0.3 ? _random.Next(7, 3650) : null,
        };
        var keyHolder = sender.Organization?.Id;
        return roll switch
        {
            < 0.30 => protections,
            < 0.45 => protections with { Pseudonymization = new PseudonymizationSpec(keyHolder, PerContext: false) },
            < 0.55 => protections with { Pseudonymization = new PseudonymizationSpec(keyHolder, PerContext: true) },
            < 0.70 => protections with { Generalizations = Generalize(items) },
            < 0.78 => protections with { AggregationThreshold = _random.Next(2, 50) },
            < 0.83 => protections with { DifferentialPrivacyEpsilon = 0.5 + _random.Next(0, 8) / 2.0 },
            < 0.90 => protections with { EndToEndEncrypted = true },
            _ when items.Length > 1 => protections with { SuppressedItems = [items[^1]] },
            _ => protections,
        };
    }

    private static Dictionary<string, Generalization> Generalize(string[] items)
    {
        var result = new Dictionary<string, Generalization>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item.EndsWith("-birth-date", StringComparison.Ordinal))
                result[item] = new Generalization(QuasiIdentifierPresets.Resolve("birth-year"), null, null);
            else if (item.EndsWith("-postcode", StringComparison.Ordinal))
                result[item] = new Generalization(QuasiIdentifierPresets.Resolve("zip3"), null, null);
            else if (item.EndsWith("-occupation", StringComparison.Ordinal))
                result[item] = new Generalization(new QuasiIdentifierSpec(25, null, null), null, null);
            else if (item.EndsWith("-home", StringComparison.Ordinal) || item.EndsWith("-gps-trace", StringComparison.Ordinal))
                result[item] = new Generalization(null, 1_000, 1_440);
        }

        return result;
    }

    private DecisionSpec Decision(OrganizationPlan organization)
    {
        var first = DecisionAreas[_random.Next(DecisionAreas.Length)];
        var second = DecisionAreas[_random.Next(DecisionAreas.Length)];
        IReadOnlyList<string> affects = first == second ? [first] : [first, second];
        var fair = _random.NextDouble() < 0.3;
        return new DecisionSpec
        {
            Affects = affects,
            SubjectId = organization.Subjects.Count > 0 ? organization.Subjects[0].Id : null,
            Automated = _random.NextDouble() < 0.6,
            SubjectInformed = fair || _random.NextDouble() < 0.3,
            InputsVisible = fair,
            Appeal = fair || _random.NextDouble() < 0.2,
        };
    }

    private RetentionSpec? Retention()
    {
        var roll = _random.NextDouble();
        if (roll < 0.3)
            return null;
        int? days = roll < 0.45 ? null : new[] { 30, 90, 365, 3650 }[_random.Next(4)];
        return new RetentionSpec(days, Deletion: _random.NextDouble() < 0.5, Correction: _random.NextDouble() < 0.5, SourceSpan.None);
    }

    private IReadOnlyList<Suppression>? Accepts() =>
        _random.NextDouble() < 0.005 ? [new Suppression("TM001", "Joined on purpose under a court order.", SourceSpan.None)] : null;

    private ElementPlan Pick(List<ElementPlan> elements, ElementType type)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = elements[_random.Next(elements.Count)];
            if (candidate.Type == type && candidate.Known.Count > 0)
                return candidate;
        }

        return elements[0];
    }

    private sealed class SubjectPlan(string id, int index)
    {
        public string Id { get; } = id;
        public int Index { get; } = index;
        public List<string> Collected { get; } = [];
        public List<string> Derived { get; } = [];
        public List<OrganizationPlan> Organizations { get; } = [];
    }

    private sealed class OrganizationPlan(int index, string id, string kind, int size)
    {
        public int Index { get; } = index;
        public string Id { get; } = id;
        public string Kind { get; } = kind;
        public int Size { get; } = size;
        public string[] Purposes { get; } = PurposesByKind[kind];
        public List<SubjectPlan> Subjects { get; } = [];
        public List<ElementPlan> Elements { get; } = [];
        public List<ElementPlan> Stores { get; } = [];
    }

    private sealed class ElementPlan(string id, ElementType type, OrganizationPlan? organization)
    {
        private readonly HashSet<string> _known = new(StringComparer.Ordinal);

        public string Id { get; } = id;
        public ElementType Type { get; } = type;
        public OrganizationPlan? Organization { get; } = organization;
        public SubjectPlan? Subject { get; init; }
        public List<string> Known { get; } = [];

        public void Know(string item)
        {
            if (_known.Add(item))
                Known.Add(item);
        }
    }
}
