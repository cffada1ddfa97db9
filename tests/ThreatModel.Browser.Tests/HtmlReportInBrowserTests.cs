using Microsoft.Playwright;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Model;

namespace ThreatModel.Browser.Tests;

/// <summary>
/// The HTML report (<c>check --format html</c>) opened in Chromium: it loads without console errors, shows every
/// finding, filters them, and draws the evidence routes of the selected finding in red. A screenshot of each example's
/// report is kept in TestResults/browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HtmlReportInBrowserTests(BrowserFixture fixture)
{
    private const string Red = "rgb(208, 0, 0)";

    public static TheoryData<string> Examples => [.. ReportPages.Examples];

    public static TheoryData<string> HarmfulExamples => [.. ReportPages.Examples.Where(e => e.EndsWith("/design.yaml", StringComparison.Ordinal))];

    [SkippableTheory]
    [MemberData(nameof(Examples))]
    public async Task ExampleReport_LoadsWithoutConsoleErrors_AndShowsEveryFinding(string example)
    {
        var result = ReportPages.AnalyzeExample(example);
        await using var session = await Open(ReportPages.Write(result, ReportPages.NameOf(example)));

        var titles = await session.Page.Locator("article.finding .title").AllTextContentsAsync();
        titles.Should().Equal(result.Findings.Select(f => f.Title).Concat(result.Suppressed.Select(s => s.Finding.Title)));
        (await session.Page.Locator("#shown-count").TextContentAsync()).Should().Be(titles.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await session.Page.Locator("#diagram svg g.tm-element").CountAsync()).Should().Be(result.Model.Elements.Count);
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ReportPages.ArtefactFolder, ReportPages.NameOf(example) + ".png"), FullPage = true });
        ReportPages.WriteSvg(result, ReportPages.NameOf(example));
        session.Problems.Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(HarmfulExamples))]
    public async Task FilteringBySeverity_ShowsExactlyTheFindingsOfThatSeverity(string example)
    {
        var result = ReportPages.AnalyzeExample(example);
        await using var session = await Open(ReportPages.Write(result, ReportPages.NameOf(example) + "-severity"));
        var severity = result.Findings[^1].Severity;
        var name = severity.ToString().ToLowerInvariant();

        await session.Page.SelectOptionAsync("#filter-severity", name);

        (await VisibleTitles(session.Page)).Should().Equal(result.Findings.Where(f => f.Severity == severity).Select(f => f.Title));
        session.Problems.Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(HarmfulExamples))]
    public async Task FilteringByRuleAndSubject_ShowsExactlyTheFindingsOfBoth(string example)
    {
        var result = ReportPages.AnalyzeExample(example);
        await using var session = await Open(ReportPages.Write(result, ReportPages.NameOf(example) + "-rule"));
        var finding = result.Findings[0];
        var rule = result.Rules.First(r => r.Id == finding.RuleId);
        var subject = result.Model.Subjects.First(s => s.Id == finding.Subjects[0]);

        await session.Page.SelectOptionAsync("#filter-rule", new SelectOptionValue { Label = $"{rule.Id} {rule.Name}" });
        (await VisibleTitles(session.Page)).Should().Equal(result.Findings.Where(f => f.RuleId == rule.Id).Select(f => f.Title));
        await session.Page.SelectOptionAsync("#filter-subject", new SelectOptionValue { Label = subject.Name == subject.Id ? subject.Id : $"{subject.Name} [{subject.Id}]" });

        (await VisibleTitles(session.Page)).Should().Equal(result.Findings.Where(f => f.RuleId == rule.Id && f.Subjects.Contains(subject.Id)).Select(f => f.Title));
        await session.Page.SelectOptionAsync("#filter-rule", "");
        (await VisibleTitles(session.Page)).Should().Equal(result.Findings.Where(f => f.Subjects.Contains(subject.Id)).Select(f => f.Title));
        session.Problems.Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(HarmfulExamples))]
    public async Task FilteringByOrganization_ShowsTheFindingsInvolvingIt(string example)
    {
        var result = ReportPages.AnalyzeExample(example);
        await using var session = await Open(ReportPages.Write(result, ReportPages.NameOf(example) + "-organization"));
        var elements = result.Model.Elements.ToDictionary(e => e.Id);
        var finding = result.Findings.First(f => f.Elements.Any(e => elements[e].OrganizationId is not null));
        var organization = result.Model.Organizations.First(o => o.Id == finding.Elements.Select(e => elements[e].OrganizationId).First(o => o is not null));
        var label = organization.Name == organization.Id ? organization.Id : $"{organization.Name} [{organization.Id}]";

        await session.Page.SelectOptionAsync("#filter-organization", new SelectOptionValue { Label = label });

        var visible = await VisibleTitles(session.Page);
        visible.Should().Contain(finding.Title);
        var flows = result.Model.Flows.ToDictionary(f => f.Id);
        var involving = result.Findings.Where(f => f.Elements.Concat(f.EvidencePath.SelectMany(p => new[] { flows[p].From, flows[p].To }))
            .Any(e => elements.TryGetValue(e, out var element) && element.OrganizationId == organization.Id));
        visible.Should().Equal(involving.Select(f => f.Title));
        session.Problems.Should().BeEmpty();
    }

    [SkippableTheory]
    [MemberData(nameof(HarmfulExamples))]
    public async Task SelectingAFinding_DrawsItsEvidenceRoutesRed_AndGreysTheOtherFlows(string example)
    {
        var result = ReportPages.AnalyzeExample(example);
        await using var session = await Open(ReportPages.Write(result, ReportPages.NameOf(example) + "-selected"));
        var index = result.Findings.ToList().FindIndex(f => f.EvidencePath.Count > 0 && f.EvidencePath.Count < result.Model.Flows.Count);
        index.Should().BeGreaterThanOrEqualTo(0, "an example with a harm has a finding with an evidence route");
        var finding = result.Findings[index];

        await session.Page.Locator("article.finding").Nth(index).Locator("button.show").ClickAsync();

        foreach (var flow in result.Model.Flows)
        {
            var stroke = await session.Page.Locator("#diagram g.tm-flow").Filter(new LocatorFilterOptions { Has = session.Page.Locator($"xpath=self::*[@data-flow='{flow.Id}']") })
                .Locator("path").EvaluateAsync<string>("p => getComputedStyle(p).stroke");
            (stroke == Red).Should().Be(finding.EvidencePath.Contains(flow.Id), $"flow {flow.Id} is {(finding.EvidencePath.Contains(flow.Id) ? "on" : "off")} the path of '{finding.Title}'");
        }

        (await session.Page.Locator("article.finding").Nth(index).GetAttributeAsync("class")).Should().Contain("selected");
        (await session.Page.Locator("#selection-status").TextContentAsync()).Should().Be("Evidence of: " + finding.Title);
        await session.Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ReportPages.ArtefactFolder, ReportPages.NameOf(example) + "-selected.png") });
        session.Problems.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task DesignTextSayingScript_IsShownAsText_AndRunsNothing()
    {
        const string attack = "</script><script>alert(1)</script>";
        var model = new SystemModelBuilder(attack)
            .Organization("org", name: "<img src=x onerror=alert(2)>")
            .Subject("people", 1000, name: "\"><svg onload=alert(3)>")
            .Item("id", DataItemKind.DirectIdentifier, "people")
            .Item("posts", DataItemKind.Behavioural, "people", context: "a")
            .Item("loans", DataItemKind.Financial, "people", context: "b")
            .Person("person", "people", name: "x' onmouseover='alert(4)")
            .Process("a", "org", name: attack)
            .Process("b", "org2")
            .Process("scorer", "org3", name: "<script>alert(5)</script>")
            .Flow("f1", "person", "a", ["id", "posts"], "social-networking")
            .Flow("f2", "person", "b", ["id", "loans"], "payment")
            .Flow("f3", "a", "scorer", ["id", "posts"], "scoring")
            .Flow("f4", "b", "scorer", ["id", "loans"], "scoring")
            .Build();
        var result = ReportPages.Analyze(model);
        result.Findings.Should().NotBeEmpty();
        await using var session = await Open(ReportPages.Write(result, "hostile-script"));

        await session.Page.Locator("article.finding button.show").First.ClickAsync();
        await session.Page.Locator("#diagram g.tm-element").First.HoverAsync();

        (await session.Page.Locator("h1").TextContentAsync()).Should().Be("Privacy threat model: " + attack);
        (await session.Page.Locator("script").CountAsync()).Should().Be(1);
        session.Dialogs.Should().BeEmpty();
        session.Problems.Should().BeEmpty();
    }

    private static async Task<IReadOnlyList<string>> VisibleTitles(IPage page) =>
        await page.Locator("article.finding:visible .title").AllTextContentsAsync();

    private async Task<Session> Open(string path)
    {
        Skip.If(fixture.Unavailable is not null, fixture.Unavailable);
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        var session = new Session(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
                session.Problems.Add($"console {message.Type}: {message.Text}");
        };
        page.PageError += (_, error) => session.Problems.Add("page error: " + error);
        page.Dialog += async (_, dialog) =>
        {
            session.Dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.GotoAsync(new Uri(path).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return session;
    }

    private sealed class Session(IPage page) : IAsyncDisposable
    {
        public IPage Page { get; } = page;

        public List<string> Problems { get; } = [];

        public List<string> Dialogs { get; } = [];

        public ValueTask DisposeAsync() => new(Page.CloseAsync());
    }
}
