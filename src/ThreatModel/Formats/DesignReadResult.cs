using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats;

/// <summary>
/// What reading a design file gave: the model when the design has no errors, and every diagnostic found
/// (errors and warnings) in file order of discovery.
/// </summary>
public sealed class DesignReadResult
{
    internal DesignReadResult(SystemModel? model, IReadOnlyList<Diagnostic> diagnostics)
    {
        Model = model;
        Diagnostics = diagnostics;
    }

    /// <summary>The model; null whenever <see cref="Diagnostics"/> holds an error.</summary>
    public SystemModel? Model { get; }

    /// <summary>Every problem found: syntax, types, fields, references, limits; errors and warnings.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the design was read without errors (warnings allowed) and <see cref="Model"/> is set.</summary>
    public bool Succeeded => Model is not null;

    /// <summary>The errors among the diagnostics.</summary>
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The model, or an <see cref="InvalidDesignException"/> listing every diagnostic.</summary>
    /// <exception cref="InvalidDesignException">The design has errors.</exception>
    public SystemModel GetModelOrThrow() => Model ?? throw new InvalidDesignException(Diagnostics);
}
