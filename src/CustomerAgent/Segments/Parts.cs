namespace CustomerAgent.Segments;

/// <summary>
/// Independent work over items 0 to count − 1 split into contiguous ranges, one per core at most, each range at least
/// <c>perPart</c> items (the events, the segments' members and the flow are computed this way, then put in one order).
/// </summary>
internal static class Parts
{
    /// <summary>How many ranges <paramref name="count"/> items make: at least one, at most one per core, each about <paramref name="perPart"/> items or more.</summary>
    // Stryker disable once Arithmetic : the number of ranges only; any split gives the same result (each caller's two-core tests)
    internal static int For(int count, int perPart) => Math.Clamp(count / perPart, 1, Environment.ProcessorCount);

    /// <summary>Runs <paramref name="body"/>(part, from, to) for each of <paramref name="parts"/> ranges of <paramref name="count"/> items, in parallel.</summary>
    internal static void Run(int count, int parts, Action<int, int, int> body) =>
        Parallel.For(0, parts, part => body(part, (int)((long)count * part / parts), (int)((long)count * (part + 1) / parts)));
}
