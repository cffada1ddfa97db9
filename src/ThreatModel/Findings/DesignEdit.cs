using System.Globalization;

namespace ThreatModel.Findings;

/// <summary>
/// A machine-readable change to a design that a finding names as its remedy: a small closed set of kinds, each with a
/// stable JSON shape (docs/plan.md). <c>ThreatModel.Planning.DesignEdits.Apply</c> applies one to a model;
/// <c>threatmodel plan</c> searches for a few that clear a review.
/// </summary>
public abstract record DesignEdit
{
    private protected DesignEdit()
    {
    }

    /// <summary>The kind as written in JSON: <c>drop-item</c>, <c>add-protection</c>, <c>generalize</c>, <c>snap-to-grid</c>, <c>move-element</c>, <c>grant-recourse</c>, <c>set-retention</c>, <c>move-to-jurisdiction</c>, <c>grant-rights</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The flow or element the edit changes.</summary>
    public abstract string Target { get; }

    /// <summary>What the design loses by the edit, in words (an item a flow no longer carries, precision it gives up).</summary>
    public abstract string Cost { get; }

    /// <summary>How much the design gives up, for ordering equally good edits: 1 declares a safeguard, 2 coarsens, 3 removes data or moves a party.</summary>
    public abstract int CostWeight { get; }

    /// <summary>A stable key for the edit: its kind and fields (used for ordering, grouping and de-duplication).</summary>
    public abstract string Key { get; }

    /// <summary>The fields of the edit besides its kind, in JSON order: name and value (a string, or a number written in invariant form).</summary>
    public abstract IReadOnlyList<KeyValuePair<string, object>> Fields { get; }

    /// <summary>The edit in one line of plain words.</summary>
    public abstract string Describe();

    /// <inheritdoc />
    public override string ToString() => Key;

    /// <summary>A number as written in keys and JSON.</summary>
    private protected static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>Stop a flow from delivering an item (the item is listed under the flow's <c>protections.suppress</c>).</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Item">The item it stops delivering.</param>
public sealed record DropItem(string Flow, string Item) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "drop-item";

    /// <inheritdoc />
    public override string Target => Flow;

    /// <inheritdoc />
    public override string Cost => $"flow {Flow} no longer delivers {Item}";

    /// <inheritdoc />
    public override int CostWeight => 3;

    /// <inheritdoc />
    public override string Key => $"drop-item|{Flow}|{Item}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("flow", Flow), new("item", Item)];

    /// <inheritdoc />
    public override string Describe() => $"Drop {Item} from flow {Flow} (protections.suppress: [{Item}])";
}

/// <summary>Add a protection to a flow.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Protection">One of <see cref="Names"/>.</param>
/// <param name="Value">Its value where it has one: the threshold k for <c>aggregation</c>, ε for <c>differential-privacy</c>, the basis for <c>legal-basis</c>, the key holder for <c>per-context-pseudonym</c>.</param>
public sealed record AddProtection(string Flow, string Protection, string? Value = null) : DesignEdit
{
    /// <summary>The protections an edit can add.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["aggregation", "consent", "deniable-records", "differential-privacy", "encryption-in-transit", "end-to-end-encryption", "exclusion-zones", "legal-basis", "per-context-pseudonym"];

    /// <inheritdoc />
    public override string Kind => "add-protection";

    /// <inheritdoc />
    public override string Target => Flow;

    /// <inheritdoc />
    public override string Cost => Protection switch
    {
        "aggregation" => $"flow {Flow} delivers only aggregates over at least {Value} people, no single records",
        "differential-privacy" => $"flow {Flow} delivers only noisy aggregates (epsilon {Value}), no single records",
        "end-to-end-encryption" => $"the receiver of flow {Flow} only relays ciphertext and cannot read it",
        "per-context-pseudonym" => $"the receiver of flow {Flow} gets a pseudonym of its own instead of the shared identifier",
        "consent" => $"flow {Flow} runs only for people who gave informed consent",
        "legal-basis" => $"flow {Flow} must rest on the declared legal basis ({Value})",
        "deniable-records" => $"the receiver of flow {Flow} keeps no proof of who sent it",
        "exclusion-zones" => $"flow {Flow} no longer shows sensitive sites and private zones",
        _ => $"flow {Flow} is encrypted in transit",
    };

    /// <inheritdoc />
    public override int CostWeight => Protection is "aggregation" or "differential-privacy" ? 3 : Protection is "end-to-end-encryption" or "per-context-pseudonym" ? 2 : 1;

