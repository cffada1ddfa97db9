using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Tests.Reporting;

/// <summary>Designs and results the writer tests share.</summary>
internal static class ReportFixtures
{
    public const string DesignFile = "designs/scoring.yaml";

    /// <summary>Banks and a social network send records keyed by national ID to a scoring bureau; the public sees scores.</summary>
    public static SystemModel Scoring() =>
        new SystemModelBuilder("City \"scoring\" <pilot>")
            .Jurisdiction("cn", subjectRights: false, compelledAccess: true, name: "People's Republic of China")
            .Organization("bank-co", jurisdiction: "cn", name: "Commercial bank")
            .Organization("social-co", jurisdiction: "cn")
            .Organization("bureau", jurisdiction: "cn", name: "Credit bureau")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("posts", DataItemKind.Behavioural, "citizens", context: "social")
            .Item("score", DataItemKind.Score, "citizens", derivedFrom: ["loans", "posts"])
            .Person("citizen", "citizens", name: "Citizen")
            .Process("bank", "bank-co")
            .Process("social-app", "social-co")
            .Process("scoring", "bureau", name: "Scoring engine")
            .Store("score-db", "bureau")
            .Element("public", ElementType.Public)
            .Flow("f-bank-in", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-social-in", "citizen", "social-app", ["national-id", "posts"], "social-networking")
            .Flow("f-bank-score", "bank", "scoring", ["national-id", "loans"], "social-scoring")
            .Flow("f-social-score", "social-app", "scoring", ["national-id", "posts"], "social-scoring")
            .Flow("f-store", "scoring", "score-db", ["national-id", "score"], "social-scoring")
            .Flow("f-publish", "score-db", "public", ["score"], "public-shaming")
            .Build();

    /// <summary>Only TM001 runs, so these tests do not change when rules are added.</summary>
    public static AnalysisResult Analyze(SystemModel model) => new Analyzer([new CrossContextLinkageRule()]).Analyze(model);

    /// <summary>The real analysis of <see cref="Scoring"/>, with locations as if read from <see cref="DesignFile"/>, plus a
    /// hand-made medium finding with an estimate and awkward characters, and one inline-accepted finding.</summary>
    public static AnalysisResult Rich()
    {
        var result = Analyze(Scoring());
        var located = result.Findings.Select((f, i) => f with { Location = new SourceSpan(DesignFile, 40 + i, 5, 40 + i, 30) }).ToList();
        var rule = result.Rules[0];
        var awkward = new Finding
        {
            RuleId = rule.Id,
            Title = "Scores <b>published</b> | shamed `people` #1 \"quoted\" *stars* [link](x)",
            Message = "The public sees each citizen's score & debts.\nSecond line.",
            Likelihood = Likelihood.Likely,
            Impact = Impact.Moderate,
            Severity = Severity.Medium,
            Subjects = ["citizens"],
            Items = ["score"],
            Elements = ["public", "score-db"],
            EvidenceRoutes = [["f-store", "f-publish"]],
            Estimates = [new Estimate("expected share of people the key singles out", 0.873, "share", "Poisson cell model (Sweeney 2000)", [new("population", "10000000"), new("key", "birth-date + postcode")])],
            Mitigation = "Publish only aggregates over at least 10 people.",
            Location = new SourceSpan(DesignFile, 88, 3, 88, 20),
            Key = "score-db|public",
        };
        var accepted = awkward with { Title = "Accepted finding", Key = "accepted|key", Severity = Severity.Low, Location = new SourceSpan(DesignFile, 90, 3, 90, 9) };
        return result with
        {
            Findings = [.. located.Append(awkward).OrderBy(f => f, FindingOrder.Instance)],
            Suppressed = [new SuppressedFinding(accepted, "Scores are published by law", $"{DesignFile}:91:7")],
        };
    }
}
