using ThreatModel.Model;

namespace ThreatModel.Tests.Formats;

/// <summary>
/// Makes valid random designs from a seed, using every field of the format and awkward text (numbers, booleans
/// and null spelt as text, quotes, colons, line breaks, non-Latin scripts), for round-trip properties.
/// </summary>
internal static class RandomDesigns
{
    private static readonly string[] AwkwardTexts =
    [
        "plain words", "123", "-4.5e3", "true", "False", "null", "~", "", " leading space", "trailing space ",
        "colon: space", "#hash", "- dash", "[bracket]", "{brace}", "'single'", "\"double\"", "a\nb", "ends with newline\n",
        "tab\there", "Zürich", "北京市", "emoji 🙂", "yes", "no", "on", ".inf", ".nan", "0x1F", "1_000", "@at", "`tick`",
        "percent % sign", "back\\slash", "&anchor", "*alias", "!tag", "| pipe", "> fold", "?", "...", "---", "U+2028 \u2028 here",
        "\tleading tab", "trailing tab\t", "carriage\r\nreturn", "next\u0085line", "byte\uFEFForder", "control\u0001char", "  ", "\n",
    ];

    private static readonly string[] LegalBases = ["consent", "contract", "public-task"];
    private static readonly string[] QueryReturns = ["location", "distance", "within-radius", "count"];

    public static SystemModel Create(int seed)
    {
        var random = new Random(seed);
        string Text() => random.Next(4) == 0 ? AwkwardTexts[random.Next(AwkwardTexts.Length)] : "text " + random.Next(1000);
        string? MaybeText() => random.Next(3) == 0 ? Text() : null;

        // Words that name something (a context, a purpose, an affected service) may hold no control, bidi or zero-width
        // characters (TM1020); the awkward texts with one stand in as "word".
        string Word() => Text() is var text && text.Any(c => char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
            or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator) ? "word" : text;
        bool Flag() => random.Next(2) == 0;
        double Positive() => random.Next(5) switch
        {
            0 => random.Next(1, 100_000),
            1 => random.NextDouble() * 1000 + 1e-3,
            2 => Math.Round(random.NextDouble() * 100, 2) + 0.01,
            3 => 1e-7 * (random.Next(1, 9)),
            _ => 1e15 * random.Next(1, 9),
        };
        string Id(string prefix, int i) => random.Next(6) == 0 ? $"{i}{prefix}" : $"{prefix}-{i}";

        var jurisdictions = Enumerable.Range(0, random.Next(0, 3))
            .Select(i => new Jurisdiction { Id = Id("j", i), Name = Flag() ? Id("j", i) : Text(), SubjectRights = Flag(), CompelledAccess = Flag() })
            .ToList();
        string? AnyJurisdiction() => jurisdictions.Count > 0 && Flag() ? jurisdictions[random.Next(jurisdictions.Count)].Id : null;

        var organizations = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => new Organization
            {
                Id = Id("org", i),
                Name = Flag() ? Id("org", i) : Text(),
                JurisdictionId = AnyJurisdiction() ?? Jurisdictions.Unspecified,
                Kind = random.Next(3) == 0 ? Word() : null,
                PowerOverSubjects = Flag(),
            })
            .ToList();

