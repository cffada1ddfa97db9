using System.Text;
using System.Text.Json;
using ThreatModel.Model;

namespace ThreatModel.Formats.Patching;

/// <summary>
/// Finds the small text changes that turn a design file into the edited design: it compares the canonical JSON of the
/// design as written with that of the edited design (<see cref="DesignWriter.ToJson"/>), part by part (root lists by
/// id, mappings by field), and for each field that changed replaces its value, adds the field to its mapping, or
/// appends to its list, in the style of the place it edits. Everything else in the text is left as it is.
/// </summary>
internal sealed class TextPatchBuilder
{
    private readonly string _text;
    private readonly bool _json;
    private readonly TextMapping _root;
    private readonly SystemModel _edited;
    private readonly List<TextChange> _changes = [];
    private readonly string _newline;
    private readonly ValueText _values;
    private readonly Dictionary<string, int> _flowVotes = new(StringComparer.Ordinal);
    private readonly string _jsonColon;

    private static readonly JsonElement False = Element("false");

    // What is being compared, for messages: the part ("flow 'f1'") and the field path inside it.
    private string _part = "the design";
    private string _partId = string.Empty;

    public TextPatchBuilder(string text, DesignFormat format, TextMapping root, SystemModel edited)
    {
        _text = text;
        _json = format == DesignFormat.Json;
        _root = root;
        _edited = edited;
        _newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var (step, sequenceIndent, spaceAfterColon) = Survey(root);
        _values = new ValueText(_newline, step, sequenceIndent, spaceAfterColon);
        _jsonColon = spaceAfterColon ? ": " : ":";
    }

    /// <summary>The id of the part (flow, element, ...) being patched when the last change was made or refused.</summary>
    public string? Target => _partId.Length > 0 ? _partId : null;

    /// <summary>Finds the changes that turn the design <paramref name="before"/> into <paramref name="after"/> (both canonical JSON).</summary>
    /// <exception cref="PatchException">A change cannot be placed in the text.</exception>
    public void Compare(JsonElement before, JsonElement after) => Mapping(_root, before, after, inFlow: _json, path: string.Empty);

    /// <summary>The text with every change made.</summary>
    /// <exception cref="PatchException">Two changes overlap.</exception>
    public string Apply()
    {
        // Lines added at the same place go deepest first: an entry appended to a nested list or mapping must come
        // before a field added to the mapping that holds it.
        var ordered = _changes.Select((change, order) => (change, order))
            .OrderBy(c => c.change.Start).ThenByDescending(c => c.change.Depth).ThenBy(c => c.order).Select(c => c.change).ToList();
        var text = new StringBuilder(_text.Length + ordered.Sum(c => c.Text.Length));
        var at = 0;
        foreach (var change in ordered)
        {
            if (change.Start < at)
                throw new PatchException($"two changes overlap near {change.Part}", change.Part);
            text.Append(_text, at, change.Start - at).Append(change.Text);
            at = change.End;
        }

        return text.Append(_text, at, _text.Length - at).ToString();
    }

    private void Mapping(TextMapping node, JsonElement before, JsonElement after, bool inFlow, string path)
    {
        var flow = inFlow || node.Flow;
        if (node.Entries.Count == 0)
        {
            // An empty mapping ({}) is written anew with all its fields.
            ReplaceNode(node, after, flow, null, path);
            return;
        }

        foreach (var field in after.EnumerateObject())
        {
            var had = before.TryGetProperty(field.Name, out var old);
            if (had && JsonElement.DeepEquals(old, field.Value))
                continue;
            var entry = node.Find(field.Name);
            if (entry is null)
                Add(node, field.Name, field.Value, inFlow, Join(path, field.Name));
            else
                Value(entry, had ? old : null, field.Value, flow, Join(path, field.Name));
        }

        foreach (var field in before.EnumerateObject())
        {
            if (after.TryGetProperty(field.Name, out _) || node.Find(field.Name) is not { } entry)
                continue;
            // A flag turned off stays in the text, as false, where a reader sees it changed; other fields are removed.
            if (field.Value.ValueKind == JsonValueKind.True && entry.Value is TextScalar)
                Replace(entry, False, flow, Join(path, field.Name));
            else
                Remove(node, entry, Join(path, field.Name));
        }
    }

