using ThreatModel.Generator;
using ThreatModel.Graph;

namespace ThreatModel.Tests.Scaling;

public class HoldersOfTests
{
    [Fact]
    public void HoldersOf_ListsEveryHoldingOfAnItem_InElementOrder_LikeAskingEveryElement()
    {
        var model = DesignGenerator.Generate(1_000, seed: 6);
        var graph = DataFlowGraph.Build(model);

        foreach (var item in model.Items.Take(40))
        {
            var expected = model.Elements.SelectMany(e => graph.Holdings(e.Id, item.Id)).ToList();

            graph.HoldersOf(item.Id).Should().Equal(expected);
        }
    }

    [Fact]
    public void HoldersOf_IsEmpty_ForAnUnknownItem()
    {
        DataFlowGraph.Build(DesignGenerator.Generate(100)).HoldersOf("no-such-item").Should().BeEmpty();
    }
}
