namespace ThreatModel.Validation;

/// <summary>Finds the closest known name to a misspelt one, for "did you mean" hints.</summary>
public static class NameSuggester
{
    /// <summary>Names longer than this get no suggestion: they are not typos of an id, and comparing them is costly.</summary>
    private const int MaxLength = 128;

    /// <summary>The candidate closest to <paramref name="name"/> by edit distance (ignoring case), when it is close enough to be a likely typo.</summary>
    /// <remarks>
    /// Close enough means at most a third of the longer name's length apart (at least 2 edits allowed). Candidates
    /// whose length alone rules them out are skipped without comparing, so a long candidate list stays cheap.
    /// </remarks>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        if (name.Length > MaxLength)
            return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        var previous = new int[MaxLength + 1];
        var current = new int[MaxLength + 1];
        foreach (var candidate in candidates)
        {
            if (candidate.Length > MaxLength)
                continue;
            var allowed = Allowed(name.Length, candidate.Length);
            if (Math.Abs(name.Length - candidate.Length) > Math.Min(allowed, bestDistance))
                continue;
            var distance = Distance(name, candidate, previous, current, Math.Min(allowed, bestDistance));
            if (distance < bestDistance || (distance == bestDistance && string.CompareOrdinal(candidate, best) < 0))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Allowed(name.Length, best.Length) ? best : null;
    }

    /// <summary>A hint sentence, or an empty string when nothing is close.</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } match ? $" Did you mean '{match}'?" : string.Empty;

    /// <summary>
    /// True when <paramref name="match"/> is at most one edit per four characters from <paramref name="name"/> (at least
    /// one), counting a swap of two neighbouring letters as one edit: stricter than <see cref="Closest"/>, for free text
    /// such as purposes, where short words two edits apart are different words (<c>gaming</c>, <c>shaming</c>), not typos.
    /// </summary>
    internal static bool IsCloseTypo(string name, string match)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(match);
        if (name.Length > MaxLength || match.Length > MaxLength)
            return false;
        var allowed = Math.Max(1, Math.Max(name.Length, match.Length) / 4);
        if (Math.Abs(name.Length - match.Length) > allowed)
            return false;

        // Optimal string alignment distance, ignoring case, in a full table (both names are short).
        var width = match.Length + 1;
        var d = new int[(name.Length + 1) * width];
        for (var i = 0; i <= name.Length; i++) d[i * width] = i;
        for (var j = 0; j <= match.Length; j++) d[j] = j;
        for (var i = 1; i <= name.Length; i++)
        {
            for (var j = 1; j <= match.Length; j++)
            {
                var a = char.ToLowerInvariant(name[i - 1]);
                var b = char.ToLowerInvariant(match[j - 1]);
                var value = Math.Min(Math.Min(d[((i - 1) * width) + j] + 1, d[(i * width) + j - 1] + 1), d[((i - 1) * width) + j - 1] + (a == b ? 0 : 1));
                if (i > 1 && j > 1 && a == char.ToLowerInvariant(match[j - 2]) && char.ToLowerInvariant(name[i - 2]) == b)
                    value = Math.Min(value, d[((i - 2) * width) + j - 2] + 1);
                d[(i * width) + j] = value;
            }
        }

        return d[(name.Length * width) + match.Length] <= allowed;
    }

    private static int Allowed(int nameLength, int candidateLength) => Math.Max(2, Math.Max(nameLength, candidateLength) / 3);

    /// <summary>
    /// Levenshtein distance, ignoring case, in two reused rows. Stops early once every entry of a row exceeds
    /// <paramref name="cutoff"/> (the distance can only grow), returning a value above the cutoff.
    /// </summary>
    private static int Distance(string a, string b, int[] previous, int[] current, int cutoff)
    {
        if (a.Length == 0) return b.Length;
        if (b.Length == 0) return a.Length;
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = i;
            var ca = char.ToLowerInvariant(a[i - 1]);
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = ca == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > cutoff)
                return rowMinimum;
            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
