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
