using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace ThreatModel.Formats.Tree;

/// <summary>
/// Recently seen short ASCII strings keyed by their UTF-8 bytes, so the field names and the values a JSON design
/// repeats are turned into strings once: a hit costs a hash of a few bytes and one comparison, and allocates nothing.
/// Each string has one slot, chosen by its hash; a new string takes the slot over. Field names come back so often
/// that they stay, while the many values seen once (flow ids) pass through without growing the table, which stays
/// small enough (64 KiB) never to land on the large-object heap.
/// </summary>
internal sealed class Utf8StringCache
{
    private const int MaxLength = 48;
    private const int Slots = 4096;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The string the bytes spell, shared when it was seen recently.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
            return Encoding.UTF8.GetString(utf8);
        var hash = Hash(utf8);
        ref var entry = ref _entries[hash & (Slots - 1)];
        if (entry.Hash == hash && entry.Text is { } cached && cached.Length == utf8.Length && Ascii.Equals(utf8, cached))
            return cached;
        var text = Encoding.UTF8.GetString(utf8);
        if (Ascii.IsValid(utf8))
            entry = new Entry(hash, text);
        return text;
    }

    /// <summary>A multiply-and-rotate hash eight bytes at a time: for a dozen bytes, cheaper than anything more thorough, and spread well enough here.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        const ulong Prime = 0x9E3779B97F4A7C15;
        var hash = (ulong)utf8.Length * Prime;
        while (utf8.Length >= 8)
        {
            hash = BitOperations.RotateLeft((hash ^ BinaryPrimitives.ReadUInt64LittleEndian(utf8)) * Prime, 29);
            utf8 = utf8[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < utf8.Length; i++)
            tail |= (ulong)utf8[i] << (8 * i);
        hash = BitOperations.RotateLeft((hash ^ tail) * Prime, 29);
        return (int)(hash ^ (hash >> 32));
    }

    private readonly record struct Entry(int Hash, string? Text);
}
