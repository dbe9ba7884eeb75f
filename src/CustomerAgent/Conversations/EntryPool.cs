namespace CustomerAgent.Conversations;

/// <summary>
/// Many small singly linked lists of (A, B) pairs of longs, prepend only: a list is the index of its newest entry (−1 when
/// empty). Because nothing is ever changed in place, a list head copied at some moment keeps naming exactly the entries the
/// list had then (a persistent list), which is how the facts table keeps facts as of an instant. Entries live in segments of
/// 65,536 (24 bytes each, one entry's fields side by side), so growing never copies what is there. Not thread-safe for writes;
/// reads are safe once writing is over.
/// </summary>
internal sealed class EntryPool
{
    private const int SegmentBits = 16;
    private const int SegmentSize = 1 << SegmentBits;
    private const int Mask = SegmentSize - 1;

    private Entry[][] _segments = [new Entry[16]];

    internal int Count { get; private set; }

    internal long Bytes
    {
        get
        {
            long entries = 0;
            foreach (var segment in _segments)
            {
                entries += segment?.LongLength ?? 0;
            }

            return entries * 24;
        }
    }

    // Stryker disable Bitwise : an entry index is never negative (a negative one fails either way), so >> and >>> agree
    internal long A(int entry) => _segments[entry >> SegmentBits][entry & Mask].A;

    internal long B(int entry) => _segments[entry >> SegmentBits][entry & Mask].B;

    internal int Next(int entry) => _segments[entry >> SegmentBits][entry & Mask].Next;

    // Stryker restore Bitwise

    /// <summary>A new list: (<paramref name="a"/>, <paramref name="b"/>) in front of the list <paramref name="head"/>.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal int Prepend(int head, long a, long b)
    {
        var index = Count;
        // Stryker disable once Bitwise : Count is never negative, so >> and >>> agree
        var s = index >> SegmentBits;
        var offset = index & Mask;
        if (s == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        var segment = _segments[s];
        if (segment is null)
        {
            segment = _segments[s] = new Entry[SegmentSize];
        }
        else if (offset == segment.Length)
        {
            // Stryker disable once Linq : a segment longer than SegmentSize is only wasted room: indexes within it stay below SegmentSize
            Array.Resize(ref _segments[s], Math.Min(SegmentSize, segment.Length * 4));
            segment = _segments[s];
        }

        segment[offset] = new Entry(a, b, head);
        Count = index + 1;
        return index;
    }

    /// <summary>Whether the list holds an entry whose A is <paramref name="a"/>.</summary>
    internal bool ContainsA(int head, long a)
    {
        for (var i = head; i >= 0;)
        {
            // Stryker disable once Bitwise : the loop runs only for i >= 0, where >> and >>> agree
            ref readonly var e = ref _segments[i >> SegmentBits][i & Mask];
            if (e.A == a)
            {
                return true;
            }

            i = e.Next;
        }

        return false;
    }

    /// <summary>The number of entries of the list.</summary>
    internal int Length(int head)
    {
        var n = 0;
        for (var i = head; i >= 0; i = Next(i))
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
        for (var i = head; i >= 0; i = Next(i))
        {
            result[--n] = i;
        }

        return result;
    }

    private readonly record struct Entry(long A, long B, int Next);
}
