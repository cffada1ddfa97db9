using ThreatModel.Model;

namespace ThreatModel.Validation;

/// <summary>Collects diagnostics in the order they are found.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>Every diagnostic so far.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>How many diagnostics so far.</summary>
    public int Count => _items.Count;

    /// <summary>True once any error was added.</summary>
    public bool HasErrors { get; private set; }

    /// <summary>Adds an error.</summary>
    public void Error(string code, string message, SourceSpan span)
    {
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, span));
        HasErrors = true;
    }

    /// <summary>Adds a warning.</summary>
    public void Warning(string code, string message, SourceSpan span) =>
        _items.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, span));

    /// <summary>Forgets the diagnostics added after the first <paramref name="count"/>.</summary>
    public void Truncate(int count)
    {
        _items.RemoveRange(count, _items.Count - count);
        HasErrors = _items.Exists(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>Adds diagnostics found elsewhere.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            _items.Add(diagnostic);
            if (diagnostic.Severity == DiagnosticSeverity.Error)
                HasErrors = true;
        }
    }
}
