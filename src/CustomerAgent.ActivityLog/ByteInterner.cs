namespace CustomerAgent.ActivityLog;

/// <summary>
/// Interns UTF-8 keys: each distinct key gets the next id (0, 1, …). Open addressing over one arena of key bytes, so a lookup
/// allocates nothing. About 16 bytes per key besides the key's bytes. Not thread-safe.
/// </summary>
internal sealed class ByteInterner
{
    private byte[] _arena = new byte[1 << 12];
    private int _arenaLength;
    private int[] _starts = new int[64];
    private int[] _lengths = new int[64];
    private int[] _hashes = new int[64];
    private int[] _table = NewTable(128);

    public int Count { get; private set; }

    public long Bytes => _arena.LongLength + ((long)_starts.Length * 12) + ((long)_table.Length * 4);

    public ReadOnlySpan<byte> Get(int id) => _arena.AsSpan(_starts[id], _lengths[id]);

    public string GetString(int id) => System.Text.Encoding.UTF8.GetString(_arena, _starts[id], _lengths[id]);

    public static int Hash(ReadOnlySpan<byte> key)
    {
        // FNV-1a over 8 bytes at a time, then a final mix: fast for short IDs.
        ulong h = 14695981039346656037UL;
        while (key.Length >= 8)
        {
            h = (h ^ System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(key)) * 1099511628211UL;
            key = key[8..];
        }

        foreach (var b in key)
        {
            h = (h ^ b) * 1099511628211UL;
        }

        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        return (int)h;
    }

    /// <summary>The id of <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key)
    {
        var hash = Hash(key);
        var mask = _table.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var id = _table[slot];
            if (id < 0)
            {
                return -1;
            }

            if (_hashes[id] == hash && Get(id).SequenceEqual(key))
            {
                return id;
            }
        }
    }

    /// <summary>The id of <paramref name="key"/>, adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> key, out bool added) => Intern(key, Hash(key), out added);

    /// <summary>The id of <paramref name="key"/> whose hash the caller computed (every call on this interner must hash the same way), adding it when new.</summary>
    public int Intern(ReadOnlySpan<byte> key, int hash, out bool added)
    {
        var mask = _table.Length - 1;
        var slot = hash & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var found = _table[slot];
            if (found < 0)
            {
                break;
            }

            if (_hashes[found] == hash && Get(found).SequenceEqual(key))
            {
                added = false;
                return found;
            }
        }

        var id = Count;
        if (id == _starts.Length)
        {
            var size = id * 2;
            Array.Resize(ref _starts, size);
            Array.Resize(ref _lengths, size);
            Array.Resize(ref _hashes, size);
        }

        if (_arena.Length - _arenaLength < key.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + key.Length));
        }

        key.CopyTo(_arena.AsSpan(_arenaLength));
        _starts[id] = _arenaLength;
        _lengths[id] = key.Length;
        _hashes[id] = hash;
        _arenaLength += key.Length;
        _table[slot] = id;
        Count = id + 1;
        if (Count * 2 > _table.Length)
        {
            Rehash();
        }

        added = true;
        return id;
    }

    private static int[] NewTable(int size)
    {
        var table = new int[size];
        Array.Fill(table, -1);
        return table;
    }

    private void Rehash()
    {
        var table = NewTable(_table.Length * 2);
        var mask = table.Length - 1;
        for (var id = 0; id < Count; id++)
        {
            var slot = _hashes[id] & mask;
            while (table[slot] >= 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = id;
        }

        _table = table;
    }
}