    private void Value(TextEntry entry, JsonElement? before, JsonElement after, bool inFlow, string path)
    {
        var node = entry.Value;
        if (node.Anchor is not null)
            throw Refuse(path, "the value is anchored (&) and may be repeated elsewhere by an alias");
        switch (node)
        {
            case TextMapping mapping when before is { ValueKind: JsonValueKind.Object } old && after.ValueKind == JsonValueKind.Object:
                Mapping(mapping, old, after, inFlow, path);
                return;
            case TextSequence sequence when before is { ValueKind: JsonValueKind.Array } old && after.ValueKind == JsonValueKind.Array:
                List(sequence, old, after, inFlow, path);
                return;
            default:
                Replace(entry, after, inFlow, path);
                return;
        }
    }

    /// <summary>
    /// A list: root lists are matched entry by entry by id; a list that only grew gets the new entries inserted where
    /// they stand (appended after the last entry, or before the entry they precede: a suppress list keeps the order of
    /// the flow's items); any other change replaces it.
    /// </summary>
    private void List(TextSequence node, JsonElement before, JsonElement after, bool inFlow, string path)
    {
        if (path.Length > 0 && !path.Contains('.', StringComparison.Ordinal) && HasIds(before) && HasIds(after))
        {
            Parts(node, before, after, path);
            return;
        }

        var old = before.EnumerateArray().ToList();
        var now = after.EnumerateArray().ToList();
        var grew = now.Count > old.Count && node.Items.Count == old.Count && old.Select((e, i) => JsonElement.DeepEquals(e, now[i])).All(same => same);
        if (grew)
        {
            Append(node, now.Skip(old.Count).ToList(), inFlow || node.Flow, path);
            return;
        }

        if (Insertions(old, now) is { } inserted && node.Items.Count == old.Count && node.Items.Count > 0 && node.Anchor is null)
        {
            for (var k = 0; k < old.Count; k++)
            {
                if (inserted[k].Count > 0)
                    InsertBefore(node, k, inserted[k], inFlow || node.Flow, path);
            }

            if (inserted[old.Count].Count > 0)
                Append(node, inserted[old.Count], inFlow || node.Flow, path);
            return;
        }

        ReplaceNode(node, after, inFlow || node.Flow, null, path);
    }

    /// <summary>
    /// When <paramref name="now"/> is <paramref name="old"/> with entries inserted (old is a subsequence of now, matched
    /// from the start): for each old entry the new entries that come right before it, and last the new entries after
    /// them all; null when entries were removed or reordered.
    /// </summary>
    private static List<JsonElement>[]? Insertions(List<JsonElement> old, List<JsonElement> now)
    {
        if (now.Count <= old.Count)
            return null;
        var before = new List<JsonElement>[old.Count + 1];
        for (var k = 0; k < before.Length; k++)
            before[k] = [];
        var j = 0;
        foreach (var entry in now)
        {
            if (j < old.Count && JsonElement.DeepEquals(entry, old[j]))
                j++;
            else
                before[j].Add(entry);
        }

        return j == old.Count ? before : null;
    }

