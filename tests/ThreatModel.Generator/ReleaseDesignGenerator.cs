using System.Globalization;
using ThreatModel.Model;

namespace ThreatModel.Generator;

/// <summary>
/// Builds designs that stress record releases (TM002): one registry collects thousands of quasi-identifiers about several
/// subject groups and releases overlapping subsets of them, without direct identifiers, on the remaining flows to partner
/// organizations, the public and other users; some releases generalise, aggregate or add noise, some reach the same
/// receiver by several flows (one release, several flows of evidence). Deterministic for a seed.
/// </summary>
/// <example><code>
/// SystemModel model = ReleaseDesignGenerator.Generate(new ReleaseDesignOptions(QuasiIdentifiers: 4_000, Flows: 41));
/// </code></example>
public static class ReleaseDesignGenerator
{
    // Presets with a coarser form on a generalisation ladder come first, so most releases have a named change to offer.
    private static readonly string[] Presets =
    [
        "birth-date", "postcode", "gender", "zip5", "age", "postcode-unit", "street-address", "occupation",
        "marital-status", "nationality", "birth-month-year", "city-block",
    ];

    private static readonly Dictionary<string, string> Coarser = new(StringComparer.Ordinal)
    {
        ["birth-date"] = "birth-year",
        ["postcode"] = "postcode-district",
        ["zip5"] = "zip3",
        ["age"] = "age-band-10y",
        ["postcode-unit"] = "postcode-district",
        ["street-address"] = "county",
        ["birth-month-year"] = "age-band-5y",
        ["city-block"] = "zip3",
    };

    private static readonly long[] Populations = [80_000, 1_200_000, 45_000_000, 5_000, 330_000_000];

    /// <summary>A design for these options.</summary>
    public static SystemModel Generate(ReleaseDesignOptions options) => CreateBuilder(options).Build();

