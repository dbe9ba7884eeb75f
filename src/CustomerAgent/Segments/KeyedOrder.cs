using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>
/// Sorting many items by an instant, ties broken by an ordinal string (the follow-up flow's sends and skips): the instants are
/// sorted with their positions, and only runs of equal instants compare strings.
/// </summary>
internal static class KeyedOrder
{
    /// <summary>The items in order of <paramref name="instant"/>, then of <paramref name="tie"/> (ordinal), then as given.</summary>
    internal static T[] Sorted<T>(List<T> items, Func<T, Instant> instant, Func<T, string> tie)
    {
        var keys = new Key[items.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new Key(instant(items[i]), i);
        }

        Array.Sort(keys);
        var byTie = Comparer<Key>.Create((x, y) =>
            string.CompareOrdinal(tie(items[x.Index]), tie(items[y.Index])) is var c and not 0 ? c : x.Index.CompareTo(y.Index));
        var sorted = new T[keys.Length];
        var run = 0;
        for (var i = 1; i <= keys.Length; i++)
        {
            if (i == keys.Length || keys[i].Value != keys[run].Value)
            {
                if (i - run > 1)
                {
                    Array.Sort(keys, run, i - run, byTie);
                }

                run = i;
            }
        }

        for (var i = 0; i < keys.Length; i++)
        {
            sorted[i] = items[keys[i].Index];
        }

        return sorted;
    }

    /// <summary>An instant (any NodaTime instant: events read back from JSON are not limited to the supported range) and the item's position; ordered by both.</summary>
    private readonly record struct Key(Instant Value, int Index) : IComparable<Key>
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int CompareTo(Key other) => Value != other.Value ? Value.CompareTo(other.Value) : Index.CompareTo(other.Index);
    }
}
