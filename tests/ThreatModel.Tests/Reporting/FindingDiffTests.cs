using System.Text.Json;
using ThreatModel.Findings;
using ThreatModel.Reporting;

namespace ThreatModel.Tests.Reporting;

public class FindingDiffTests
{
    [Fact]
    public void SortsFindings_IntoIntroducedResolvedAndUnchanged_ByFingerprint()
    {
        var rich = ReportFixtures.Rich();
        var old = rich with { Findings = [rich.Findings[0]] };
        var @new = rich with { Findings = [rich.Findings[1], rich.Findings[0] with { Title = "retitled", Location = default }] };

        var diff = FindingDiff.Between(old, @new);

        diff.Introduced.Should().ContainSingle().Which.Should().Be(rich.Findings[1]);
        diff.Unchanged.Should().ContainSingle().Which.Title.Should().Be("retitled");
        diff.Resolved.Should().BeEmpty();
        FindingDiff.Between(@new, old).Resolved.Should().ContainSingle().Which.Should().Be(rich.Findings[1]);
    }

    [Fact]
    public void Writes_TextJsonMarkdownAndSarif()
    {
        var rich = ReportFixtures.Rich();
        var diff = FindingDiff.Between(rich with { Findings = [rich.Findings[0]] }, rich with { Findings = [rich.Findings[1]] });

        string Render(string format)
        {
            using var output = new StringWriter();
            FindingDiffWriter.Write(diff, format, output, ReportOptions.Default);
            return output.ToString();
        }

        Render("text").Should().Contain("1 introduced, 0 worsened, 0 improved, 1 resolved, 0 newly accepted, 0 thresholds relaxed, 0 unchanged").And.Contain("  + MEDIUM TM001").And.Contain("  - HIGH TM001");
        using var json = JsonDocument.Parse(Render("json"));
        json.RootElement.GetProperty("summary").GetProperty("introduced").GetInt32().Should().Be(1);
        Render("markdown").Should().Contain("| Introduced | 0 | 0 | 1 | 0 | 0 | 1 |");
        var sarif = Render("sarif");
        sarif.Should().Contain("\"baselineState\": \"new\"").And.Contain("\"baselineState\": \"absent\"");
    }
}