        var subjects = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => new DataSubject
            {
                Id = Id("s", i),
                Name = Text(),
                Population = random.Next(3) == 0 ? long.MaxValue - random.Next(100) : random.Next(1, 10_000_000),
                Density = random.Next(3) switch
                    {
                    0 => null,
                    1 => DensityPresets.Resolve(DensityPresets.Names[random.Next(DensityPresets.Names.Count)]),
                    _ => new Density(Positive(), null),
                    },
                Description = MaybeText(),
                Vulnerable = Flag(),
            })
            .ToList();
        string AnySubject() => subjects[random.Next(subjects.Count)].Id;

        var items = new List<DataItem>();
        var itemCount = random.Next(1, 8);
        for (var i = 0; i < itemCount; i++)
        {
            var kind = (DataItemKind)random.Next(Enum.GetValues<DataItemKind>().Length);
            QuasiIdentifierSpec? qi = random.Next(4) switch
            {
                0 => QuasiIdentifierPresets.Resolve(QuasiIdentifierPresets.Names[random.Next(QuasiIdentifierPresets.Names.Count)]),
                1 => new QuasiIdentifierSpec(random.Next(1, 50_000), null, null),
                2 => new QuasiIdentifierSpec(null, Positive(), Flag() ? "postcode" : null),
                _ => null,
            };
            var derivedFrom = i > 0 && Flag()
                ? Enumerable.Range(0, i).Where(_ => Flag()).Select(j => items[j].Id).ToList()
                : [];
            items.Add(new DataItem
            {
                Id = Id("item", i),
                Name = Text(),
                Kind = kind,
                SubjectId = AnySubject(),
                Context = Flag() ? DataContexts.DefaultFor(kind) : Word(),
                QuasiIdentifier = qi,
                Location = Flag() ? new LocationSpec(Positive()) : null,
                Trace = Flag() ? new TraceSpec(random.Next(1, 100_000), Flag() ? Positive() : null, Flag() ? 60 : Positive()) : null,
                DerivedFrom = derivedFrom,
                Linkability = (Linkability)random.Next(3),
                Stigmatizing = Flag(),
                SpecialCategory = random.Next(3) == 0 ? Word() : null,
                Description = MaybeText(),
            });
        }

        IReadOnlyList<Suppression> Accepts() => Enumerable.Range(0, random.Next(3) == 0 ? random.Next(1, 3) : 0)
            .Select(_ => new Suppression("TM00" + random.Next(1, 10), Text(), SourceSpan.None))
            .ToList();

        var elements = new List<Element>();
        var elementCount = random.Next(2, 8);
        for (var i = 0; i < elementCount; i++)
        {
            var type = (ElementType)random.Next(Enum.GetValues<ElementType>().Length);
            var inOrganization = type is ElementType.Process or ElementType.Store or ElementType.ExternalParty;
            elements.Add(new Element
            {
                Id = Id("e", i),
                Name = Flag() ? Id("e", i) : Text(),
                Type = type,
                OrganizationId = inOrganization ? organizations[random.Next(organizations.Count)].Id : null,
                JurisdictionId = AnyJurisdiction(),
                SubjectId = type == ElementType.Person && Flag() ? AnySubject() : null,
                Decision = type == ElementType.Process && Flag()
                    ? new DecisionSpec
                    {
                        Affects = Flag() ? ["credit", Word()] : [],
                        SubjectId = Flag() ? AnySubject() : null,
                        Automated = Flag(),
                        SubjectInformed = Flag(),
                        InputsVisible = Flag(),
                        Appeal = Flag(),
                    }
                    : null,
                Retention = type == ElementType.Store && Flag() ? new RetentionSpec(Flag() ? random.Next(0, 10_000) : null, Flag(), Flag(), SourceSpan.None) : null,
                Attributable = Flag(),
                Suppressions = Accepts(),
                Description = MaybeText(),
            });
        }

        var flows = new List<Flow>();
        var flowCount = random.Next(1, 10);
        for (var i = 0; i < flowCount; i++)
        {
            var carried = items.Where(_ => Flag()).Select(item => item.Id).ToList();
            if (carried.Count == 0)
                carried.Add(items[0].Id);
            var generalizations = new Dictionary<string, Generalization>(StringComparer.Ordinal);
            foreach (var item in carried.Where(_ => random.Next(4) == 0))
            {
                generalizations[item] = random.Next(3) switch
                {
                    0 => new Generalization(QuasiIdentifierPresets.Resolve("birth-year"), null, null),
                    1 => new Generalization(new QuasiIdentifierSpec(random.Next(1, 1000), null, null), null, null),
                    _ => new Generalization(Flag() ? new QuasiIdentifierSpec(null, Positive(), "zip3") : null, Positive(), Flag() ? Positive() : null),
                };
            }

            var protections = Flag()
                ? Protections.None
                : new Protections
                {
                    EncryptedInTransit = Flag(),
                    EndToEndEncrypted = Flag(),
                    Pseudonymization = random.Next(3) switch
                        {
                        0 => null,
                        1 => new PseudonymizationSpec(null, false),
                        _ => new PseudonymizationSpec(Flag() ? organizations[0].Id : null, Flag()),
                        },
                    Generalizations = generalizations,
                    SuppressedItems = carried.Where(_ => random.Next(5) == 0).ToList(),
                    AggregationThreshold = Flag() ? random.Next(1, 1000) : null,
                    DifferentialPrivacyEpsilon = Flag() ? Positive() : null,
                    RateLimitPerDay = Flag() ? random.Next(0, 1000) : null,
                    SnapToGridMetres = Flag() ? Positive() : null,
                    LegalBasis = Flag() ? LegalBases[random.Next(LegalBases.Length)] : null,
                    Consent = Flag(),
                    RetentionDays = Flag() ? random.Next(0, 3650) : null,
                    DeniableRecords = Flag(),
                };
            var from = elements[random.Next(elements.Count)].Id;
            var to = elements[random.Next(elements.Count)].Id;
            flows.Add(new Flow
            {
                Id = Id("f", i),
                From = from,
                To = to,
                Items = carried,
                Purpose = Word() is { Length: > 0 } purpose ? purpose : "purpose",
                Protections = protections,
                Query = random.Next(4) == 0 ? new ProximityQuery(Flag() ? "querier" : "system", QueryReturns[random.Next(QueryReturns.Length)], Flag() ? Positive() : null, SourceSpan.None) : null,
                Collection = random.Next(3) == 0 ? new CollectionSpec(Flag(), Flag()) : CollectionSpec.Ordinary,
                Suppressions = Accepts(),
                Description = MaybeText(),
            });
        }

        var purposes = Enumerable.Range(0, random.Next(0, 3))
            .Select(i => new Purpose(Id("p", i), Flag() ? [Word(), "payment"] : [], MaybeText(), SourceSpan.None))
            .ToList();
        var settings = Flag()
            ? AnalysisSettings.Default
            : new AnalysisSettings(random.NextDouble(), 1 + random.Next(100), random.NextDouble());

        return SystemModelFactory.Create(
            Text() is { Length: > 0 } name ? name : "design",
            MaybeText(),
            string.Empty,
            settings,
            subjects,
            items,
            organizations,
            jurisdictions,
            elements,
            flows,
            purposes);
    }
}
