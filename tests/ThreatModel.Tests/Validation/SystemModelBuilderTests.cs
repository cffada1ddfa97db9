using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Validation;

public class SystemModelBuilderTests
{
    [Fact]
    public void Build_ReportsDuplicateOrganizationIds_InsteadOfCrashing()
    {
        var builder = new SystemModelBuilder("duplicates")
            .Subject("people", 100)
            .Organization("acme", jurisdiction: "eu")
            .Organization("acme", jurisdiction: "us")
            .Process("service", "acme")
            .Person("person", "people")
            .Flow("f1", "person", "service", [], "support");

        var act = () => builder.Build();

        act.Should().Throw<InvalidDesignException>()
            .Which.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.Duplicate && d.Message.Contains("'acme'"));
    }

    [Fact]
    public void Build_ListsEveryProblem_WithSuggestionsForMisspeltReferences()
    {
        var builder = new SystemModelBuilder("typos")
            .Subject("citizens", 100)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizen")
            .Process("bank", "bank-co")
            .Flow("f1", "bank", "scorer", ["national-idd"], "scoring");

        var diagnostics = builder.Invoking(b => b.Build()).Should().Throw<InvalidDesignException>().Which.Diagnostics;

        diagnostics.Select(d => d.Message).Should().Contain(m => m.Contains("Did you mean 'citizens'?"))
            .And.Contain(m => m.Contains("'scorer'"))
            .And.Contain(m => m.Contains("Did you mean 'national-id'?"));
    }

    [Fact]
    public void Build_ImpliesUndeclaredOrganizationsAndGivesElementsTheirJurisdiction()
    {
        var model = new SystemModelBuilder("implied")
            .Subject("people", 100)
            .Organization("acme", jurisdiction: "eu")
            .Process("service", "acme")
            .Store("archive", "archive-co")
            .Person("person", "people")
            .Flow("f1", "person", "service", [], "support")
            .Build();

        model.Element("service").JurisdictionId.Should().Be("eu");
        model.Organizations.Select(o => o.Id).Should().Equal("acme", "archive-co");
        model.Jurisdictions.Select(j => j.Id).Should().Contain(["eu", Jurisdictions.Unspecified]);
    }
}
