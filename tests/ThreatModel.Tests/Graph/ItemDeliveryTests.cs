using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Tests.Graph;

/// <summary>What a flow delivers of one item (docs/facts.md, "Deliveries"): the fact TM002 and custom rules read.</summary>
public class ItemDeliveryTests
{
    /// <summary>A clinic's records reach a research partner through an analytics store; each hop has its own protections.</summary>
    private static (DataFlowGraph Graph, SystemModel Model) Clinic(Protections intoAnalytics, Protections toPartner)
    {
        var model = new SystemModelBuilder("clinic")
            .Subject("patients", 50_000)
            .Item("phone", DataItemKind.DirectIdentifier, "patients")
            .QuasiIdentifier("postcode", "patients", preset: "zip5")
            .Item("diagnosis", DataItemKind.SpecialCategory, "patients", specialCategory: "health")
            .Person("patient", "patients")
            .Store("records", "clinic")
            .Store("analytics", "clinic")
            .Process("study", "partner")
            .Flow("f-visit", "patient", "records", ["phone", "postcode", "diagnosis"], "care")
            .Flow("f-analytics", "records", "analytics", ["phone", "postcode", "diagnosis"], "statistics", intoAnalytics)
            .Flow("f-share", "analytics", "study", ["phone", "postcode", "diagnosis"], "research", toPartner)
            .Build();
        return (DataFlowGraph.Build(model), model);
    }

    [Fact]
    public void AggregationOnTheWitnessPath_TravelsWithTheDeliveredForm()
    {
        var (graph, model) = Clinic(Protections.None with { AggregationThreshold = 20 }, Protections.None);

        var delivery = graph.DeliveryOf(model.Flow("f-share"), model.Item("postcode"))!.Value;

        delivery.Forms.Should().ContainSingle().Which.AggregationThreshold.Should().Be(20);
        delivery.AboutIndividuals.Should().BeFalse();
    }

    [Fact]
    public void TheFlowsOwnNoise_AndThePathsThreshold_AreBothStated()
    {
        var (graph, model) = Clinic(Protections.None with { AggregationThreshold = 5 }, Protections.None with { DifferentialPrivacyEpsilon = 0.5 });

        var form = graph.DeliveryOf(model.Flow("f-share"), model.Item("diagnosis"))!.Value.Forms.Should().ContainSingle().Subject;

        form.AggregationThreshold.Should().Be(5);
        form.NoiseEpsilon.Should().Be(0.5);
    }

    [Fact]
    public void APhoneNumberInTheClear_NamesPeople()
    {
        var (graph, model) = Clinic(Protections.None, Protections.None);

        var delivery = graph.DeliveryOf(model.Flow("f-share"), model.Item("phone"))!.Value;

        delivery.NamesPeople.Should().BeTrue();
        delivery.Pseudonymised.Should().BeFalse();
        delivery.AboutIndividuals.Should().BeTrue();
    }

    [Fact]
    public void APseudonymisedPhone_WhoseKeyTheClinicKeeps_DoesNotNamePeopleAtThePartner()
    {
        var (graph, model) = Clinic(Protections.None, Protections.None with { Pseudonymization = new PseudonymizationSpec("clinic", false) });

        var delivery = graph.DeliveryOf(model.Flow("f-share"), model.Item("phone"))!.Value;

        delivery.NamesPeople.Should().BeFalse();
        delivery.Pseudonymised.Should().BeTrue();
    }

    [Fact]
    public void ASuppressedItem_IsNotDelivered()
    {
        var (graph, model) = Clinic(Protections.None, Protections.None with { SuppressedItems = ["phone"] });

        graph.DeliveryOf(model.Flow("f-share"), model.Item("phone")).Should().BeNull();
    }
}