    /// <inheritdoc />
    public override string Key => Value is null ? $"add-protection|{Flow}|{Protection}" : $"add-protection|{Flow}|{Protection}|{Value}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => Value is null
        ? [new("flow", Flow), new("protection", Protection)]
        : [new("flow", Flow), new("protection", Protection), new("value", Value)];

    /// <inheritdoc />
    public override string Describe() => Protection switch
    {
        "aggregation" => $"Release only aggregates over at least {Value} people on flow {Flow} (protections.aggregationThreshold: {Value})",
        "differential-privacy" => $"Release only differentially private aggregates on flow {Flow} (protections.differentialPrivacy.epsilon: {Value})",
        "end-to-end-encryption" => $"Encrypt flow {Flow} end to end (protections.endToEndEncrypted: true)",
        "per-context-pseudonym" => Value is null
            ? $"Give the receiver of flow {Flow} its own pseudonym (protections.pseudonymized.perContext: true)"
            : $"Give the receiver of flow {Flow} its own pseudonym (protections.pseudonymized: keyHolder {Value}, perContext: true)",
        "consent" => $"Ask for informed consent on flow {Flow} (protections.consent: true, legalBasis: consent)",
        "legal-basis" => $"Declare the legal basis of flow {Flow} (protections.legalBasis: {Value})",
        "deniable-records" => $"Keep no attributable records of flow {Flow} (protections.deniableRecords: true)",
        "exclusion-zones" => $"Cut sensitive sites and private zones out of flow {Flow} before aggregating (protections.exclusionZones: true)",
        _ => $"Encrypt flow {Flow} in transit (protections.encryptedInTransit: true)",
    };
}

/// <summary>Send an item coarser on a flow: a coarser quasi-identifier level, or a coarser position.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Item">The item.</param>
/// <param name="Level">The coarser quasi-identifier preset (<c>birth-year</c>, <c>zip3</c>, ...), or null.</param>
/// <param name="PrecisionMetres">The coarser precision of a position, or null.</param>
public sealed record Generalize(string Flow, string Item, string? Level, double? PrecisionMetres = null) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "generalize";

    /// <inheritdoc />
    public override string Target => Flow;

    /// <inheritdoc />
    public override string Cost => Level is not null
        ? $"flow {Flow} delivers {Item} only as {Level}"
        : $"flow {Flow} delivers {Item} only to about {Number(PrecisionMetres ?? 0)} m";

    /// <inheritdoc />
    public override int CostWeight => 2;

    /// <inheritdoc />
    public override string Key => $"generalize|{Flow}|{Item}|{Level ?? Number(PrecisionMetres ?? 0) + "m"}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => Level is not null
        ? [new("flow", Flow), new("item", Item), new("level", Level)]
        : [new("flow", Flow), new("item", Item), new("precisionMetres", PrecisionMetres ?? 0)];

    /// <inheritdoc />
    public override string Describe() => Level is not null
        ? $"Send {Item} on flow {Flow} only as {Level} (protections.generalize: {{{Item}: {Level}}})"
        : $"Send {Item} on flow {Flow} only to {Number(PrecisionMetres ?? 0)} m (protections.generalize: {{{Item}: {{precision: {Number(PrecisionMetres ?? 0)}}}}})";
}

/// <summary>Snap positions on a flow to a fixed grid before any distance is computed.</summary>
/// <param name="Flow">The flow.</param>
/// <param name="Metres">The grid cell size.</param>
public sealed record SnapToGrid(string Flow, double Metres) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "snap-to-grid";

    /// <inheritdoc />
    public override string Target => Flow;

    /// <inheritdoc />
    public override string Cost => $"positions on flow {Flow} are known only to a {Number(Metres)} m cell";

    /// <inheritdoc />
    public override int CostWeight => 2;

    /// <inheritdoc />
    public override string Key => $"snap-to-grid|{Flow}|{Number(Metres)}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("flow", Flow), new("metres", Metres)];

    /// <inheritdoc />
    public override string Describe() => $"Snap positions on flow {Flow} to a {Number(Metres)} m grid (protections.snapToGrid: {Number(Metres)})";
}

