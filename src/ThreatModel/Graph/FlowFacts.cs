using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// What a flow's own protections mean, interpreted once for every rule: which listed items it really carries (a
/// suppressed item is not delivered), on which legal ground it runs, how long the receiver keeps what it brings, whether
/// the receiver's records of it are deniable, and the release protection (k, ε) and rate limit it declares.
/// A rule reads these and never the flow's <see cref="Flow.Protections"/>; the effective form of what a flow delivers is
/// in <see cref="ItemForm"/> (<see cref="DataFlowGraph.FormsDeliveredBy"/>). See docs/facts.md.
/// </summary>
/// <remarks>A view of the flow, made without allocation: <c>graph.FactsOf(flow)</c> or <see cref="Of"/>.</remarks>
public readonly struct FlowFacts : IEquatable<FlowFacts>
{
    private readonly Protections _protections;

    private FlowFacts(Protections protections) => _protections = protections;

    /// <summary>The facts of <paramref name="flow"/>'s protections.</summary>
    public static FlowFacts Of(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new FlowFacts(flow.Protections);
    }

    /// <summary>
    /// True when the flow lists <paramref name="itemId"/> but removes it before release (<c>suppress</c>): the item is
    /// not delivered, and no holding, reach or rule counts it as sent on this flow.
    /// </summary>
    public bool Suppresses(string itemId)
    {
        var suppressed = _protections.SuppressedItems;
        return suppressed.Count > 0 && suppressed.Contains(itemId);
    }

    /// <summary>The declared legal basis (consent, contract, legal-obligation, vital-interest, public-task, legitimate-interest), or null.</summary>
    public string? LegalBasis => _protections.LegalBasis;

    /// <summary>True when the people concerned gave informed consent for this flow's purpose.</summary>
    public bool Consent => _protections.Consent;

    /// <summary>True when the flow declares a legal ground: a legal basis, or consent.</summary>
    public bool HasLegalGround => _protections.LegalBasis is not null || _protections.Consent;

    /// <summary>True when consent is the basis: the people consented and the declared legal basis is consent.</summary>
    public bool ConsentIsTheBasis =>
        _protections.Consent && string.Equals(_protections.LegalBasis, "consent", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// True when the flow's consent is limited to some of the people it carries data about (<c>consentOf</c>): the others
    /// never chose anything (friends of the people who installed an app, contacts in an uploaded address book).
    /// </summary>
    public bool ConsentIsLimited => _protections.ConsentOf.Count > 0;

    /// <summary>
    /// True when the people of <paramref name="subjectId"/> consented to this flow's purpose: the flow declares consent
    /// and, when it names whose consent it records (<c>consentOf</c>), names them.
    /// </summary>
    public bool ConsentedBy(string subjectId) =>
        _protections.Consent && (_protections.ConsentOf.Count == 0 || _protections.ConsentOf.Contains(subjectId));

    /// <summary>
    /// True when the flow has a legal ground for data about <paramref name="subjectId"/>: a legal basis other than consent,
    /// or consent those people gave (<see cref="ConsentedBy"/>). Without <c>consentOf</c> this is <see cref="HasLegalGround"/>.
    /// </summary>
    public bool HasLegalGroundFor(string subjectId)
    {
        if (!ConsentIsLimited)
            return HasLegalGround;
        var basis = _protections.LegalBasis;
        return (basis is not null && !string.Equals(basis, "consent", StringComparison.OrdinalIgnoreCase)) || ConsentedBy(subjectId);
    }

    /// <summary>
    /// True when sensitive sites and people's private zones are cut out of what the flow releases before aggregation
    /// (<c>exclusionZones</c>): an aggregate made from it cannot show them (TM015).
    /// </summary>
    public bool ExcludesSensitiveSites => _protections.ExclusionZones;

    /// <summary>How long the receiver keeps what the flow brings, in days; null when undeclared.</summary>
    public int? RetentionDays => _protections.RetentionDays;

    /// <summary>True when the receiver cannot prove who sent what the flow brings (deniable authentication, no signatures kept).</summary>
    public bool DeniableRecords => _protections.DeniableRecords;

    /// <summary>The aggregation threshold k the flow releases under, as declared (aggregates over at least k people), or null.</summary>
    public int? AggregationThreshold => _protections.AggregationThreshold;

    /// <summary>The differential-privacy ε the flow releases under, as declared, or null.</summary>
    public double? NoiseEpsilon => _protections.DifferentialPrivacyEpsilon;

    /// <summary>Queries one caller may make a day on the flow (<c>rateLimit</c>), or null: lowers likelihood only.</summary>
    public int? RateLimitPerDay => _protections.RateLimitPerDay;

    /// <summary>True when both are facts of the same protections.</summary>
    public bool Equals(FlowFacts other) => ReferenceEquals(_protections, other._protections);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is FlowFacts other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(_protections);

    /// <summary>True when both are facts of the same protections.</summary>
    public static bool operator ==(FlowFacts left, FlowFacts right) => left.Equals(right);

    /// <summary>False when both are facts of the same protections.</summary>
    public static bool operator !=(FlowFacts left, FlowFacts right) => !left.Equals(right);
}
