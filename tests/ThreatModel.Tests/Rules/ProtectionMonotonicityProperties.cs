using FsCheck.Xunit;
using FsCheck;
using ThreatModel.Analysis;
using ThreatModel.Estimation;
using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;
using ThreatModel.Tests.Formats;

namespace ThreatModel.Tests.Rules;

/// <summary>
/// Rules agree about protections: for random designs, adding a protection to a flow never adds a finding or raises a
/// severity in any rule, and the precision the fact layer states for a position is the one the rules rate.
/// </summary>
public class ProtectionMonotonicityProperties
{
    private const int Protections = 5;

    /// <summary>A protection that only makes what the flow delivers coarser, sealed or aggregated: never less protected.</summary>
    private static Protections Strengthen(SystemModel model, Flow flow, int which)
    {
        var p = flow.Protections;
        return which switch
        {
            0 => p with { SnapToGridMetres = Math.Max(p.SnapToGridMetres ?? 0, 5_000) },
            1 => p with { AggregationThreshold = Math.Max(p.AggregationThreshold ?? 0, 20) },
            2 => p with { DifferentialPrivacyEpsilon = Math.Min(p.DifferentialPrivacyEpsilon ?? 0.5, 0.5) },
            3 => p with { EndToEndEncrypted = true },
            _ => p with { Generalizations = Coarser(model, flow, p.Generalizations) },
        };
    }

    /// <summary>Every position the flow carries generalised to at least 5 km, times to at least a day.</summary>
    private static Dictionary<string, Generalization> Coarser(SystemModel model, Flow flow, IReadOnlyDictionary<string, Generalization> existing)
    {
        var result = new Dictionary<string, Generalization>(existing, StringComparer.Ordinal);
        foreach (var itemId in flow.Items)
        {
            if (!model.TryGetItem(itemId, out var item) || !ItemForm.IsPosition(item))
                continue;
            var old = existing.GetValueOrDefault(itemId);
            result[itemId] = new Generalization(old?.QuasiIdentifier, Math.Max(old?.PrecisionMetres ?? 0, 5_000), Math.Max(old?.TemporalResolutionMinutes ?? 0, 1_440));
        }

        return result;
    }

    private static SystemModel WithFlow(SystemModel model, (Flow Original, Flow Changed) flow) =>
        SystemModelFactory.Create(model.Name, model.Description, model.SourceFile, model.Settings, model.Subjects, model.Items,
            model.Organizations, model.Jurisdictions, model.Elements, [.. model.Flows.Select(f => ReferenceEquals(f, flow.Original) ? flow.Changed : f)], model.Purposes);

    /// <summary>
    /// True when <paramref name="was"/> already reported the harm <paramref name="now"/> reports, at least as severely: the
    /// same rule, landing at the same element (its first) or saying the same (its title), about the same people or more. A protection may narrow what a
    /// finding lists (a release merged from fewer attributes gets another fingerprint; aggregation drops a subject), not add a harm.
    /// </summary>
    private static bool Covers(Finding was, Finding now) =>
        was.RuleId == now.RuleId
        && ((was.Elements.Count > 0 ? was.Elements[0] : null) == (now.Elements.Count > 0 ? now.Elements[0] : null) || was.Title == now.Title)
        && now.Subjects.All(was.Subjects.Contains)
        && now.Severity <= was.Severity;

    /// <summary>Every finding the rules make, those the design accepts inline included: acceptance is not the rules' judgement.</summary>
    private static List<Finding> Analyze(SystemModel model)
    {
        var result = new Analyzer(BuiltInRules.Create()).Analyze(model);
        return [.. result.Findings, .. result.Suppressed.Select(s => s.Finding)];
    }

    [Property(MaxTest = 400)]
    public bool AddingAProtectionToAFlow_NeverAddsAFindingOrRaisesASeverity(NonNegativeInt seed, NonNegativeInt flowPick, NonNegativeInt protectionPick)
    {
        var model = RandomDesigns.Create(seed.Get);
        if (model.Flows.Count == 0)
            return true;
        var flow = model.Flows[flowPick.Get % model.Flows.Count];
        var changed = flow with { Protections = Strengthen(model, flow, protectionPick.Get % Protections) };
        var before = Analyze(model);
        var after = Analyze(WithFlow(model, (flow, changed)));
        return after.All(f => before.Any(was => Covers(was, f)));
    }

    [Theory]
    [InlineData(38, 4, 0)] // TM011 once rated a party's identifier by its shortest witness (its own collection) and missed that another organization also passed it
    [InlineData(38, 4, 3)]
    public void AddingAProtectionToAFlow_NeverAddsAFindingOrRaisesASeverity_ForKnownCases(int seed, int flow, int protection) =>
        AddingAProtectionToAFlow_NeverAddsAFindingOrRaisesASeverity(
            NonNegativeInt.NewNonNegativeInt(seed), NonNegativeInt.NewNonNegativeInt(flow), NonNegativeInt.NewNonNegativeInt(protection)).Should().BeTrue();

    [Property(MaxTest = 200)]
    public bool TheShareAReleaseOfPositionsSinglesOut_IsTheOneTheFactLayerStates(PositiveInt density, PositiveInt precision, NonNegativeInt grid, NonNegativeInt generalised)
    {
        var protections = global::ThreatModel.Model.Protections.None with
        {
            SnapToGridMetres = grid.Get % 3 == 0 ? null : 1 + grid.Get % 20_000,
            Generalizations = generalised.Get % 2 == 0
                ? new Dictionary<string, Generalization>()
                : new Dictionary<string, Generalization> { ["position"] = new(null, 1 + generalised.Get % 5_000, null) },
        };
        var model = new SystemModelBuilder("release")
            .Subject("riders", 100_000, new Density(1 + density.Get % 20_000, null))
            .Item("position", DataItemKind.Location, "riders", precisionMetres: 1 + precision.Get % 1_000)
            .Person("rider", "riders")
            .Process("operator", "op")
            .Element("researchers", ElementType.ExternalParty, "uni")
            .Flow("f-collect", "rider", "operator", ["position"], "service")
            .Flow("f-release", "operator", "researchers", ["position"], "research", protections)
            .Build();
        var result = new Analyzer([new ReidentificationRule()]).Analyze(model);
        var graph = DataFlowGraph.Build(model);
        var (item, form) = graph.FormsDeliveredBy(model.Flow("f-release")).Single();
        var sharing = form.PeopleSharingPosition(item, model.Subject("riders").Density!.PeoplePerSquareKilometre)!.Value;
        var stated = ReidentificationEstimator.Estimate(100_000, [Math.Max(1, 100_000 / Math.Max(sharing, 1e-9))]).ExpectedUniqueShare;

        var reported = result.Findings.SelectMany(f => f.Estimates).Where(e => e.Name == "expected share of people the quasi-identifiers single out").ToList();
        return reported.Count == 0
            ? stated <= model.Settings.UniquenessThreshold
            : reported.All(e => Math.Abs(e.Value - stated) < 1e-12);
    }
}
