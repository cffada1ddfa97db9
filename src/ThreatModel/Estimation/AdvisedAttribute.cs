namespace ThreatModel.Estimation;

/// <summary>A quasi-identifier as the advisor sees it: its current cardinality and the coarser forms it could take.</summary>
/// <param name="Id">The item id.</param>
/// <param name="Cardinality">Distinct values in the population as released now.</param>
/// <param name="Coarser">Coarser forms, finest first.</param>
internal sealed record AdvisedAttribute(string Id, double Cardinality, IReadOnlyList<Coarsening> Coarser);

/// <summary>One coarser form of an attribute.</summary>
/// <param name="Label">What it is called: a preset name (birth-year) or a precision (500 m).</param>
/// <param name="Protection">The design-file protection that applies it, with ITEM standing for the item id.</param>
/// <param name="Cardinality">Distinct values in the population in that form.</param>
internal sealed record Coarsening(string Label, string Protection, double Cardinality);
