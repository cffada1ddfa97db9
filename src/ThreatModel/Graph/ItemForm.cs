using ThreatModel.Estimation;
using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// The form in which an element holds an item, after the protections of the flows it came through: the graph's one
/// interpretation of those protections. Rules (built-in and custom) read these facts and never re-read
/// <see cref="Flow.Protections"/> to decide how coarse, sealed, aggregated or linkable a value is. See docs/facts.md.
/// </summary>
/// <param name="Sealed">End-to-end encrypted: the holder relays or stores it but cannot read it.</param>
/// <param name="Aggregated">Released only as aggregates (threshold or differential privacy): no longer about one person.</param>
/// <param name="Pseudonym">For identifiers replaced by pseudonyms: <c>key:ORG</c> for a pseudonym shared across receivers under ORG's key, <c>per-context:ORG:FLOW</c> for one made for a single receiving context; null when the identifier is in the clear.</param>
/// <param name="Generalization">The coarsest generalization applied on the way, or null.</param>
public readonly record struct ItemForm(bool Sealed, bool Aggregated, string? Pseudonym, Generalization? Generalization)
{
    /// <summary>The form of an item where it is collected.</summary>
    public static ItemForm Original => default;

    /// <summary>
    /// The cell size, in metres, of the coarsest fixed grid a position was snapped to on the way (<c>snapToGrid</c>), or
    /// null. Set only for positions (<see cref="IsPosition"/>).
    /// </summary>
    public double? GridMetres { get; init; }

    /// <summary>True when the holder can read the values.</summary>
    public bool Readable => !Sealed;

    /// <summary>True when the holder can read values about single people.</summary>
    public bool ReadableAboutIndividuals => !Sealed && !Aggregated;

    /// <summary>The organization holding the pseudonymisation key, when the identifier is pseudonymised.</summary>
    public string? PseudonymKeyHolder => Pseudonym switch
    {
        null => null,
        var p when p.StartsWith("key:", StringComparison.Ordinal) => p[4..],
        var p when p.StartsWith("per-context:", StringComparison.Ordinal) => p["per-context:".Length..].Split(':')[0],
        _ => null,
    };

    /// <summary>True for a pseudonym made for one receiving context only.</summary>
    public bool PerContextPseudonym => Pseudonym?.StartsWith("per-context:", StringComparison.Ordinal) == true;

    /// <summary>True when <paramref name="item"/> places a person: a location, a declared precision, or a trace with a spatial resolution.</summary>
    public static bool IsPosition(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Kind == DataItemKind.Location || item.Location is not null || item.Trace?.SpatialResolutionMetres is not null;
    }

    /// <summary>
    /// The precision, in metres, at which the held value places a person, after every protection on the way: the stored
    /// precision (<see cref="ProximityEstimator.DefaultLocationPrecisionMetres"/> when undeclared), the trace's spatial
    /// resolution, generalisation (<c>generalize: precision</c>) and snapping to a grid (<c>snapToGrid</c>), whichever
    /// is coarsest. Null when the item is no position.
    /// </summary>
    public double? SpatialPrecisionMetres(DataItem item)
    {
        if (!IsPosition(item))
            return null;
        var stored = Math.Max(item.Location?.PrecisionMetres ?? ProximityEstimator.DefaultLocationPrecisionMetres, item.Trace?.SpatialResolutionMetres ?? 0);
        return Math.Max(stored, Math.Max(Generalization?.PrecisionMetres ?? 0, GridMetres ?? 0));
    }

    /// <summary>
    /// The precision, in metres, at which the value is shown before any snapping to a grid: the stored precision, the
    /// trace's spatial resolution and generalisation, whichever is coarsest. Null when the item is no position.
    /// </summary>
    public double? DisplayedPrecisionMetres(DataItem item)
    {
        if (!IsPosition(item))
            return null;
        var stored = Math.Max(item.Location?.PrecisionMetres ?? ProximityEstimator.DefaultLocationPrecisionMetres, item.Trace?.SpatialResolutionMetres ?? 0);
        return Math.Max(stored, Generalization?.PrecisionMetres ?? 0);
    }

    /// <summary>
    /// The expected number of people who share the held position at <paramref name="densityPerSquareKilometre"/>: those
    /// within <see cref="DisplayedPrecisionMetres"/> (density x pi r^2) or in the grid cell (density x g^2), whichever
    /// is more. Below 1 when the position is finer than one person: then every position is its own value. Null when
    /// the item is no position. docs/estimation.md.
    /// </summary>
    public double? PeopleSharingPosition(DataItem item, double densityPerSquareKilometre)
    {
        if (DisplayedPrecisionMetres(item) is not { } displayed)
            return null;
        var density = double.IsFinite(densityPerSquareKilometre) ? Math.Max(0, densityPerSquareKilometre) : 0;
        var around = density * Math.PI * Math.Pow(displayed / 1000, 2);
        return GridMetres is { } grid ? Math.Max(around, density * Math.Pow(grid / 1000, 2)) : around;
    }

    /// <summary>True when the effective spatial precision comes from a fixed grid (<see cref="GridMetres"/>) rather than a radius.</summary>
    public bool SnappedToGrid(DataItem item) =>
        GridMetres is { } grid && SpatialPrecisionMetres(item) is { } precision && precision <= grid;

    /// <summary>
    /// The time resolution, in minutes, of a held trace after generalisation (<c>generalize: temporalResolution</c>);
    /// null when the item is no trace.
    /// </summary>
    public double? TemporalResolutionMinutes(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Trace is { } trace ? Math.Max(trace.TemporalResolutionMinutes, Generalization?.TemporalResolutionMinutes ?? 0) : null;
    }

    /// <summary>
    /// The quasi-identifier as held: the coarser of the item's own and the generalisation on the way (compared by the
    /// number of values in <paramref name="population"/>); null when the item is no quasi-identifier.
    /// </summary>
    public QuasiIdentifierSpec? QuasiIdentifier(DataItem item, long population)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.QuasiIdentifier is not { } own)
            return Generalization?.QuasiIdentifier;
        return Generalization?.QuasiIdentifier is { } coarser && coarser.CardinalityIn(population) < own.CardinalityIn(population) ? coarser : own;
    }

    /// <summary>
    /// True when the quasi-identifier is held at a coarser level than collected (<see cref="QuasiIdentifier"/> differs
    /// from the item's own); the level's human name is <see cref="GeneralizationLevels.NameOf"/>.
    /// </summary>
    public bool Generalised(DataItem item, long population) =>
        item is not null && QuasiIdentifier(item, population) is { } held && !ReferenceEquals(held, item.QuasiIdentifier) && !Equals(held, item.QuasiIdentifier);

    /// <summary>
    /// True when the held value links records like the identifier it stands for: an identifier in the clear, or a
    /// keyless hash of one (<see cref="Linkability.HashedIdentifier"/>: anyone holding the identifier computes the same
    /// hash), not sealed and not aggregated. False for pseudonyms and per-context identifiers.
    /// </summary>
    public bool LinksLikeOriginal(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.IsIdentifier && ReadableAboutIndividuals && Pseudonym is null && item.Linkability != Linkability.PerContext;
    }

    /// <summary>True when the held value is a keyless hash of an identifier, readable about single people: it links like the original.</summary>
    public bool KeylessHash(DataItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return item.Linkability == Linkability.HashedIdentifier && LinksLikeOriginal(item);
    }
}
