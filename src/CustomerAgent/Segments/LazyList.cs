namespace CustomerAgent.Segments;

/// <summary>
/// A read-only list whose items are made from compact rows when first read, then kept (thread-safe: two threads reading one
/// item at once may both make it, and one of the two is kept for both). Segments of millions of members and flows of hundreds
/// of thousands of sends cost their rows until they are written.
/// </summary>
internal sealed class LazyList<TRow, T>(TRow[] rows, Func<TRow, T> make) : IReadOnlyList<T>
    where T : class
{
    private T?[]? _made;

    public int Count => rows.Length;

    public T this[int index]
    {
        get
        {
            var row = rows[index];
            var made = LazyInitializer.EnsureInitialized(ref _made, () => new T?[rows.Length]);
            return Volatile.Read(ref made[index]) ?? Interlocked.CompareExchange(ref made[index], make(row), null) ?? made[index]!;
        }
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < rows.Length; i++)
        {
            yield return this[i];
        }
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
