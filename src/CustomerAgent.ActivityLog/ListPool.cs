namespace CustomerAgent.ActivityLog;

/// <summary>Many small singly linked lists of longs in two shared arrays (prepend only); a list is its head index, -1 when empty.</summary>
internal sealed class ListPool
{
    private long[] _values = new long[1024];
    private int[] _next = new int[1024];

    public int Count { get; private set; }

    public long Bytes => (_values.LongLength * 8) + (_next.LongLength * 4);

    public int Prepend(int head, long value)
    {
        if (Count == _values.Length)
        {
            Array.Resize(ref _values, Count * 2);
            Array.Resize(ref _next, Count * 2);
        }

        _values[Count] = value;
        _next[Count] = head;
        return Count++;
    }

    public bool Contains(int head, long value)
    {
        for (var i = head; i >= 0; i = _next[i])
        {
            if (_values[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The list's values in insertion order.</summary>
    public long[] ToArray(int head)
    {
        var n = 0;
        for (var i = head; i >= 0; i = _next[i])
        {
            n++;
        }

        var result = new long[n];
        for (var i = head; i >= 0; i = _next[i])
        {
            result[--n] = _values[i];
        }

        return result;
    }
}
