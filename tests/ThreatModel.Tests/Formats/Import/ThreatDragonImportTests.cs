using ThreatModel.Formats.Import;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>Threat Dragon v1 and v2 models read into a design: elements, flows, boundaries and the gaps the format leaves.</summary>
public sealed class ThreatDragonImportTests
{
    // A v2 model: a patient outside any boundary, a booking service inside the clinic's box, one flow over HTTPS.
    private const string ClinicV2 = """
        {
          "version": "2.2.0",
          "summary": { "title": "Clinic booking", "owner": "Clinic IT" },
          "detail": {
            "diagrams": [{
              "id": 0, "title": "Booking", "diagramType": "STRIDE",
              "cells": [
                { "id": "box-1", "shape": "trust-boundary-box", "position": { "x": 100, "y": 0 }, "size": { "width": 400, "height": 300 },
                  "data": { "type": "tm.BoundaryBox", "name": "Clinic", "isTrustBoundary": true } },
                { "id": "actor-1", "shape": "actor", "position": { "x": 0, "y": 100 }, "size": { "width": 60, "height": 40 },
                  "data": { "type": "tm.Actor", "name": "Patient", "description": "Books visits online" } },
                { "id": "proc-1", "shape": "process", "position": { "x": 200, "y": 100 }, "size": { "width": 80, "height": 80 },
                  "data": { "type": "tm.Process", "name": "Booking service" } },
                { "id": "flow-1", "shape": "flow", "source": { "cell": "actor-1" }, "target": { "cell": "proc-1" },
                  "data": { "type": "tm.Flow", "name": "Book visit", "protocol": "HTTPS", "isEncrypted": false } }
              ]
            }]
          }
        }
        """;

    private static ThreatModel.Formats.DesignReadResult Read(string json, string? overlay = null) =>
        ModelImport.Parse(json, "clinic.json", ImportFormat.ThreatDragon, overlay, "clinic.privacy.yaml");

    [Fact]
    public void V2Cells_BecomeElementsAndFlows_NamedAfterTheirNames()
    {
        var model = Read(ClinicV2).GetModelOrThrow();

        model.Name.Should().Be("Clinic booking");
        model.Elements.Select(e => (e.Id, e.Type)).Should().Equal(("patient", ElementType.Person), ("booking-service", ElementType.Process));
        var flow = model.Flows.Should().ContainSingle().Subject;
        (flow.Id, flow.From, flow.To).Should().Be(("book-visit", "patient", "booking-service"));
    }

    [Fact]
    public void EveryElementAndFlow_PointsAtItsCellInTheUsersFile()
    {
        var model = Read(ClinicV2).GetModelOrThrow();

        model.Elements.Single(e => e.Id == "patient").Span.Should().Match<SourceSpan>(s => s.File == "clinic.json" && s.Line == 10 && s.Column == 9);
        model.Elements.Single(e => e.Id == "booking-service").Span.Line.Should().Be(12);
        model.Flows[0].Span.Line.Should().Be(14);
    }

    [Fact]
    public void AProcessInsideABoundaryBox_BelongsToTheOrganizationOfTheBox()
    {
        var model = Read(ClinicV2).GetModelOrThrow();

        model.Elements.Single(e => e.Id == "booking-service").OrganizationId.Should().Be("clinic");
        model.Organizations.Should().Contain(o => o.Id == "clinic" && o.Name == "Clinic");
    }

    [Fact]
    public void AnEncryptingProtocol_IsReadAsEncryptionInTransit()
    {
        var model = Read(ClinicV2).GetModelOrThrow();

        model.Flows[0].Protections.EncryptedInTransit.Should().BeTrue();
    }

    [Fact]
    public void APlainProtocolWithoutTheEncryptedFlag_IsNotEncrypted()
    {
        var model = Read(ClinicV2.Replace("\"HTTPS\"", "\"HTTP\"", StringComparison.Ordinal)).GetModelOrThrow();

        model.Flows[0].Protections.EncryptedInTransit.Should().BeFalse();
    }

