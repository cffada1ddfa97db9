namespace ThreatModel.Knowledge;

/// <summary>Classifies the <c>affects</c> words of a decision (docs/model-format.md) by what is at stake.</summary>
internal static class DecisionStakes
{
    private static readonly HashSet<string> Essential = new(StringComparer.OrdinalIgnoreCase)
    {
        "travel", "employment", "work", "jobs", "housing", "education", "public-services", "welfare", "benefits",
        "social-benefits", "health-care", "healthcare", "health", "liberty", "residence", "immigration",
    };

    private static readonly HashSet<string> Significant = new(StringComparer.OrdinalIgnoreCase)
    {
        "credit", "lending", "loans", "banking", "insurance", "pricing", "price", "financial-services",
    };

    /// <summary>The highest stake among what a decision affects.</summary>
    public static DecisionStake Of(IEnumerable<string> affects)
    {
        ArgumentNullException.ThrowIfNull(affects);
        var stake = DecisionStake.Other;
        foreach (var raw in affects)
        {
            var word = raw.Trim();
            if (Essential.Contains(word))
                return DecisionStake.Essential;
            if (Significant.Contains(word))
                stake = DecisionStake.Significant;
        }

        return stake;
    }
}
