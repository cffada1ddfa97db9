using System.Text.Json;
using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

/// <summary>Reports of many findings: at most n listed (<see cref="ReportOptions.MaxResults"/>), grouped by rule or element.</summary>
public class ResultsCapAndGroupingTests
{
    /// <summary>
    /// A court blacklist read by a railway ticketing gate that decides automatically: a critical finding on the gate
    /// (no recourse) and a high one on the court (the national id read by two organizations).
    /// </summary>
    private const string Blacklist = """
        name: Blacklist
        subjects:
          - id: debtors
            population: 14500000
        items:
          - id: national-id
            kind: direct-identifier
            subject: debtors
          - id: judgment-default
            kind: financial
            subject: debtors
            stigmatizing: true
        elements:
          - id: debtor
            type: person
            subject: debtors
          - id: court
            type: process
            organization: supreme-court
          - id: ticket-gate
            type: process
            organization: railway
            decision:
              affects: [travel]
              subject: debtors
              automated: true
        flows:
          - id: f-judgment
            from: debtor
            to: court
            items: [national-id, judgment-default]
            purpose: law-enforcement
            protections: { legalBasis: legal-obligation }
          - id: f-blacklist
            from: court
            to: ticket-gate
            items: [national-id, judgment-default]
            purpose: law-enforcement
            protections: { legalBasis: legal-obligation }
        """;

    private static AnalysisResult Analyze() =>
        Analyzer.CreateDefault().Analyze(DesignReader.Parse(Blacklist, "design.yaml", DesignFormat.Yaml).GetModelOrThrow());

    private static AnalysisResult Result()
    {
        var result = Analyze();
        result.Findings.Select(f => f.RuleId).Should().Equal(["TM007", "TM011"], "the design stands for a critical finding on the gate and a high one on the court");
        return result;
    }

    [Fact]
    public void Text_ListsTheMostSevereFindings_AndSaysHowManyItLeftOut()
    {
        var result = Result();

        var text = WriterHarness.Render(new TextReportWriter(), result, new ReportOptions { MaxResults = 1 });

        text.Should().StartWith("Blacklist (design.yaml): 2 findings (1 critical, 1 high)")
            .And.Contain("CRITICAL TM007").And.NotContain("HIGH TM011")
            .And.Contain("\n1 more finding left out (at most 1 listed, most severe first): 1 high.\n");
    }

    [Fact]
    public void Markdown_ListsTheMostSevereFindings_AndSaysHowManyItLeftOut()
    {
        var result = Result();

        var markdown = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { MaxResults = 1 });

