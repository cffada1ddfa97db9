using System.Text;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Short ASCII strings keyed by their UTF-8 bytes, so each field name and each repeated value of a JSON design is
/// turned into a string once: a hit costs a hash of a few bytes and one comparison, and allocates nothing.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxLength = 48;
    private const int MaxCount = 200_000;

    private Entry[] _entries = new Entry[1024];
    private int _count;

    /// <summary>The string the bytes spell, shared when it was seen before.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
            return Encoding.UTF8.GetString(utf8);
        var hash = Hash(utf8);
        var mask = _entries.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            ref var entry = ref _entries[slot];
            if (entry.Text is null)
            {
                var text = Encoding.UTF8.GetString(utf8);
                if (_count < MaxCount && Ascii.IsValid(utf8))
                {
                    entry = new Entry(hash, text);
                    if (++_count * 2 > _entries.Length)
                        Grow();
                }

                return text;
            }

            if (entry.Hash == hash && entry.Text.Length == utf8.Length && Ascii.Equals(utf8, entry.Text))
                return entry.Text;
        }
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        var mask = _entries.Length - 1;
        foreach (var entry in old)
        {
            if (entry.Text is null)
                continue;
            var slot = entry.Hash & mask;
            while (_entries[slot].Text is not null)
                slot = (slot + 1) & mask;
            _entries[slot] = entry;
        }
    }

    /// <summary>FNV-1a: for a dozen bytes, cheaper than anything more thorough, and spread well enough here.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        var hash = 2166136261u;
        foreach (var b in utf8)
            hash = (hash ^ b) * 16777619u;
        return (int)(hash & 0x7FFFFFFF);
    }

    private readonly record struct Entry(int Hash, string Text);
}
