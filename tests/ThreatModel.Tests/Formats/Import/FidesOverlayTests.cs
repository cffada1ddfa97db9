using ThreatModel.Analysis;
using ThreatModel.Formats;
using ThreatModel.Formats.Import;
using ThreatModel.Formats.Import.Fides;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>A privacy overlay on Fides manifests: where it is found, what its refs name, what it answers, its errors.</summary>
public sealed class FidesOverlayTests : IDisposable
{
    private readonly ManifestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // An online shop: checkout collects customers' e-mail, purchase history and card; newsletter signs up subscribers;
    // checkout passes purchase history, date of birth and postal code to an outside analytics firm.
    private const string Shop = """
        system:
          - fides_key: checkout
            name: Checkout
            system_type: Service
            ingress:
              - fides_key: user
                type: user
                data_categories: [user.contact.email, user.behavior.purchase_history, user.financial]
            egress:
              - fides_key: analytics
                type: system
                data_categories: [user.behavior.purchase_history, user.demographic.date_of_birth, user.contact.address.postal_code]
            privacy_declarations:
              - name: Sell
                data_use: essential.service
                data_categories: [user]
                data_subjects: [customer]
              - name: Measure
                data_use: analytics.reporting
                data_categories: [user.behavior.purchase_history, user.demographic.date_of_birth, user.contact.address.postal_code]
                data_subjects: [customer]
                egress: [analytics]
          - fides_key: analytics
            name: Shop analytics
            system_type: Third Party
          - fides_key: newsletter
            name: Newsletter
            system_type: Service
            ingress:
              - fides_key: user
                type: user
                data_categories: [user.contact.email]
            privacy_declarations:
              - name: Send the newsletter
                data_use: marketing.communications
                data_categories: [user.contact.email]
                data_subjects: [newsletter_subscriber]
        """;

    private string Folder(string overlay)
    {
        _folder.Write("fides/systems.yml", Shop);
        _folder.Write("fides/privacy.yaml", overlay);
        return Path.Combine(_folder.Path, "fides");
    }

    private static SystemModel ModelOf(DesignReadResult result)
    {
        result.Errors.Should().BeEmpty();
        return result.Model!;
    }

    [Fact]
    public void PrivacyYamlInTheManifestFolder_AddsAFactToTheSystemItNamesByFidesKey()
    {
        var result = ModelImport.ReadFile(Folder("""
            elements:
              - ref: checkout
                decision: { affects: [credit], subject: customer, automated: true }
            """));

        var decision = ModelOf(result).Element("checkout").Decision;
        decision.Should().NotBeNull();
        decision!.Automated.Should().BeTrue();
    }

