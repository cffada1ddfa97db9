using System.Globalization;
using ThreatModel.Formats;
using ThreatModel.Generator;

namespace ThreatModel.Benchmarks;

/// <summary>
/// Writes a generated design as a YAML or JSON design file (format from the extension):
/// <c>dotnet run -c Release --project benchmarks/ThreatModel.Benchmarks -- generate 10000 big.yaml [seed]</c>.
/// </summary>
internal static class Generate
{
    public static int Run(IReadOnlyList<string> args)
    {
        if (args.Count < 2 || !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var nodes) || nodes < 20)
        {
            Console.Error.WriteLine("usage: generate <nodes (>= 20)> <out.yaml|out.json> [seed]");
            return 2;
        }

        var seed = args.Count > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var model = DesignGenerator.Generate(nodes, seed);
        DesignWriter.WriteFile(model, args[1]);
        Console.WriteLine($"{args[1]}: {model.Elements.Count} elements, {model.Flows.Count} flows, {model.Items.Count} items, {new FileInfo(args[1]).Length / 1048576.0:F1} MB");
        return 0;
    }
}
