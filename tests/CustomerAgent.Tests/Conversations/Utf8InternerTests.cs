using System.Text;
using CustomerAgent.Conversations;

namespace CustomerAgent.Tests.Conversations;

/// <summary>
/// The interner behind every conversation, account and product ID the reader keeps (R11's one ID per key): each distinct key
/// gets the next id, the same key always the same id, and the bytes and string read back are the key's. The oracle is a plain
/// dictionary of strings built beside it.
/// </summary>
public sealed class Utf8InternerTests
{
    /// <summary>Keys of every length from 0 to 300 bytes (the arena starts at 64 and must grow past doubling for a long key), some non-ASCII.</summary>
    private static string[] Keys(int count) =>
        [.. Enumerable.Range(0, count).Select(i => i % 7 == 0 ? $"é{i}-{new string('x', i % 300)}" : $"c{i}")];

    [Fact]
    public void Each_distinct_key_gets_the_next_id_and_the_same_key_its_id_again()
    {
        var interner = new Utf8Interner();
        var keys = Keys(5_000);
        var oracle = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var id = interner.Intern(Encoding.UTF8.GetBytes(key), out var added);
            Assert.True(added, key);
            Assert.Equal(oracle.Count, id);
            oracle.Add(key, id);
            Assert.Equal(oracle.Count, interner.Count);
        }

        foreach (var (key, id) in oracle)
        {
            var bytes = Encoding.UTF8.GetBytes(key);
            Assert.Equal(id, interner.Intern(bytes, out var added));
            Assert.False(added, key);
            Assert.Equal(id, interner.Find(bytes));
            Assert.Equal(bytes, interner.Get(id).ToArray());
            Assert.Equal(key, interner.GetString(id));
        }

        Assert.Equal(keys.Length, interner.Count);
        Assert.Equal(-1, interner.Find("absent"u8));
        Assert.Equal(-1, interner.Find("c5000"u8));
    }

    [Fact]
    public void A_first_key_longer_than_twice_the_arena_is_kept_whole()
    {
        var interner = new Utf8Interner();
        var key = Encoding.UTF8.GetBytes(new string('k', 1_000));

        var id = interner.Intern(key, out _);

        Assert.Equal(key, interner.Get(id).ToArray());
        Assert.Equal(1, interner.Intern("short"u8, out _));
        Assert.Equal("short", interner.GetString(1));
    }

    [Fact]
    public void Keys_whose_hashes_all_collide_are_still_told_apart_by_their_bytes()
    {
        // Every key given the same hash: each lookup probes past the others and compares bytes.
        var interner = new Utf8Interner();
        var keys = Keys(300);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i, interner.Intern(Encoding.UTF8.GetBytes(keys[i]), 42, out var added));
            Assert.True(added);
        }

        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(i, interner.Find(Encoding.UTF8.GetBytes(keys[i]), 42));
            Assert.Equal(i, interner.Intern(Encoding.UTF8.GetBytes(keys[i]), 42, out var added));
            Assert.False(added);
        }

        Assert.Equal(-1, interner.Find("absent"u8, 42));
    }

    [Fact]
    public void A_string_is_decoded_once_and_kept_while_more_keys_are_interned()
    {
        var interner = new Utf8Interner();
        var keys = Keys(100);
        foreach (var key in keys[..10])
        {
            interner.Intern(Encoding.UTF8.GetBytes(key), out _);
        }

        var early = interner.GetString(3);
        foreach (var key in keys[10..])
        {
            interner.Intern(Encoding.UTF8.GetBytes(key), out _);
        }

        // The cache grows for id 90 and must keep what it held.
        var later = interner.GetString(90);
        var all = Enumerable.Range(0, 100).Select(interner.GetString).ToArray();

        Assert.Same(early, interner.GetString(3));
        Assert.Same(later, interner.GetString(90));
        Assert.Same(all[50], interner.GetString(50));
        Assert.Equal(keys, all);
    }

    [Fact]
    public void Its_size_counts_the_key_bytes_a_span_per_key_and_two_table_slots_per_key()
    {
        var interner = new Utf8Interner();
        var keyBytes = 0L;
        foreach (var key in Keys(1_000))
        {
            keyBytes += interner.Intern(Encoding.UTF8.GetBytes(key), out _) >= 0 ? Encoding.UTF8.GetByteCount(key) : 0;
        }

        // At most half the table's slots are used, so it holds at least two 8-byte slots per key; each key has an 8-byte span.
        Assert.InRange(interner.Bytes, keyBytes + (1_000 * 8) + (2 * 1_000 * 8), 4 * (keyBytes + (1_000 * 24)));
    }
}
