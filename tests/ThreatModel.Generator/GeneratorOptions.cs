namespace ThreatModel.Generator;

/// <summary>What <see cref="DesignGenerator"/> makes.</summary>
/// <param name="Nodes">The number of elements (at least 20). Flows are about three times as many.</param>
/// <param name="Seed">The seed: the same seed gives the same design.</param>
public sealed record GeneratorOptions(int Nodes, int Seed = 1)
{
    /// <summary>
    /// When set, the same design is declared in another order: subjects, items, organizations, elements and flows are
    /// shuffled with this seed (ids and content stay the same). Findings must not change.
    /// </summary>
    public int? ShuffleSeed { get; init; }

    /// <summary>The design's name.</summary>
    public string Name => $"Generated design of {Nodes} elements (seed {Seed})";
}