    /// <summary>Inserts entries before the list's entry at <paramref name="index"/>, in the list's style.</summary>
    private void InsertBefore(TextSequence node, int index, List<JsonElement> values, bool inFlow, string path)
    {
        var next = node.Items[index];
        if (next is TextScalar { Empty: true })
            throw Refuse(path, "the list has an empty entry");
        if (node.Flow || inFlow)
        {
            if (!node.Flow)
                throw Refuse(path, "the list is in a flow context but not a flow list");
            var spread = index > 0 ? !SameLine(node.Items[index - 1].End, next.Start) : !SameLine(node.Start, next.Start);
            var indent = spread ? IndentAt(next.Start) : null;
            var text = new StringBuilder();
            foreach (var value in values)
                text.Append(_json ? _values.Json(value, indent) : _values.YamlFlow(value)).Append(spread ? "," + _newline + indent : ", ");
            Change(next.Start, next.Start, text.ToString(), path);
            return;
        }

        var (dash, dashIndent, itemIndent) = BlockEntry(next, path);
        var lineStart = LineStart(dash);
        if (!_text.AsSpan(lineStart, dash - lineStart).IsWhiteSpace())
            throw Refuse(path, "the entry shares its line with other text");
        var flowItems = next is TextContainer { Flow: true };
        var block = new StringBuilder();
        foreach (var value in values)
            block.Append(dashIndent).Append("- ").Append(_values.YamlBlockItem(value, itemIndent, flowItems)).Append(_newline);
        Change(lineStart, lineStart, block.ToString(), path, (2 * dashIndent.Length) + 1);
    }

    /// <summary>A root list (flows, elements, ...): each changed entry is patched where it is written; new ones are appended.</summary>
    private void Parts(TextSequence node, JsonElement before, JsonElement after, string list)
    {
        var old = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var entry in before.EnumerateArray())
            old.TryAdd(entry.GetProperty("id").GetString()!, entry);
        var written = new Dictionary<string, TextMapping>(StringComparer.Ordinal);
        foreach (var item in node.Items)
        {
            if (item is TextMapping { Id: { } id } mapping)
                written.TryAdd(id, mapping);
        }

