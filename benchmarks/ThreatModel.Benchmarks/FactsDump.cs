using System.Globalization;
using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Generator;
using ThreatModel.Graph;
using ThreatModel.Model;
using ThreatModel.Rules;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Writes every graph fact and finding of a generated design as text, through the public API only, so two versions
/// of the graph code can be compared with <c>diff</c> after an optimisation:
/// <c>dotnet run -c Release --project benchmarks/ThreatModel.Benchmarks -- dump 2000 facts.txt</c>.
/// </summary>
internal static class FactsDump
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2)
        {
            Console.Error.WriteLine("usage: dump <nodes> <out.txt> [seed]");
            return 2;
        }

        var nodes = int.Parse(args[0], CultureInfo.InvariantCulture);
        var seed = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var model = DesignGenerator.Generate(nodes, seed);
        using var writer = new StreamWriter(args[1], false, new UTF8Encoding(false));
        Write(model, writer);
        return 0;
    }

    public static void Write(SystemModel model, TextWriter w)
    {
        var graph = DataFlowGraph.Build(model);
        w.WriteLine($"holdings {graph.HoldingCount}");
        foreach (var element in model.Elements)
        {
            foreach (var h in graph.Holdings(element.Id))
                w.WriteLine($"H {element.Id} {Describe(h)}");
            foreach (var h in graph.ReadableHoldings(element.Id))
                w.WriteLine($"R {element.Id} {Describe(h)}");
        }

        foreach (var organization in model.Organizations)
        {
            foreach (var h in graph.ReadableByOrganization(organization.Id))
                w.WriteLine($"O {organization.Id} {Describe(h)}");
        }

        foreach (var item in model.Items)
        {
            foreach (var h in graph.ReadersOf(item.Id))
                w.WriteLine($"W {item.Id} {Describe(h)}");
            w.WriteLine($"L {item.Id} {string.Join(",", graph.Lineage(item.Id).Select(i => i.Id))}");
        }

        foreach (var flow in model.Flows)
        {
            var forms = graph.FormsDeliveredBy(flow).ToList();
            foreach (var (item, form) in forms)
                w.WriteLine($"F {flow.Id} {item.Id} {Form(form)}");
            w.WriteLine($"A {flow.Id} {string.Join(",", graph.ArrivalPath(flow, [.. forms.Select(f => f.Item)]))}");
            w.WriteLine($"X {flow.Id} {graph.CrossesOrganization(flow)} {graph.CrossesJurisdiction(flow)}");
        }

        foreach (var join in graph.Joins)
        {
            w.WriteLine($"J {join.Place} {join.PlaceIsOrganization} {join.Subject.Id} {join.Key.Kind} {join.Key.Token} [{string.Join(";", join.OtherKeys.Select(k => k.Token))}] {string.Join(",", join.Contexts)}");
            foreach (var record in join.Records)
                w.WriteLine($"  r {record.Flow.Id} {string.Join(",", record.Items.Select(i => i.Id))} {string.Join(",", record.Contexts)} {string.Join(",", record.Path)}");
        }

        var result = new Analyzer(BuiltInRules.Create()).Analyze(graph);
        foreach (var finding in result.Findings)
            w.WriteLine($"! {finding.Fingerprint} {finding.Severity} {finding.RuleId} {finding.Title} | {finding.Message} | {string.Join(",", finding.EvidencePath)} | {string.Join(",", finding.Elements)}");
        foreach (var suppressed in result.Suppressed)
            w.WriteLine($"S {suppressed.Finding.Fingerprint} {suppressed.Source}");
    }

    private static string Describe(Holding h) =>
        $"{h.Item.Id} {Form(h.Form)} from {h.Origin.Id} via {string.Join(",", h.Path.Select(f => f.Id))}";

    private static string Form(ItemForm f) =>
        $"[{f.Sealed} {f.Aggregated} {f.Pseudonym} {f.Generalization?.QuasiIdentifier?.CardinalityIn(1_000_000).ToString(CultureInfo.InvariantCulture)} {f.Generalization?.PrecisionMetres} {f.Generalization?.TemporalResolutionMinutes}]";
}