    /// <summary>The builder holding the generated design, before <see cref="SystemModelBuilder.Build"/> checks it.</summary>
    public static SystemModelBuilder CreateBuilder(ReleaseDesignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Subjects, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QuasiIdentifiers, options.Subjects);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Flows, options.Subjects + 2);

        var random = new Random(options.Seed);
        var b = new SystemModelBuilder(options.Name)
            .Description("Synthetic design for TM002: a registry releasing thousands of quasi-identifiers about several subject groups.")
            .Jurisdiction("eu", name: "European Union")
            .Jurisdiction("us", compelledAccess: true, name: "United States")
            .Organization("registry", "eu", "government", powerOverSubjects: true, name: "Population registry")
            .Organization("insurer", "eu", "insurer", name: "Health insurer")
            .Organization("broker", "us", "broker", name: "Data broker")
            .Organization("university", "eu", name: "University")
            .Store("records", "registry", name: "Registry records")
            .Process("extract", "registry", name: "Open-data extract")
            .Process("pricing", "insurer", name: "Premium pricing")
            .Process("enrichment", "broker", name: "Profile enrichment")
            .Process("study", "university", name: "Cohort study")
            .Element("open-data", ElementType.Public, name: "Open-data portal visitors")
            .Element("members", ElementType.OtherUsers, name: "Other members of the service");
        string[] receivers = ["open-data", "pricing", "members", "enrichment", "study"];

        // Quasi-identifiers spread evenly over the subjects; each subject also has identifiers and a payload.
        var subjects = new List<SubjectItems>();
        for (var s = 0; s < options.Subjects; s++)
        {
            var id = $"s{s}";
            b.Subject(id, Populations[s % Populations.Length], DensityPresets.Resolve(DensityPresets.Names[random.Next(DensityPresets.Names.Count)]), vulnerable: s % 3 == 2, name: $"residents {s}");
            var subject = new SubjectItems(id);
            b.Item(subject.Name, DataItemKind.DirectIdentifier, id, name: "Full name");
            b.Item(subject.NationalId, DataItemKind.DirectIdentifier, id, context: "government", name: "National ID number");
            b.Item(subject.Pseudonym, DataItemKind.PseudonymousIdentifier, id, name: "Registry number");
            b.Item(subject.Diagnosis, DataItemKind.SpecialCategory, id, specialCategory: "health", stigmatizing: true, name: "Diagnosis");
            b.Item(subject.Income, DataItemKind.Financial, id, name: "Income band");
            var count = options.QuasiIdentifiers / options.Subjects + (s < options.QuasiIdentifiers % options.Subjects ? 1 : 0);
            for (var q = 0; q < count; q++)
            {
                var itemId = string.Create(CultureInfo.InvariantCulture, $"{id}-q{q}");
                // Most by preset, every seventh by a cardinality of its own.
                if (q % 7 == 6)
                {
                    b.QuasiIdentifier(itemId, id, cardinality: random.Next(2, 400));
                    subject.Quasi.Add((itemId, null));
                }
                else
                {
                    var preset = Presets[random.Next(Presets.Length)];
                    b.QuasiIdentifier(itemId, id, preset: preset);
                    subject.Quasi.Add((itemId, preset));
                }
            }

            subjects.Add(subject);
        }

        // Collection into the registry's records, then an extract of everything for the open-data team.
        foreach (var subject in subjects)
        {
            b.Person($"p-{subject.Id}", subject.Id, name: $"Resident of group {subject.Id}");
            b.Flow($"f-register-{subject.Id}", $"p-{subject.Id}", "records", subject.All, "identity-verification",
                Protections.None with { EncryptedInTransit = true, LegalBasis = "legal-obligation" });
        }

        b.Flow("f-extract", "records", "extract", [.. subjects.SelectMany(s => s.All)], "research");

        // Releases: windows of one subject's quasi-identifiers (a quarter to a tenth of them, or a few), identifiers suppressed or
        // pseudonymised. Every fourth release from the second round on repeats the window an earlier release sent the same
        // subject's records to the same receiver, by another flow and with other protections: one release, two flows.
        var releases = options.Flows - options.Subjects - 1;
        var windows = new List<List<(string Id, string? Preset)>>();
        var round = subjects.Count * receivers.Length;
        for (var r = 0; r < releases; r++)
        {
            var subject = subjects[r % subjects.Count];
            var receiver = receivers[r % receivers.Length];
            List<(string Id, string? Preset)> quasi;
            if (r >= round && r % 4 == 3)
            {
                quasi = windows[r - round];
            }
            else
            {
                // Every seventh release keeps only a few attributes: near the thresholds, where a change is worth naming.
                var window = r % 7 == 6 ? Math.Min(subject.Quasi.Count, random.Next(2, 5))
                    : Math.Min(subject.Quasi.Count, Math.Max(8, subject.Quasi.Count / random.Next(4, 11)));
                quasi = subject.Quasi.GetRange(random.Next(0, subject.Quasi.Count - window + 1), window);
            }

            windows.Add(quasi);
            var items = new List<string> { subject.Name, subject.NationalId, subject.Pseudonym, subject.Diagnosis, subject.Income };
            items.AddRange(quasi.Select(q => q.Id));

            var protections = Protections.None with
            {
                EncryptedInTransit = true,
                SuppressedItems = r % 3 == 0 ? [subject.Name, subject.NationalId, subject.Pseudonym] : [subject.Name, subject.NationalId],
                Pseudonymization = r % 3 == 1 ? new PseudonymizationSpec("registry", PerContext: false) : null,
            };
            switch (r % 6)
            {
                case 2:
                    protections = protections with { Generalizations = Generalise(quasi, random) };
                    break;
                case 4:
                    protections = protections with { AggregationThreshold = random.Next(2, 12) };
                    break;
                case 5:
                    protections = protections with { DifferentialPrivacyEpsilon = random.Next(2, 9) };
                    break;
            }

            b.Flow($"f-release-{r}", r % 5 == 4 ? "records" : "extract", receiver, items, "research", protections);
        }

        return b;
    }

    private static Dictionary<string, Generalization> Generalise(List<(string Id, string? Preset)> quasi, Random random)
    {
        var generalizations = new Dictionary<string, Generalization>(StringComparer.Ordinal);
        foreach (var (id, preset) in quasi)
        {
            if (preset is not null && Coarser.TryGetValue(preset, out var coarser) && random.NextDouble() < 0.5)
                generalizations[id] = new Generalization(QuasiIdentifierPresets.Resolve(coarser), null, null);
        }

        return generalizations;
    }

    private sealed class SubjectItems(string id)
    {
        public string Id { get; } = id;

        public string Name => Id + "-name";

        public string NationalId => Id + "-national-id";

        public string Pseudonym => Id + "-registry-number";

        public string Diagnosis => Id + "-diagnosis";

        public string Income => Id + "-income";

        public List<(string Id, string? Preset)> Quasi { get; } = [];

        public List<string> All => [Name, NationalId, Pseudonym, Diagnosis, Income, .. Quasi.Select(q => q.Id)];
    }
}

/// <summary>What <see cref="ReleaseDesignGenerator"/> makes.</summary>
/// <param name="QuasiIdentifiers">Quasi-identifiers in all, spread evenly over the subjects.</param>
/// <param name="Flows">Flows in all: one collection flow per subject, one inside the registry, the rest releases.</param>
/// <param name="Subjects">Subject groups.</param>
/// <param name="Seed">The seed: the same seed gives the same design.</param>
public sealed record ReleaseDesignOptions(int QuasiIdentifiers = 4_000, int Flows = 41, int Subjects = 4, int Seed = 1)
{
    /// <summary>The design's name.</summary>
    public string Name => string.Create(CultureInfo.InvariantCulture, $"Generated release design: {QuasiIdentifiers} quasi-identifiers on {Flows} flows (seed {Seed})");
}