        var added = new List<JsonElement>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in after.EnumerateArray())
        {
            var id = entry.GetProperty("id").GetString()!;
            ids.Add(id);
            var had = old.TryGetValue(id, out var was);
            if (had && JsonElement.DeepEquals(was, entry))
                continue;
            _part = $"{Singular(list)} '{id}'";
            _partId = id;
            if (!written.TryGetValue(id, out var mapping))
            {
                added.Add(entry);
                continue;
            }

            if (mapping.Anchor is not null)
                throw Refuse(string.Empty, "it is anchored (&) and may be repeated elsewhere by an alias");
            if (!had)
                throw Refuse(string.Empty, "the design as read does not have it");
            Mapping(mapping, was, entry, node.Flow || _json, string.Empty);
            if (list == "elements")
                Jurisdiction(mapping, was, entry, id);
        }

        foreach (var (id, _) in old)
        {
            if (!ids.Contains(id) && written.ContainsKey(id))
            {
                _part = $"{Singular(list)} '{id}'";
                _partId = id;
                throw Refuse(string.Empty, "the edited design no longer has it, and entries are not removed from the text");
            }
        }

        if (added.Count > 0)
        {
            _part = $"{Singular(list)} '{added[0].GetProperty("id").GetString()}'";
            _partId = added[0].GetProperty("id").GetString()!;
            Append(node, added, node.Flow || _json, list);
        }
    }

    /// <summary>
    /// An element written with a jurisdiction equal to its organization's keeps it as written (the canonical form leaves
    /// it out); when the element moves to another organization, that jurisdiction is set to the element's new one.
    /// </summary>
    private void Jurisdiction(TextMapping mapping, JsonElement before, JsonElement after, string id)
    {
        if (before.TryGetProperty("jurisdiction", out _) || after.TryGetProperty("jurisdiction", out _) || mapping.Find("jurisdiction") is not { } entry)
            return;
        var from = before.TryGetProperty("organization", out var o) ? o.GetString() : null;
        var to = after.TryGetProperty("organization", out var n) ? n.GetString() : null;
        if (string.Equals(from, to, StringComparison.Ordinal))
            return;
        if (!_edited.TryGetElement(id, out var element) || element.JurisdictionId is not { } jurisdiction)
        {
            Remove(mapping, entry, "jurisdiction");
            return;
        }

        Replace(entry, Element(ValueText.JsonString(jurisdiction)), mapping.Flow || _json, "jurisdiction");
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static bool HasIds(JsonElement list) =>
        list.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String);

    private static string Singular(string list) => list switch
    {
        "jurisdictions" => "jurisdiction",
        "organizations" => "organization",
        "subjects" => "subject",
        "items" => "item",
        "elements" => "element",
        "flows" => "flow",
        "purposes" => "purpose",
        _ => list,
    };

    /// <summary>Adds a field to a mapping, after its last field, in the mapping's style.</summary>
    private void Add(TextMapping node, string key, JsonElement value, bool inFlow, string path)
    {
        if (node.Anchor is not null)
            throw Refuse(path, "its mapping is anchored (&) and may be repeated elsewhere by an alias");
        if (node.Entries.Count == 0)
        {
            if (!node.Flow)
                throw Refuse(path, "its mapping is empty");
            using var single = JsonDocument.Parse("{" + ValueText.JsonString(key) + ":" + value.GetRawText() + "}");
            Change(node.Start, node.End, _json ? _values.Json(single.RootElement, null) : _values.YamlFlow(single.RootElement), path);
            return;
        }

        var last = node.Entries[^1];
        var lastEnd = EntryEnd(last);
        if (_json)
        {
            var spread = !SameLine(node.Start, last.Key.Start);
            var indent = spread ? IndentAt(last.Key.Start) : null;
            var text = (spread ? "," + _newline + indent : ", ") + ValueText.JsonString(key) + _jsonColon + _values.Json(value, indent);
            Change(lastEnd, lastEnd, text, path);
            return;
        }

        if (node.Flow || inFlow)
        {
            if (!node.Flow)
                throw Refuse(path, "its mapping is in a flow context but not a flow mapping");
            var spread = !SameLine(node.Start, last.Key.Start);
            var text = (spread ? "," + _newline + IndentAt(last.Key.Start) : ", ") + ValueText.YamlScalar(key) + ": " + _values.YamlFlow(value);
            Change(lastEnd, lastEnd, text, path);
            return;
        }

        var keyIndent = IndentAt(node.Entries[0].Key.Start);
        var at = LineEnd(lastEnd);
        var flowStyle = PrefersFlow(node, key);
        Change(at, at, _newline + keyIndent + ValueText.YamlScalar(key) + ":" + _values.YamlBlockValue(value, keyIndent, flowStyle), path, 2 * keyIndent.Length);
    }

    /// <summary>Appends entries to a list, after its last entry, in the list's style (a new root entry is written like the last one).</summary>
    private void Append(TextSequence node, List<JsonElement> values, bool inFlow, string path)
    {
        if (node.Anchor is not null)
            throw Refuse(path, "the list is anchored (&) and may be repeated elsewhere by an alias");
        if (node.Items.Count == 0)
        {
            if (!node.Flow)
                throw Refuse(path, "the list is empty");
            var all = "[" + string.Join(",", values.Select(v => v.GetRawText())) + "]";
            using var list = JsonDocument.Parse(all);
            Change(node.Start, node.End, _json ? _values.Json(list.RootElement, null) : _values.YamlFlow(list.RootElement), path);
            return;
        }

        var last = node.Items[^1];
        if (last is TextScalar { Empty: true })
            throw Refuse(path, "the list's last entry is empty");
        if (node.Flow || inFlow)
        {
            if (!node.Flow)
                throw Refuse(path, "the list is in a flow context but not a flow list");
            var spread = !SameLine(node.Start, last.Start);
            var indent = spread ? IndentAt(last.Start) : null;
            var text = new StringBuilder();
            foreach (var value in values)
            {
                text.Append(spread ? "," + _newline + indent : ", ");
                text.Append(_json ? _values.Json(value, indent) : _values.YamlFlow(value));
            }

            Change(last.End, last.End, text.ToString(), path);
            return;
        }

        var (_, dashIndent, itemIndent) = BlockEntry(last, path);
        var flowItems = last is TextContainer { Flow: true };
        var block = new StringBuilder();
        foreach (var value in values)
            block.Append(_newline).Append(dashIndent).Append("- ").Append(_values.YamlBlockItem(value, itemIndent, flowItems));
        var at = LineEnd(last.End);
        Change(at, at, block.ToString(), path, (2 * dashIndent.Length) + 1);
    }

    /// <summary>
    /// Where a block list's entry is written: the offset of its <c>- </c>, the indentation of that dash, and the
    /// indentation of the entry's own lines (the column of its text after the dash).
    /// </summary>
    private (int Dash, string DashIndent, string ItemIndent) BlockEntry(TextNode entry, string path)
    {
        var dash = entry.Start - 1;
        while (dash >= 0 && _text[dash] is ' ' or '\t' or '\r' or '\n')
            dash--;
        if (dash < 0 || _text[dash] != '-')
            throw Refuse(path, "the list's entries are not written after '- '");
        var dashIndent = IndentAt(dash);
        return (dash, dashIndent, dashIndent + new string(' ', entry.Start > dash && SameLine(dash, entry.Start) ? entry.Start - dash : 2));
    }

    /// <summary>Replaces the value of a field with another (in flow style, so it fits on the line of its field name).</summary>
    private void Replace(TextEntry entry, JsonElement value, bool inFlow, string path) => ReplaceNode(entry.Value, value, inFlow, entry.Key, path);

    private void ReplaceNode(TextNode node, JsonElement value, bool inFlow, TextScalar? key, string path)
    {
        if (node.Anchor is not null)
            throw Refuse(path, "the value is anchored (&) and may be repeated elsewhere by an alias");
        var text = _json ? _values.Json(value, IsSpread(node) ? LineIndent(node.Start) : null) : _values.YamlFlow(value);
        if (node is TextScalar { Empty: true })
        {
            if (key is null)
                throw Refuse(path, "the value is empty");
            var colon = key.End;
            while (colon < _text.Length && _text[colon] is ' ' or '\t')
                colon++;
            if (colon >= _text.Length || _text[colon] != ':')
                throw Refuse(path, "no ':' follows the field name");
            Change(colon + 1, colon + 1, " " + text, path);
            return;
        }

        Change(node.Start, node.End, text, path);
    }

    /// <summary>Removes a field from a mapping: its lines in block style, the field and one comma in flow style.</summary>
    private void Remove(TextMapping node, TextEntry entry, string path)
    {
        var index = node.Entries.IndexOf(entry);
        if (node.Entries.Count == 1)
            throw Refuse(path, "it is the only field of its mapping");
        if (node.Flow || _json)
        {
            if (index < node.Entries.Count - 1)
                Change(entry.Key.Start, node.Entries[index + 1].Key.Start, string.Empty, path);
            else
                Change(EntryEnd(node.Entries[index - 1]), EntryEnd(entry), string.Empty, path);
            return;
        }

        var lineStart = LineStart(entry.Key.Start);
        if (!_text.AsSpan(lineStart, entry.Key.Start - lineStart).IsWhiteSpace())
            throw Refuse(path, "the field shares its line with the text before it");
        var end = LineEnd(EntryEnd(entry));
        if (end < _text.Length && _text[end] == '\r')
            end++;
        if (end < _text.Length && _text[end] == '\n')
            end++;
        Change(lineStart, end, string.Empty, path);
    }

    private int EntryEnd(TextEntry entry) => entry.Value is TextScalar { Empty: true } ? entry.Key.End : entry.Value.End;

    /// <summary>Whether a new mapping under <paramref name="key"/> is written in flow style: as most mappings of that name in the file are, else as the mapping's other mapping values are.</summary>
    private bool PrefersFlow(TextMapping node, string key)
    {
        if (_flowVotes.TryGetValue(key, out var votes) && votes != 0)
            return votes > 0;
        var siblings = node.Entries.Select(e => e.Value).OfType<TextMapping>().ToList();
        return siblings.Count > 0 && siblings.All(m => m.Flow);
    }

    private bool IsSpread(TextNode node) => node is TextContainer { Flow: true } container && !SameLine(container.Start, container.Close);

    private void Change(int start, int end, string text, string path, int depth = 0) => _changes.Add(new TextChange(start, end, text, Describe(path), depth));

    private PatchException Refuse(string path, string why) => new($"the change to {Describe(path)} could not be placed in the text: {why}", Target);

    private string Describe(string path) => path.Length == 0 ? _part : $"{_part} ({path})";

    private static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    private int LineStart(int at) => at <= 0 ? 0 : _text.LastIndexOf('\n', at - 1) + 1;

    /// <summary>Where a line's text ends: before its line break (and a carriage return before it), after any comment.</summary>
    private int LineEnd(int at)
    {
        var end = _text.IndexOf('\n', Math.Min(at, _text.Length));
        if (end < 0)
            return _text.Length;
        return end > 0 && _text[end - 1] == '\r' ? end - 1 : end;
    }

    /// <summary>True when no line break stands between the two offsets (<paramref name="from"/> first).</summary>
    private bool SameLine(int from, int to) => to <= from || _text.AsSpan(from, Math.Min(to, _text.Length) - from).IndexOf('\n') < 0;

    /// <summary>The indentation of a line whose text starts at <paramref name="at"/>: its leading white space, or (after <c>- </c> or a bracket) as many spaces as the column.</summary>
    private string IndentAt(int at)
    {
        var start = LineStart(at);
        var prefix = _text.AsSpan(start, at - start);
        return prefix.IsWhiteSpace() ? prefix.ToString() : new string(' ', at - start);
    }

    /// <summary>The leading white space of the line that holds <paramref name="at"/>.</summary>
    private string LineIndent(int at)
    {
        var start = LineStart(at);
        var end = start;
        while (end < at && _text[end] is ' ' or '\t')
            end++;
        return _text[start..end];
    }

    /// <summary>How the file indents: one nesting step, a list's dashes under its field name, and JSON's space after a colon.</summary>
    private (string Step, string SequenceIndent, bool SpaceAfterColon) Survey(TextMapping root)
    {
        string? step = null, sequence = null;
        bool? space = null;
        var pending = new Stack<TextNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case TextMapping mapping:
                    foreach (var (key, value) in mapping.Entries)
                    {
                        pending.Push(value);
                        if (value is TextMapping { Flow: var flow })
                            _flowVotes[key.Value] = _flowVotes.GetValueOrDefault(key.Value) + (flow ? 1 : -1);
                        if (space is null && _json)
                            space = key.End < _text.Length - 1 && _text[key.End] == ':' && _text[key.End + 1] == ' ';
                        if (step is null && value is TextMapping { Entries.Count: > 0 } nested && (!nested.Flow || _json) && !SameLine(key.Start, nested.Entries[0].Key.Start))
                        {
                            var outer = IndentAt(key.Start);
                            var inner = IndentAt(nested.Entries[0].Key.Start);
                            if (inner.Length > outer.Length && inner.StartsWith(outer, StringComparison.Ordinal))
                                step = inner[outer.Length..];
                        }

                        if (sequence is null && !_json && value is TextSequence { Flow: false, Items.Count: > 0 } list)
                        {
                            var dash = list.Items[0].Start - 1;
                            while (dash > 0 && _text[dash] is ' ')
                                dash--;
                            if (_text[dash] == '-')
                                sequence = new string(' ', Math.Max(0, (dash - LineStart(dash)) - (key.Start - LineStart(key.Start))));
                        }
                    }

                    break;
                case TextSequence list:
                    foreach (var item in list.Items)
                        pending.Push(item);
                    break;
            }
        }

        return (step ?? "  ", sequence ?? "  ", space ?? true);
    }

    /// <summary>A replacement of the text from <paramref name="Start"/> to <paramref name="End"/>; <paramref name="Depth"/> orders block lines added at the same place.</summary>
    private sealed record TextChange(int Start, int End, string Text, string Part, int Depth);
}

/// <summary>A change to the design that cannot be placed in its text.</summary>
internal sealed class PatchException(string message, string? target) : Exception(message)
{
    /// <summary>The id of the flow, element or other part whose change could not be placed, or null.</summary>
    public string? Target { get; } = target;
}
