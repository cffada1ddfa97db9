using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Tests.Scaling;

public class DesignGeneratorTests
{
    private static readonly SystemModel Design = DesignGenerator.Generate(2_000, seed: 2);

    [Theory]
    [InlineData(100)]
    [InlineData(1_000)]
    public void Generates_ExactlyTheElementsAsked_AndAboutThreeFlowsEach(int nodes)
    {
        var model = DesignGenerator.Generate(nodes);

        model.Elements.Should().HaveCount(nodes);
        model.Flows.Count.Should().BeInRange(3 * nodes, 3 * nodes + 10);
    }

    [Fact]
    public void Generates_ItemsOfEveryKind()
    {
        Design.Items.Select(i => i.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<DataItemKind>());
        Design.Items.Should().Contain(i => i.QuasiIdentifier != null && i.QuasiIdentifier.Preset != null)
            .And.Contain(i => i.Location != null && i.Trace == null)
            .And.Contain(i => i.Trace != null)
            .And.Contain(i => i.DerivedFrom.Count > 0)
            .And.Contain(i => i.Stigmatizing)
            .And.Contain(i => i.Linkability == Linkability.HashedIdentifier)
            .And.Contain(i => i.Linkability == Linkability.PerContext);
    }

    [Fact]
    public void Generates_OrganizationsOfTenToFiftyElements_InSeveralJurisdictions()
    {
        var sizes = Design.Elements.Where(e => e.OrganizationId != null).GroupBy(e => e.OrganizationId).Select(g => g.Count()).ToList();

        sizes.Should().OnlyContain(s => s >= 10 && s <= 60);
        Design.Organizations.Select(o => o.JurisdictionId).Distinct().Should().HaveCountGreaterThan(3);
        Design.Jurisdictions.Should().Contain(j => !j.SubjectRights).And.Contain(j => j.CompelledAccess);
    }

    [Fact]
    public void Generates_AudiencesDecisionsRetentionAndProtections()
    {
        Design.Elements.Should().Contain(e => e.Type == ElementType.Public)
            .And.Contain(e => e.Type == ElementType.OtherUsers)
            .And.Contain(e => e.Type == ElementType.Person)
            .And.Contain(e => e.Type == ElementType.ExternalParty)
            .And.Contain(e => e.Decision != null && !e.Decision.Appeal)
            .And.Contain(e => e.Retention != null && e.Retention.Days == null)
            .And.Contain(e => e.Retention != null && e.Retention.Days != null);
        Design.Flows.Should().Contain(f => f.Protections.Pseudonymization != null && f.Protections.Pseudonymization.PerContext)
            .And.Contain(f => f.Protections.Pseudonymization != null && !f.Protections.Pseudonymization.PerContext)
            .And.Contain(f => f.Protections.Generalizations.Count > 0)
            .And.Contain(f => f.Protections.Aggregated)
            .And.Contain(f => f.Protections.EndToEndEncrypted)
            .And.Contain(f => f.Protections.SuppressedItems.Count > 0)
            .And.Contain(f => f.Query != null)
            .And.Contain(f => f.Collection.Continuous);
    }

    [Fact]
    public void Generates_Cycles()
    {
        var edges = Design.Flows.Select(f => (f.From, f.To)).ToHashSet();

        // Replication, read-backs and people shown their own data: flows both ways between two elements.
        edges.Count(e => edges.Contains((e.To, e.From))).Should().BeGreaterThan(10);
    }

    [Fact]
    public void GeneratedDesign_HasCrossContextJoinsToFind()
    {
        DataFlowGraph.Build(Design).Joins.Should().NotBeEmpty();
    }
}
