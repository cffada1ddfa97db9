using ThreatModel.Formats.Import;
using ThreatModel.Model;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>Open Threat Model files (0.1 and 0.2, YAML and JSON) read into a design.</summary>
public sealed class OtmImportTests
{
    // A mobile app with a cloud back end, in OTM 0.2 YAML.
    private const string FitnessApp = """
        otmVersion: 0.2.0
        project:
          name: Fitness tracker
          id: fitness
        trustZones:
          - id: internet
            name: Internet
            risk: { trustRating: 1 }
          - id: cloud
            name: Fitness Inc cloud
            risk: { trustRating: 80 }
          - id: eu
            name: EU region
            risk: { trustRating: 80 }
        components:
          - id: runner
            name: Runner
            type: mobile-app-user
            parent: { trustZone: internet }
          - id: app
            name: Tracker app
            type: android-device-client
            parent: { trustZone: internet }
          - id: api
            name: Activity API
            type: web-service
            parent: { trustZone: cloud }
          - id: db
            name: Activity store
            type: rds
            parent: { component: api }
          - id: ads
            name: Ad partner
            type: third-party-service
        assets:
          - id: route
            name: Running routes
            risk: { confidentiality: 80, integrity: 50, availability: 20 }
          - id: heart
            name: Heart rate
            risk: { confidentiality: 90, integrity: 50, availability: 20 }
        dataflows:
          - id: df-1
            name: Upload run
            source: app
            destination: api
            assets: [route, heart]
            tags: [HTTPS]
          - id: df-2
            name: Save run
            source: api
            destination: db
            assets: [route]
          - id: df-3
            name: Share audience
            source: api
            destination: ads
            assets: [route]
        """;

    private static ThreatModel.Formats.DesignReadResult Read(string otm, string? overlay = null) =>
        ModelImport.Parse(otm, "fitness.otm.yaml", null, overlay, "fitness.otm.privacy.yaml");

    [Fact]
    public void ComponentTypesAndNames_GiveTheElementType()
    {
        var model = Read(FitnessApp).GetModelOrThrow();

        model.Elements.Select(e => (e.Id, e.Type)).Should().Equal(
            ("runner", ElementType.Person),
            ("tracker-app", ElementType.Process),
            ("activity-api", ElementType.Process),
            ("activity-store", ElementType.Store),
            ("ad-partner", ElementType.ExternalParty));
    }

    [Fact]
    public void TrustZones_GiveOrganizations_AndAComponentInAComponentSitsInItsParentsZone()
    {
        var model = Read(FitnessApp).GetModelOrThrow();

        model.Elements.Single(e => e.Id == "activity-store").OrganizationId.Should().Be("fitness-inc-cloud");
        model.Elements.Single(e => e.Id == "tracker-app").OrganizationId.Should().Be("fitness-tracker", "the Internet zone is no organization: the app is the model's own");
        model.Elements.Single(e => e.Id == "ad-partner").OrganizationId.Should().Be("ad-partner", "a third party outside every zone is its own organization");
        model.Jurisdictions.Should().Contain(j => j.Id == "eu-region");
    }

    [Fact]
    public void DataflowsKeepTheirLines_AndEncryptingTagsBecomeEncryptionInTransit()
    {
        var model = Read(FitnessApp).GetModelOrThrow();

        var upload = model.Flows.Single(f => f.Id == "upload-run");
        (upload.From, upload.To, upload.Span.Line, upload.Protections.EncryptedInTransit).Should().Be(("tracker-app", "activity-api", 43, true));
        model.Flows.Single(f => f.Id == "save-run").Protections.EncryptedInTransit.Should().BeFalse();
    }

