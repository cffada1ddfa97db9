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
            .Select(i => new Jurisdiction(Id("j", i), Flag() ? Id("j", i) : Text(), Flag(), Flag(), SourceSpan.None))
            .ToList();
        string? AnyJurisdiction() => jurisdictions.Count > 0 && Flag() ? jurisdictions[random.Next(jurisdictions.Count)].Id : null;

        var organizations = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => new Organization(Id("org", i), Flag() ? Id("org", i) : Text(), AnyJurisdiction() ?? Jurisdictions.Unspecified, random.Next(3) == 0 ? Word() : null, Flag(), SourceSpan.None))
            .ToList();

        var subjects = Enumerable.Range(0, random.Next(1, 4))
            .Select(i => new DataSubject(
                Id("s", i),
                Text(),
                random.Next(3) == 0 ? long.MaxValue - random.Next(100) : random.Next(1, 10_000_000),
                random.Next(3) switch
                {
                    0 => null,
                    1 => DensityPresets.Resolve(DensityPresets.Names[random.Next(DensityPresets.Names.Count)]),
                    _ => new Density(Positive(), null),
                },
                MaybeText(),
                Flag(),
                SourceSpan.None))
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
            items.Add(new DataItem(
                Id("item", i),
                Text(),
                kind,
                AnySubject(),
                Flag() ? DataContexts.DefaultFor(kind) : Word(),
                qi,
                Flag() ? new LocationSpec(Positive()) : null,
                Flag() ? new TraceSpec(random.Next(1, 100_000), Flag() ? Positive() : null, Flag() ? 60 : Positive()) : null,
                derivedFrom,
                (Linkability)random.Next(3),
                Flag(),
                random.Next(3) == 0 ? Word() : null,
                MaybeText(),
                SourceSpan.None));
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
            elements.Add(new Element(
                Id("e", i),
                Flag() ? Id("e", i) : Text(),
                type,
                inOrganization ? organizations[random.Next(organizations.Count)].Id : null,
                AnyJurisdiction(),
                type == ElementType.Person && Flag() ? AnySubject() : null,
                type == ElementType.Process && Flag()
                    ? new DecisionSpec(Flag() ? ["credit", Word()] : [], Flag() ? AnySubject() : null, Flag(), Flag(), Flag(), Flag(), SourceSpan.None)
                    : null,
                type == ElementType.Store && Flag() ? new RetentionSpec(Flag() ? random.Next(0, 10_000) : null, Flag(), Flag(), SourceSpan.None) : null,
                Flag(),
                Accepts(),
                MaybeText(),
                SourceSpan.None));
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
                : new Protections(
                    Flag(),
                    Flag(),
                    random.Next(3) switch
                    {
                        0 => null,
                        1 => new PseudonymizationSpec(null, false),
                        _ => new PseudonymizationSpec(Flag() ? organizations[0].Id : null, Flag()),
                    },
                    generalizations,
                    carried.Where(_ => random.Next(5) == 0).ToList(),
                    Flag() ? random.Next(1, 1000) : null,
                    Flag() ? Positive() : null,
                    Flag() ? random.Next(0, 1000) : null,
                    Flag() ? Positive() : null,
                    Flag() ? LegalBases[random.Next(LegalBases.Length)] : null,
                    Flag(),
                    Flag() ? random.Next(0, 3650) : null,
                    Flag());
            var from = elements[random.Next(elements.Count)].Id;
            var to = elements[random.Next(elements.Count)].Id;
            flows.Add(new Flow(
                Id("f", i),
                from,
                to,
                carried,
                Word() is { Length: > 0 } purpose ? purpose : "purpose",
                protections,
                random.Next(4) == 0 ? new ProximityQuery(Flag() ? "querier" : "system", QueryReturns[random.Next(QueryReturns.Length)], Flag() ? Positive() : null, SourceSpan.None) : null,
                random.Next(3) == 0 ? new CollectionSpec(Flag(), Flag()) : CollectionSpec.Ordinary,
                Accepts(),
                MaybeText(),
                SourceSpan.None));
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
