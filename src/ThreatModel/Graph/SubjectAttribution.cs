using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>How firmly an element can tie records about a data subject to the people they are about.</summary>
internal enum AttributionStrength
{
    /// <summary>It reads nothing that points at a person.</summary>
    None,

    /// <summary>It reads only pseudonyms whose key another organization holds: that organization can re-link them.</summary>
    ByKeyHolder,

    /// <summary>It reads an identifier in the clear, a keyless hash of one, a pseudonym under its own organization's key, or a biometric.</summary>
    Direct,
}

/// <summary>Reads, from the holding facts, whether an element can attribute records about a subject to people.</summary>
internal static class SubjectAttribution
{
    /// <summary>The strongest attribution the element has for people of <paramref name="subjectId"/>, with the identifying holding (null for none).</summary>
    public static (AttributionStrength Strength, Holding? Witness) At(DataFlowGraph graph, Element element, string subjectId)
    {
        var best = (Strength: AttributionStrength.None, Witness: (Holding?)null);
        foreach (var holding in graph.Holdings(element.Id))
        {
            var item = holding.Item;
            if (!string.Equals(item.SubjectId, subjectId, StringComparison.Ordinal) || !holding.Form.ReadableAboutIndividuals)
                continue;
            var strength = StrengthOf(element, item, holding.Form);
            if (strength > best.Strength)
                best = (strength, holding);
            if (best.Strength == AttributionStrength.Direct)
                break;
        }

        return best;
    }

    /// <summary>
    /// <see cref="At"/> for every subject the element holds readable records of, in one pass over its holdings: per subject,
    /// the strongest attribution with its first identifying holding. Subjects it holds nothing readable about are absent.
    /// </summary>
    public static Dictionary<string, (AttributionStrength Strength, Holding? Witness)> All(DataFlowGraph graph, Element element)
    {
        var result = new Dictionary<string, (AttributionStrength Strength, Holding? Witness)>(StringComparer.Ordinal);
        var holdings = graph.HoldingsOf(element.Id);
        for (var h = 0; h < holdings.Count; h++)
        {
            var holding = holdings[h];
            var item = holding.Item;
            if (!holding.Form.ReadableAboutIndividuals)
                continue;
            var strength = StrengthOf(element, item, holding.Form);
            if (!result.TryGetValue(item.SubjectId, out var best))
                result[item.SubjectId] = strength > AttributionStrength.None ? (strength, holding) : (AttributionStrength.None, null);
            else if (strength > best.Strength)
                result[item.SubjectId] = (strength, holding);
        }

        return result;
    }

    private static AttributionStrength StrengthOf(Element element, DataItem item, ItemForm form)
    {
        if (item.Kind == DataItemKind.Biometric)
            return AttributionStrength.Direct;
        if (!item.IsIdentifier)
            return AttributionStrength.None;
        if (form.Pseudonym is null)
            return AttributionStrength.Direct;
        // Its own organization's key turns the pseudonym back into the identifier (compared without making the key holder's string).
        return element.OrganizationId is { } organization && PseudonymKey.TryGetHolder(form, out var holder) && holder.SequenceEqual(organization)
            ? AttributionStrength.Direct
            : AttributionStrength.ByKeyHolder;
    }
}
