namespace ThreatModel.Estimation;

/// <summary>
/// What an epsilon-differentially-private release guarantees about one person, and where ThreatModel draws the line.
/// <para>
/// A mechanism is epsilon-differentially private when adding or removing any one person's record changes the probability
/// of every output by at most a factor e^epsilon (Dwork 2006, ICALP, LNCS 4052; Dwork and Roth 2014, The Algorithmic
/// Foundations of Differential Privacy, Found. Trends Theor. Comput. Sci. 9(3-4), Def. 2.4). Read as a hypothesis test
/// ("is this person's record in the data?"), any test's true-positive rate is at most e^epsilon times its false-positive
/// rate, so the largest advantage TPR - FPR any adversary can reach is (e^epsilon - 1) / (e^epsilon + 1) = tanh(epsilon / 2)
/// (Wasserman and Zhou 2010, JASA 105(489); Kairouz, Oh and Viswanath 2015, ICML).
/// </para>
/// <para>
/// ThreatModel's choice: a release under epsilon &lt;= 1 (<see cref="StrongEpsilon"/>) is in the regime Dwork and Roth call
/// meaningful (epsilon a small constant; odds about any one person move by at most e, about 2.7), so record-level
/// re-identification estimates do not apply and no finding is made. A larger epsilon is weaker protection: the chance of
/// singling a person out is bounded by <see cref="AdvantageBound"/>, which grows towards 1 (0.76 at epsilon 2, 0.99 at
/// epsilon 6), and findings use that bound. The cut at 1 is a policy line, not a theorem.
/// </para>
/// </summary>
public static class DifferentialPrivacy
{
    /// <summary>The largest epsilon ThreatModel treats as protecting every person (1, after Dwork and Roth 2014).</summary>
    public const double StrongEpsilon = 1.0;

    /// <summary>True when a release under this epsilon is strong enough that record-level estimates do not apply.</summary>
    public static bool IsStrong(double epsilon) => epsilon > 0 && epsilon <= StrongEpsilon;

    /// <summary>The factor e^epsilon by which any output's probability, and so an adversary's odds about one person, can change.</summary>
    public static double OddsBound(double epsilon) => Math.Exp(Math.Max(0, epsilon));

    /// <summary>
    /// The largest advantage (true-positive rate minus false-positive rate) of any test of whether one person's record is in
    /// the data: tanh(epsilon / 2), between 0 and 1.
    /// </summary>
    public static double AdvantageBound(double epsilon) => Math.Tanh(Math.Max(0, epsilon) / 2);

    /// <summary>The highest posterior probability of a fact about one person reachable from a prior <paramref name="prior"/>.</summary>
    public static double PosteriorBound(double prior, double epsilon)
    {
        var p = Math.Clamp(prior, 0, 1);
        var odds = OddsBound(epsilon);
        return p * odds / (p * odds + (1 - p));
    }
}
