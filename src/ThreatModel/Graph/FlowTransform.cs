using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>What a flow's protections do to the form of one item it carries.</summary>
internal static class FlowTransform
{
    public static ItemForm Apply(SystemModel model, Flow flow, DataItem item, ItemForm form, Element receiver) =>
        Apply(flow, item, form, receiver.Type == ElementType.Person, flow.Protections.Pseudonymization is null ? null : PseudonymOf(model, flow));

    /// <summary>
    /// <see cref="Apply(SystemModel, Flow, DataItem, ItemForm, Element)"/> with the flow's pseudonym computed beforehand
    /// (<see cref="PseudonymOf"/>), so a search that applies one flow to many forms makes the string once.
    /// </summary>
    public static ItemForm Apply(Flow flow, DataItem item, ItemForm form, bool receiverIsPerson, string? flowPseudonym)
    {
        var p = flow.Protections;

        // End-to-end encryption seals content from intermediaries; routing metadata stays visible.
        // A person at the end of the chain holds the keys and reads it.
        var sealedNow = form.Sealed;
        if (p.EndToEndEncrypted && item.Kind != DataItemKind.CommunicationMetadata)
            sealedNow = true;
        if (receiverIsPerson)
            sealedNow = false;

        var pseudonym = form.Pseudonym;
        if (item.IsIdentifier && p.Pseudonymization is { } pseudonymization && (pseudonym is null || pseudonymization.PerContext))
            pseudonym = flowPseudonym;

        var generalization = form.Generalization;
        if (p.Generalizations.Count > 0 && p.Generalizations.TryGetValue(item.Id, out var coarser))
            generalization = Coarsest(generalization, coarser);

        // Snapping to a fixed grid coarsens every position the flow carries; the coarsest grid on the way holds.
        var grid = form.GridMetres;
        if (p.SnapToGridMetres is { } snap && ItemForm.IsPosition(item))
            grid = Max(grid, snap);

        return new ItemForm(sealedNow, form.Aggregated || p.Aggregated, pseudonym, generalization) { GridMetres = grid };
    }

    /// <summary>The pseudonym a pseudonymising flow gives identifiers: one per key holder, or one per flow when per-context.</summary>
    public static string? PseudonymOf(SystemModel model, Flow flow)
    {
        if (flow.Protections.Pseudonymization is not { } pseudonymization)
            return null;
        var keyHolder = pseudonymization.KeyHolder ?? (model.TryGetElement(flow.From, out var sender) ? sender.OrganizationId : null) ?? flow.From;
        return pseudonymization.PerContext ? $"per-context:{keyHolder}:{flow.Id}" : $"key:{keyHolder}";
    }

    /// <summary>The coarser of two generalizations, field by field.</summary>
    public static Generalization Coarsest(Generalization? a, Generalization b)
    {
        if (a is null)
            return b;
        return new Generalization(
            CoarserQuasiIdentifier(a.QuasiIdentifier, b.QuasiIdentifier),
            Max(a.PrecisionMetres, b.PrecisionMetres),
            Max(a.TemporalResolutionMinutes, b.TemporalResolutionMinutes));
    }

    private static QuasiIdentifierSpec? CoarserQuasiIdentifier(QuasiIdentifierSpec? a, QuasiIdentifierSpec? b)
    {
        if (a is null) return b;
        if (b is null) return a;
        // Compare at a reference population; geographic and fixed presets order the same way at any size that matters.
        const long reference = 1_000_000;
        return b.CardinalityIn(reference) < a.CardinalityIn(reference) ? b : a;
    }

    private static double? Max(double? a, double? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
