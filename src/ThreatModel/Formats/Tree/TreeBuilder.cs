using System.Globalization;
using ThreatModel.Model;
using ThreatModel.Validation;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Builds the node tree from a stream of parse events, the same way for YAML and JSON. It keeps its own stack
/// (no recursion, whatever the nesting), counts nodes with aliases expanded, and enforces the reader limits.
/// Duplicate keys and non-text keys are reported here; a limit breach stops the build.
/// Field names are kept inline in their mapping, so a large design leaves few objects behind for the garbage
/// collector to trace.
/// With a sink, the entries of the root lists are handed over one at a time and their nodes are reused for the next
/// entry (unless an anchor in the entry may still be aliased): reading a large design then allocates almost nothing
/// here beyond the values' strings.
/// </summary>
internal sealed class TreeBuilder
{
    private const int SmallMapping = 12;

    private readonly string _file;
    private readonly ReaderLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly List<Frame> _stack = [];
    private readonly IDesignSink? _sink;
    private readonly Stack<Frame> _freeFrames = new();

    // The nodes made for the entry of a streamed list being read, and the ones free for reuse.
    private readonly List<DesignNode> _entryNodes = [];
    private readonly Stack<ScalarNode> _freeScalars = new();
    private readonly Stack<MappingNode> _freeMappings = new();
    private readonly Stack<SequenceNode> _freeSequences = new();
    private bool _anchorInEntry;

    private Dictionary<string, DesignNode>? _anchors;
    private long _nodes;
    private bool _aliasUsed;

    /// <summary>A builder of the whole tree.</summary>
    public TreeBuilder(string file, ReaderLimits limits, DiagnosticBag diagnostics)
        : this(file, limits, diagnostics, null)
    {
    }

    /// <summary>
    /// A builder that hands each field of a root mapping to <paramref name="sink"/> as soon as it is complete, and the
    /// entries of the lists the sink asks for one by one, without keeping them in the tree: a large design then never
    /// exists as a whole tree, only one entry at a time (the garbage collector never has to move a big young tree).
    /// </summary>
    public TreeBuilder(string file, ReaderLimits limits, DiagnosticBag diagnostics, IDesignSink? sink)
    {
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
        _sink = sink;
    }

    /// <summary>The outermost node: a mapping from the moment it opens (so its fields can be told from deeper ones), any other node once complete.</summary>
    public DesignNode? Root { get; private set; }

    /// <summary>True once a limit stopped the build; the caller must stop feeding events.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The file name used in spans.</summary>
    public string File => _file;

    /// <summary>Opens a mapping.</summary>
    public void StartMapping(int line, int column, string? anchor)
    {
        var mapping = Reuse(_freeMappings, SourceSpan.At(_file, line, column), static span => new MappingNode(span));
        Open(mapping, anchor);
    }

    /// <summary>A container from the free list when inside a streamed entry (its nodes die with it), else a new one.</summary>
    private T Reuse<T>(Stack<T> free, SourceSpan span, Func<SourceSpan, T> create)
        where T : ContainerNode
    {
        if (InStreamedEntry && free.TryPop(out var node))
        {
            node.Reset(span);
            return node;
        }

        return create(span);
    }

    /// <summary>Opens a list.</summary>
    public void StartSequence(int line, int column, string? anchor)
    {
        var sequence = Reuse(_freeSequences, SourceSpan.At(_file, line, column), static span => new SequenceNode(span));

        if (Open(sequence, anchor) && anchor is null && _sink is not null && _stack.Count == 2
            && _stack[0] is { Node: MappingNode } root && root.PendingKey() is { } key && root.Node == Root)
        {
            // A list that is the value of a root field, taken in entry by entry. An anchored list is kept whole,
            // since an alias may repeat it.
            _stack[^1].Streamed = _sink.StreamList(key, sequence);
            sequence.Streamed = _stack[^1].Streamed;
        }
    }

    /// <summary>Closes the innermost mapping or list; the position is the character after its end.</summary>
    public void End(int endLine, int endColumn)
    {
        var frame = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        DesignNode node = frame.Node;
        node.Span = node.Span with { EndLine = endLine, EndColumn = endColumn };
        if (frame.Anchor is not null)
            Anchor(frame.Anchor, node);
        frame.Clear();
        _freeFrames.Push(frame);
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

        if (anchor is null && _stack.Count > 0 && _stack[^1] is { Node: MappingNode, HasKey: false } frame)
        {
            frame.Node.AddWeight(1);
            frame.SetKey(new FieldKey(value, span));
            return;
        }

        var node = NewScalar(value, quoted, span, invalid);
        if (anchor is not null)
            Anchor(anchor, node);
        Attach(node);
    }

