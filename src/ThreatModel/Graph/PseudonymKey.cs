namespace ThreatModel.Graph;

/// <summary>
/// Reads the key holder of a pseudonym (<see cref="ItemForm.PseudonymKeyHolder"/>) without making a string: rules ask it
/// for every holding they look at, and most answers are compared with an organization id and dropped.
/// </summary>
internal static class PseudonymKey
{
    private const string Shared = "key:";
    private const string PerContext = "per-context:";

    /// <summary>The key holder of the form's pseudonym, as <see cref="ItemForm.PseudonymKeyHolder"/> reads it; false when it has none.</summary>
    public static bool TryGetHolder(ItemForm form, out ReadOnlySpan<char> holder)
    {
        var pseudonym = form.Pseudonym;
        if (pseudonym is not null && pseudonym.StartsWith(Shared, StringComparison.Ordinal))
        {
            holder = pseudonym.AsSpan(Shared.Length);
            return true;
        }

        if (pseudonym is not null && pseudonym.StartsWith(PerContext, StringComparison.Ordinal))
        {
            var rest = pseudonym.AsSpan(PerContext.Length);
            var colon = rest.IndexOf(':');
            holder = colon < 0 ? rest : rest[..colon];
            return true;
        }

        holder = default;
        return false;
    }

    /// <summary>True when <see cref="ItemForm.PseudonymKeyHolder"/> equals <paramref name="party"/> (ordinal; null equals null).</summary>
    public static bool IsHeldBy(ItemForm form, string? party) =>
        TryGetHolder(form, out var holder) ? party is not null && holder.SequenceEqual(party) : party is null;
}
