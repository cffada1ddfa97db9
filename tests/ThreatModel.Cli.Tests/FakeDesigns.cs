using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Cli.Tests;

/// <summary>
/// A stand-in for the design-file reader: the file's first word picks a design built with
/// <see cref="SystemModelBuilder"/>, so command tests do not depend on the reader.
/// </summary>
internal static class FakeDesigns
{
    public static (SystemModel? Model, IReadOnlyList<Diagnostic> Diagnostics) Read(string path, Formats.ReaderLimits limits)
    {
        var text = File.ReadAllText(path).Trim();
        if (new FileInfo(path).Length > limits.MaxFileSize)
            return (null, [new Diagnostic(DiagnosticCodes.LimitExceeded, DiagnosticSeverity.Error, $"The file is larger than {limits.MaxFileSize} bytes.", SourceSpan.At(path, 1, 1))]);
        return text switch
        {
            "scoring" => (Scoring(), []),
            "scoring-and-health" => (Scoring(withHealth: true), []),
            "clean" => (Scoring(perContext: true), []),
            "accepted" => (Scoring(accepted: true), []),
            "warning" => (Scoring(), [new Diagnostic(DiagnosticCodes.Suspicious, DiagnosticSeverity.Warning, "Flow 'f-x' carries no data items.", SourceSpan.At(path, 7, 3))]),
            "invalid" =>
            (null,
            [
                new Diagnostic(DiagnosticCodes.MissingField, DiagnosticSeverity.Error, "Flow 'f1' has no 'purpose'.", SourceSpan.At(path, 3, 5)),
                new Diagnostic(DiagnosticCodes.UndefinedReference, DiagnosticSeverity.Error, "Flow 'f1' goes to 'bnak'. Did you mean 'bank'?", SourceSpan.At(path, 4, 9)),
            ]),
            "crash" => throw new InvalidOperationException("reader blew up\nsecond line"),
            _ => (null, [new Diagnostic(DiagnosticCodes.Syntax, DiagnosticSeverity.Error, "Unknown test design.", SourceSpan.At(path, 1, 1))]),
        };
    }

    /// <summary>Records from a bank and a social network meet at a scoring bureau keyed by national ID: one high TM001 finding.</summary>
    public static SystemModel Scoring(bool perContext = false, bool accepted = false, bool withHealth = false)
    {
        var protections = perContext ? Protections.None with { Pseudonymization = new PseudonymizationSpec("id-broker", PerContext: true) } : null;
        var builder = new SystemModelBuilder("scoring")
            .Subject("citizens", 10_000_000)
            .Item("national-id", DataItemKind.DirectIdentifier, "citizens")
            .Item("loans", DataItemKind.Financial, "citizens")
            .Item("posts", DataItemKind.Behavioural, "citizens", context: "social")
            .Person("citizen", "citizens")
            .Process("bank", "bank-co")
            .Process("social-app", "social-co")
            .Element("scoring", ElementType.Process, "city", suppressions: accepted ? [new Suppression("TM001", "Scoring is required by city law", SourceSpan.None)] : null)
            .Flow("f-bank-in", "citizen", "bank", ["national-id", "loans"], "payment")
            .Flow("f-social-in", "citizen", "social-app", ["national-id", "posts"], "social-networking")
            .Flow("f-bank-score", "bank", "scoring", ["national-id", "loans"], "social-scoring", protections)
            .Flow("f-social-score", "social-app", "scoring", ["national-id", "posts"], "social-scoring", protections);
        if (withHealth)
        {
            builder
                .Item("diagnoses", DataItemKind.SpecialCategory, "citizens", context: "health", specialCategory: "health")
                .Process("clinic", "clinic-co")
                .Process("insurer", "insurer-co")
                .Flow("f-clinic-in", "citizen", "clinic", ["national-id", "diagnoses"], "health-care")
                .Flow("f-clinic-insurer", "clinic", "insurer", ["national-id", "diagnoses"], "insurance")
                .Flow("f-bank-insurer", "bank", "insurer", ["national-id", "loans"], "insurance");
        }

        return builder.Build();
    }
}
