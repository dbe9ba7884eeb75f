using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace CustomerAgent.Tests.Bulk;

/// <summary>One row of host columns, in the bulk encoding (Unix nanoseconds, <see cref="ConversationBatch.NoInstant"/> for none).</summary>
internal sealed record RawRow(long StartedAt, long LastMessageAt, byte LastAuthor, long HandoffAt, long ClosedAt, byte Channel)
{
    public override string ToString() =>
        $"Row(start {StartedAt - BulkGenerators.Base}, last {LastMessageAt - BulkGenerators.Base}, author {LastAuthor}, handoff {(HandoffAt == ConversationBatch.NoInstant ? "none" : (HandoffAt - BulkGenerators.Base).ToString())}, close {(ClosedAt == ConversationBatch.NoInstant ? "none" : (ClosedAt - BulkGenerators.Base).ToString())}, ch {Channel})";
}

/// <summary>A batch of rows, the instant to classify at and the timeout.</summary>
internal sealed record BatchCase(RawRow[] Rows, long AsOf, Duration AutoCloseAfter)
{
    public override string ToString() => $"asOf {AsOf - BulkGenerators.Base}, timeout {AutoCloseAfter}, rows [{string.Join(", ", Rows.Select(r => r.ToString()))}]";

    public ConversationBatch ToBatch() => ConversationBatch.FromColumns(
        Rows.Select(r => r.StartedAt).ToArray(),
        Rows.Select(r => r.LastMessageAt).ToArray(),
        Rows.Select(r => r.LastAuthor).ToArray(),
        Rows.Select(r => r.HandoffAt).ToArray(),
        Rows.Select(r => r.ClosedAt).ToArray(),
        Rows.Select(r => r.Channel).ToArray());

    public Instant AsOfInstant => ConversationBatch.FromUnixNanoseconds(AsOf);
}

internal static class BulkGenerators
{
    internal static readonly long Base = ConversationBatch.ToUnixNanoseconds(Instant.FromUtc(2026, 6, 1, 0, 0));
    private const long Minute = 60_000_000_000L;

    /// <summary>
    /// The rule, written straight from the semantics over the raw columns (the oracle): handoff at or before t wins;
    /// else closeAt = explicit close, else last message + timeout; closed at or after closeAt (inclusive).
    /// </summary>
    internal static ConversationStatus Expected(RawRow row, long asOf, Duration autoCloseAfter)
    {
        if (row.HandoffAt != ConversationBatch.NoInstant && row.HandoffAt <= asOf)
        {
            return ConversationStatus.NotResolvedByAi;
        }

        var closeAt = row.ClosedAt != ConversationBatch.NoInstant ? row.ClosedAt : row.LastMessageAt + autoCloseAfter.ToInt64Nanoseconds();
        if (closeAt <= asOf)
        {
            return row.LastAuthor == 1 ? ConversationStatus.ResolvedByAi : ConversationStatus.Closed;
        }

        return ConversationStatus.Open;
    }

    /// <summary>Times on a minute grid (so rows tie with each other and with the 48 h boundary), sometimes off by a nanosecond.</summary>
    private static readonly Gen<long> Jitter = Gen.Frequency((6, Gen.Constant(0L)), (1, Gen.Constant(1L)), (1, Gen.Constant(-1L)));

    internal static readonly Gen<RawRow> Row =
        from start in Gen.Choose(0, 120)
        from last in Gen.Choose(0, 120)
        from lastJitter in Gen.Choose(0, 1)
        from author in Gen.Choose(0, 1)
        from handoffKind in Gen.Choose(0, 3)
        from handoff in Gen.Frequency((3, Gen.Choose(0, 120)), (1, Gen.Choose(2870, 2890)), (1, Gen.Choose(3000, 5000)))
        from closeKind in Gen.Choose(0, 2)
        from close in Gen.Frequency((3, Gen.Choose(0, 60)), (1, Gen.Choose(2870, 2890)))
        from channel in Gen.Choose(0, 3)
        select MakeRow(start, last, lastJitter, author, handoffKind, handoff, closeKind, close, channel);

    private static RawRow MakeRow(int start, int last, int lastJitter, int author, int handoffKind, int handoff, int closeKind, int close, int channel)
    {
        var s = Base + (start * Minute);
        var l = s + (last * Minute) + lastJitter;
        var h = handoffKind == 0 ? s + (handoff * Minute) : ConversationBatch.NoInstant;
        var c = closeKind == 0 ? Math.Max(l, h == ConversationBatch.NoInstant ? l : h) + (close * Minute) : ConversationBatch.NoInstant;
        return new RawRow(s, l, (byte)author, h, c, (byte)channel);
    }

    private static readonly Gen<Duration> Timeout = Gen.Frequency(
        (4, Gen.Constant(Duration.FromHours(48))),
        (1, Gen.Elements(Duration.FromMinutes(30), Duration.FromHours(1), Duration.FromDays(30), Duration.FromNanoseconds(1))));

    /// <summary>Batches of 0 to 300 rows (rarely a multiple of 32) with an instant on a boundary of some row, or near one.</summary>
    internal static readonly Gen<BatchCase> Case =
        from rows in Gen.Frequency((3, Row.ArrayOf()), (1, Gen.Choose(0, 300).SelectMany(n => Row.ArrayOf(n))))
        from timeout in Timeout
        from pick in Gen.Choose(0, int.MaxValue - 1)
        from kind in Gen.Choose(0, 3)
        from grid in Gen.Choose(0, 6000)
        from jitter in Jitter
        select new BatchCase(rows, AsOf(rows, timeout, pick, kind, grid, jitter), timeout);

    private static long AsOf(RawRow[] rows, Duration timeout, int pick, int kind, int grid, long jitter)
    {
        var latestStart = rows.Length == 0 ? Base : rows.Max(r => r.StartedAt);
        long candidate;
        if (rows.Length == 0 || kind == 0)
        {
            candidate = Base + (grid * Minute);
        }
        else
        {
            var row = rows[pick % rows.Length];
            candidate = kind switch
            {
                1 => row.LastMessageAt + timeout.ToInt64Nanoseconds(),
                2 => row.HandoffAt != ConversationBatch.NoInstant ? row.HandoffAt : row.LastMessageAt + timeout.ToInt64Nanoseconds(),
                _ => row.ClosedAt != ConversationBatch.NoInstant ? row.ClosedAt : row.LastMessageAt + timeout.ToInt64Nanoseconds(),
            };
        }

        return Math.Max(latestStart, candidate + jitter);
    }

    internal static readonly Arbitrary<BatchCase> Cases = Case.ToArbitrary();
}
