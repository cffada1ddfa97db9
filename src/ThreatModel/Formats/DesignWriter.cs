using System.Text;
using ThreatModel.Formats.Writing;
using ThreatModel.Model;

namespace ThreatModel.Formats;

/// <summary>
/// Writes a <see cref="SystemModel"/> as a design file in the documented format (docs/model-format.md), YAML or
/// JSON. The output is deterministic (same model, same bytes: fields in documented order, generalizations sorted
/// by item id, invariant number formatting, "\n" line ends), leaves out fields at their defaults, and reads back
/// through <see cref="DesignReader"/> to a model that says the same. Organizations and jurisdictions the design
/// only implied are written out as declared ones.
/// </summary>
/// <example>
/// <code>
/// var model = DesignReader.ReadFile("design.yaml").GetModelOrThrow();
/// File.WriteAllText("design.json", DesignWriter.ToJson(model));
/// </code>
/// </example>
public static class DesignWriter
{
    /// <summary>The design as YAML text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string ToYaml(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(model, new YamlDesignEmitter(writer));
        return writer.ToString();
    }

    /// <summary>The design as JSON text.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The model holds NaN or an infinity, which JSON cannot represent.</exception>
    public static string ToJson(SystemModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        Write(model, new JsonDesignEmitter(stream));
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes the design in the given format to a stream, as UTF-8 without a byte-order mark.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="stream"/> is null.</exception>
    public static void Write(SystemModel model, Stream stream, DesignFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        if (format == DesignFormat.Json)
        {
            Write(model, new JsonDesignEmitter(stream));
            return;
        }

        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\n" };
        Write(model, new YamlDesignEmitter(writer));
    }

    /// <summary>Writes the design to a file; the format comes from the extension (.json for JSON, anything else YAML) unless given.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> or <paramref name="path"/> is null.</exception>
    public static void WriteFile(SystemModel model, string path, DesignFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(path);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        Write(model, stream, format ?? DesignReader.FormatFromExtension(path) ?? DesignFormat.Yaml);
    }

    private static void Write(SystemModel model, IDesignEmitter e)
    {
        e.BeginMapping();
        Text(e, "name", model.Name);
        OptionalText(e, "description", model.Description);
        WriteSettings(e, model.Settings);
        List(e, "jurisdictions", model.Jurisdictions, WriteJurisdiction);
        List(e, "organizations", model.Organizations, WriteOrganization);
        List(e, "subjects", model.Subjects, WriteSubject);
        List(e, "items", model.Items, WriteItem);
        var organizationJurisdictions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var organization in model.Organizations)
            organizationJurisdictions.TryAdd(organization.Id, organization.JurisdictionId);
        List(e, "elements", model.Elements, (em, element) => WriteElement(em, element, organizationJurisdictions));
        List(e, "flows", model.Flows, WriteFlow);
        List(e, "purposes", model.Purposes, WritePurpose);
        e.EndMapping();
        e.Finish();
    }

    private static void WriteSettings(IDesignEmitter e, AnalysisSettings settings)
    {
        var defaults = AnalysisSettings.Default;
        if (settings == defaults)
            return;
        e.Key("settings");
        e.BeginMapping();
        if (settings.UniquenessThreshold != defaults.UniquenessThreshold)
            Number(e, "uniquenessThreshold", settings.UniquenessThreshold);
        if (settings.MinimumAnonymitySet != defaults.MinimumAnonymitySet)
            Number(e, "minimumAnonymitySet", settings.MinimumAnonymitySet);
        if (settings.LinkageUniquenessThreshold != defaults.LinkageUniquenessThreshold)
            Number(e, "linkageUniquenessThreshold", settings.LinkageUniquenessThreshold);
        e.EndMapping();
    }

    private static void WriteJurisdiction(IDesignEmitter e, Jurisdiction jurisdiction)
    {
        e.BeginMapping();
        IdAndName(e, jurisdiction.Id, jurisdiction.Name);
        if (!jurisdiction.SubjectRights)
            Flag(e, "subjectRights", false);
        if (jurisdiction.CompelledAccess)
            Flag(e, "compelledAccess", true);
        e.EndMapping();
    }

    private static void WriteOrganization(IDesignEmitter e, Organization organization)
    {
        e.BeginMapping();
        IdAndName(e, organization.Id, organization.Name);
        if (organization.JurisdictionId != Jurisdictions.Unspecified)
            OptionalText(e, "jurisdiction", organization.JurisdictionId);
        OptionalText(e, "kind", organization.Kind);
        if (organization.PowerOverSubjects)
            Flag(e, "powerOverSubjects", true);
        e.EndMapping();
    }

    private static void WriteSubject(IDesignEmitter e, DataSubject subject)
    {
        e.BeginMapping();
        IdAndName(e, subject.Id, subject.Name);
        e.Key("population");
        e.Integer(subject.Population);
        if (subject.Density is { } density)
        {
            e.Key("density");
            if (density.Preset is { } preset && DensityPresets.Resolve(preset) == density)
                e.Text(preset);
            else
                e.Number(density.PeoplePerSquareKilometre);
        }

        if (subject.Vulnerable)
            Flag(e, "vulnerable", true);
        OptionalText(e, "description", subject.Description);
        e.EndMapping();
    }

    private static void WriteItem(IDesignEmitter e, DataItem item)
    {
        e.BeginMapping();
        IdAndName(e, item.Id, item.Name);
        Text(e, "kind", DesignVocabulary.Word(item.Kind));
        Text(e, "subject", item.SubjectId);
        if (item.Context != DataContexts.DefaultFor(item.Kind))
            OptionalText(e, "context", item.Context);
        if (item.Linkability != Linkability.Shared)
        {
            Text(e, "linkability", DesignVocabulary.Word(item.Linkability));
        }

        Names(e, "derivedFrom", item.DerivedFrom);
        if (item.Stigmatizing)
            Flag(e, "stigmatizing", true);
        OptionalText(e, "specialCategory", item.SpecialCategory);
        if (item.QuasiIdentifier is { } qi)
            WriteQuasiIdentifierFields(e, qi);
        if (item.Location is { } location)
            Number(e, "precision", location.PrecisionMetres);
        if (item.Trace is { } trace)
        {
            e.Key("trace");
            e.BeginMapping();
            e.Key("points");
            e.Integer(trace.PointsPerPerson);
            if (trace.SpatialResolutionMetres is { } spatial)
                Number(e, "spatialResolution", spatial);
            if (trace.TemporalResolutionMinutes != 60)
                Number(e, "temporalResolution", trace.TemporalResolutionMinutes);
            if (trace.KnownPoints is { } known)
            {
                e.Key("knownPoints");
                e.Integer(known);
            }

            if (trace.Place is { } place)
                Text(e, "place", DesignVocabulary.TracePlaces[(int)place]);
            if (trace.PriceKnown)
                Flag(e, "priceKnown", true);
            e.EndMapping();
        }

        OptionalText(e, "description", item.Description);
        e.EndMapping();
    }

    /// <summary>A preset alone when the figures are the preset's; otherwise the preset (if any) and the figures that override it.</summary>
    private static void WriteQuasiIdentifierFields(IDesignEmitter e, QuasiIdentifierSpec qi)
    {
        if (qi.Preset is { } preset)
        {
            Text(e, "quasiIdentifier", preset);
            if (QuasiIdentifierPresets.Resolve(preset) == qi)
                return;
        }

        if (qi.Cardinality is { } cardinality)
            Number(e, "cardinality", cardinality);
        if (qi.PeoplePerValue is { } peoplePerValue)
            Number(e, "peoplePerValue", peoplePerValue);
    }

    private static void WriteElement(IDesignEmitter e, Element element, Dictionary<string, string> organizationJurisdictions)
    {
        e.BeginMapping();
        IdAndName(e, element.Id, element.Name);
        Text(e, "type", DesignVocabulary.Word(element.Type));
        OptionalText(e, "organization", element.OrganizationId);
        var inherited = element.OrganizationId is { } org ? organizationJurisdictions.GetValueOrDefault(org) : null;
        if (element.JurisdictionId != inherited)
            OptionalText(e, "jurisdiction", element.JurisdictionId);
        OptionalText(e, "subject", element.SubjectId);
        if (element.Attributable)
            Flag(e, "attributable", true);
        if (element.Decision is { } decision)
        {
            e.Key("decision");
            e.BeginMapping();
            Names(e, "affects", decision.Affects);
            OptionalText(e, "subject", decision.SubjectId);
            if (decision.Automated)
                Flag(e, "automated", true);
            if (decision.SubjectInformed)
                Flag(e, "informed", true);
            if (decision.InputsVisible)
                Flag(e, "inputsVisible", true);
            if (decision.Appeal)
                Flag(e, "appeal", true);
            e.EndMapping();
        }

        if (element.Retention is { } retention)
        {
            e.Key("retention");
            e.BeginMapping();
            if (retention.Days is { } days)
            {
                e.Key("days");
                e.Integer(days);
            }

            if (retention.Deletion)
                Flag(e, "deletion", true);
            if (retention.Correction)
                Flag(e, "correction", true);
            e.EndMapping();
        }

        WriteAccepts(e, element.Suppressions);
        OptionalText(e, "description", element.Description);
        e.EndMapping();
    }

    private static void WriteFlow(IDesignEmitter e, Flow flow)
    {
        e.BeginMapping();
        Text(e, "id", flow.Id);
        Text(e, "from", flow.From);
        Text(e, "to", flow.To);
        e.Key("items");
        e.BeginList(inline: true);
        foreach (var item in flow.Items)
            e.Text(item);
        e.EndList();
        Text(e, "purpose", flow.Purpose);
        if (flow.Collection.Continuous)
            Flag(e, "continuous", true);
        if (flow.Collection.Covert)
            Flag(e, "covert", true);
        WriteProtections(e, flow.Protections);
        if (flow.Query is { } query)
        {
            e.Key("query");
            e.BeginMapping();
            Text(e, "chosenBy", query.ChosenBy);
            Text(e, "returns", query.Returns);
            if (query.RadiusMetres is { } radius)
                Number(e, "radius", radius);
            if (query.RoundedToMetres is { } rounded)
                Number(e, "roundedToMetres", rounded);
            e.EndMapping();
        }

        WriteAccepts(e, flow.Suppressions);
        OptionalText(e, "description", flow.Description);
        e.EndMapping();
    }

    private static void WriteProtections(IDesignEmitter e, Protections p)
    {
        var any = p.EncryptedInTransit || p.EndToEndEncrypted || p.Pseudonymization is not null || p.Generalizations.Count > 0
            || p.SuppressedItems.Count > 0 || p.AggregationThreshold is not null || p.DifferentialPrivacyEpsilon is not null
            || p.RateLimitPerDay is not null || p.SnapToGridMetres is not null || p.LegalBasis is not null || p.Consent
            || p.RetentionDays is not null || p.DeniableRecords || p.ConsentOf.Count > 0 || p.ExclusionZones;
        if (!any)
            return;
        e.Key("protections");
        e.BeginMapping();
        if (p.EncryptedInTransit)
            Flag(e, "encryptedInTransit", true);
        if (p.EndToEndEncrypted)
            Flag(e, "endToEnd", true);
        if (p.Pseudonymization is { } pseudonymization)
        {
            e.Key("pseudonymized");
            if (pseudonymization is { KeyHolder: null, PerContext: false })
            {
                e.Boolean(true);
            }
            else
            {
                e.BeginMapping();
                OptionalText(e, "keyHolder", pseudonymization.KeyHolder);
                if (pseudonymization.PerContext)
                    Flag(e, "perContext", true);
                e.EndMapping();
            }
        }

        if (p.Generalizations.Count > 0)
        {
            e.Key("generalize");
            e.BeginMapping();
            foreach (var (item, generalization) in p.Generalizations.OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                e.Key(item);
                WriteGeneralization(e, generalization);
            }

            e.EndMapping();
        }

        Names(e, "suppress", p.SuppressedItems);
        OptionalInteger(e, "aggregationThreshold", p.AggregationThreshold);
        if (p.DifferentialPrivacyEpsilon is { } epsilon)
            Number(e, "differentialPrivacy", epsilon);
        OptionalInteger(e, "rateLimit", p.RateLimitPerDay);
        if (p.SnapToGridMetres is { } grid)
            Number(e, "snapToGrid", grid);
        OptionalText(e, "legalBasis", p.LegalBasis);
        if (p.Consent)
            Flag(e, "consent", true);
        OptionalInteger(e, "retentionDays", p.RetentionDays);
        if (p.DeniableRecords)
            Flag(e, "deniable", true);
        Names(e, "consentOf", p.ConsentOf);
        if (p.ExclusionZones)
            Flag(e, "exclusionZones", true);
        e.EndMapping();
    }

    /// <summary>The shortest form that reads back the same: a preset name, a cardinality, or a mapping.</summary>
    private static void WriteGeneralization(IDesignEmitter e, Generalization generalization)
    {
        if (generalization is { PrecisionMetres: null, TemporalResolutionMinutes: null, QuasiIdentifier: { } qi })
        {
            if (qi.Preset is { } preset && QuasiIdentifierPresets.Resolve(preset) == qi)
            {
                e.Text(preset);
                return;
            }

            if (qi is { Preset: null, PeoplePerValue: null, Cardinality: { } cardinality })
            {
                e.Number(cardinality);
                return;
            }
        }

        e.BeginMapping();
        if (generalization.QuasiIdentifier is { } spec)
            WriteQuasiIdentifierFields(e, spec);
        if (generalization.PrecisionMetres is { } precision)
            Number(e, "precision", precision);
        if (generalization.TemporalResolutionMinutes is { } minutes)
            Number(e, "temporalResolution", minutes);
        e.EndMapping();
    }

    private static void WritePurpose(IDesignEmitter e, Purpose purpose)
    {
        e.BeginMapping();
        Text(e, "id", purpose.Id);
        Names(e, "compatibleWith", purpose.CompatibleWith);
        OptionalText(e, "description", purpose.Description);
        e.EndMapping();
    }

    private static void WriteAccepts(IDesignEmitter e, IReadOnlyList<Suppression> suppressions)
    {
        if (suppressions.Count == 0)
            return;
        e.Key("accepts");
        e.BeginList(inline: false);
        foreach (var suppression in suppressions)
        {
            e.BeginMapping();
            if (suppression.RuleId.Length > 0)
                Text(e, "rule", suppression.RuleId);
            if (suppression.Finding is { } finding)
                Text(e, "finding", finding);
            Text(e, "justification", suppression.Justification);
            e.EndMapping();
        }

        e.EndList();
    }

    private static void List<T>(IDesignEmitter e, string key, IReadOnlyList<T> values, Action<IDesignEmitter, T> write)
    {
        if (values.Count == 0)
            return;
        e.Key(key);
        e.BeginList(inline: false);
        foreach (var value in values)
            write(e, value);
        e.EndList();
    }

    private static void IdAndName(IDesignEmitter e, string id, string name)
    {
        Text(e, "id", id);
        if (name != id)
        {
            Text(e, "name", name);
        }
    }

    private static void Names(IDesignEmitter e, string key, IReadOnlyList<string> names)
    {
        if (names.Count == 0)
            return;
        e.Key(key);
        e.BeginList(inline: true);
        foreach (var name in names)
            e.Text(name);
        e.EndList();
    }

    private static void Text(IDesignEmitter e, string key, string value)
    {
        e.Key(key);
        e.Text(value);
    }

    private static void OptionalText(IDesignEmitter e, string key, string? value)
    {
        if (value is not null)
            Text(e, key, value);
    }

    private static void OptionalInteger(IDesignEmitter e, string key, int? value)
    {
        if (value is not { } number)
            return;
        e.Key(key);
        e.Integer(number);
    }

    private static void Number(IDesignEmitter e, string key, double value)
    {
        e.Key(key);
        e.Number(value);
    }

    private static void Flag(IDesignEmitter e, string key, bool value)
    {
        e.Key(key);
        e.Boolean(value);
    }
}
