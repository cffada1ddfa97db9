using ThreatModel.Findings;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Validation;

public sealed class ModelValidatorTests
{
    private static SystemModelBuilder Design() => new SystemModelBuilder("Design")
        .Subject("people", population: 100)
        .Item("email", DataItemKind.DirectIdentifier, "people")
        .Person("user", subject: "people")
        .Process("app", organization: "acme");

    [Fact]
    public void IsQuiet_ForASoundDesign()
    {
        var model = Design().Flow("f1", "user", "app", ["email"], "messaging").Build();

        ModelValidator.Validate(model).Should().BeEmpty();
    }

    [Fact]
    public void ReportsSettingsOutOfRange()
    {
        var model = Design().Settings(new AnalysisSettings(1.5, 0, double.NaN)).Flow("f1", "user", "app", ["email"], "messaging");

        var error = FluentActions.Invoking(model.Build).Should().Throw<InvalidDesignException>().Which;

        error.Diagnostics.Select(d => d.Code).Should().Equal(DiagnosticCodes.OutOfRange, DiagnosticCodes.OutOfRange, DiagnosticCodes.OutOfRange);
        error.Diagnostics[0].Message.Should().Contain("uniquenessThreshold is 1.5");
    }

    [Fact]
    public void ReportsAGeneralizationToANonPositivePrecision()
    {
        var protections = Protections.None with
        {
            Generalizations = new Dictionary<string, Generalization> { ["email"] = new(null, 0, null) },
        };
        var model = Design().Flow("f1", "user", "app", ["email"], "messaging", protections);

        FluentActions.Invoking(model.Build).Should().Throw<InvalidDesignException>()
            .Which.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.OutOfRange && d.Message.Contains("precision of 0 m"));
    }

    [Fact]
    public void ReportsDuplicatePurposes()
    {
        var model = Design().Purpose("ads", "analytics").Purpose("ads").Flow("f1", "user", "app", ["email"], "ads");

        FluentActions.Invoking(model.Build).Should().Throw<InvalidDesignException>()
            .Which.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.Duplicate && d.Message.Contains("purpose id 'ads'"));
    }

    [Fact]
    public void WarnsAboutAKeyHolderOneTypoFromAnOrganization()
    {
        var protections = Protections.None with { Pseudonymization = new PseudonymizationSpec("acm", PerContext: false) };
        var model = Design().Flow("f1", "user", "app", ["email"], "messaging", protections).Build();

        ModelValidator.Validate(model).Should().ContainSingle()
            .Which.Should().Match<Diagnostic>(d => d.Severity == DiagnosticSeverity.Warning && d.Message.Contains("Did you mean 'acme'?"));
    }

    [Fact]
    public void IsQuiet_AboutAKeyHolderThatIsASeparateParty()
    {
        var protections = Protections.None with { Pseudonymization = new PseudonymizationSpec("trusted-third-party", PerContext: true) };
        var model = Design().Flow("f1", "user", "app", ["email"], "messaging", protections).Build();

        ModelValidator.Validate(model).Should().BeEmpty();
    }

    [Fact]
    public void PointsAtTheObject_WhenTheModelWasBuiltInCode()
    {
        var model = SystemModelFactory.Create("x", null, string.Empty, AnalysisSettings.Default,
            [new DataSubject
            {
                Id = "people",
                Name = "people",
                Population = 0,
                Density = null,
                Description = null,
                Vulnerable = false,
                Span = SourceSpan.At("design.yaml", 3, 5),
            }], [], [], [],
            [new Element
            {
                Id = "user",
                Name = "user",
                Type = ElementType.Person,
                OrganizationId = null,
                JurisdictionId = null,
                SubjectId = "people",
                Decision = null,
                Retention = null,
                Attributable = false,
                Suppressions = [],
                Description = null,
            }], [], []);

        ModelValidator.Validate(model).Should().ContainSingle()
            .Which.Span.Should().Be(SourceSpan.At("design.yaml", 3, 5));
    }
}
