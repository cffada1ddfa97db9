using ThreatModel.Findings;
using ThreatModel.Graph;
using ThreatModel.Model;

namespace ThreatModel.Examples.CustomRule;

/// <summary>
/// EX001: data about a vulnerable group (children, for example) reaches an advertising organization in a form that
/// still speaks about single people. Advertisers build profiles to target people; a profile of a child is what
/// GDPR Recital 38 and COPPA set out to prevent.
/// </summary>
/// <remarks>
/// The rule uses only the public API, as any rule added with <c>AddRule&lt;T&gt;()</c>: it asks the graph which items
/// each advertising organization can read (<see cref="DataFlowGraph.ReadableByOrganization"/>), keeps the holdings about
/// a subject marked <c>vulnerable: true</c> whose form is still readable about individuals (not sealed, aggregated or
/// pseudonymised with a key the advertiser lacks: <see cref="ItemForm.ReadableAboutIndividuals"/>), and reports one
/// finding per advertiser and subject, with one evidence route per holding. It never walks the graph itself and
/// never re-reads a protection.
/// </remarks>
public sealed class VulnerableDataToAdvertiserRule : IPrivacyRule
{
    /// <summary>The organization kinds this rule treats as advertisers (the <c>kind</c> of an organization).</summary>
    public static readonly IReadOnlySet<string> AdvertisingKinds =
        new HashSet<string>(["advertising", "advertiser", "ad-network", "ad-tech"], StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public RuleMetadata Metadata { get; } = new()
    {
        Id = "EX001",
        Name = "vulnerable-data-to-advertiser",
        Title = "Data about a vulnerable group reaches an advertiser",
        Summary = "Data about children or another vulnerable group reaches an advertising organization about single people, "
            + "where it can feed targeting profiles.",
        Linddun = LinddunCategory.DataDisclosure,
        LinddunSubcategory = "Excessive sharing with third parties",
        Solove = SoloveHarm.SecondaryUse,
        DefaultSeverity = Severity.High,
        Gdpr = ["Art. 8 conditions applicable to child's consent", "Recital 38 specific protection of children"],
        Research = ["US Children's Online Privacy Protection Act (COPPA), 15 U.S.C. 6501-6506."],
        Mitigations = ["Send the advertiser only aggregates (protections.aggregationThreshold), or nothing about the vulnerable group."],
    };

    /// <inheritdoc />
    public IEnumerable<Finding> Evaluate(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var organization in context.Model.Organizations)
        {
            if (organization.Kind is null || !AdvertisingKinds.Contains(organization.Kind))
                continue;

            var bySubject = context.Graph.ReadableByOrganization(organization.Id)
                .Where(h => h.Form.ReadableAboutIndividuals && IsVulnerable(context.Model, h.Item.SubjectId))
                .GroupBy(h => h.Item.SubjectId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal);
            foreach (var holdings in bySubject)
            {
                context.CancellationToken.ThrowIfCancellationRequested();
                yield return Report(context.Model, organization, holdings.Key, [.. holdings]);
            }
        }
    }

    private static bool IsVulnerable(SystemModel model, string subjectId) =>
        model.TryGetSubject(subjectId, out var subject) && subject.Vulnerable;

    private Finding Report(SystemModel model, Organization advertiser, string subjectId, IReadOnlyList<Holding> holdings)
    {
        var subjectName = model.TryGetSubject(subjectId, out var subject) ? subject.Name : subjectId;
        var items = holdings.Select(h => h.Item).DistinctBy(i => i.Id).ToList();
        var builder = new FindingBuilder(Metadata, $"{advertiser.Id}|{subjectId}")
            .Titled($"Data about {subjectName} reaches the advertiser {advertiser.Name}")
            .Because($"{string.Join(", ", items.Select(i => i.Name))} about {subjectName} reach {advertiser.Name}, an advertising "
                + "organization, about single people: enough to build a targeting profile of each of them.")
            .Rated(Likelihood.Likely, Impact.Major)
            .About(subjectId)
            .Involving(items.Select(i => i.Id))
            .At(holdings.Select(h => h.Holder.Id))
            .PointingTo(holdings.Select(h => h.Path.Count > 0 ? h.Path[^1].Span : h.Holder.Span).FirstOrDefault(s => s.IsKnown, SourceSpan.None));
        foreach (var holding in holdings)
            builder.Along(holding.PathIds);
        return builder.Build();
    }
}
