using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace CustomerAgent.Attribution;

/// <summary>How a <see cref="Numbering{TKey, TEquality}"/> hashes and compares its keys (a struct, so the calls inline).</summary>
/// <typeparam name="TKey">The key type.</typeparam>
internal interface IKeyEquality<in TKey>
{
    int Hash(TKey key);

    bool Same(TKey a, TKey b);
}

/// <summary>
/// Numbers distinct keys 0, 1, 2… in order of first arrival: an open-addressing table (linear probing) in arrays rented from
/// the shared pool and written before they are read. The attribution engine numbers a million orders' shoppers with it on every
/// call; a <see cref="Dictionary{TKey, TValue}"/> there allocated its buckets afresh each time, and fresh memory read before it is
/// written costs a page fault and, with a second thread running, a TLB flush on the other core, per 4 KiB page.
/// Not thread-safe; <see cref="Dispose"/> gives the arrays back.
/// </summary>
/// <typeparam name="TKey">The key type (a reference type: 0 in a slot means empty).</typeparam>
/// <typeparam name="TEquality">How keys are hashed and compared.</typeparam>
internal sealed class Numbering<TKey, TEquality> : IDisposable
    where TKey : class
    where TEquality : struct, IKeyEquality<TKey>
{
    private TKey[] _keys;
    private int[] _slots;
    private int _mask;

    /// <summary>An empty numbering, sized for about <paramref name="expected"/> keys (it grows past them).</summary>
    internal Numbering(int expected)
    {
        // Stryker disable once Arithmetic : a starting size only; the table grows past it
        var slots = (int)Math.Min(1 << 30, BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, expected * 2)));
        _slots = Rent<int>(slots);
        _slots.AsSpan(0, slots).Clear();
        _mask = slots - 1;
        _keys = Rent<TKey>(Math.Max(8, expected));
    }

    /// <summary>How many distinct keys have been numbered.</summary>
    internal int Count { get; private set; }

    /// <summary>The keys, by number.</summary>
    internal ReadOnlySpan<TKey> Keys => _keys.AsSpan(0, Count);

    /// <summary>The number of <paramref name="key"/>, given the next one when it is new.</summary>
    internal int GetOrAdd(TKey key)
    {
        var slot = default(TEquality).Hash(key) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return Add(key, slot);
            }

            if (default(TEquality).Same(_keys[entry - 1], key))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <summary>The number of <paramref name="key"/>, or −1 when it was never numbered.</summary>
    internal int IndexOf(TKey key)
    {
        var slot = default(TEquality).Hash(key) & _mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                return -1;
            }

            if (default(TEquality).Same(_keys[entry - 1], key))
            {
                return entry - 1;
            }

            slot = (slot + 1) & _mask;
        }
    }

    /// <inheritdoc/>
    // Stryker disable once Statement,Boolean : only whether the pools get their arrays back, cleared, and the numbering forgets them (nothing reads it after)
    public void Dispose()
    {
        ArrayPool<int>.Shared.Return(_slots);
        ArrayPool<TKey>.Shared.Return(_keys, clearArray: true);
        (_slots, _keys, Count) = ([], [], 0);
    }

    private int Add(TKey key, int slot)
    {
        if (Count == _keys.Length)
        {
            var keys = Rent<TKey>(Count * 2);
            Array.Copy(_keys, keys, Count);
            // Stryker disable once Statement,Boolean : only whether the pool gets its array back, cleared
            ArrayPool<TKey>.Shared.Return(_keys, clearArray: true);
            _keys = keys;
        }

        var number = Count++;
        _keys[number] = key;
        _slots[slot] = number + 1;
        if (Count * 2 > _mask + 1)
        {
            Grow();
        }

        return number;
    }

    /// <summary>Twice the slots, every key placed again (keys keep their numbers).</summary>
    private void Grow()
    {
        var length = (_mask + 1) * 2;
        var slots = Rent<int>(length);
        slots.AsSpan(0, length).Clear();
        var mask = length - 1;
        for (var n = 0; n < Count; n++)
        {
            var slot = default(TEquality).Hash(_keys[n]) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = n + 1;
        }

        // Stryker disable once Statement : only whether the pool gets its array back
        ArrayPool<int>.Shared.Return(_slots);
        (_slots, _mask) = (slots, mask);
    }

    private static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(length);
}

/// <summary>Shopper identities by reference (the records of one call usually share them).</summary>
internal readonly struct ByReference : IKeyEquality<ShopperIdentity>
{
    public int Hash(ShopperIdentity key) => Mix(RuntimeHelpers.GetHashCode(key));

    public bool Same(ShopperIdentity a, ShopperIdentity b) => ReferenceEquals(a, b);

    /// <summary>Folds a hash's high bits into the low ones the mask keeps.</summary>
    // Stryker disable once Bitwise : any fold finds the same numbers (Same decides); only the spread over the slots changes
    internal static int Mix(int hash) => hash ^ (int)((uint)hash >> 16);
}

/// <summary>Identifier keys by their text (ordinal), with the hash each key computed once.</summary>
internal readonly struct ByText : IKeyEquality<IdentifierKey>
{
    public int Hash(IdentifierKey key) => ByReference.Mix(key.Hash);

    public bool Same(IdentifierKey a, IdentifierKey b) => IdentifierKey.SameText(a, b);
}
