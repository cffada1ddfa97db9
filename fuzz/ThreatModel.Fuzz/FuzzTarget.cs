using System.Text;
using ThreatModel.Analysis;
using ThreatModel.Findings;
using ThreatModel.Formats;
using ThreatModel.Formats.Import;

namespace ThreatModel.Fuzz;

/// <summary>
/// What one fuzz input runs: the bytes as a YAML design and as a JSON design through <see cref="DesignReader.Parse"/>,
/// and, when a design reads without errors, the whole analysis. The reader promises never to throw on bad input and the
/// analysis never to throw on a valid model, so any exception escaping here is a bug the fuzzer reports as a crash.
/// The same bytes are also read as a Threat Dragon model, as an OTM model, and as a privacy overlay over a small
/// Threat Dragon model (<see cref="ModelImport.Parse"/>).
/// </summary>
internal static class FuzzTarget
{
    /// <summary>Small limits keep each run fast; they are part of what is tested (the limit diagnostics).</summary>
    private static readonly ReaderLimits Limits = ReaderLimits.Default with { MaxFileSize = 1 << 20, MaxNodes = 100_000, MaxCollectionSize = 10_000 };

    private static readonly Analyzer Analyzer = Analyzer.CreateDefault();

    // A small Threat Dragon v2 model the fuzz input is laid over as an overlay.
    private const string Dragon = """
        { "summary": { "title": "Fuzz" }, "detail": { "diagrams": [ { "cells": [
          { "id": "a", "shape": "actor", "data": { "type": "tm.Actor", "name": "User" } },
          { "id": "p", "shape": "process", "data": { "type": "tm.Process", "name": "App" } },
          { "id": "f", "shape": "flow", "source": { "cell": "a" }, "target": { "cell": "p" }, "data": { "type": "tm.Flow", "name": "Send" } } ] } ] } }
        """;

    public static void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        foreach (var imported in new[]
        {
            ModelImport.Parse(text, "fuzz.json", ImportFormat.ThreatDragon, limits: Limits),
            ModelImport.Parse(text, "fuzz.otm.yaml", ImportFormat.Otm, limits: Limits),
            ModelImport.Parse(Dragon, "fuzz.json", ImportFormat.ThreatDragon, text, "fuzz.privacy.yaml", Limits),
        })
        {
            if (imported.Model is { } model)
                _ = Analyzer.Analyze(model).Findings.Count;
        }

        foreach (var format in (ReadOnlySpan<DesignFormat>)[DesignFormat.Yaml, DesignFormat.Json])
        {
            var result = DesignReader.Parse(text, format == DesignFormat.Yaml ? "fuzz.yaml" : "fuzz.json", format, Limits);
            if (result.Model is { } model)
                _ = Analyzer.Analyze(model).Findings.Count;
        }
    }
}
