using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;

namespace ThreatModel.Tests.Planning;

/// <summary>
/// The planner's final pruning pass on the textbook case of greedy set cover (docs/plan.md, "Where it is not optimal"):
/// dropping <c>a</c> from <c>f-a</c> removes findings a1 to a3, dropping <c>b</c> from <c>f-b</c> removes b1 to b3, and
/// aggregating <c>f-out</c> removes a1, a2, b1 and b2. Greedy takes the aggregation first (four findings), then still
/// needs both drops; the two drops alone clear the design.
/// </summary>
public class PruningTests
{
    private const string Design = """
        name: Cover
        subjects:
          - { id: people, population: 100000 }
        items:
          - { id: a, kind: behavioural, subject: people }
          - { id: b, kind: behavioural, subject: people }
        elements:
          - { id: person, type: person, subject: people }
          - { id: service, type: process, organization: service-co }
          - { id: partner, type: process, organization: partner-co }
        flows:
          - { id: f-a, from: person, to: service, items: [a], purpose: analytics }
          - { id: f-b, from: person, to: service, items: [b], purpose: analytics }
          - { id: f-out, from: service, to: partner, items: [a, b], purpose: analytics }
        """;

    private static readonly DesignEdit Aggregate = new AddProtection("f-out", "aggregation", "10");

    private static SystemModel Read() => DesignReader.Parse(Design, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();

    private static Plan PlanFor(SystemModel model) =>
        new Planner(new Analyzer([new CoverRule()])).Plan(model, new PlanOptions { Threshold = Severity.High, Budget = 10 });

    [Fact]
    public void Prune_LeavesOutTheBroadEditThatTheTwoDropsMakeRedundant()
    {
        var plan = PlanFor(Read());

        plan.Clears.Should().BeTrue();
        plan.Steps.Select(s => s.Edit).Should().Equal(new DropItem("f-a", "a"), new DropItem("f-b", "b"));
        plan.Pruned.Should().Be(1);
        plan.Edited.Flow("f-out").Protections.AggregationThreshold.Should().BeNull();
    }

    [Fact]
    public void Prune_GivesTheFindingsOfTheLeftOutEdit_ToTheKeptEditsThatNameThem()
    {
        var plan = PlanFor(Read());

        plan.Steps[0].Removed.Select(f => f.Key).Should().BeEquivalentTo(["a1", "a2", "a3"]);
        plan.Steps[1].Removed.Select(f => f.Key).Should().BeEquivalentTo(["b1", "b2", "b3"]);
    }

    [Fact]
    public void WithoutPruning_GreedyWouldTakeTheAggregationFirst()
    {
        // The premise of the case: on the design as written the aggregation removes the most.
        var analyzer = new Analyzer([new CoverRule()]);
        var model = Read();

        var failing = analyzer.Analyze(DesignEdits.Apply(model, Aggregate)).AtOrAbove(Severity.High).Count();
        var failingAfterDrop = analyzer.Analyze(DesignEdits.Apply(model, new DropItem("f-a", "a"))).AtOrAbove(Severity.High).Count();

        failing.Should().Be(2);
        failingAfterDrop.Should().Be(3);
    }

    /// <summary>Six findings, each standing while the data it is about reaches the partner: a rule made for this case.</summary>
    private sealed class CoverRule : IPrivacyRule
    {
        public RuleMetadata Metadata { get; } = new()
        {
            Id = "EX900",
            Name = "cover",
            Title = "Set-cover case",
            Summary = "Six findings removed by overlapping edits.",
            Linddun = LinddunCategory.DataDisclosure,
            LinddunSubcategory = "Test",
            Solove = SoloveHarm.SecondaryUse,
            DefaultSeverity = Severity.High,
            Mitigations = ["Drop a and b, or aggregate the flow out."],
        };

        public IEnumerable<Finding> Evaluate(AnalysisContext context)
        {
            var model = context.Model;
            var aggregated = model.Flow("f-out").Protections.AggregationThreshold is not null;
            foreach (var (item, flow) in new[] { ("a", "f-a"), ("b", "f-b") })
            {
                if (model.Flow(flow).Protections.SuppressedItems.Contains(item))
                    continue;
                for (var k = 1; k <= 3; k++)
                {
                    if (aggregated && k < 3)
                        continue;
                    var builder = new FindingBuilder(Metadata, item + k.ToString(System.Globalization.CultureInfo.InvariantCulture))
                        .Titled($"Finding {item}{k}")
                        .Because("Test finding.")
                        .Rated(Likelihood.Likely, Impact.Major)
                        .At(["partner"])
                        .Mitigated("Drop or aggregate.");
                    if (k < 3)
                        builder.Remedied(Aggregate);
                    builder.Remedied(new DropItem(flow, item));
                    yield return builder.Build();
                }
            }
        }
    }
}