    [Fact]
    public void PrivacyYamlInTheManifestFolder_IsNotReadAsAManifest()
    {
        var result = ModelImport.ReadFile(Folder("subjects:\n  - { ref: customer, population: 5000 }\n"));

        ModelOf(result);
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.Ignored || d.Code == FidesDiagnosticCodes.NoResources);
    }

    [Fact]
    public void ARefByTheSystemsName_NamesThatSystem()
    {
        var result = ModelImport.ReadFile(Folder("""
            elements:
              - { ref: shop analytics, description: Runs nightly }
            """));

        ModelOf(result).Element("analytics").Description.Should().Be("Runs nightly");
    }

    [Fact]
    public void AFlowEntry_ByTheFlowsId_AddsProtections()
    {
        var result = ModelImport.ReadFile(Folder("""
            flows:
              - ref: checkout->analytics
                protections:
                  generalize: { customer:user.demographic.date_of_birth: birth-year }
            """));

        ModelOf(result).Flow("checkout->analytics").Protections.Generalizations.Should().ContainKey("customer:user.demographic.date_of_birth");
    }

    [Fact]
    public void APopulationFromTheOverlay_IsTheSubjects_AndSilencesTheNoPopulationWarningForThatSubjectOnly()
    {
        var result = ModelImport.ReadFile(Folder("subjects:\n  - { ref: customer, population: 250000 }\n"));

        var model = ModelOf(result);
        model.Subject("customer").Population.Should().Be(250000);
        model.Subject("newsletter_subscriber").Population.Should().Be(FidesTaxonomy.DefaultPopulation);
        result.Diagnostics.Where(d => d.Code == FidesDiagnosticCodes.NoPopulation).Should().ContainSingle()
            .Which.Message.Should().Contain("newsletter_subscriber");
    }

    [Fact]
    public void AGeneralisationInTheOverlay_RemovesTheReidentificationTheFullDateOfBirthCaused()
    {
        var bare = ModelOf(FidesReader.ReadPath(Folder("subjects:\n  - { ref: customer, population: 250000 }\n")));
        var generalised = ModelOf(ModelImport.ReadFile(Folder("""
            subjects:
              - { ref: customer, population: 250000 }
            flows:
              - ref: checkout->analytics
                protections:
                  generalize: { customer:user.demographic.date_of_birth: birth-year, customer:user.contact.address.postal_code: 10 }
            """)));

        Analyzer.CreateDefault().Analyze(bare).Findings.Should().Contain(f => f.RuleId == "TM002" && f.Elements.Contains("analytics"));
        Analyzer.CreateDefault().Analyze(generalised).Findings.Should().NotContain(f => f.RuleId == "TM002" && f.Elements.Contains("analytics"));
    }

    [Fact]
    public void AnUnknownRef_IsAnErrorAtTheOverlaysLineAndColumn_WithADidYouMean()
    {
        var folder = Folder("""
            elements:
              - ref: chekout
                description: typo
            """);

        var result = ModelImport.ReadFile(folder);

        result.Model.Should().BeNull();
        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ImportDiagnosticCodes.UnknownReference);
        error.Span.File.Should().Be(Path.Combine(folder, "privacy.yaml"));
        (error.Span.Line, error.Span.Column).Should().Be((2, 10));
        error.Message.Should().Contain("Did you mean 'Checkout'?");
    }

    [Fact]
    public void ARefToAnUnknownSubject_IsAnError_NamingTheKnownSubjects()
    {
        var result = ModelImport.ReadFile(Folder("subjects:\n  - { ref: custmer, population: 10 }\n"));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ImportDiagnosticCodes.UnknownReference);
        error.Message.Should().Contain("customer").And.Contain("newsletter_subscriber");
    }

    [Fact]
    public void TwoEntriesForOneSystem_AreAnError_PointingAtTheSecond()
    {
        var result = ModelImport.ReadFile(Folder("""
            elements:
              - { ref: checkout, description: a }
              - { ref: Checkout, description: b }
            """));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ImportDiagnosticCodes.AmbiguousReference);
        error.Span.Line.Should().Be(3);
    }

    [Fact]
    public void AnUnknownSection_IsAShapeErrorAtItsKey()
    {
        var result = ModelImport.ReadFile(Folder("subjets:\n  - { ref: customer, population: 10 }\n"));

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ImportDiagnosticCodes.OverlayShape);
        (error.Span.Line, error.Span.Column).Should().Be((1, 1));
        error.Message.Should().Contain("subjects");
    }

    [Fact]
    public void AFieldTheDesignDoesNotKnow_IsReportedAtTheOverlaysLine()
    {
        var folder = Folder("""
            subjects:
              - ref: customer
                populaton: 10
            """);

        var result = ModelImport.ReadFile(folder);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Span.File.Should().Be(Path.Combine(folder, "privacy.yaml"));
        error.Span.Line.Should().Be(3);
    }

    [Fact]
    public void ASingleManifestFile_TakesTheOverlayBesideItByName()
    {
        var manifest = _folder.Write("shop.yml", Shop);
        _folder.Write("shop.privacy.yaml", "subjects:\n  - { ref: customer, population: 1234 }\n");

        var result = ModelImport.ReadFile(manifest);

        ModelOf(result).Subject("customer").Population.Should().Be(1234);
    }

    [Fact]
    public void AnOverlayNamedExplicitly_IsUsed_AndNotReadAsAManifestWhenItLiesInTheFolder()
    {
        _folder.Write("fides/systems.yml", Shop);
        var overlay = _folder.Write("fides/facts.yaml", "subjects:\n  - { ref: customer, population: 777 }\n");

        var result = ModelImport.ReadFile(Path.Combine(_folder.Path, "fides"), overlayPath: overlay);

        ModelOf(result).Subject("customer").Population.Should().Be(777);
        result.Diagnostics.Should().NotContain(d => d.Code == FidesDiagnosticCodes.Ignored);
    }

    [Fact]
    public void AnOverlayThatDoesNotExist_IsAnErrorNamingIt()
    {
        _folder.Write("fides/systems.yml", Shop);

        var result = ModelImport.ReadFile(Path.Combine(_folder.Path, "fides"), overlayPath: "nowhere.privacy.yaml");

        result.Model.Should().BeNull();
        result.Errors.Should().ContainSingle().Which.Message.Should().Contain("nowhere.privacy.yaml");
    }
}
