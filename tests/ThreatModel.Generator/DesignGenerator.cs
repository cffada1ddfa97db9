using ThreatModel.Model;

namespace ThreatModel.Generator;

/// <summary>
/// Builds realistic designs of any size through <see cref="SystemModelBuilder"/>, the same for the same seed:
/// people, processes, stores and partners spread over organizations (10 to 50 elements each) in several
/// jurisdictions, about three flows per element, items of every <see cref="DataItemKind"/> (quasi-identifiers by
/// preset, locations with precision, traces, hashed and per-context identifiers, derived scores, stigmatising and
/// special-category items), cycles (store replication, read-backs, feedback loops, people shown their own data),
/// audiences (the public, other users, proximity queries), decisions with and without recourse, and retention.
/// </summary>
/// <example><code>
/// SystemModel model = DesignGenerator.Generate(nodes: 10_000, seed: 7);
/// SystemModel same = DesignGenerator.Generate(new GeneratorOptions(10_000, Seed: 7) { ShuffleSeed = 3 }); // same design, other order
/// </code></example>
public static class DesignGenerator
{
    /// <summary>A design with exactly <paramref name="nodes"/> elements, deterministic for <paramref name="seed"/>.</summary>
    public static SystemModel Generate(int nodes, int seed = 1) => Generate(new GeneratorOptions(nodes, seed));

    /// <summary>A design for these options.</summary>
    public static SystemModel Generate(GeneratorOptions options) => CreateBuilder(options).Build();

    /// <summary>The builder holding the generated design, before <see cref="SystemModelBuilder.Build"/> checks it.</summary>
    public static SystemModelBuilder CreateBuilder(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Nodes, 20);
        var plan = new DesignPlan(options);
        plan.Fill();
        return plan.ToBuilder();
    }
}
