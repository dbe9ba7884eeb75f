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

/// <summary>A batch of rows, the instant to classify at and the policy.</summary>
internal sealed record BatchCase(RawRow[] Rows, long AsOf, ConversationPolicy Policy)
{
    public override string ToString() => $"asOf {AsOf - BulkGenerators.Base}, timeout {Policy.AutoCloseAfter}, rows [{string.Join(", ", Rows.Select(r => r.ToString()))}]";

    public ConversationBatch ToBatch() => ConversationBatch.FromColumns(
        BulkGenerators.Account,
        Policy,
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
    internal static readonly AccountId Account = AccountId.From("acct-bulk");
    internal static readonly long Base = ConversationBatch.ToUnixNanoseconds(Instant.FromUtc(2026, 6, 1, 0, 0));
    private const long Minute = 60_000_000_000L;

    /// <summary>
    /// The oracle: the history a row stands for, replayed through the aggregate's own methods. A shopper message at the start;
    /// messages every half timeout up to the last message (whose author is the row's), so no gap ever closes the conversation
    /// early; the handoff (a custom message) and the explicit close at their instants; at equal instants messages come first,
    /// then the handoff, then the close. Returns the conversation, or the rule the aggregate rejected the history with.
    /// </summary>
    internal static (Conversation? Conversation, string? RejectedRule) Replay(RawRow row, ConversationPolicy policy, int index = 0)
    {
        var steps = new List<(long At, int Order, Action<Conversation> Apply)>();
        var step = Math.Max(1, policy.AutoCloseAfter.ToInt64Nanoseconds() / 2);
        for (var at = row.StartedAt + step; at < row.LastMessageAt; at += step)
        {
            var instant = ConversationBatch.FromUnixNanoseconds(at);
            steps.Add((at, 0, c => c.RecordShopperMessage(instant, "still there?")));
        }

        var last = ConversationBatch.FromUnixNanoseconds(row.LastMessageAt);
        if (row.LastAuthor == 1)
        {
            steps.Add((row.LastMessageAt, 0, c => c.RecordAgentMessage(last, "answer", "general-qa")));
        }
        else if (row.LastMessageAt != row.StartedAt)
        {
            steps.Add((row.LastMessageAt, 0, c => c.RecordShopperMessage(last, "one more thing")));
        }

        if (row.HandoffAt != ConversationBatch.NoInstant)
        {
            var handoff = ConversationBatch.FromUnixNanoseconds(row.HandoffAt);
            steps.Add((row.HandoffAt, 1, c => c.TriggerHandoff(handoff, HandoffKind.CustomMessage, HandoffMode.Hard, HandoffReason.KnowledgeGap)));
        }

        if (row.ClosedAt != ConversationBatch.NoInstant)
        {
            var close = ConversationBatch.FromUnixNanoseconds(row.ClosedAt);
            steps.Add((row.ClosedAt, 2, c => c.Close(close, ClosedBy.Visitor)));
        }

        var header = ConversationHeader.Create(ConversationId.From($"row-{index}"), Account, (Channel)row.Channel);
        try
        {
            var conversation = Conversation.Start(header, ConversationBatch.FromUnixNanoseconds(row.StartedAt), "hello", policy);
            foreach (var (_, _, apply) in steps.OrderBy(s => s.At).ThenBy(s => s.Order))
            {
                apply(conversation);
            }

            return (conversation, null);
        }
        catch (CustomerAgentException ex)
        {
            return (null, ex.Rule);
        }
    }

    /// <summary>The status the single-conversation classifier gives the replayed history (the row must be one the aggregate accepts).</summary>
    internal static ConversationStatus Expected(RawRow row, long asOf, ConversationPolicy policy)
    {
        var (conversation, rule) = Replay(row, policy);
        Assert.True(conversation is not null, $"the aggregate rejects {row} ({rule})");
        return new ConversationClassifier(policy).Classify(conversation!, ConversationBatch.FromUnixNanoseconds(asOf)).Status;
    }

    internal static bool AggregateAccepts(RawRow row, ConversationPolicy policy) => Replay(row, policy).Conversation is not null;

    /// <summary>An offset in nanoseconds: 0 most of the time, sometimes one nanosecond either way (the boundaries).</summary>
    private static readonly Gen<long> Jitter = Gen.Frequency((6, Gen.Constant(0L)), (1, Gen.Constant(1L)), (1, Gen.Constant(-1L)));

    internal static readonly Gen<ConversationPolicy> Policies = Gen.Frequency(
        (4, Gen.Constant(ConversationPolicy.Default)),
        (1, Gen.Elements(Duration.FromMinutes(1), Duration.FromMinutes(30), Duration.FromHours(1), Duration.FromDays(30)).Select(ConversationPolicy.Create)));

    /// <summary>
    /// Rows of every shape, valid or not: times on a minute grid (so rows tie with each other and with the timeout boundary),
    /// handoffs and closes early, on the automatic close ±1 ns and late, and sometimes before the start or the last message.
    /// </summary>
    internal static Gen<RawRow> RowFor(ConversationPolicy policy) =>
        from start in Gen.Choose(0, 120)
        from last in Gen.Frequency((8, Gen.Choose(0, 120)), (1, Gen.Choose(-3, -1)))
        from lastJitter in Gen.Choose(0, 1)
        from author in Gen.Choose(0, 1)
        from handoffKind in Gen.Choose(0, 4)
        from handoff in Gen.Choose(-5, 120)
        from closeKind in Gen.Choose(0, 4)
        from close in Gen.Choose(-5, 60)
        from handoffJitter in Jitter
        from closeJitter in Jitter
        from channel in Gen.Choose(0, 3)
        select MakeRow(policy, start, last, lastJitter, author, handoffKind, handoff, handoffJitter, closeKind, close, closeJitter, channel);

    private static RawRow MakeRow(ConversationPolicy policy, int start, int last, int lastJitter, int author, int handoffKind, int handoff, long handoffJitter, int closeKind, int close, long closeJitter, int channel)
    {
        var timeout = policy.AutoCloseAfter.ToInt64Nanoseconds();
        var s = Base + (start * Minute);
        var l = s + (last * Minute) + lastJitter;
        var h = handoffKind switch
        {
            0 or 1 => s + (handoff * Minute),               // anywhere from before the start to after the last message
            2 => l + timeout + handoffJitter,                 // on the automatic close: late unless 1 ns early
            _ => ConversationBatch.NoInstant,
        };
        var decided = Math.Max(l, h == ConversationBatch.NoInstant ? l : h);
        var c = closeKind switch
        {
            0 or 1 => decided + (close * Minute),             // usually after the last message and the handoff, sometimes before
            2 => l + timeout + closeJitter,                   // on the automatic close: late unless 1 ns early
            _ => ConversationBatch.NoInstant,
        };
        return new RawRow(s, l, (byte)author, h, c, (byte)channel);
    }

    /// <summary>Batches of 0 to 300 valid rows (rarely a multiple of 32) with an instant on a boundary of some row, or near one.</summary>
    internal static readonly Gen<BatchCase> Case =
        from policy in Policies
        from rows in Gen.Frequency(
            (3, RowFor(policy).Where(r => AggregateAccepts(r, policy)).ArrayOf()),
            (1, Gen.Choose(0, 300).SelectMany(n => RowFor(policy).Where(r => AggregateAccepts(r, policy)).ArrayOf(n))))
        from pick in Gen.Choose(0, int.MaxValue - 1)
        from kind in Gen.Choose(0, 3)
        from grid in Gen.Choose(0, 6000)
        from jitter in Jitter
        select new BatchCase(rows, AsOf(rows, policy, pick, kind, grid, jitter), policy);

    private static long AsOf(RawRow[] rows, ConversationPolicy policy, int pick, int kind, int grid, long jitter)
    {
        var timeout = policy.AutoCloseAfter.ToInt64Nanoseconds();
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
                1 => row.LastMessageAt + timeout,
                2 => row.HandoffAt != ConversationBatch.NoInstant ? row.HandoffAt : row.LastMessageAt + timeout,
                _ => row.ClosedAt != ConversationBatch.NoInstant ? row.ClosedAt : row.LastMessageAt + timeout,
            };
        }

        return Math.Max(latestStart, candidate + jitter);
    }

    internal static readonly Arbitrary<BatchCase> Cases = Case.ToArbitrary();
}
