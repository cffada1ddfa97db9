using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ThreatModel.Testing.Tests;

/// <summary>The README's ThreatModel.Testing snippet compiles as printed (its usings are complete) and its tests run.</summary>
public partial class ReadmeSnippetTests
{
    private static readonly Lazy<Assembly> Snippet = new(Compile);

    [Fact]
    public void TheReadmeSnippet_Compiles_WithOnlyTheUsingsItShows()
    {
        Snippet.Value.GetType("PrivacyDesignTests").Should().NotBeNull();
    }

    [Fact]
    public void TheReadmeSnippet_BuilderTest_Passes()
    {
        var tests = Snippet.Value.GetType("PrivacyDesignTests")!;

        var run = () => tests.GetMethod("PaymentsAndPostsStayUnlinkable")!.Invoke(Activator.CreateInstance(tests), null);

        run.Should().NotThrow();
    }

    [Fact]
    public void TheReadmeSnippet_FileTest_ReadsTheFileItNames()
    {
        var tests = Snippet.Value.GetType("PrivacyDesignTests")!;

        var run = () => tests.GetMethod("TheSystemDesign_HasNoHighPrivacyHarms")!.Invoke(Activator.CreateInstance(tests), null);

        run.Should().Throw<TargetInvocationException>().WithInnerException<ThreatModel.Validation.InvalidDesignException>()
            .WithMessage("*docs/design/system.yaml:1:1: error TM1000*");
    }

    private static Assembly Compile()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var section = readme[readme.IndexOf("Testing designs in your own test suite", StringComparison.Ordinal)..];
        var code = CSharpBlock().Match(section).Groups[1].Value;
        code.Should().Contain("using ThreatModel.Testing;");

        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create(
            "ReadmeSnippet",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        emitted.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).Should().BeEmpty();
        emitted.Success.Should().BeTrue();
        return Assembly.Load(image.ToArray());
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ThreatModel.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("The repository root (ThreatModel.sln) was not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("```csharp\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
