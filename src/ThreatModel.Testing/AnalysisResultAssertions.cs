using FluentAssertions;
using FluentAssertions.Execution;
using FluentAssertions.Primitives;
using ThreatModel.Analysis;
using ThreatModel.Findings;

namespace ThreatModel.Testing;

/// <summary>Assertions on the findings of a design review, with failure messages that list every offending finding.</summary>
public sealed class AnalysisResultAssertions : ReferenceTypeAssertions<AnalysisResult, AnalysisResultAssertions>
{
    /// <summary>Creates the assertions; use <c>result.Should()</c>.</summary>
    public AnalysisResultAssertions(AnalysisResult subject)
        : base(subject)
    {
    }

    /// <inheritdoc />
    protected override string Identifier => "design review";

    /// <summary>Asserts that no finding stands at or above <paramref name="threshold"/>.</summary>
    public AndConstraint<AnalysisResultAssertions> HaveNoFindingsAtOrAbove(Severity threshold, string because = "", params object[] becauseArgs)
    {
        var offending = Subject.AtOrAbove(threshold).ToList();
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(offending.Count == 0)
            .FailWith("Expected design {0} to have no findings at or above {1}{reason}, but found {2}:{3}",
                Text(Subject.Model.Name), Text(Name(threshold)), offending.Count, Text(Describe(offending)));
        return new AndConstraint<AnalysisResultAssertions>(this);
    }

    /// <summary>Asserts that the rule with this id (or name) has at least one finding, and returns them.</summary>
    public AndWhichConstraint<AnalysisResultAssertions, IReadOnlyList<Finding>> HaveFindingOf(string rule, string because = "", params object[] becauseArgs)
    {
        var matching = Matching(rule);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(matching.Count > 0)
            .FailWith("Expected design {0} to have a finding of rule {1}{reason}, but it has none. Rules with findings: {2}.",
                Text(Subject.Model.Name), Text(rule), Text(Subject.Findings.Count == 0 ? "none" : string.Join(", ", Subject.Findings.Select(f => f.RuleId).Distinct())));
        return new AndWhichConstraint<AnalysisResultAssertions, IReadOnlyList<Finding>>(this, matching);
    }

    /// <summary>Asserts that the rule with this id (or name) has no finding.</summary>
    public AndConstraint<AnalysisResultAssertions> NotHaveFindingOf(string rule, string because = "", params object[] becauseArgs)
    {
        var matching = Matching(rule);
        Execute.Assertion
            .BecauseOf(because, becauseArgs)
            .ForCondition(matching.Count == 0)
            .FailWith("Expected design {0} to have no finding of rule {1}{reason}, but found {2}:{3}",
                Text(Subject.Model.Name), Text(rule), matching.Count, Text(Describe(matching)));
        return new AndConstraint<AnalysisResultAssertions>(this);
    }

    private List<Finding> Matching(string rule)
    {
        var ids = Subject.Rules
            .Where(r => string.Equals(r.Id, rule, StringComparison.OrdinalIgnoreCase) || string.Equals(r.Name, rule, StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
        if (ids.Count == 0)
            ids.Add(rule);
        return [.. Subject.Findings.Where(f => ids.Contains(f.RuleId))];
    }

    /// <summary>"high": severities as reports spell them.</summary>
    private static string Name(Severity severity) => severity.ToString().ToLowerInvariant();

    /// <summary>Text FluentAssertions prints as it is: a string argument would be quoted, a severity printed as <c>Severity.High {value: 3}</c>.</summary>
    private static PlainText Text(string text) => new(text);

    private sealed class PlainText(string text)
    {
        public override string ToString() => text;
    }

    private static string Describe(IEnumerable<Finding> findings) =>
        string.Concat(findings.Select(f =>
            $"{Environment.NewLine}  - {Name(f.Severity)} {f.RuleId} at {f.Location}: {f.Title}{Environment.NewLine}    {(f.EvidenceRoutes.Count == 1 ? "path" : "routes")}: {string.Join("; ", f.EvidenceRoutes.Select(r => string.Join(" -> ", r)))}{Environment.NewLine}    fix: {f.Mitigation}"));
}
