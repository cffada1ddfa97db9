using System.Reflection;
using PublicApiGenerator;
using ThreatModel.Findings;
using ThreatModel.Testing;

namespace ThreatModel.Tests.Api;

/// <summary>
/// The public API of the library and of ThreatModel.Testing, pinned in approved files beside this class, so every change
/// to what users compile against shows in review. On a mismatch the test writes <c>*.received.txt</c> beside the approved
/// file and fails with the lines that differ. To accept an intended change, run
/// <c>THREATMODEL_ACCEPT_API=1 dotnet test tests/ThreatModel.Tests --filter PublicApi</c> and commit the approved files
/// (CONTRIBUTING.md).
/// </summary>
public class PublicApiTests
{
    private const string AcceptVariable = "THREATMODEL_ACCEPT_API";

    [Fact]
    public void PublicApi_OfTheLibrary_MatchesTheApprovedFile() =>
        MatchesApproved(typeof(Finding).Assembly, "ThreatModel");

    [Fact]
    public void PublicApi_OfTheTestingPackage_MatchesTheApprovedFile() =>
        MatchesApproved(typeof(ThreatModelAssertionExtensions).Assembly, "ThreatModel.Testing");

    private static void MatchesApproved(Assembly assembly, string name)
    {
        var api = assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"],
        }).ReplaceLineEndings("\n");
        var directory = RepositoryPaths.Path("tests", "ThreatModel.Tests", "Api");
        var approvedPath = Path.Combine(directory, name + ".approved.txt");
        var receivedPath = Path.Combine(directory, name + ".received.txt");

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(approvedPath, api);
            File.Delete(receivedPath);
            return;
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : string.Empty;
        if (approved == api)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, api);
        Assert.Fail($"The public API of {name} changed. {Summary(approved, api)}\n"
            + $"Compare {receivedPath} with {approvedPath}. If the change is intended, accept it with\n"
            + $"  {AcceptVariable}=1 dotnet test tests/ThreatModel.Tests --filter PublicApi\n"
            + "and commit the approved file.");
    }

    /// <summary>The lines removed from and added to the approved text (a set difference, enough to read a change).</summary>
    private static string Summary(string approved, string received)
    {
        var before = approved.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var after = received.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var removed = before.Except(after, StringComparer.Ordinal).ToList();
        var added = after.Except(before, StringComparer.Ordinal).ToList();
        const int Shown = 40;
        var lines = new List<string> { $"{removed.Count} line(s) removed, {added.Count} added:" };
        lines.AddRange(removed.Take(Shown).Select(l => "  - " + l));
        lines.AddRange(added.Take(Shown).Select(l => "  + " + l));
        if (removed.Count > Shown || added.Count > Shown)
            lines.Add($"  ... (first {Shown} of each shown)");
        return string.Join("\n", lines);
    }
}