    [Fact]
    public void AssetsTheOverlayDescribes_AreTheItemsOfTheirFlows_AndTheOthersAreReported()
    {
        const string overlay = """
            subjects:
              - { id: runners, population: 200000 }
            items:
              - { id: route, kind: location, subject: runners, precision: 5 }
            """;

        var result = Read(FitnessApp, overlay);

        result.GetModelOrThrow().Flows.Single(f => f.Id == "upload-run").Items.Should().Equal("route");
        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.UndescribedAsset)
            .Which.Should().Match<ThreatModel.Validation.Diagnostic>(d => d.Message.Contains("'heart'") && d.Span.Line == 47 && d.Span.File == "fitness.otm.yaml");
    }

    [Fact]
    public void AComponentWhoseTypeSaysNothing_IsReadAsAProcess_WithAWarning()
    {
        var result = Read(FitnessApp.Replace("type: web-service", "type: thing", StringComparison.Ordinal).Replace("name: Activity API", "name: Zorg", StringComparison.Ordinal));

        result.GetModelOrThrow().Elements.Single(e => e.Id == "zorg").Type.Should().Be(ElementType.Process);
        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.GuessedType && d.Message.Contains("'Zorg'") && d.Span.Line == 26);
    }

    [Fact]
    public void OtmJson_IsFoundFromItsContent_AndReadTheSameWay()
    {
        const string json = """
            {
              "otmVersion": "0.1.0",
              "project": { "name": "Tiny", "id": "tiny" },
              "trustZones": [ { "id": "z", "name": "Tiny Co", "risk": { "trustRating": 50 } } ],
              "components": [
                { "id": "c1", "name": "Web server", "type": "web-service", "parent": { "trustZone": "z" } },
                { "id": "c2", "name": "Users database", "type": "database", "parent": { "trustZone": "z" } }
              ],
              "dataflows": [ { "id": "d1", "name": "Query", "source": "c1", "destination": "c2" } ]
            }
            """;

        ModelImport.Detect(json).Should().Be(ImportFormat.Otm);
        var model = ModelImport.Parse(json, "tiny.json").GetModelOrThrow();

        model.Elements.Should().HaveCount(2).And.OnlyContain(e => e.OrganizationId == "tiny-co");
        model.Flows.Single().Span.Line.Should().Be(9);
    }

    [Fact]
    public void ADataflowToAnUnknownComponent_IsLeftOut_WithADidYouMean()
    {
        var result = Read(FitnessApp.Replace("destination: db", "destination: dbb", StringComparison.Ordinal));

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.Skipped && d.Message.Contains("'dbb'") && d.Message.Contains("Did you mean 'db'?"));
        result.Model!.Flows.Should().NotContain(f => f.Id == "save-run");
    }

    [Fact]
    public void ThreatsNamedOnAComponent_AreKeptInItsDescription()
    {
        var otm = FitnessApp.Replace(
            "    parent: { trustZone: cloud }",
            "    parent: { trustZone: cloud }\n    threats: [{ threat: t1, state: exposed }]",
            StringComparison.Ordinal) + "\nthreats:\n  - { id: t1, name: Broken access control, risk: { likelihood: 50, impact: 80 } }\n";

        var model = Read(otm).GetModelOrThrow();

        model.Elements.Single(e => e.Id == "activity-api").Description.Should().Be("Threats (OTM): Broken access control (exposed)");
    }

    [Fact]
    public void FieldsOfTheWrongType_AreSkippedWithWarnings_NotAnException()
    {
        const string hostile = """
            otmVersion: [0, 2]
            project: just a string
            trustZones: { not: a list }
            components:
              - 42
              - { id: [x], name: listed }
              - { id: c, name: { deep: map }, type: 7, parent: { trustZone: [z] } }
              - { id: c, name: twin, type: web-service }
            dataflows:
              - { id: d, source: c, destination: [c] }
              - { id: e, source: c, destination: c, assets: { a: 1 }, tags: 5, bidirectional: maybe }
            """;

        var result = ModelImport.Parse(hostile, "hostile.otm.yaml", ImportFormat.Otm);

        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.Skipped && d.Span.Line == 6);
        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.Skipped && d.Message.Contains("'twin'"));
        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.Skipped && d.Span.Line == 10);
        result.Model!.Flows.Should().ContainSingle(f => f.Id == "e");
    }
}
