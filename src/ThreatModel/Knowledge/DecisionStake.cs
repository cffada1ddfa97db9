namespace ThreatModel.Knowledge;

/// <summary>How much a decision's outcome matters to the person, read from what it affects.</summary>
internal enum DecisionStake
{
    /// <summary>Affects something that is not access to a livelihood or a service (ranking, recommendations).</summary>
    Other,

    /// <summary>Affects access to money or cover: credit, loans, insurance, pricing.</summary>
    Significant,

    /// <summary>Affects essential access: travel, work, housing, education, public services, benefits, health care.</summary>
    Essential,
}
