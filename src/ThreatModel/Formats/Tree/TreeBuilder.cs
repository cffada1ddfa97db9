using System.Globalization;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Builds the node tree from a stream of parse events, the same way for YAML and JSON. It keeps its own stack
/// (no recursion, whatever the nesting), counts nodes with aliases expanded, and enforces the reader limits.
/// Duplicate keys and non-text keys are reported here; a limit breach stops the build.
/// </summary>
internal sealed class TreeBuilder
{
    private const int SmallMapping = 12;

    private readonly string _file;
    private readonly ReaderLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Frame> _stack = [];
    private Dictionary<string, DesignNode>? _anchors;
    private long _nodes;

    public TreeBuilder(string file, ReaderLimits limits, DiagnosticBag diagnostics)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
    }

    /// <summary>The finished root, once the outermost node closed.</summary>
    public DesignNode? Root { get; private set; }

    /// <summary>True once a limit stopped the build; the caller must stop feeding events.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The file name used in spans.</summary>
    public string File => _file;

    /// <summary>Opens a mapping.</summary>
    public void StartMapping(int line, int column, string? anchor) => Open(new MappingNode(SourceSpan.At(_file, line, column)), anchor);

    /// <summary>Opens a list.</summary>
    public void StartSequence(int line, int column, string? anchor) => Open(new SequenceNode(SourceSpan.At(_file, line, column)), anchor);

    /// <summary>Closes the innermost mapping or list; the position is the character after its end.</summary>
    public void End(int endLine, int endColumn)
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        var node = frame.Node;
        var span = node.Span;
        node.Span = span with { EndLine = endLine, EndColumn = endColumn };
        if (frame.Anchor is not null)
            (_anchors ??= new Dictionary<string, DesignNode>(StringComparer.Ordinal))[frame.Anchor] = node;
        Attach(node);
    }

    /// <summary>Adds a scalar.</summary>
    public void Scalar(ScalarNode node, string? anchor)
    {
        if (!Count(1, node.Span))
            return;
        if (node.Value.Length > _limits.MaxScalarLength)
        {
            OversizedScalar(node.Value.Length, node.Span);
            return;
        }

        if (anchor is not null)
            (_anchors ??= new Dictionary<string, DesignNode>(StringComparer.Ordinal))[anchor] = node;
        Attach(node);
    }

    /// <summary>Reports a value longer than the scalar limit and adds an empty stand-in, so building goes on.</summary>
    public void OversizedScalar(long length, SourceSpan span)
    {
        LimitExceeded(
            $"A value of {length.ToString("N0", CultureInfo.InvariantCulture)} characters is longer than the limit of {_limits.MaxScalarLength.ToString("N0", CultureInfo.InvariantCulture)} characters. Shorten it, or raise the limit with --max-scalar-length.",
            span,
            stop: false);
        Attach(new ScalarNode(string.Empty, quoted: true, span) { Invalid = true });
    }

    /// <summary>Adds a use of an anchored node; its expanded size counts against the node limit.</summary>
    public void Alias(string anchor, SourceSpan span)
    {
        if (_anchors is null || !_anchors.TryGetValue(anchor, out var target))
        {
            _diagnostics.Error(
                DiagnosticCodes.Syntax,
                $"The alias '*{anchor}' refers to no anchor '&{anchor}' declared before it. Declare '&{anchor}' on a value earlier in the file, or write the value out.",
                span);
            Stopped = true;
            return;
        }

        if (!Count(target.Weight, span))
            return;
        if (target is ScalarNode scalar)
        {
            // A copy at the alias's own position, so messages about the value point where it is used.
            Attach(new ScalarNode(scalar.Value, scalar.Quoted, span) { Invalid = scalar.Invalid });
            return;
        }

        Attach(target);
    }

    /// <summary>Reports a node type tag, which designs may not use, and marks the node.</summary>
    public void ForbiddenTag(string tag, SourceSpan span)
    {
        _diagnostics.Error(
            DiagnosticCodes.Forbidden,
            $"The type tag '{tag}' is not allowed: a design is data, and nothing in it is instantiated. Remove the tag (only !!str, !!int, !!float, !!bool, !!null, !!map and !!seq are accepted).",
            span);
    }

    /// <summary>Reports that a limit was exceeded; unless told otherwise the build stops.</summary>
    public void LimitExceeded(string message, SourceSpan span, bool stop = true)
    {
        _diagnostics.Error(DiagnosticCodes.LimitExceeded, message, span);
        if (stop)
            Stopped = true;
    }

    private void Open(DesignNode node, string? anchor)
    {
        if (!Count(1, node.Span))
            return;
        if (_stack.Count >= _limits.MaxDepth)
        {
            LimitExceeded(
                $"The nesting is deeper than the limit of {_limits.MaxDepth} levels (a design needs about 6). Flatten the structure, or raise the limit with --max-depth.",
                node.Span);
            return;
        }

        _stack.Add(new Frame(node, anchor));
    }

    private bool Count(long weight, SourceSpan span)
    {
        _nodes += weight;
        if (_nodes <= _limits.MaxNodes)
            return true;
        LimitExceeded(
            $"The file stands for more than {_limits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture)} values once YAML aliases are expanded (an alias bomb, or a very large design). Remove the aliases that repeat large parts, or raise the limit with --max-nodes.",
            span);
        return false;
    }

    private void Attach(DesignNode node)
    {
        if (_stack.Count == 0)
        {
            Root ??= node;
            return;
        }

        var frame = _stack[^1];
        frame.Node.Weight += node.Weight;
        if (frame.Node is SequenceNode sequence)
        {
            sequence.Items.Add(node);
            return;
        }

        var mapping = (MappingNode)frame.Node;
        if (!frame.HasKey)
        {
            frame.HasKey = true;
            frame.Key = node as ScalarNode;
            if (frame.Key is null)
            {
                _diagnostics.Error(
                    DiagnosticCodes.WrongType,
                    $"A field name must be plain text, but found {node.Describe()} used as a key. Write the field name as text.",
                    node.Span);
            }

            return;
        }

        var key = frame.Key;
        frame.HasKey = false;
        frame.Key = null;
        if (key is null)
            return;
        var first = frame.FindKey(mapping, key.Value);
        if (first is not null)
        {
            _diagnostics.Error(
                DiagnosticCodes.Duplicate,
                $"The field '{ScalarNode.Shorten(key.Value)}' appears twice in one mapping (first at line {first.Key.Span.Line}, column {first.Key.Span.Column}); expected each field once. Remove one of them.",
                key.Span);
            return;
        }

        var entry = new MappingEntry(key, node);
        mapping.Entries.Add(entry);
        frame.Remember(entry);
    }

    private sealed class Frame(DesignNode node, string? anchor)
    {
        private Dictionary<string, MappingEntry>? _keys;

        public DesignNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        public bool HasKey { get; set; }

        public ScalarNode? Key { get; set; }

        public MappingEntry? FindKey(MappingNode mapping, string key)
        {
            if (_keys is not null)
                return _keys.GetValueOrDefault(key);
            return mapping.Find(key);
        }

        public void Remember(MappingEntry entry)
        {
            if (_keys is not null)
            {
                _keys[entry.Key.Value] = entry;
                return;
            }

            var mapping = (MappingNode)Node;
            if (mapping.Entries.Count > SmallMapping)
            {
                _keys = new Dictionary<string, MappingEntry>(mapping.Entries.Count * 2, StringComparer.Ordinal);
                foreach (var e in mapping.Entries)
                    _keys[e.Key.Value] = e;
            }
        }
    }
}
