using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Generator;
using ThreatModel.Model;
using ThreatModel.Planning;
using ThreatModel.Reporting;
using ThreatModel.Rules;
using ThreatModel.Tests.Formats;

namespace ThreatModel.Tests.Planning;

/// <summary>
/// The planner's incremental re-analysis gives exactly what a whole analysis of the edited design gives: the same
/// findings in the same order, with the same text, fingerprints and estimates, compared as JSON reports.
/// </summary>
public class IncrementalAnalysisProperties
{
    private static readonly Analyzer Analyzer = Analyzer.CreateDefault();

    private static string Json(AnalysisResult result)
    {
        using var text = new StringWriter();
        new JsonReportWriter().Write(result, text, ReportOptions.Default);
        return text.ToString();
    }

    /// <summary>Edits the findings of <paramref name="result"/> name (or, for one that names none, dropping one of its items from a flow of its evidence), picked by <paramref name="pick"/>.</summary>
    private static List<DesignEdit> Edits(AnalysisResult result, int pick, int count)
    {
        var model = result.Model;
        var remedies = result.Findings.SelectMany(f => f.Remedies.Count > 0
                ? f.Remedies
                : f.EvidencePath.Where(id => model.TryGetFlow(id, out _)).SelectMany(flow => f.Items.Where(model.Flow(flow).Items.Contains).Select(item => (DesignEdit)new DropItem(flow, item))))
            .DistinctBy(e => e.Key)
            .ToList();
        if (remedies.Count == 0)
            return [];
        var random = new Random(pick);
        return [.. Enumerable.Range(0, count).Select(_ => remedies[random.Next(remedies.Count)]).DistinctBy(e => e.Key)];
    }

    /// <summary>Applies <paramref name="edits"/> one at a time, checking each incremental analysis against a whole one; false at the first difference.</summary>
    private static bool IncrementalEqualsWhole(SystemModel model, IEnumerable<DesignEdit> edits, out int sliced) =>
        IncrementalEqualsWhole(model, edits, AnalyzerOptions.Default, out sliced);

    private static bool IncrementalEqualsWhole(SystemModel model, IEnumerable<DesignEdit> edits, AnalyzerOptions options, out int sliced)
    {
        var incremental = new IncrementalAnalysis(Analyzer, options);
        var current = incremental.Analyze(model, default);
        var equal = Json(current) == Json(Analyzer.Analyze(model, options));
        foreach (var edit in edits)
        {
            SystemModel edited;
            try
            {
                edited = DesignEdits.Apply(current.Model, edit);
            }
            catch (ArgumentException)
            {
                continue; // a remedy that does not fit the design: the planner skips it too
            }

            current = incremental.Analyze(edited, default);
            equal &= Json(current) == Json(Analyzer.Analyze(edited, options));
        }

        sliced = incremental.Sliced;
        return equal;
    }

    [Property(MaxTest = 40)]
    public bool OnGeneratedDesigns_IncrementalAnalysisOfEditedDesigns_EqualsAWholeAnalysis(PositiveInt seed, NonNegativeInt size, NonNegativeInt pick)
    {
        var model = DesignGenerator.Generate(40 + (size.Get % 6) * 150, seed.Get % 50);
        var edits = Edits(Analyzer.Analyze(model), pick.Get, 3);

        return IncrementalEqualsWhole(model, edits, out _);
    }

    [Property(MaxTest = 150)]
    public bool OnSmallRandomDesigns_IncrementalAnalysisOfEditedDesigns_EqualsAWholeAnalysis(NonNegativeInt seed, NonNegativeInt pick)
    {
        var model = RandomDesigns.Create(seed.Get);
        var edits = Edits(Analyzer.Analyze(model), pick.Get, 3);

        return IncrementalEqualsWhole(model, edits, out _);
    }

    /// <summary>Edits to elements, which no rule may name: an element moved to another organization, a decision given recourse, a store a retention.</summary>
    private static List<DesignEdit> ElementEdits(SystemModel model, int pick, int count)
    {
        var random = new Random(pick);
        var organizations = model.Organizations.Select(o => o.Id).ToList();
        var edits = new List<DesignEdit>();
        for (var k = 0; k < count * 4 && edits.Count < count; k++)
        {
            var element = model.Elements[random.Next(model.Elements.Count)];
            DesignEdit? edit = random.Next(3) switch
            {
                0 when element.OrganizationId is not null && organizations.Count > 1 => new MoveElement(element.Id, organizations[random.Next(organizations.Count)]),
                1 when element.Decision is not null => new GrantRecourse(element.Id),
                2 when element.Type == ElementType.Store => new SetRetention(element.Id, 30),
                _ => null,
            };
            if (edit is not null)
                edits.Add(edit);
        }

        return edits;
    }

    [Property(MaxTest = 25)]
    public bool OnGeneratedDesigns_ElementEdits_EqualAWholeAnalysis(PositiveInt seed, NonNegativeInt size, NonNegativeInt pick)
    {
        var model = DesignGenerator.Generate(200 + (size.Get % 4) * 400, seed.Get % 30);

        return IncrementalEqualsWhole(model, ElementEdits(model, pick.Get, 3), out _);
    }

    [Property(MaxTest = 100)]
    public bool OnSmallRandomDesigns_ElementEdits_EqualAWholeAnalysis(NonNegativeInt seed, NonNegativeInt pick)
    {
        var model = RandomDesigns.Create(seed.Get);
        if (model.Elements.Count == 0)
            return true;

        return IncrementalEqualsWhole(model, ElementEdits(model, pick.Get, 3), out _);
    }

