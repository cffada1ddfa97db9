using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class TextReportWriterTests
{
    private static readonly TextReportWriter Writer = new();

    [Fact]
    public void StartsWithASummaryLine_CountingFindingsBySeverity()
    {
        var text = WriterHarness.Render(Writer, ReportFixtures.Rich());

        text.Split('\n')[0].Should().Be("City \"scoring\" <pilot>: 2 findings (1 high, 1 medium), 1 accepted; 1 rule run");
    }

    [Fact]
    public void WritesEachFinding_WithLocationPathEstimateAndMitigation()
    {
        var text = WriterHarness.Render(Writer, ReportFixtures.Rich());

        text.Should().Contain("HIGH TM001 cross-context-linkage: ")
            .And.Contain("MEDIUM TM001 cross-context-linkage: Scores <b>published</b>")
            .And.Contain("  at designs/scoring.yaml:88:3\n")
            .And.Contain("  routes: f-bank-in -> f-bank-score; f-social-in -> f-social-score\n")
            .And.Contain("  path: f-store -> f-publish\n")
            .And.Contain("  estimate: expected share of people the key singles out = 87.3 % (Poisson cell model (Sweeney 2000); population=10000000, key=birth-date + postcode)")
            .And.Contain("  mitigation: Publish only aggregates over at least 10 people.")
            .And.Contain("  subjects: citizens\n")
            .And.MatchRegex("fingerprint: [0-9a-f]{32}");
    }

    [Fact]
    public void ListsAcceptedFindings_WithWhereAndWhy()
    {
        var text = WriterHarness.Render(Writer, ReportFixtures.Rich());

        text.Should().Contain("Accepted (1):")
            .And.Contain("ACCEPTED LOW TM001 cross-context-linkage: Accepted finding")
            .And.Contain("accepted (inline, designs/scoring.yaml:91:7): Scores are published by law");
    }

    [Fact]
    public void WritesNoEscapeCodes_WhenColourIsOff()
    {
        WriterHarness.Render(Writer, ReportFixtures.Rich()).Should().NotContain("\u001b[");
    }

    [Fact]
    public void ColoursSeverities_WhenColourIsOn()
    {
        WriterHarness.Render(Writer, ReportFixtures.Rich(), new ReportOptions { Color = true }).Should().Contain("\u001b[1;31mHIGH\u001b[0m");
    }

    [Fact]
    public void PrintsANoteUnderItsFinding_AndOtherNotesAtTheEnd()
    {
        var result = ReportFixtures.Rich();
        var finding = result.Findings[0];
        var options = new ReportOptions { Notes = [new ReportNote("acceptance expired", finding.Fingerprint), new ReportNote("stale entry", "0000")] };

        var text = WriterHarness.Render(Writer, result, options);

        text.Should().Contain("  note: acceptance expired\n").And.Contain("Notes:\n  - stale entry\n");
    }

    [Fact]
    public void SaysZeroFindings_WhenTheDesignIsClean()
    {
        var clean = ReportFixtures.Analyze(ReportFixtures.Scoring()) with { Findings = [], Suppressed = [] };

        WriterHarness.Render(Writer, clean).Should().Be(
            "City \"scoring\" <pilot>: 0 findings; 1 rule run\n"
            + "Thresholds: uniquenessThreshold 0.05 (default), minimumAnonymitySet 10 (default), linkageUniquenessThreshold 0.5 (default)\n");
    }
}

public class TextReportWriterLineBreakTests
{
    [Fact]
    public void WritesLineBreaksInMessages_AsVisibleEscapes_OnOneLine()
    {
        WriterHarness.Render(new TextReportWriter(), ReportFixtures.Rich()).Should().Contain("  The public sees each citizen's score & debts.\\nSecond line.\n");
    }
}
