using ThreatModel.Formats;
using ThreatModel.Formats.Import;
using ThreatModel.Validation;

namespace ThreatModel.Tests.Formats.Import;

/// <summary>The entry point: which reader a file goes to, and where its overlay is found.</summary>
public sealed class ModelImportTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("threatmodel-import-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private const string Dragon = """
        { "summary": { "title": "Tiny" }, "detail": { "diagrams": [ { "cells": [
          { "id": "p", "shape": "process", "data": { "type": "tm.Process", "name": "App" } },
          { "id": "s", "shape": "store", "data": { "type": "tm.Store", "name": "Db" } },
          { "id": "f", "shape": "flow", "source": { "cell": "p" }, "target": { "cell": "s" }, "data": { "type": "tm.Flow", "name": "Save" } } ] } ] } }
        """;

    private const string Design = """
        name: Tiny
        subjects: [{ id: s, population: 10 }]
        items: [{ id: i, kind: other, subject: s }]
        elements: [{ id: a, type: process, organization: o }]
        flows: []
        """;

    [Theory]
    [InlineData(Dragon, ImportFormat.ThreatDragon)]
    [InlineData("otmVersion: 0.2.0\nproject: { name: x, id: x }\n", ImportFormat.Otm)]
    [InlineData("""{ "project": { "name": "x" }, "otmVersion": "0.1.0" }""", ImportFormat.Otm)]
    [InlineData(Design, ImportFormat.Design)]
    [InlineData("""{ "name": "A design", "description": "mentions detail and diagrams", "elements": [] }""", ImportFormat.Design)]
    public void Detect_TellsTheFormatFromTheContent(string text, ImportFormat expected) =>
        ModelImport.Detect(text).Should().Be(expected);

    [Fact]
    public void ReadFile_ReadsAThreatDragonFile_AndTheOverlayBesideIt()
    {
        var model = Write("tiny.json", Dragon);
        Write("tiny.privacy.yaml", "subjects: [{ id: u, population: 100 }]\nitems: [{ id: mail, kind: direct-identifier, subject: u }]\nflows: [{ ref: Save, items: [mail], purpose: account }]\n");

        var result = ModelImport.ReadFile(model);

        result.GetModelOrThrow().Flows.Single().Items.Should().Equal("mail");
        result.GetModelOrThrow().SourceFile.Should().Be(model);
    }

    [Fact]
    public void ReadFile_TakesTheOverlayItIsGiven_OverTheOneBesideTheModel()
    {
        var model = Write("tiny.json", Dragon);
        Write("tiny.privacy.yaml", "flows: [{ ref: Nope }]\n");
        var other = Write("other.yaml", "flows: [{ ref: Save, purpose: account }]\n");

        var result = ModelImport.ReadFile(model, overlayPath: other);

        result.GetModelOrThrow().Flows.Single().Purpose.Should().Be("account");
    }

    [Fact]
    public void ReadFile_OfADesign_IsTheDesignReadersResult()
    {
        var path = Write("d.yaml", Design);

        var result = ModelImport.ReadFile(path);

        result.Diagnostics.Select(d => d.ToString()).Should().Equal(DesignReader.ReadFile(path).Diagnostics.Select(d => d.ToString()));
        result.Model!.Name.Should().Be("Tiny");
    }

    [Fact]
    public void ReadFile_OfAMissingOverlay_IsAnErrorNamingIt()
    {
        var model = Write("tiny.json", Dragon);

        var result = ModelImport.ReadFile(model, ImportFormat.ThreatDragon, Path.Combine(_folder, "gone.yaml"));

        result.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.UnreadableFile && d.Message.Contains("gone.yaml"));
    }

    [Fact]
    public void ReadFile_WithAnOverlayForADesign_IsRefused()
    {
        var path = Write("d.yaml", Design);
        var overlay = Write("o.yaml", "subjects: []\n");

        var result = ModelImport.ReadFile(path, overlayPath: overlay);

        result.Diagnostics.Should().ContainSingle(d => d.Code == ImportDiagnosticCodes.OverlayShape && d.Message.Contains("ThreatModel design"));
    }

    [Fact]
    public void ReadFile_AskedForFides_SaysItIsNotAvailable_ExactlyWhenTheFidesReaderIsNot()
    {
        var result = ModelImport.ReadFile(Write("f.yaml", "system: []\n"), ImportFormat.Fides);

        var saysNotAvailable = result.Diagnostics.Any(d => d.Code == ImportDiagnosticCodes.NotThatFormat && d.Message.Contains("not available"));
        saysNotAvailable.Should().Be(!ModelImport.IsAvailable(ImportFormat.Fides));
    }

    [Fact]
    public void ReadFile_OfAFileOverTheSizeLimit_IsALimitError()
    {
        var model = Write("tiny.json", Dragon);

        var result = ModelImport.ReadFile(model, ImportFormat.ThreatDragon, null, ReaderLimits.Default with { MaxFileSize = 64 });

        result.Diagnostics.Should().ContainSingle(d => d.Code == DiagnosticCodes.LimitExceeded);
    }

    [Fact]
    public void DeeplyNestedImportedJson_StopsAtTheDepthLimit()
    {
        var deep = "{ \"summary\": {}, \"detail\": { \"diagrams\": " + new string('[', 200) + new string(']', 200) + " } }";

        var result = ModelImport.Parse(deep, "deep.json", ImportFormat.ThreatDragon);

        result.Diagnostics.Should().Contain(d => d.Code == DiagnosticCodes.LimitExceeded);
    }
}
