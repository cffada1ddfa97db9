using System.Globalization;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Builds the node tree from a stream of parse events, the same way for YAML and JSON. It keeps its own stack
/// (no recursion, whatever the nesting), counts nodes with aliases expanded, and enforces the reader limits.
/// Duplicate keys and non-text keys are reported here; a limit breach stops the build.
/// Field names are kept inline in their mapping and short texts are shared, so a large design leaves few
/// objects behind for the garbage collector to trace.
/// </summary>
internal sealed class TreeBuilder
{
    private const int SmallMapping = 12;
    private const int PooledLength = 48;
    private const int PoolCapacity = 200_000;

    private readonly string _file;
    private readonly ReaderLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Frame> _stack = [];
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
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

    /// <summary>Strings already seen, for readers that can look one up before allocating it.</summary>
    public Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Pool => _pool.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Opens a mapping.</summary>
    public void StartMapping(int line, int column, string? anchor) => Open(new MappingNode(SourceSpan.At(_file, line, column)), anchor);

    /// <summary>Opens a list.</summary>
    public void StartSequence(int line, int column, string? anchor) => Open(new SequenceNode(SourceSpan.At(_file, line, column)), anchor);

    /// <summary>Closes the innermost mapping or list; the position is the character after its end.</summary>
    public void End(int endLine, int endColumn)
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        DesignNode node = frame.Node;
        node.Span = node.Span with { EndLine = endLine, EndColumn = endColumn };
        if (frame.Anchor is not null)
            (_anchors ??= new Dictionary<string, DesignNode>(StringComparer.Ordinal))[frame.Anchor] = node;
        Attach(node);
    }

    /// <summary>Adds a scalar: a field name when a mapping waits for one, a value otherwise.</summary>
    public void Scalar(string value, bool quoted, SourceSpan span, string? anchor, bool invalid = false)
    {
        if (!Count(1, span))
            return;
        if (value.Length > _limits.MaxScalarLength)
        {
            OversizedScalar(value.Length, span);
            return;
        }

        value = Share(value);
        if (anchor is null && _stack.Count > 0 && _stack[^1] is { Node: MappingNode, HasKey: false } frame)
        {
            frame.Node.AddWeight(1);
            frame.SetKey(new FieldKey(value, span));
            return;
        }

        var node = new ScalarNode(value, quoted, span) { Invalid = invalid };
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

    /// <summary>Reports a node type tag, which designs may not use.</summary>
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

    /// <summary>The shared instance of a short text, so repeated ids and words are kept once.</summary>
    public string Share(string value)
    {
        if (value.Length > PooledLength)
            return value;
        if (_pool.TryGetValue(value, out var shared))
            return shared;
        if (_pool.Count < PoolCapacity)
            _pool.Add(value, value);
        return value;
    }

    private void Open(ContainerNode node, string? anchor)
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
        frame.Node.AddWeight(node.Weight);
        if (frame.Node is SequenceNode sequence)
        {
            sequence.Items.Add(node);
            return;
        }

        if (!frame.HasKey)
        {
            if (node is ScalarNode scalar)
            {
                frame.SetKey(new FieldKey(scalar.Value, scalar.Span));
                return;
            }

            _diagnostics.Error(
                DiagnosticCodes.WrongType,
                $"A field name must be plain text, but found {node.Describe()} used as a key. Write the field name as text.",
                node.Span);
            frame.SetBadKey();
            return;
        }

        frame.AddValue((MappingNode)frame.Node, node, _diagnostics);
    }

    private sealed class Frame(ContainerNode node, string? anchor)
    {
        private Dictionary<string, int>? _keys;
        private FieldKey _key;
        private bool _keyValid;

        public ContainerNode Node { get; } = node;

        public string? Anchor { get; } = anchor;

        /// <summary>True when a field name was read and its value is awaited.</summary>
        public bool HasKey { get; private set; }

        public void SetKey(FieldKey key)
        {
            _key = key;
            _keyValid = true;
            HasKey = true;
        }

        public void SetBadKey()
        {
            _keyValid = false;
            HasKey = true;
        }

        public void AddValue(MappingNode mapping, DesignNode value, DiagnosticBag diagnostics)
        {
            HasKey = false;
            if (!_keyValid)
                return;
            var key = _key;
            var existing = Find(mapping, key.Value);
            if (existing >= 0)
            {
                var first = mapping.Entries[existing].Key.Span;
                diagnostics.Error(
                    DiagnosticCodes.Duplicate,
                    $"The field '{ScalarNode.Shorten(key.Value)}' appears twice in one mapping (first at line {first.Line}, column {first.Column}); expected each field once. Remove one of them.",
                    key.Span);
                return;
            }

            mapping.Entries.Add(new MappingEntry(key, value));
            if (_keys is not null)
            {
                _keys[key.Value] = mapping.Entries.Count - 1;
            }
            else if (mapping.Entries.Count > SmallMapping)
            {
                _keys = new Dictionary<string, int>(mapping.Entries.Count * 2, StringComparer.Ordinal);
                for (var i = 0; i < mapping.Entries.Count; i++)
                    _keys[mapping.Entries[i].Key.Value] = i;
            }
        }

        private int Find(MappingNode mapping, string key)
        {
            if (_keys is not null)
                return _keys.TryGetValue(key, out var index) ? index : -1;
            var entries = mapping.Entries;
            for (var i = 0; i < entries.Count; i++)
            {
                // Keys are shared strings, so the same name is usually the same instance.
                var other = entries[i].Key.Value;
                if (ReferenceEquals(other, key) || string.Equals(other, key, StringComparison.Ordinal))
                    return i;
            }

            return -1;
        }
    }
}