        markdown.Split("\n#### ").Should().HaveCount(2, "one finding is listed");
        markdown.Should().Contain("#### Critical: ").And.Contain("> 1 more finding left out (at most 1 listed, most severe first): 1 high.");
    }

    [Fact]
    public void Json_HoldsTheListedFindings_AndCountsTheRestInResultsCap()
    {
        var result = Result();

        using var json = JsonDocument.Parse(WriterHarness.Render(new JsonReportWriter(), result, new ReportOptions { MaxResults = 1 }));

        var root = json.RootElement;
        root.GetProperty("summary").GetProperty("findings").GetInt32().Should().Be(2, "the summary counts every finding");
        root.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).Should().Equal("TM007");
        var cap = root.GetProperty("resultsCap");
        cap.GetProperty("limit").GetInt32().Should().Be(1);
        cap.GetProperty("listed").GetInt32().Should().Be(1);
        cap.GetProperty("omitted").GetInt32().Should().Be(1);
        cap.GetProperty("omittedBySeverity").GetProperty("high").GetInt32().Should().Be(1);
    }

    [Fact]
    public void Sarif_HoldsTheListedResults_AndRecordsTheCapInTheRunAndANotification()
    {
        var result = Result();

        using var sarif = JsonDocument.Parse(WriterHarness.Render(new SarifReportWriter(), result, new ReportOptions { MaxResults = 1 }));

        var run = sarif.RootElement.GetProperty("runs")[0];
        run.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).Should().Equal("TM007");
        var cap = run.GetProperty("properties").GetProperty("resultsCap");
        cap.GetProperty("limit").GetInt32().Should().Be(1);
        cap.GetProperty("omitted").GetInt32().Should().Be(1);
        var notification = run.GetProperty("invocations")[0].GetProperty("toolExecutionNotifications")[0];
        notification.GetProperty("message").GetProperty("text").GetString().Should()
            .Contain("holds 1 of 2 results").And.Contain("lists at most 1 findings").And.Contain("exit code counts every finding");
    }

    [Fact]
    public void Html_ShowsAtMostTheListedFindingsInFull_AndCountsTheRest()
    {
        var result = Result();

        var html = WriterHarness.Render(new HtmlReportWriter(), result, new ReportOptions { MaxResults = 1 });

        html.Should().Contain("the first 1 (most severe first) are shown in full").And.Contain("<h2>The other 1 findings</h2>");
    }

    [Fact]
    public void ACapAboveTheFindingCount_ChangesNothing()
    {
        var result = Result();

        foreach (var writer in new IReportWriter[] { new TextReportWriter(), new MarkdownReportWriter(), new SarifReportWriter() })
            WriterHarness.Render(writer, result, new ReportOptions { MaxResults = 5 }).Should().Be(WriterHarness.Render(writer, result), writer.Format);
    }

    [Fact]
    public void Text_GroupsFindingsUnderAHeadingPerRule_WithCounts()
    {
        var result = Result();

        var text = WriterHarness.Render(new TextReportWriter(), result, new ReportOptions { GroupBy = ReportGrouping.Rule });

        var critical = text.IndexOf("\nRule TM007 decision-without-recourse (1 finding):\n\nCRITICAL TM007", StringComparison.Ordinal);
        var high = text.IndexOf("\nRule TM011 identifier-tracking (1 finding):\n\nHIGH TM011", StringComparison.Ordinal);
        critical.Should().BePositive();
        high.Should().BeGreaterThan(critical, "the group of the most severe finding comes first");
    }

    [Fact]
    public void Markdown_GroupsFindingsUnderAHeadingPerElement_TheFirstElementTheyLandOn()
    {
        var result = Result();

        var markdown = WriterHarness.Render(new MarkdownReportWriter(), result, new ReportOptions { GroupBy = ReportGrouping.Element });

        markdown.Should().NotContain("### Findings\n");
        var gate = markdown.IndexOf("\n### Element ticket-gate (1 finding)\n", StringComparison.Ordinal);
        var court = markdown.IndexOf("\n### Element court (1 finding)\n", StringComparison.Ordinal);
        gate.Should().BePositive(markdown);
        court.Should().BeGreaterThan(gate);
    }

    [Fact]
    public void GroupsAndCap_Together_SayHowManyOfEachGroupAreListed()
    {
        // The court also passes the blacklist to a hotel chain that refuses rooms automatically: two decisions without recourse.
        var hotel = Blacklist.Replace("""
              - id: ticket-gate
            """, """
              - id: hotel
                type: process
                organization: hotel-chain
                decision:
                  affects: [lodging]
                  subject: debtors
                  automated: true
              - id: ticket-gate
            """, StringComparison.Ordinal) + """

              - id: f-hotel
                from: court
                to: hotel
                items: [national-id, judgment-default]
                purpose: law-enforcement
                protections: { legalBasis: legal-obligation }
            """;
        var model = DesignReader.Parse(hotel, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();
        var result = Analyzer.CreateDefault().Analyze(model);
        var byRule = result.Findings.GroupBy(f => f.RuleId).ToDictionary(g => g.Key, g => g.Count());

        var text = WriterHarness.Render(new TextReportWriter(), result, new ReportOptions { GroupBy = ReportGrouping.Rule, MaxResults = 1 });

        var first = result.Findings[0].RuleId;
        byRule[first].Should().BeGreaterThan(1, "the case is a group cut by the cap");
        text.Should().MatchRegex($@"\nRule {first} [a-z-]+ \({byRule[first]} findings, 1 listed\):\n");
        text.Split("fingerprint: ").Should().HaveCount(2, "one finding is listed");
    }

    [Fact]
    public void Json_GroupsSummary_CountsEveryFindingOnce_InReportOrder()
    {
        var result = Result();

        using var json = JsonDocument.Parse(WriterHarness.Render(new JsonReportWriter(), result, new ReportOptions { GroupBy = ReportGrouping.Element }));

        var groups = json.RootElement.GetProperty("groups");
        groups.GetProperty("by").GetString().Should().Be("element");
        var items = groups.GetProperty("groups").EnumerateArray().ToList();
        items.Select(g => g.GetProperty("key").GetString()).Should().Equal("ticket-gate", "court");
        items.Sum(g => g.GetProperty("count").GetInt32()).Should().Be(result.Findings.Count);
        items.SelectMany(g => g.GetProperty("fingerprints").EnumerateArray().Select(f => f.GetString()))
            .Should().Equal(result.Findings.Select(f => f.Fingerprint));
    }

    [Fact]
    public void WithoutGroupingOrCap_JsonHasNoGroupsOrCapFields()
    {
        using var json = JsonDocument.Parse(WriterHarness.Render(new JsonReportWriter(), Result()));

        json.RootElement.TryGetProperty("groups", out _).Should().BeFalse();
        json.RootElement.TryGetProperty("resultsCap", out _).Should().BeFalse();
    }

    [Fact]
    public void Analyzer_TellsItsProgress_GraphThenEachRule_WithoutChangingTheResult()
    {
        var steps = new List<string>();
        var progress = new Recorder(steps);
        var model = DesignReader.Parse(Blacklist, "design.yaml", DesignFormat.Yaml).GetModelOrThrow();
        var analyzer = Analyzer.CreateDefault();

        var result = analyzer.Analyze(model, AnalyzerOptions.Default with { Progress = progress });

        steps[0].Should().Be("building graph");
        var rules = steps.Skip(1).ToList();
        rules.Should().HaveCount(analyzer.Rules.Count);
        rules.Select(s => s[(s.IndexOf('(', StringComparison.Ordinal) + 1)..s.IndexOf('/', StringComparison.Ordinal)])
            .Should().BeEquivalentTo(Enumerable.Range(1, analyzer.Rules.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        rules.Should().AllSatisfy(s => s.Should().MatchRegex($@"^rule TM\d{{3}} \(\d+/{analyzer.Rules.Count}\)$"));
        result.Findings.Select(f => f.Fingerprint).Should().Equal(analyzer.Analyze(model).Findings.Select(f => f.Fingerprint));
    }

    /// <summary>Records progress synchronously (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class Recorder(List<string> steps) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (steps)
                steps.Add(value);
        }
    }
}
