namespace CustomerAgent.Conversations;

/// <summary>
/// Many small singly linked lists of (A, B) pairs of longs in three shared arrays, prepend only: a list is the index of its
/// newest entry (−1 when empty). Because nothing is ever changed in place, a list head copied at some moment keeps naming
/// exactly the entries the list had then (a persistent list), which is how the facts table keeps facts as of an instant.
/// 20 bytes per entry. Not thread-safe for writes.
/// </summary>
internal sealed class EntryPool
{
    private long[] _a;
    private long[] _b;
    private int[] _next;

    internal EntryPool(int capacity = 16)
    {
        _a = new long[capacity];
        _b = new long[capacity];
        _next = new int[capacity];
    }

    internal int Count { get; private set; }

    internal long Bytes => (_a.LongLength * 8) + (_b.LongLength * 8) + (_next.LongLength * 4);

    internal long A(int entry) => _a[entry];

    internal long B(int entry) => _b[entry];

    internal int Next(int entry) => _next[entry];

    /// <summary>A new list: (<paramref name="a"/>, <paramref name="b"/>) in front of the list <paramref name="head"/>.</summary>
    internal int Prepend(int head, long a, long b)
    {
        if (Count == _a.Length)
        {
            var size = Math.Max(16, Count * 2);
            Array.Resize(ref _a, size);
            Array.Resize(ref _b, size);
            Array.Resize(ref _next, size);
        }

        _a[Count] = a;
        _b[Count] = b;
        _next[Count] = head;
        return Count++;
    }

    /// <summary>Whether the list holds an entry whose A is <paramref name="a"/>.</summary>
    internal bool ContainsA(int head, long a)
    {
        for (var i = head; i >= 0; i = _next[i])
        {
            if (_a[i] == a)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The number of entries of the list.</summary>
    internal int Length(int head)
    {
        var n = 0;
        for (var i = head; i >= 0; i = _next[i])
        {
            n++;
        }

        return n;
    }

    /// <summary>The list's entries, oldest first.</summary>
    internal int[] Entries(int head)
    {
        var result = new int[Length(head)];
        var n = result.Length;
        for (var i = head; i >= 0; i = _next[i])
        {
            result[--n] = i;
        }

        return result;
    }
}
