using ThreatModel.Findings;

namespace ThreatModel.Reporting;

/// <summary>
/// What a writer looks up for every finding, built once per report: the rule by id, design-file paths made relative
/// (a handful of files, thousands of findings) and the notes about a fingerprint. It holds nothing per finding, and one
/// reusable buffer for the values a writer composes.
/// </summary>
internal sealed class ReportLookups
{
    private readonly Dictionary<string, RuleMetadata> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _relativePaths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ReportNote>> _notes = new(StringComparer.Ordinal);

    public ReportLookups(IReadOnlyList<RuleMetadata> rules, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(options);
        SourceRoot = options.SourceRoot;
        foreach (var rule in rules)
            _rules.TryAdd(rule.Id, rule); // the first rule with an id wins, as a search of the list would find
        foreach (var note in options.Notes)
        {
            if (note.Fingerprint is null)
                continue;
            if (!_notes.TryGetValue(note.Fingerprint, out var list))
                _notes.Add(note.Fingerprint, list = []);
            list.Add(note);
        }
    }

    public string? SourceRoot { get; }

    /// <summary>A buffer for composing one value at a time (an estimate, a message), reused across findings.</summary>
    public ScratchText Scratch { get; } = new();

    /// <summary>True when some note names a finding; only then do writers need fingerprints to place notes.</summary>
    public bool HasFindingNotes => _notes.Count > 0;

    public RuleMetadata? Rule(string id) => _rules.GetValueOrDefault(id);

    /// <summary><see cref="ReportText.RelativePath"/> of a design file, computed once per file.</summary>
    public string RelativePath(string file)
    {
        if (!_relativePaths.TryGetValue(file, out var path))
            _relativePaths.Add(file, path = ReportText.RelativePath(file, SourceRoot));
        return path;
    }

    /// <summary>The notes about the finding with this fingerprint, in the order given.</summary>
    public IReadOnlyList<ReportNote> NotesFor(string fingerprint) =>
        _notes.TryGetValue(fingerprint, out var notes) ? notes : [];
}
