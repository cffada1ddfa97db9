using ThreatModel.Model;

namespace ThreatModel.Validation;

/// <summary>How serious a problem in a design is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The design can still be analysed, but something looks wrong.</summary>
    Warning,

    /// <summary>The design cannot be analysed until this is fixed.</summary>
    Error,
}

/// <summary>A problem found in a design: what, where, and what was expected.</summary>
/// <param name="Code">Stable code, e.g. TM1003.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="Message">What was found and what was expected, with a hint to fix it.</param>
/// <param name="Span">Where in the design file.</param>
public sealed record Diagnostic(string Code, DiagnosticSeverity Severity, string Message, SourceSpan Span)
{
    /// <summary><c>file:line:column: error TM1003: message</c>, the form compilers and CI annotate.</summary>
    public override string ToString()
    {
        var severity = Severity == DiagnosticSeverity.Error ? "error" : "warning";
        return Span.IsKnown ? $"{Span}: {severity} {Code}: {Message}" : $"{severity} {Code}: {Message}";
    }
}

/// <summary>A design that cannot be analysed; <see cref="Diagnostics"/> lists every problem found.</summary>
public sealed class InvalidDesignException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public InvalidDesignException(IReadOnlyList<Diagnostic> diagnostics)
        : base(FormatMessage(diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Every problem found, errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    private static string FormatMessage(IReadOnlyList<Diagnostic> diagnostics) =>
        "The design has errors:" + Environment.NewLine + string.Join(Environment.NewLine, diagnostics.Select(d => "  " + d));
}
