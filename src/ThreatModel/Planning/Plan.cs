using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Planning;

/// <summary>A few design edits that bring a design under a review threshold, with what each removes.</summary>
/// <param name="Before">The analysis of the design as written.</param>
/// <param name="After">The analysis of the design with every step applied.</param>
/// <param name="Steps">The edits, in the order chosen.</param>
/// <param name="Threshold">Findings at or above this severity must go.</param>
/// <param name="Budget">The most edits the plan could use.</param>
public sealed record Plan(AnalysisResult Before, AnalysisResult After, IReadOnlyList<PlanStep> Steps, Severity Threshold, int Budget)
{
    /// <summary>The design with every step applied.</summary>
    public SystemModel Edited => After.Model;

    /// <summary>Findings at or above the threshold before the plan.</summary>
    public int FailingBefore => Before.AtOrAbove(Threshold).Count();

    /// <summary>Findings at or above the threshold after the plan.</summary>
    public int FailingAfter => After.AtOrAbove(Threshold).Count();

    /// <summary>True when no finding at or above the threshold stands after the plan.</summary>
    public bool Clears => FailingAfter == 0;

    /// <summary>How the plan was searched: <c>greedy</c> (each edit chosen by re-analysis) or <c>greedy-batched</c> (a round of non-overlapping edits per re-analysis, for large designs).</summary>
    public string Method { get; init; } = "greedy";

    /// <summary>How many times the design was re-analysed while searching (and pruning).</summary>
    public int Analyses { get; init; }

    /// <summary>How many edits the search chose that the final pruning pass left out, because the plan cleared without them.</summary>
    public int Pruned { get; init; }
}

/// <summary>One edit of a plan and what it changed.</summary>
/// <param name="Edit">The edit.</param>
/// <param name="Removed">Findings (as they were before) at or above the threshold that the edit removes or lowers below it.</param>
/// <param name="Remaining">For each removed finding that still stands below the threshold, the finding as it is after (same fingerprint); others are gone.</param>
/// <param name="Introduced">Findings at or above the threshold that appear after the edit (rare: moving a party can expose another boundary).</param>
public sealed record PlanStep(DesignEdit Edit, IReadOnlyList<Finding> Removed, IReadOnlyList<Finding> Remaining, IReadOnlyList<Finding> Introduced);
