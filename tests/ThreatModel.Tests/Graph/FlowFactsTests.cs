using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Tests.Graph;

/// <summary>What a flow's own protections mean, as every rule reads them (docs/facts.md, "Flows").</summary>
public class FlowFactsTests
{
    /// <summary>A shop sends customer records to a marketing partner on one flow with the given protections.</summary>
    private static (DataFlowGraph Graph, Flow Flow) Shop(Protections protections)
    {
        var model = new SystemModelBuilder("shop")
            .Subject("customers", 10_000)
            .Item("email", DataItemKind.DirectIdentifier, "customers")
            .Item("basket", DataItemKind.Behavioural, "customers")
            .Person("customer", "customers")
            .Store("orders", "shop")
            .Process("campaigns", "partner")
            .Flow("f-order", "customer", "orders", ["email", "basket"], "order-fulfilment")
            .Flow("f-share", "orders", "campaigns", ["email", "basket"], "marketing", protections)
            .Build();
        return (DataFlowGraph.Build(model), model.Flow("f-share"));
    }

    [Fact]
    public void ASuppressedItem_IsNotDelivered_AndNotHeldByTheReceiver()
    {
        var (graph, flow) = Shop(Protections.None with { SuppressedItems = ["email"] });

        graph.FactsOf(flow).Suppresses("email").Should().BeTrue();
        graph.FactsOf(flow).Suppresses("basket").Should().BeFalse();
        graph.FormsDeliveredBy(flow).Select(d => d.Item.Id).Should().Equal("basket");
        graph.Holdings("campaigns", "email").Should().BeEmpty();
    }

    [Fact]
    public void NoItemIsSuppressed_OnAFlowWithoutSuppress()
    {
        var (graph, flow) = Shop(Protections.None);

        graph.FactsOf(flow).Suppresses("email").Should().BeFalse();
        graph.FormsDeliveredBy(flow).Select(d => d.Item.Id).Should().Equal("email", "basket");
    }

    [Theory]
    [InlineData(null, false, false)]
    [InlineData("contract", false, true)]
    [InlineData(null, true, true)]
    [InlineData("legitimate-interest", true, true)]
    public void AFlowHasALegalGround_WhenItDeclaresALegalBasisOrConsent(string? basis, bool consent, bool expected)
    {
        var (graph, flow) = Shop(Protections.None with { LegalBasis = basis, Consent = consent });

        graph.FactsOf(flow).HasLegalGround.Should().Be(expected);
    }

    [Theory]
    [InlineData("consent", true, true)]
    [InlineData("Consent", true, true)]
    [InlineData("contract", true, false)]
    [InlineData(null, true, false)]
    [InlineData("consent", false, false)]
    public void ConsentIsTheBasis_OnlyWhenThePeopleConsentedAndTheDeclaredBasisIsConsent(string? basis, bool consent, bool expected)
    {
        var (graph, flow) = Shop(Protections.None with { LegalBasis = basis, Consent = consent });

        graph.FactsOf(flow).ConsentIsTheBasis.Should().Be(expected);
    }

    [Fact]
    public void RetentionDeniabilityReleaseProtectionAndRateLimit_AreReadAsDeclared()
    {
        var (graph, flow) = Shop(Protections.None with
        {
            RetentionDays = 30, DeniableRecords = true, AggregationThreshold = 20, DifferentialPrivacyEpsilon = 0.5, RateLimitPerDay = 100,
        });

        var facts = graph.FactsOf(flow);

        facts.RetentionDays.Should().Be(30);
        facts.DeniableRecords.Should().BeTrue();
        facts.AggregationThreshold.Should().Be(20);
        facts.NoiseEpsilon.Should().Be(0.5);
        facts.RateLimitPerDay.Should().Be(100);
    }

    [Fact]
    public void AnUndeclaredRetention_IsNull_AndRecordsAreNotDeniable()
    {
        var (graph, flow) = Shop(Protections.None);

        graph.FactsOf(flow).RetentionDays.Should().BeNull();
        graph.FactsOf(flow).DeniableRecords.Should().BeFalse();
    }

    [Fact]
    public void CrossingLines_WithBothElementsAtHand_AgreesWithAskingByFlow()
    {
        var model = new SystemModelBuilder("lines")
            .Subject("customers", 1_000)
            .Item("email", DataItemKind.DirectIdentifier, "customers")
            .Jurisdiction("eu").Jurisdiction("us")
            .Person("customer", "customers")
            .Store("orders", "shop", jurisdiction: "eu")
            .Process("billing", "shop", jurisdiction: "eu")
            .Process("ads", "partner", jurisdiction: "us")
            .Flow("f-order", "customer", "orders", ["email"], "order-fulfilment")
            .Flow("f-bill", "orders", "billing", ["email"], "billing")
            .Flow("f-ads", "orders", "ads", ["email"], "marketing")
            .Build();
        var graph = DataFlowGraph.Build(model);

        foreach (var flow in model.Flows)
        {
            model.TryGetElement(flow.From, out var from).Should().BeTrue();
            model.TryGetElement(flow.To, out var to).Should().BeTrue();
            DataFlowGraph.CrossesOrganization(from, to).Should().Be(graph.CrossesOrganization(flow), flow.Id);
            DataFlowGraph.CrossesJurisdiction(from, to).Should().Be(graph.CrossesJurisdiction(flow), flow.Id);
        }

        graph.CrossesOrganization(model.Flow("f-order")).Should().BeTrue("a person belongs to no organization");
        graph.CrossesOrganization(model.Flow("f-bill")).Should().BeFalse();
        graph.CrossesJurisdiction(model.Flow("f-ads")).Should().BeTrue();
        graph.CrossesJurisdiction(model.Flow("f-bill")).Should().BeFalse();
    }
}
