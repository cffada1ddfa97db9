using ThreatModel.Model;
using ThreatModel.Knowledge;

namespace ThreatModel.Tests.Rules;

public class PurposeCompatibilityTests
{
    private static SystemModel Design(params (string Id, string[] CompatibleWith)[] purposes)
    {
        var builder = new SystemModelBuilder("purposes")
            .Subject("people", 10)
            .Item("x", DataItemKind.Other, "people")
            .Process("a", "org")
            .Process("b", "org")
            .Flow("f", "a", "b", ["x"], "payment")
            .Flow("g", "b", "a", ["x"], "Loyalty Points");
        foreach (var (id, compatible) in purposes)
            builder.Purpose(id, compatible);
        return builder.Build();
    }

    [Theory]
    [InlineData("Payments", "payment")]
    [InlineData("social_credit", "social-scoring")]
    [InlineData("  Contact Tracing ", "contact-tracing")]
    [InlineData("Criminal Investigation", "law-enforcement")]
    [InlineData("something-new", "something-new")]
    public void Normalize_ResolvesCaseSeparatorsAndAliases(string purpose, string expected)
    {
        PurposeCompatibility.Normalize(purpose).Should().Be(expected);
    }

    [Theory]
    [InlineData("payment", "fraud-prevention", "Compatible")]
    [InlineData("fraud-prevention", "payment", "Incompatible")]
    [InlineData("payment", "social-scoring", "Incompatible")]
    [InlineData("contact-tracing", "public-health", "Compatible")]
    [InlineData("contact-tracing", "law-enforcement", "Incompatible")]
    [InlineData("messaging", "research", "Compatible")]
    [InlineData("payment", "loyalty-points", "Incompatible")]
    [InlineData("loyalty-points", "payment", "Incompatible")]
    [InlineData("loyalty-points", "research", "Compatible")]
    [InlineData("loyalty-points", "loyalty points", "Compatible")]
    public void Compare_FollowsTheDefaultTable(string collectedFor, string usedFor, string expected)
    {
        PurposeCompatibility.For(Design()).Compare(collectedFor, usedFor).Should().Be(Enum.Parse<PurposeVerdict>(expected));
    }

    [Fact]
    public void DeclaredPurposes_BecomeKnownAndCompatibleBothWays()
    {
        var table = PurposeCompatibility.For(Design(("loyalty-points", ["payment"])));

        table.Compare("payment", "loyalty-points").Should().Be(PurposeVerdict.Compatible);
        table.Compare("loyalty-points", "payment").Should().Be(PurposeVerdict.Compatible);
        table.Compare("loyalty-points", "advertising").Should().Be(PurposeVerdict.Incompatible);
    }

    [Fact]
    public void UnknownPurposes_ListsFlowPurposesInNeitherTableNorDesign()
    {
        PurposeCompatibility.For(Design()).UnknownPurposes(Design()).Select(u => u.Purpose).Should().Equal("loyalty-points");
        PurposeCompatibility.For(Design(("loyalty-points", []))).UnknownPurposes(Design()).Should().BeEmpty();
    }

    [Fact]
    public void DefaultTable_RefersOnlyToPurposesItDefines()
    {
        var ids = PurposeCompatibility.Defaults.Select(e => e.Id).ToHashSet();

        PurposeCompatibility.Defaults.SelectMany(e => e.CompatibleWith).Should().OnlyContain(id => ids.Contains(id));
        PurposeCompatibility.Defaults.SelectMany(e => e.Aliases).Should().OnlyHaveUniqueItems().And.NotContain(a => ids.Contains(a));
    }
}