    [Property(MaxTest = 20)]
    public bool UnderAReviewersRuleSettings_IncrementalAnalysis_EqualsAWholeAnalysis(PositiveInt seed, NonNegativeInt pick, NonNegativeInt off, NonNegativeInt rerated)
    {
        var model = DesignGenerator.Generate(400, seed.Get % 30);
        var ids = Analyzer.Rules.Select(r => r.Metadata.Id).ToList();
        var options = AnalyzerOptions.Default with
        {
            Rules =
            [
                new RuleSetting { RuleId = ids[off.Get % ids.Count], Enabled = false },
                new RuleSetting { RuleId = ids[rerated.Get % ids.Count], Maximum = Severity.Medium },
            ],
            ReviewerSource = "reviewer.yaml",
        };
        var edits = Edits(Analyzer.Analyze(model, options), pick.Get, 3);

        return IncrementalEqualsWhole(model, edits, options, out _);
    }

    [Property(MaxTest = 25)]
    public bool OnGeneratedDesigns_SeveralEditsAtOnce_EqualAWholeAnalysis(PositiveInt seed, NonNegativeInt pick, PositiveInt count)
    {
        var model = DesignGenerator.Generate(400, seed.Get % 20);
        var incremental = new IncrementalAnalysis(Analyzer, AnalyzerOptions.Default);
        var before = incremental.Analyze(model, default);
        var edits = Edits(before, pick.Get, 1 + count.Get % 12);
        SystemModel edited;
        try
        {
            edited = DesignEdits.Apply(model, edits);
        }
        catch (ArgumentException)
        {
            return true;
        }

        return Json(incremental.Analyze(edited, default)) == Json(Analyzer.Analyze(edited));
    }

    [Fact]
    public void OneEdit_OnAGeneratedDesign_IsAnalysedOnASlice()
    {
        var model = DesignGenerator.Generate(1_000, 1);
        var before = Analyzer.Analyze(model);
        var edit = before.Findings.First(f => f.RuleId == "TM002").Remedies[0];

        IncrementalEqualsWhole(model, [edit], out var sliced).Should().BeTrue();
        sliced.Should().Be(1);
    }

    [Theory]
    [InlineData("debtor-map", "design.yaml")]
    [InlineData("fitness-heatmap", "design.yaml")]
    [InlineData("payments-release", "design.yaml")]
    [InlineData("social-scoring", "design.yaml")]
    [InlineData("social-credit-pilot", "design.yaml")]
    public void Plan_WithIncrementalAnalysis_IsThePlanOfWholeAnalyses_OnTheBundledExample(string example, string file)
    {
        var model = DesignReader.ReadFile(RepositoryPaths.Path("examples", example, file)).GetModelOrThrow();
        var options = new PlanOptions { Budget = 50 };

        var incremental = new Planner(Analyzer).Plan(model, options);
        var whole = new Planner(Analyzer) { Incremental = false }.Plan(model, options);

        incremental.Steps.Select(Describe).Should().Equal(whole.Steps.Select(Describe));
        incremental.Analyses.Should().Be(whole.Analyses);
        Json(incremental.After).Should().Be(Json(whole.After));
    }

    [Fact]
    public void Plan_WithACustomRule_IsThePlanOfWholeAnalyses_OnThePilot()
    {
        var model = DesignReader.ReadFile(RepositoryPaths.Path("examples", "social-credit-pilot", "design.yaml")).GetModelOrThrow();
        var analyzer = new Analyzer([.. BuiltInRules.Create(), new EveryoneHeldAtAStore()]);
        var options = new PlanOptions { Budget = 30 };

        var incremental = new Planner(analyzer).Plan(model, options);
        var whole = new Planner(analyzer) { Incremental = false }.Plan(model, options);

        incremental.Before.Findings.Should().Contain(f => f.RuleId == "EX900");
        incremental.Steps.Select(Describe).Should().Equal(whole.Steps.Select(Describe));
        Json(incremental.After).Should().Be(Json(whole.After));
    }

    /// <summary>A custom rule the planner cannot know: one finding per store about everyone whose data it holds.</summary>
    private sealed class EveryoneHeldAtAStore : IPrivacyRule
    {
        public RuleMetadata Metadata { get; } = new()
        {
            Id = "EX900",
            Name = "everyone-held-at-a-store",
            Title = "A store holds data about several groups",
            Summary = "A store holds data about people of more than one subject.",
            Linddun = LinddunCategory.Linking,
            Solove = SoloveHarm.Aggregation,
            DefaultSeverity = Severity.High,
        };

        public IEnumerable<Finding> Evaluate(AnalysisContext context)
        {
            foreach (var store in context.Model.Elements.Where(e => e.Type == ElementType.Store))
            {
                var subjects = context.Graph.Holdings(store.Id).Select(h => h.Item.SubjectId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (subjects.Count < 2)
                    continue;
                yield return new FindingBuilder(Metadata, store.Id)
                    .Titled($"{store.Name} holds data about {subjects.Count} groups")
                    .Because($"{store.Name} holds data about {string.Join(", ", subjects)}.")
                    .Rated(Likelihood.Likely, Impact.Major)
                    .About(subjects)
                    .At(store.Id)
                    .Build();
            }
        }
    }

    private static string Describe(PlanStep step) =>
        $"{step.Edit.Key} removes {string.Join(",", step.Removed.Select(f => f.Fingerprint))}"
        + $" leaves {string.Join(",", step.Remaining.Select(f => f.Fingerprint + ":" + f.Severity + ":" + string.Join(";", f.Estimates.Select(e => e.Value))))}"
        + $" adds {string.Join(",", step.Introduced.Select(f => f.Fingerprint))}";
}
