using ThreatModel.Model;

namespace ThreatModel.Graph;

/// <summary>
/// Whom flows reach without their consent: the people of each subject whose data a flow delivers when the flow declares
/// no consent of theirs (<see cref="FlowFacts.ConsentedBy"/>; a flow that records only its users' consent reaches their
/// friends without it). See docs/facts.md.
/// </summary>
public static class ConsentReach
{
    /// <summary>
    /// The people, counted by subject population, of <paramref name="subjectIds"/> whose data at least one of
    /// <paramref name="flows"/> delivers (a suppressed item does not count) without their consent. Each subject counts once;
    /// a flow from a person of the subject (their own data, sent by them) does not count.
    /// </summary>
    public static long PeopleWithoutConsent(this DataFlowGraph graph, IEnumerable<Flow> flows, IEnumerable<string> subjectIds)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(subjectIds);
        var model = graph.Model;
        var flowList = flows as IReadOnlyList<Flow> ?? [.. flows];
        long people = 0;
        foreach (var subjectId in subjectIds.Distinct(StringComparer.Ordinal))
        {
            if (!model.TryGetSubject(subjectId, out var subject))
                continue;
            foreach (var flow in flowList)
            {
                if (!graph.FactsOf(flow).ConsentedBy(subjectId) && Carries(graph, flow, subjectId))
                {
                    people = people > long.MaxValue - subject.Population ? long.MaxValue : people + subject.Population;
                    break;
                }
            }
        }

        return people;
    }

    /// <summary>
    /// True when <paramref name="flow"/> delivers an item about <paramref name="subjectId"/> that those people did not hand
    /// over themselves (a person of the subject sending their own data chose to).
    /// </summary>
    private static bool Carries(DataFlowGraph graph, Flow flow, string subjectId)
    {
        if (graph.Model.TryGetElement(flow.From, out var sender) && sender.Type == ElementType.Person
            && string.Equals(sender.SubjectId, subjectId, StringComparison.Ordinal))
            return false;
        var facts = graph.FactsOf(flow);
        foreach (var itemId in flow.Items)
        {
            if (!facts.Suppresses(itemId) && graph.Model.TryGetItem(itemId, out var item) && string.Equals(item.SubjectId, subjectId, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
