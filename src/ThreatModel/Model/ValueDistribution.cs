namespace ThreatModel.Model;

/// <summary>
/// How the people of a population spread over the values of one attribute: groups of values, each value of a group
/// holding the same share of the people. A uniform attribute is one group (c values of 1/c each); a skewed one has many
/// (ZIP areas of very different size, birth years along a population pyramid, a few common and many rare nationalities).
/// The shares of all values add up to 1. Immutable; sources of the named distributions: docs/estimation.md.
/// </summary>
public sealed class ValueDistribution
{
    private ValueDistribution(IReadOnlyList<ValueGroup> groups, string description)
    {
        Groups = groups;
        Description = description;
        var cardinality = 0.0;
        var collision = 0.0;
        foreach (var group in groups)
        {
            cardinality += group.Count;
            collision += group.Count * group.Share * group.Share;
        }

        Cardinality = Math.Max(1, cardinality);
        CollisionProbability = Math.Min(1, collision);
    }

    /// <summary>The groups of equally common values, in the order given.</summary>
    public IReadOnlyList<ValueGroup> Groups { get; }

    /// <summary>What the distribution is and where it comes from, in a few words.</summary>
    public string Description { get; }

    /// <summary>The number of distinct values (at least 1).</summary>
    public double Cardinality { get; }

    /// <summary>
    /// The chance that two people drawn at random share a value, the sum of the squared shares; 1 / cardinality when
    /// uniform, more when skewed. 1 / this is the "effective" number of values (inverse Simpson index).
    /// </summary>
    public double CollisionProbability { get; }

    /// <summary>True when every value holds the same share.</summary>
    public bool IsUniform => Groups.Count == 1;

    /// <summary>c values holding 1/c of the people each (c below 1 counts as 1).</summary>
    public static ValueDistribution Uniform(double cardinality, string? description = null)
    {
        var c = double.IsFinite(cardinality) ? Math.Max(1, cardinality) : 1;
        return new([new ValueGroup(1 / c, c)], description ?? "uniform");
    }

    /// <summary>
    /// One value per weight, its share the weight over the sum of the weights; weights that are not positive are left out.
    /// </summary>
    public static ValueDistribution FromWeights(IEnumerable<double> weights, string description)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return FromGroups(weights.Select(w => new ValueGroup(w, 1)), description);
    }

    /// <summary>
    /// Groups of values given by a weight per value (any scale) and how many values have it; the weights are scaled so that
    /// the shares add up to 1. Groups with no weight or no values are left out; none at all gives one value.
    /// </summary>
    public static ValueDistribution FromGroups(IEnumerable<ValueGroup> groups, string description)
    {
        ArgumentNullException.ThrowIfNull(groups);
        var kept = groups.Where(g => g.Share > 0 && g.Count > 0 && double.IsFinite(g.Share) && double.IsFinite(g.Count)).ToList();
        var total = kept.Sum(g => g.Share * g.Count);
        if (kept.Count == 0 || !(total > 0))
            return Uniform(1, description);
        return new([.. kept.Select(g => new ValueGroup(Math.Min(1, g.Share / total), g.Count))], description);
    }

    /// <summary>
    /// Each value of this distribution split into <paramref name="parts"/> equally common values (birth year into birth
    /// date): the shares are divided, the skew between groups kept.
    /// </summary>
    public ValueDistribution Split(double parts, string description)
    {
        var p = double.IsFinite(parts) ? Math.Max(1, parts) : 1;
        return new([.. Groups.Select(g => new ValueGroup(g.Share / p, g.Count * p))], description);
    }

    /// <inheritdoc />
    public override string ToString() => Description;
}

/// <summary><paramref name="Count"/> values holding <paramref name="Share"/> of the people each.</summary>
/// <param name="Share">The share of the people one value holds (a weight before <see cref="ValueDistribution.FromGroups"/> scales it).</param>
/// <param name="Count">How many values hold that share; need not be whole (an average over areas).</param>
public readonly record struct ValueGroup(double Share, double Count);
