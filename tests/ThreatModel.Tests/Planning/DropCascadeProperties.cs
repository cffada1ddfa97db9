using FsCheck;
using FsCheck.Xunit;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Model;
using ThreatModel.Planning;
using ThreatModel.Tests.Formats;

namespace ThreatModel.Tests.Planning;

/// <summary>Laws of the drop-item cascade (docs/plan.md) on random designs and random drops.</summary>
public class DropCascadeProperties
{
    /// <summary>Up to five drops of items the picked flows carry, picked by <paramref name="picks"/>.</summary>
    private static List<DesignEdit> Drops(SystemModel model, int[] picks)
    {
        var drops = new List<DesignEdit>();
        foreach (var pick in picks.Take(5))
        {
            var flow = model.Flows[Math.Abs(pick % model.Flows.Count)];
            if (flow.Items.Count > 0)
                drops.Add(new DropItem(flow.Id, flow.Items[Math.Abs(pick / 7 % flow.Items.Count)]));
        }

        return drops;
    }

    /// <summary>
    /// True when some flow carries the item from a sender that no source of the item reaches: a cycle that no flow
    /// enters, where the design leaves open which element the item comes from (docs/plan.md).
    /// </summary>
    private static bool OnACycleNothingEnters(SystemModel model, string item)
    {
        var carriers = model.Flows.Where(f => f.Items.Contains(item) && !f.Protections.SuppressedItems.Contains(item)).ToList();
        var receivers = carriers.Select(f => f.To).ToHashSet();
        var reached = carriers.Select(f => f.From).Where(e => !receivers.Contains(e)).ToHashSet();
        for (var grown = true; grown;)
            grown = carriers.Where(f => reached.Contains(f.From)).Select(f => reached.Add(f.To)).ToList().Contains(true);
        return carriers.Any(f => !reached.Contains(f.From));
    }

    [Property(MaxTest = 300)]
    public bool TheSameDrops_InAnyOrder_OneAtATimeOrAllAtOnce_GiveTheSameDesign(NonNegativeInt seed, int[] picks)
    {
        var model = RandomDesigns.Create(seed.Get);
        if (model.Flows.Count == 0 || picks is null)
            return true;
        var drops = Drops(model, picks);
        if (drops.Cast<DropItem>().Any(d => OnACycleNothingEnters(model, d.Item)))
            return true;

        var together = DesignWriter.ToYaml(DesignEdits.Apply(model, drops));
        var reversed = DesignWriter.ToYaml(Enumerable.Reverse(drops).Aggregate(model, (m, e) => DesignEdits.Apply(m, e)));
        return reversed == together;
    }

    [Property(MaxTest = 200)]
    public bool AfterTheCascade_EveryFlowThatStillCarriesACutItem_HasASenderThatStillGetsIt_OrMadeItAlready(NonNegativeInt seed, int[] picks)
    {
        var model = RandomDesigns.Create(seed.Get);
        if (model.Flows.Count == 0 || picks is null)
            return true;
        var drops = Drops(model, picks).Cast<DropItem>().ToList();

        var edited = DesignEdits.Apply(model, drops);

        foreach (var item in drops.Select(d => d.Item).Distinct())
        {
            bool Delivers(Flow f) => f.Items.Contains(item) && !f.Protections.SuppressedItems.Contains(item);
            // The item's sources as written: senders that no flow of the design as written brings it to; and what they
            // reach (a sender outside it sits on a cycle nothing enters, where the graph takes a sender as the source).
            var carriers = model.Flows.Where(Delivers).ToList();
            var receiversBefore = carriers.Select(f => f.To).ToHashSet();
            var reached = carriers.Select(f => f.From).Where(e => !receiversBefore.Contains(e)).ToHashSet();
            for (var grown = true; grown;)
                grown = carriers.Where(f => reached.Contains(f.From)).Select(f => reached.Add(f.To)).ToList().Contains(true);
            var receiversAfter = edited.Flows.Where(Delivers).Select(f => f.To).ToHashSet();
            foreach (var flow in edited.Flows.Where(Delivers))
            {
                if (receiversBefore.Contains(flow.From) && reached.Contains(flow.From) && !receiversAfter.Contains(flow.From))
                    return false;
            }
        }

        return true;
    }
}