/// <summary>Move an element into another organization (a different trust boundary).</summary>
/// <param name="Element">The element.</param>
/// <param name="Organization">The organization it moves to.</param>
public sealed record MoveElement(string Element, string Organization) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "move-element";

    /// <inheritdoc />
    public override string Target => Element;

    /// <inheritdoc />
    public override string Cost => $"{Element} is run by {Organization} instead";

    /// <inheritdoc />
    public override int CostWeight => 3;

    /// <inheritdoc />
    public override string Key => $"move-element|{Element}|{Organization}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("element", Element), new("organization", Organization)];

    /// <inheritdoc />
    public override string Describe() => $"Move {Element} into organization {Organization} (organization: {Organization})";
}

/// <summary>Give the people a decision is about notice, insight and an appeal before a human who can change it.</summary>
/// <param name="Element">The deciding process.</param>
public sealed record GrantRecourse(string Element) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "grant-recourse";

    /// <inheritdoc />
    public override string Target => Element;

    /// <inheritdoc />
    public override string Cost => $"{Element} tells people, shows them its inputs and answers appeals before a human";

    /// <inheritdoc />
    public override int CostWeight => 1;

    /// <inheritdoc />
    public override string Key => $"grant-recourse|{Element}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("element", Element)];

    /// <inheritdoc />
    public override string Describe() => $"Give the decision of {Element} notice, insight and a human appeal (decision.informed, inputsVisible, appeal: true)";
}

/// <summary>Set how long a store (element) or the receiver of a flow keeps data, with deletion and correction for a store.</summary>
/// <param name="On">The store element or the flow.</param>
/// <param name="Days">The retention in days.</param>
public sealed record SetRetention(string On, int Days) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "set-retention";

    /// <inheritdoc />
    public override string Target => On;

    /// <inheritdoc />
    public override string Cost => $"{On} keeps data {Days} days at most";

    /// <inheritdoc />
    public override int CostWeight => 1;

    /// <inheritdoc />
    public override string Key => $"set-retention|{On}|{Days.ToString(CultureInfo.InvariantCulture)}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("target", On), new("days", Days)];

    /// <inheritdoc />
    public override string Describe() => $"Keep data at {On} at most {Days.ToString(CultureInfo.InvariantCulture)} days, deletable and correctable on request (retention.days: {Days.ToString(CultureInfo.InvariantCulture)})";
}

/// <summary>
/// Keep an element (a store, or a process that decides about people) in another jurisdiction, one where people can
/// enforce their rights: the data it keeps, or the decisions it makes, move there with it.
/// </summary>
/// <param name="Element">The element.</param>
/// <param name="Jurisdiction">The jurisdiction it moves to (one the design declares).</param>
public sealed record MoveToJurisdiction(string Element, string Jurisdiction) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "move-to-jurisdiction";

    /// <inheritdoc />
    public override string Target => Element;

    /// <inheritdoc />
    public override string Cost => $"{Element} is kept and run in {Jurisdiction} instead: the processing moves there";

    /// <inheritdoc />
    public override int CostWeight => 3;

    /// <inheritdoc />
    public override string Key => $"move-to-jurisdiction|{Element}|{Jurisdiction}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("element", Element), new("jurisdiction", Jurisdiction)];

    /// <inheritdoc />
    public override string Describe() => $"Keep {Element} in jurisdiction {Jurisdiction}, where people can enforce their rights (jurisdiction: {Jurisdiction})";
}

/// <summary>
/// Give people, by design, rights over what an element holds or decides about them: a store lets them have their data
/// corrected and deleted on request; a deciding process tells them, shows them its inputs and takes appeals before a
/// human. Where the law gives no rights these are the organization's own promise, not enforceable before an
/// independent authority: the rules that read rights lower their likelihood, they do not drop the finding.
/// </summary>
/// <param name="Element">The store or deciding process.</param>
public sealed record GrantRights(string Element) : DesignEdit
{
    /// <inheritdoc />
    public override string Kind => "grant-rights";

    /// <inheritdoc />
    public override string Target => Element;

    /// <inheritdoc />
    public override string Cost => $"{Element} corrects, deletes or reconsiders what it holds about people when they ask";

    /// <inheritdoc />
    public override int CostWeight => 1;

    /// <inheritdoc />
    public override string Key => $"grant-rights|{Element}";

    /// <inheritdoc />
    public override IReadOnlyList<KeyValuePair<string, object>> Fields => [new("element", Element)];

    /// <inheritdoc />
    public override string Describe() => $"Give people rights over what {Element} holds or decides about them, by design: correction and deletion on request at a store (retention.deletion, retention.correction: true), notice, insight and a human appeal for a decision (decision.informed, inputsVisible, appeal: true)";
}
