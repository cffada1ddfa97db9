using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>What a flow's protections do to the form of one item it carries.</summary>
internal static class FlowTransform
{
    public static ItemForm Apply(SystemModel model, Flow flow, DataItem item, ItemForm form, Element receiver)
    {
        var p = flow.Protections;

        // End-to-end encryption seals content from intermediaries; routing metadata stays visible.
        // A person at the end of the chain holds the keys and reads it.
        var sealedNow = form.Sealed;
        if (p.EndToEndEncrypted && item.Kind != DataItemKind.CommunicationMetadata)
            sealedNow = true;
        if (receiver.Type == ElementType.Person)
            sealedNow = false;

        var pseudonym = form.Pseudonym;
        if (item.IsIdentifier && p.Pseudonymization is { } pseudonymization && (pseudonym is null || pseudonymization.PerContext))
        {
            var keyHolder = pseudonymization.KeyHolder ?? (model.TryGetElement(flow.From, out var sender) ? sender.OrganizationId : null) ?? flow.From;
            pseudonym = pseudonymization.PerContext ? $"per-context:{keyHolder}:{flow.Id}" : $"key:{keyHolder}";
        }

        var generalization = form.Generalization;
        if (p.Generalizations.TryGetValue(item.Id, out var coarser))
            generalization = Coarsest(generalization, coarser);

        return new ItemForm(sealedNow, form.Aggregated || p.Aggregated, pseudonym, generalization);
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
