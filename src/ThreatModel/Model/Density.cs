namespace ThreatModel.Model;

/// <summary>
/// A population density in people per square kilometre, either given as a number or by a named preset
/// (see <see cref="DensityPresets"/>).
/// </summary>
/// <param name="PeoplePerSquareKilometre">The density used by estimates.</param>
/// <param name="Preset">The preset name when the design used one.</param>
public sealed record Density(double PeoplePerSquareKilometre, string? Preset);
