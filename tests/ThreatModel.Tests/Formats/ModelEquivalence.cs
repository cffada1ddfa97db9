using FluentAssertions.Equivalency;
using ThreatModel.Model;

namespace ThreatModel.Tests.Formats;

/// <summary>Compares models by what they say, ignoring where they were read from; lists in order, generalizations (a map) in any order.</summary>
internal static class ModelEquivalence
{
    public static void ShouldSayTheSameAs(this SystemModel actual, SystemModel expected) =>
        actual.Should().BeEquivalentTo(expected, IgnoringSources);

    private static EquivalencyAssertionOptions<SystemModel> IgnoringSources(EquivalencyAssertionOptions<SystemModel> options) =>
        options
            .Excluding((IMemberInfo member) => member.Type == typeof(SourceSpan))
            .Excluding(model => model.SourceFile)
            .WithStrictOrdering()
            .WithoutStrictOrderingFor(info => info.Path.EndsWith("Generalizations", StringComparison.Ordinal));
}
