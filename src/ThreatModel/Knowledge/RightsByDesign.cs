using ThreatModel.Model;

namespace ThreatModel.Knowledge;

/// <summary>
/// Whether an element gives people, by its own design, the rights a law would: a store lets them have their data
/// corrected and deleted on request (<c>retention.deletion</c> and <c>retention.correction</c>); a process that decides
/// about them tells them, shows them its inputs and takes appeals before a human (<c>decision.informed</c>,
/// <c>inputsVisible</c>, <c>appeal</c>). Where no law gives people rights, these are the organization's promise, not
/// enforceable before an independent authority: the rules that read rights (TM016, TM012) lower the likelihood of the
/// harm, and the severity follows from the matrix.
/// </summary>
internal static class RightsByDesign
{
    /// <summary>True when the element is a store or a deciding process that grants every right it can by design.</summary>
    public static bool Grants(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        if (element.Decision is { } decision)
            return decision.SubjectInformed && decision.InputsVisible && decision.Appeal
                && (element.Type != ElementType.Store || element.Retention is { Deletion: true, Correction: true });
        return element.Type == ElementType.Store && element.Retention is { Deletion: true, Correction: true };
    }

    /// <summary>True when the element can grant rights by design at all: a store, or a process that decides about people.</summary>
    public static bool CanGrant(Element element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return element.Type == ElementType.Store || element.Decision is not null;
    }

    /// <summary>
    /// The jurisdiction the design names (declared, or implied by a reference) where people can enforce their rights,
    /// one without compelled access first, in design order; null when it names none.
    /// </summary>
    public static Jurisdiction? Home(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Jurisdiction? found = null;
        foreach (var jurisdiction in model.Jurisdictions)
        {
            if (!jurisdiction.SubjectRights || string.Equals(jurisdiction.Id, Jurisdictions.Unspecified, StringComparison.Ordinal))
                continue;
            if (!jurisdiction.CompelledAccess)
                return jurisdiction;
            found ??= jurisdiction;
        }

        return found;
    }
}
