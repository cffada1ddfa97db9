namespace ThreatModel.Graph;

/// <summary>
/// A map from 64-bit keys to non-negative integers for the search of one item at a time: open addressing, emptied for
/// the next item by changing the stamp instead of clearing, so the searches of thousands of items share one table.
/// </summary>
internal sealed class StampedTable
{
    private long[] _keys = new long[1024];
    private int[] _values = new int[1024];
    private int[] _stamps = new int[1024];
    private int _stamp;
    private int _count;

    /// <summary>The value under a key in the table of <paramref name="stamp"/>, or -1.</summary>
    public int Find(long key, int stamp)
    {
        if (stamp != _stamp)
            return -1;
        var mask = _keys.Length - 1;
        for (var slot = Hash(key) & mask; _stamps[slot] == stamp; slot = (slot + 1) & mask)
        {
            if (_keys[slot] == key)
                return _values[slot];
        }

        return -1;
    }

    /// <summary>Puts a key absent from the table of <paramref name="stamp"/>; a new stamp starts an empty table.</summary>
    public void Add(long key, int value, int stamp)
    {
        if (stamp != _stamp)
        {
            _stamp = stamp;
            _count = 0;
        }

        if ((_count + 1) * 2 > _keys.Length)
            Grow();
        Insert(key, value);
        _count++;
    }

    /// <summary>Puts a key unless present; true when it was absent.</summary>
    public bool TryAdd(long key, int value, int stamp)
    {
        if (Find(key, stamp) >= 0)
            return false;
        Add(key, value, stamp);
        return true;
    }

    private void Insert(long key, int value)
    {
        var mask = _keys.Length - 1;
        var slot = Hash(key) & mask;
        while (_stamps[slot] == _stamp)
            slot = (slot + 1) & mask;
        _stamps[slot] = _stamp;
        _keys[slot] = key;
        _values[slot] = value;
    }

    private void Grow()
    {
        var (keys, values, stamps) = (_keys, _values, _stamps);
        _keys = new long[keys.Length * 2];
        _values = new int[_keys.Length];
        _stamps = new int[_keys.Length];
        for (var slot = 0; slot < keys.Length; slot++)
        {
            if (stamps[slot] == _stamp)
                Insert(keys[slot], values[slot]);
        }
    }

    /// <summary>Two ints as one key.</summary>
    public static long Key(int high, int low) => ((long)high << 32) | (uint)low;

    private static int Hash(long key) => (int)((ulong)(key * unchecked((long)0x9E3779B97F4A7C15)) >> 33);
}
