using FsCheck.Xunit;
using FsCheck;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Analysis;

public class GateProperties
{
    private static readonly AnalysisResult Scoring = Analyzer.CreateDefault().Analyze(GateDesigns.Read(GateDesigns.Scoring()));

    private static Finding Rated(Finding finding, int rating) =>
        finding with { Likelihood = (Likelihood)(rating % 4), Impact = (Impact)(rating / 4 % 4), Severity = SeverityMatrix.Of((Likelihood)(rating % 4), (Impact)(rating / 4 % 4)) };

    [Property]
    public bool AFindingInBothVersions_IsInExactlyOneComparison_AndFailsOnlyWhenRatedWorseAtOrAboveTheThreshold(NonNegativeInt before, NonNegativeInt after, NonNegativeInt threshold)
    {
        var finding = Scoring.Findings[0];
        var old = Rated(finding, before.Get % 16);
        var @new = Rated(finding, after.Get % 16);
        var failOn = (Severity)(threshold.Get % 5);

        var diff = FindingDiff.Between(Scoring with { Findings = [old] }, Scoring with { Findings = [@new] });

        var placed = diff.Worsened.Count + diff.Improved.Count + diff.Reestimated.Count + diff.Unchanged.Count;
        var worse = @new.Severity > old.Severity || (@new.Severity == old.Severity && (@new.Likelihood > old.Likelihood || @new.Impact > old.Impact));
        var fails = diff.Failing(failOn, allowNewAcceptances: false, allowRelaxedThresholds: false) > 0;
        return placed == 1 && diff.Introduced.Count == 0 && diff.Resolved.Count == 0
            && (diff.Worsened.Count == 1) == worse
            && fails == (worse && @new.Severity >= failOn);
    }

    [Property]
    public bool ADesignUnderTheDefaultPolicy_NeverGetsLooserThresholdsThanTheReviewers(NonNegativeInt uniqueness, NonNegativeInt k, NonNegativeInt linkage)
    {
        var design = new AnalysisSettings(uniqueness.Get % 101 / 100.0, 1 + k.Get % 100, linkage.Get % 101 / 100.0);

        var (inForce, _) = Thresholds.Resolve(design, AnalyzerOptions.Default);

        var reviewer = AnalysisSettings.Default;
        return inForce.UniquenessThreshold <= reviewer.UniquenessThreshold
            && inForce.MinimumAnonymitySet >= reviewer.MinimumAnonymitySet
            && inForce.LinkageUniquenessThreshold <= reviewer.LinkageUniquenessThreshold;
    }
}
