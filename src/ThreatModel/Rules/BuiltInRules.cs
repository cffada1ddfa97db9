using ThreatModel.Findings;

namespace ThreatModel.Rules;

/// <summary>The rules that ship with ThreatModel, listed here so start-up needs no reflection.</summary>
public static class BuiltInRules
{
    /// <summary>A new instance of every built-in rule, ordered by id.</summary>
    public static IReadOnlyList<IPrivacyRule> Create() =>
    [
        new CrossContextLinkageRule(),
        new ReidentificationRule(),
        new ProximityDisclosureRule(),
        new AggregationProfileRule(),
        new ScoringByAssociationRule(),
        new PurposeCreepRule(),
        new DecisionWithoutRecourseRule(),
        new PublicExposureRule(),
        new SurveillanceRule(),
        new SensitiveInferenceRule(),
        new IdentifierTrackingRule(),
        new TransferWithoutRecourseRule(),
        new RetentionWithoutLimitRule(),
        new NonRepudiationRule(),
        new GroupDisclosureRule(),
        new NoRecourseAtHomeRule(),
    ];
}