    /// <summary>Reports a value longer than the scalar limit and adds an empty stand-in, so building goes on.</summary>
    public void OversizedScalar(long length, SourceSpan span)
    {
        LimitExceeded(
            $"A value of {length.ToString("N0", CultureInfo.InvariantCulture)} characters is longer than the limit of {_limits.MaxScalarLength.ToString("N0", CultureInfo.InvariantCulture)} characters. Shorten it, or raise the limit with --max-scalar-length.",
            span,
            stop: false);
        Attach(NewScalar(string.Empty, quoted: true, span, invalid: true));
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

        _aliasUsed = true;
        if (!Count(target.Weight, span))
            return;
        if (target is ScalarNode scalar)
        {
            // A copy at the alias's own position, so messages about the value point where it is used.
            Attach(NewScalar(scalar.Value, scalar.Quoted, span, scalar.Invalid));
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

    private bool Open(ContainerNode node, string? anchor)
    {
        if (!Count(1, node.Span))
            return false;
        if (_stack.Count >= _limits.MaxDepth)
        {
            LimitExceeded(
                $"The nesting is deeper than the limit of {_limits.MaxDepth} levels (a design needs about 6). Flatten the structure, or raise the limit with --max-depth.",
                node.Span);
            return false;
        }

        if (_stack.Count == 0 && node is MappingNode root && Root is null)
        {
            Root = node; // known from the start, so a sink can tell the root's fields from deeper ones
            _sink?.Design(root);
        }

        if (_freeFrames.TryPop(out var frame))
            frame.Reset(node, anchor);
        else
            frame = new Frame(node, anchor);
        _stack.Add(frame);
        if (InStreamedEntry && _stack.Count > 2)
            _entryNodes.Add(node);
        return true;
    }

    /// <summary>True while the entry of a streamed list is being read: the nodes made now can be reused once it is bound.</summary>
    private bool InStreamedEntry => _stack.Count >= 2 && _stack[1].Streamed;

    private ScalarNode NewScalar(string value, bool quoted, SourceSpan span, bool invalid)
    {
        if (!InStreamedEntry)
            return new ScalarNode(value, quoted, span) { Invalid = invalid };
        if (_freeScalars.TryPop(out var node))
            node.Reset(value, quoted, span, invalid);
        else
            node = new ScalarNode(value, quoted, span) { Invalid = invalid };
        _entryNodes.Add(node);
        return node;
    }

    private void Anchor(string name, DesignNode node)
    {
        (_anchors ??= new Dictionary<string, DesignNode>(StringComparer.Ordinal))[name] = node;
        _anchorInEntry = true;
    }

    /// <summary>
    /// Hands a complete entry of a streamed list to the sink, then frees the nodes made for it, unless an anchor was
    /// declared in it (an alias may still need them). Nothing else holds them: the sink only reads the entry.
    /// </summary>
    private void StreamEntry(DesignNode entry)
    {
        _sink!.ListEntry(entry);
        if (!_anchorInEntry)
        {
            foreach (var node in _entryNodes)
            {
                switch (node)
                {
                    case ScalarNode scalar:
                        _freeScalars.Push(scalar);
                        break;
                    case MappingNode mapping:
                        _freeMappings.Push(mapping);
                        break;
                    case SequenceNode sequence:
                        _freeSequences.Push(sequence);
                        break;
                }
            }
        }

        _entryNodes.Clear();
        _anchorInEntry = false;
    }

    private bool Count(long weight, SourceSpan span)
    {
        _nodes += weight;
        if (_nodes <= _limits.MaxNodes)
            return true;
        var limit = _limits.MaxNodes.ToString("N0", CultureInfo.InvariantCulture);
        // Only a file that uses aliases can be an alias bomb; a large JSON or alias-free YAML design is just large.
        LimitExceeded(
            _aliasUsed
                ? $"The file stands for more than {limit} values once YAML aliases are expanded (an alias bomb, or a very large design). Remove the aliases that repeat large parts, or raise the limit with --max-nodes."
                : $"The file holds more than {limit} values (fields, list entries and their values), the most a design may hold by default. Split the design, or raise the limit with --max-nodes.",
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
            if (frame.Streamed)
                StreamEntry(node);
            else
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

        if (frame.AddValue((MappingNode)frame.Node, node, _diagnostics) is { } key && _sink is not null && _stack.Count == 1 && frame.Node == Root)
            _sink.RootField(key, node);
    }

    private sealed class Frame(ContainerNode node, string? anchor)
    {
        private Dictionary<string, int>? _keys;
        private FieldKey _key;
        private bool _keyValid;

        public ContainerNode Node { get; private set; } = node;

        public string? Anchor { get; private set; } = anchor;

        /// <summary>Makes a closed frame (see <see cref="Clear"/>) the frame of another node.</summary>
        public void Reset(ContainerNode node, string? anchor)
        {
            Node = node;
            Anchor = anchor;
        }

        /// <summary>Drops what the frame held once its node closed, so a reused frame starts empty.</summary>
        public void Clear()
        {
            Node = null!;
            Anchor = null;
            _keys = null;
            _key = default;
            _keyValid = false;
            HasKey = false;
            Streamed = false;
        }

        /// <summary>True when a field name was read and its value is awaited.</summary>
        public bool HasKey { get; private set; }

        /// <summary>True for a list whose entries go to the sink instead of into the node.</summary>
        public bool Streamed { get; set; }

        /// <summary>The field name whose value is awaited, when it is a valid name that the mapping does not hold yet.</summary>
        public FieldKey? PendingKey() =>
            HasKey && _keyValid && Find((MappingNode)Node, _key.Value) < 0 ? _key : null;

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

        /// <summary>Adds the value of the awaited field; returns the field name, or null when the value was dropped (bad or repeated name).</summary>
        public FieldKey? AddValue(MappingNode mapping, DesignNode value, DiagnosticBag diagnostics)
        {
            HasKey = false;
            if (!_keyValid)
                return null;
            var key = _key;
            var existing = Find(mapping, key.Value);
            if (existing >= 0)
            {
                var first = mapping.Entries[existing].Key.Span;
                diagnostics.Error(
                    DiagnosticCodes.Duplicate,
                    $"The field '{ScalarNode.Shorten(key.Value)}' appears twice in one mapping (first at line {first.Line}, column {first.Column}); expected each field once. Remove one of them.",
                    key.Span);
                return null;
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

            return key;
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
