namespace ThreatModel.Estimation;

/// <summary>How well a combination of attributes singles people out in a population.</summary>
/// <param name="Population">People in the population the records come from (N).</param>
/// <param name="CombinedCardinality">Distinct combinations the attributes can take (K).</param>
/// <param name="ExpectedUniqueShare">Expected share of people whose combination no one else shares.</param>
/// <param name="ExpectedAnonymitySet">Expected number of people sharing a given person's combination, the person included.</param>
public readonly record struct UniquenessEstimate(long Population, double CombinedCardinality, double ExpectedUniqueShare, double ExpectedAnonymitySet);