    [Fact]
    public void AFlowThatSaysNothingOfItsData_IsReportedAsAGapOfItsOwn_NotAsTheGenericWarning()
    {
        var result = Read(ClinicV2);

        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.NoItems && d.Span.Line == 14 && d.Message.Contains("book-visit"));
        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.NoPurpose && d.Span.Line == 14);
        result.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.Suspicious);
        result.Model!.Flows[0].Purpose.Should().Be("unspecified");
    }

    [Fact]
    public void AModelWithoutAnOverlay_IsToldThatItNamesNoPeople()
    {
        var result = Read(ClinicV2);

        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.NoSubjects && d.Message.Contains("clinic.privacy.yaml"));
    }

    [Fact]
    public void V1DiagramJson_IsRead_WithNamesFromTextAttributesAndFlowLabels()
    {
        const string v1 = """
            {
              "summary": { "title": "Legacy shop" },
              "detail": {
                "contributors": [],
                "diagrams": [{
                  "title": "Main", "id": 0, "diagramType": "STRIDE",
                  "diagramJson": { "cells": [
                    { "type": "tm.Actor", "id": "a", "size": { "width": 160, "height": 80 }, "position": { "x": 10, "y": 10 }, "attrs": { "text": { "text": "Shopper" } } },
                    { "type": "tm.Store", "id": "s", "size": { "width": 160, "height": 80 }, "position": { "x": 300, "y": 10 }, "attrs": { "text": { "text": "Orders" } } },
                    { "type": "tm.Flow", "id": "f", "source": { "id": "a" }, "target": { "id": "s" }, "isEncrypted": true,
                      "labels": [{ "position": 0.5, "attrs": { "text": { "text": "Place order", "font-weight": "400" } } }] }
                  ] }
                }]
              }
            }
            """;

        var model = ModelImport.Parse(v1, "legacy.json").GetModelOrThrow();

        model.Elements.Select(e => (e.Id, e.Type)).Should().Equal(("shopper", ElementType.Person), ("orders", ElementType.Store));
        model.Elements.Single(e => e.Id == "orders").OrganizationId.Should().Be("legacy-shop");
        var flow = model.Flows.Should().ContainSingle().Subject;
        (flow.Id, flow.Protections.EncryptedInTransit, flow.Span.Line).Should().Be(("place-order", true, 10));
    }

    [Fact]
    public void ABoundaryBoxNamedForACountry_IsAJurisdiction_OfTheOrganizationBoxInsideIt()
    {
        const string model = """
            {
              "summary": { "title": "Ads" },
              "detail": { "diagrams": [{ "cells": [
                { "id": "us", "shape": "trust-boundary-box", "position": { "x": 0, "y": 0 }, "size": { "width": 500, "height": 500 }, "data": { "type": "tm.BoundaryBox", "name": "US" } },
                { "id": "net", "shape": "trust-boundary-box", "position": { "x": 50, "y": 50 }, "size": { "width": 300, "height": 300 }, "data": { "type": "tm.BoundaryBox", "name": "Ad network" } },
                { "id": "t", "shape": "process", "position": { "x": 100, "y": 100 }, "size": { "width": 50, "height": 50 }, "data": { "type": "tm.Process", "name": "Tracker" } }
              ] }] }
            }
            """;

        var read = ModelImport.Parse(model, "ads.json").GetModelOrThrow();

        read.Jurisdictions.Should().ContainSingle(j => j.Id == "us");
        read.Organizations.Single(o => o.Id == "ad-network").JurisdictionId.Should().Be("us");
        read.Elements.Single().Should().Match<Element>(e => e.OrganizationId == "ad-network" && e.JurisdictionId == "us");
    }

    [Fact]
    public void ABoundaryLine_IsReported_BecauseItCannotSayWhatIsInside()
    {
        var model = ClinicV2.Replace(
            "\"cells\": [",
            "\"cells\": [\n{ \"id\": \"line\", \"shape\": \"trust-boundary-curve\", \"source\": { \"x\": 1, \"y\": 1 }, \"target\": { \"x\": 1, \"y\": 200 }, \"data\": { \"type\": \"tm.Boundary\", \"name\": \"DMZ\" } },",
            StringComparison.Ordinal);

        var result = Read(model);

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.OpenBoundary && d.Span.Line == 8 && d.Message.Contains("'DMZ'"));
        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void AFlowWithAnEndAttachedToNothing_IsLeftOut_WithAWarningAtThatEnd()
    {
        var result = Read(ClinicV2.Replace("{ \"cell\": \"proc-1\" }", "{ \"x\": 300, \"y\": 40 }", StringComparison.Ordinal));

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.Skipped && d.Message.Contains("'Book visit'") && d.Message.Contains("end"));
        result.Model!.Flows.Should().BeEmpty();
    }

    [Fact]
    public void ABidirectionalFlow_BecomesAFlowEachWay()
    {
        var model = Read(ClinicV2.Replace("\"isEncrypted\": false", "\"isBidirectional\": true", StringComparison.Ordinal)).GetModelOrThrow();

        model.Flows.Select(f => (f.Id, f.From, f.To)).Should().Equal(("book-visit", "patient", "booking-service"), ("book-visit-back", "booking-service", "patient"));
    }

    [Fact]
    public void AFileThatIsNotAThreatDragonModel_IsRefusedWhenThatFormatIsAskedFor()
    {
        var result = ModelImport.Parse("""{ "otmVersion": "0.2.0" }""", "m.json", ImportFormat.ThreatDragon);

        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.NotThatFormat && d.Span.Line == 1 && d.Message.Contains("not a Threat Dragon model"));
    }

    [Fact]
    public void MalformedJson_IsASyntaxErrorWithItsPosition_NotAnException()
    {
        var result = Read("{ \"summary\": { \"title\": \"x\" },\n  \"detail\": { \"diagrams\": [ } }");

        result.Succeeded.Should().BeFalse();
        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Syntax && d.Span.Line == 2);
    }

    [Fact]
    public void CellsOfTheWrongShape_AreSkippedOrIgnored_WithoutAnException()
    {
        const string hostile = """
            { "summary": { "title": 7 }, "detail": { "diagrams": [ 3, { "cells": [ null, "x", { "data": [] }, { "id": [], "shape": "process" } ] } ] } }
            """;

        var result = ModelImport.Parse(hostile, "hostile.json");

        result.Diagnostics.Should().Contain(d => d.Code == ImportDiagnosticCodes.Skipped);
        result.Diagnostics.Should().NotContain(d => d.Code == DiagnosticCodes.Syntax);
    }
}
