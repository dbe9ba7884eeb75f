namespace CustomerAgent.Conversations;

/// <summary>
/// Interns UTF-8 keys: each distinct key gets the next id (0, 1, …). Open addressing over one arena of key bytes, so a lookup
/// allocates nothing. About 24 bytes per key besides the key's bytes (a span and, at half load, two table slots). Not thread-safe.
/// </summary>
internal sealed class Utf8Interner
{
    private byte[] _arena = new byte[64];
    private int _arenaLength;

    /// <summary>Per id: its bytes' start in the arena (high 32 bits) and length (low 32 bits).</summary>
    private long[] _spans = new long[4];

    /// <summary>Open addressing; per slot the key's hash (high 32 bits) and its id + 1 (low 32 bits), 0 when empty: a probe compares hashes without leaving the table.</summary>
    private long[] _table = new long[8];

    private readonly Lock _stringsLock = new();
    private string?[] _strings = [];

    public int Count { get; private set; }

    public long Bytes => _arena.LongLength + ((long)_spans.Length * 8) + ((long)_table.Length * 8);

    public ReadOnlySpan<byte> Get(int id)
    {
        var span = _spans[id];
        // Stryker disable once Bitwise : a start in the arena is never negative, so >> and >>> agree
        return _arena.AsSpan((int)(span >> 32), (int)span);
    }

    /// <summary>The key as a string, decoded once and kept (so repeated reads allocate nothing); safe to call from several threads once nothing is interned any more.</summary>
    public string GetString(int id)
    {
        var strings = _strings;
        if (id < strings.Length && strings[id] is { } known)
        {
            return known;
        }

        lock (_stringsLock)
        {
            if (id >= _strings.Length)
            {
                // Stryker disable once Arithmetic,Linq : any length above id holds the string and Count is above id; only how often the cache grows changes
                var grown = new string?[Math.Max(Math.Max(_strings.Length * 2, id + 1), Count)];
                _strings.CopyTo(grown, 0);
                _strings = grown;
            }

            // Stryker disable once Assignment : a set slot is read on the lock-free path above, so only two threads decoding one id at once could tell = from ??=
            return _strings[id] ??= System.Text.Encoding.UTF8.GetString(Get(id));
        }
    }

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

        // Stryker disable Bitwise,Assignment : the final mix spreads keys over the slots; any mix, even a constant, finds the same ids (the collision tests give every key one hash)
        h ^= h >> 29;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 32;
        // Stryker restore Bitwise,Assignment
        return (int)h;
    }

    /// <summary>The id of <paramref name="key"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key) => Find(key, Hash(key));

    /// <summary>The id of <paramref name="key"/> whose hash the caller computed as for <see cref="Intern(ReadOnlySpan{byte}, int, out bool)"/>, or -1.</summary>
    public int Find(ReadOnlySpan<byte> key, int hash)
    {
        var mask = _table.Length - 1;
        for (var slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            var entry = _table[slot];
            if (entry == 0)
            {
                return -1;
            }

            var id = (int)(uint)entry - 1;
            // Stryker disable once Bitwise : (int) keeps the low 32 bits of the shift, the same for >> and >>>
            if ((int)(entry >> 32) == hash && Get(id).SequenceEqual(key))
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
            var entry = _table[slot];
            if (entry == 0)
            {
                break;
            }

            var found = (int)(uint)entry - 1;
            // Stryker disable once Bitwise : (int) keeps the low 32 bits of the shift, the same for >> and >>>
            if ((int)(entry >> 32) == hash && Get(found).SequenceEqual(key))
            {
                added = false;
                return found;
            }
        }

        var id = Count;
        if (id == _spans.Length)
        {
            Array.Resize(ref _spans, id * 2);
        }

        if (_arena.Length - _arenaLength < key.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arena.Length * 2, _arenaLength + key.Length));
        }

        key.CopyTo(_arena.AsSpan(_arenaLength));
        _spans[id] = ((long)_arenaLength << 32) | (uint)key.Length;
        _arenaLength += key.Length;
        _table[slot] = ((long)hash << 32) | (uint)(id + 1);
        Count = id + 1;
        if (Count * 2 > _table.Length)
        {
            Rehash();
        }

        added = true;
        return id;
    }

    private void Rehash()
    {
        var table = WrittenArrays.Zeroed<long>(_table.Length * 2);
        var mask = table.Length - 1;
        foreach (var entry in _table)
        {
            // Stryker disable once Statement : an empty entry written into an empty slot changes nothing
            if (entry == 0)
            {
                continue;
            }

            // Stryker disable once Bitwise : (int) keeps the low 32 bits of the shift, the same for >> and >>>
            var slot = (int)(entry >> 32) & mask;
            while (table[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            table[slot] = entry;
        }

        _table = table;
    }
}
