using ThreatModel.Formats.Import;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>The privacy overlay: facts added to an imported model by ref, and errors that point into the overlay.</summary>
public sealed class PrivacyOverlayTests
{
    // A Threat Dragon v2 model: a customer sends an order to a shop's web server over HTTPS.
    private const string Shop = """
        {
          "summary": { "title": "Shop" },
          "detail": { "diagrams": [{ "cells": [
            { "id": "9f1c", "shape": "actor", "position": { "x": 0, "y": 0 }, "size": { "width": 10, "height": 10 }, "data": { "type": "tm.Actor", "name": "Customer" } },
            { "id": "7a2b", "shape": "process", "position": { "x": 100, "y": 0 }, "size": { "width": 10, "height": 10 }, "data": { "type": "tm.Process", "name": "Web server" } },
            { "id": "5d3e", "shape": "flow", "source": { "cell": "9f1c" }, "target": { "cell": "7a2b" }, "data": { "type": "tm.Flow", "name": "Order", "protocol": "HTTPS" } }
          ] }] }
        }
        """;

    private const string People = """
        subjects:
          - { id: buyers, population: 50000 }
        items:
          - { id: email, kind: direct-identifier, subject: buyers }
        """;

    private static ThreatModel.Formats.DesignReadResult Read(string overlay) =>
        ModelImport.Parse(Shop, "shop.json", ImportFormat.ThreatDragon, overlay, "shop.privacy.yaml");

    [Fact]
    public void OverlayFacts_ReachTheFlowNamedByItsName_AndKeepWhatTheDiagramSaid()
    {
        var model = Read(People + """

            flows:
              - ref: Order
                items: [email]
                purpose: payment
                protections: { legalBasis: contract }
            """).GetModelOrThrow();

        var flow = model.Flows.Single();
        (flow.Items.Single(), flow.Purpose, flow.Protections.LegalBasis, flow.Protections.EncryptedInTransit).Should().Be(("email", "payment", "contract", true));
        model.Subjects.Single().Population.Should().Be(50000);
    }

    [Fact]
    public void ARefMayBeTheImportedId_TheSourceFilesId_OrTheName()
    {
        foreach (var reference in new[] { "web-server", "7a2b", "web server" })
        {
            var model = Read($"elements:\n  - {{ ref: '{reference}', description: Checked }}\n").GetModelOrThrow();

            model.Elements.Single(e => e.Id == "web-server").Description.Should().Be("Checked", reference);
        }
    }

    [Fact]
    public void AMisspeltRef_IsAnErrorAtItsLineInTheOverlay_WithADidYouMean()
    {
        var result = Read("elements:\n  - ref: web-sever\n    description: x\n");

        result.Succeeded.Should().BeFalse();
        var error = result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.UnknownReference).Subject;
        (error.Span.File, error.Span.Line, error.Span.Column).Should().Be(("shop.privacy.yaml", 2, 10));
        error.Message.Should().Contain("Did you mean 'web-server'?");
        error.ToString().Should().StartWith("shop.privacy.yaml:2:10: error TM1101:");
    }

    [Fact]
    public void AnUnknownFieldInAnOverlayEntry_IsTheDesignReadersErrorAtTheOverlaysLine()
    {
        var result = Read("flows:\n  - ref: Order\n    purpse: payment\n");

        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.UnknownField && d.Span.File == "shop.privacy.yaml" && d.Span.Line == 3 && d.Message.Contains("Did you mean 'purpose'?"));
    }

    [Fact]
    public void ASubjectEntryWithRef_OnADiagramThatNamesNoPeople_IsAnErrorSayingSo()
    {
        var result = Read("subjects:\n  - { ref: buyers, population: 50000 }\n");

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Code.Should().Be(ImportDiagnosticCodes.UnknownReference);
        (error.Span.File, error.Span.Line).Should().Be(("shop.privacy.yaml", 2));
        error.Message.Should().Contain("has no subjects");
    }

    [Fact]
    public void AnUnknownSection_IsAnOverlayError_WithADidYouMean()
    {
        var result = Read("subjetcs:\n  - { id: buyers, population: 5 }\n");

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.OverlayShape && d.Span.Line == 1 && d.Message.Contains("Did you mean 'subjects'?"));
    }

    [Fact]
    public void TwoEntriesForOneElement_AreAnError_PointingAtTheSecond()
    {
        var result = Read("elements:\n  - { ref: Customer, subject: buyers }\n  - { ref: customer, description: again }\n" + People);

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.AmbiguousReference && d.Span.Line == 3 && d.Message.Contains("line 2"));
    }

    [Fact]
    public void ANameSharedByTwoElements_MustBeNamedById()
    {
        var twoServers = Shop.Replace("\"name\": \"Customer\"", "\"name\": \"Web server\"", StringComparison.Ordinal);

        var result = ModelImport.Parse(twoServers, "shop.json", ImportFormat.ThreatDragon, "elements:\n  - { ref: Web server, description: x }\n", "shop.privacy.yaml");

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.AmbiguousReference && d.Message.Contains("web-server, web-server-2"));
    }

    [Fact]
    public void AnActorTheOverlayMakesAnOutsideParty_GetsTheModelsOrganization_UnlessItNamesOne()
    {
        var model = Read("elements:\n  - { ref: Customer, type: external }\n").GetModelOrThrow();

        model.Elements.Single(e => e.Id == "customer").Should().Match<Element>(e => e.Type == ElementType.ExternalParty && e.OrganizationId == "shop");
    }

    [Fact]
    public void AProcessTheOverlayMakesAPerson_LosesTheImportedOrganization()
    {
        var model = Read("elements:\n  - { ref: Web server, type: person }\n").GetModelOrThrow();

        model.Elements.Single(e => e.Id == "web-server").OrganizationId.Should().BeNull();
    }

    [Fact]
    public void EntriesWithoutRef_AddNewElementsAndFlows()
    {
        var model = Read(People + """

            elements:
              - { id: broker, type: external, organization: data-broker }
            flows:
              - { id: resale, from: web-server, to: broker, items: [email], purpose: advertising }
            """).GetModelOrThrow();

        model.Flows.Single(f => f.Id == "resale").Span.File.Should().Be("shop.privacy.yaml");
        model.Elements.Should().Contain(e => e.Id == "broker");
    }

    [Fact]
    public void AnOverlayThatIsNotAMapping_IsAnOverlayError()
    {
        var result = Read("- just\n- a list\n");

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.OverlayShape && d.Span.File == "shop.privacy.yaml");
        result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public void AnOverlayWithABrokenLine_IsASyntaxErrorInTheOverlay()
    {
        var result = Read("flows:\n  - ref: Order\n    items: [email\n");

        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.Syntax && d.Span.File == "shop.privacy.yaml");
    }

    [Fact]
    public void OverlaidFlowsWithItemsAndPurposes_LeaveNoGapWarnings()
    {
        var result = Read(People + "\nflows:\n  - { ref: Order, items: [email], purpose: payment }\n");

        result.Diagnostics.Should().NotContain(d => d.Code == ImportDiagnosticCodes.NoItems || d.Code == ImportDiagnosticCodes.NoPurpose || d.Code == ImportDiagnosticCodes.NoSubjects);
    }
}
