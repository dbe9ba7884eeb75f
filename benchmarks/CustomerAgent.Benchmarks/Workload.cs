using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using DuckDB.NET.Data;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// A synthetic month of conversations, as host columns: starts over 30 days before <see cref="AsOf"/>, last message up to
/// 2 h after the start, agent last 60 %, handoff 15 %, explicit close 35 %. Deterministic for a given seed.
/// </summary>
internal sealed class Workload
{
    internal static readonly Instant AsOf = Instant.FromUtc(2026, 6, 8, 0, 0);
    private const long Second = 1_000_000_000L;

    private Workload(int count) => Count = count;

    internal int Count { get; }

    internal long[] StartedAt { get; private set; } = [];

    internal long[] LastMessageAt { get; private set; } = [];

    internal byte[] LastAuthor { get; private set; } = [];

    internal long[] HandoffAt { get; private set; } = [];

    internal long[] ClosedAt { get; private set; } = [];

    internal byte[] Channel { get; private set; } = [];

    /// <summary>The one account of the generated rows.</summary>
    internal static readonly AccountId Account = AccountId.From("acct-1");

    internal static Workload Generate(int count, int seed = 42)
    {
        var w = new Workload(count)
        {
            StartedAt = new long[count],
            LastMessageAt = new long[count],
            LastAuthor = new byte[count],
            HandoffAt = new long[count],
            ClosedAt = new long[count],
            Channel = new byte[count],
        };
        var random = new Random(seed);
        var asOf = ConversationBatch.ToUnixNanoseconds(AsOf);
        for (var i = 0; i < count; i++)
        {
            var start = asOf - (random.NextInt64(30 * 24 * 3600) * Second);
            var last = start + ((1 + random.NextInt64(2 * 3600)) * Second);
            w.StartedAt[i] = start;
            w.LastMessageAt[i] = last;
            w.LastAuthor[i] = random.Next(10) < 6 ? (byte)1 : (byte)0;
            w.HandoffAt[i] = random.Next(100) < 15 ? start + random.NextInt64(last - start) : ConversationBatch.NoInstant;
            w.ClosedAt[i] = random.Next(100) < 35 ? last + (random.NextInt64(3600) * Second) : ConversationBatch.NoInstant;
            w.Channel[i] = (byte)random.Next(4);
        }

        return w;
    }

    internal ConversationBatch ToBatch() =>
        ConversationBatch.FromColumns(Account, ConversationPolicy.Default, StartedAt, LastMessageAt, LastAuthor, HandoffAt, ClosedAt, Channel);

    /// <summary>The same rows as conversation aggregates, built through the aggregate's methods (the naive host's data).</summary>
    internal List<Conversation> ToConversations()
    {
        var list = new List<Conversation>(Count);
        var account = AccountId.From("acct-1");
        for (var i = 0; i < Count; i++)
        {
            var header = ConversationHeader.Create(ConversationId.From("c" + i.ToString(CultureInfo.InvariantCulture)), account, (Channel)Channel[i]);
            var c = Conversation.Start(header, ConversationBatch.FromUnixNanoseconds(StartedAt[i]), "Where is my order?");
            if (HandoffAt[i] != ConversationBatch.NoInstant)
            {
                c.TriggerHandoff(ConversationBatch.FromUnixNanoseconds(HandoffAt[i]), HandoffKind.TransferToHuman, HandoffMode.Hard, HandoffReason.KnowledgeGap);
            }

            var last = ConversationBatch.FromUnixNanoseconds(LastMessageAt[i]);
            if (LastAuthor[i] == 1)
            {
                c.RecordAgentMessage(last, "It ships tomorrow.", "order-tracking");
            }
            else
            {
                c.RecordShopperMessage(last, "Thanks");
            }

            if (ClosedAt[i] != ConversationBatch.NoInstant)
            {
                c.Close(ConversationBatch.FromUnixNanoseconds(ClosedAt[i]), ClosedBy.Visitor);
            }

            list.Add(c);
        }

        return list;
    }

    /// <summary>Loads the rows into an in-memory DuckDB table <c>conversations</c> with the appender (NULL for "none").</summary>
    internal DuckDBConnection LoadDuckDb()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "CREATE TABLE conversations (started_at BIGINT NOT NULL, last_message_at BIGINT NOT NULL, last_author UTINYINT NOT NULL, handoff_at BIGINT, closed_at BIGINT, channel UTINYINT NOT NULL)";
            command.ExecuteNonQuery();
        }

        using (var appender = connection.CreateAppender("conversations"))
        {
            for (var i = 0; i < Count; i++)
            {
                var row = appender.CreateRow().AppendValue(StartedAt[i]).AppendValue(LastMessageAt[i]).AppendValue(LastAuthor[i]);
                row = HandoffAt[i] == ConversationBatch.NoInstant ? row.AppendNullValue() : row.AppendValue(HandoffAt[i]);
                row = ClosedAt[i] == ConversationBatch.NoInstant ? row.AppendNullValue() : row.AppendValue(ClosedAt[i]);
                row.AppendValue(Channel[i]).EndRow();
            }
        }

        return connection;
    }
}

/// <summary>The contenders, shared by the BenchmarkDotNet suite and the quick comparison.</summary>
internal static class Contenders
{
    internal static readonly BulkStatusClassifier Scalar = new(ConversationPolicy.Default, BulkKernel.Scalar);
    internal static readonly BulkStatusClassifier Vectorized = new(ConversationPolicy.Default, BulkKernel.Vectorized);

    /// <summary>The naive host: the single-conversation classifier in a loop over aggregates, counting statuses.</summary>
    internal static StatusCounts Naive(List<Conversation> conversations, Instant asOf)
    {
        Span<long> counts = stackalloc long[4];
        var classifier = ConversationClassifier.Default;
        foreach (var c in conversations)
        {
            counts[(int)classifier.Classify(c, asOf).Status]++;
        }

        return new StatusCounts(counts[0], counts[1], counts[2], counts[3], Workload.Account);
    }

    /// <summary>The same rule as a SQL CASE over the same columns, counted with GROUP BY (DuckDB picks its own threads).</summary>
    internal static StatusCounts DuckDb(DuckDBConnection connection, Instant asOf)
    {
        var t = ConversationBatch.ToUnixNanoseconds(asOf);
        var timeout = ConversationPolicy.DefaultAutoCloseAfter.ToInt64Nanoseconds();
        using var command = connection.CreateCommand();
        command.CommandText = FormattableString.Invariant($"""
            SELECT status, count(*) FROM (
              SELECT CASE
                WHEN handoff_at <= {t} THEN 2
                WHEN coalesce(closed_at, last_message_at + {timeout}) <= {t} THEN CASE WHEN last_author = 1 THEN 1 ELSE 3 END
                ELSE 0 END AS status
              FROM conversations) GROUP BY status
            """);
        Span<long> counts = stackalloc long[4];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            counts[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
        }

        return new StatusCounts(counts[0], counts[1], counts[2], counts[3], Workload.Account);
    }

    /// <summary>
    /// The memory-bandwidth floor: one pass that reads exactly the bytes the bulk count reads, in the same interleaved
    /// order (per 32 rows: 256 B of last-message instants, 256 B of decisive instants, 32 B of flags: 17 B per row) and
    /// only sums them as 64-bit words, with Vector512 adds; no compare, no mask, no branch.
    /// </summary>
    internal static ulong Floor(ConversationBatch batch)
    {
        var n = batch.Count;
        ref var lm = ref MemoryMarshal.GetArrayDataReference(batch.LastMessageAtColumn);
        ref var ev = ref MemoryMarshal.GetArrayDataReference(batch.DecidedAtColumn);
        ref var fl = ref MemoryMarshal.GetArrayDataReference(batch.FlagsColumn);
        Vector512<long> a = default, b = default;
        Vector256<long> f = default;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            var k = (nuint)i;
            a += Vector512.LoadUnsafe(ref lm, k) + Vector512.LoadUnsafe(ref lm, k + 8) + Vector512.LoadUnsafe(ref lm, k + 16) + Vector512.LoadUnsafe(ref lm, k + 24);
            b += Vector512.LoadUnsafe(ref ev, k) + Vector512.LoadUnsafe(ref ev, k + 8) + Vector512.LoadUnsafe(ref ev, k + 16) + Vector512.LoadUnsafe(ref ev, k + 24);
            f += Vector256.LoadUnsafe(ref fl, k).AsInt64();
        }

        var sum = (ulong)(Vector512.Sum(a) + Vector512.Sum(b) + Vector256.Sum(f));
        for (; i < n; i++)
        {
            sum += (ulong)(batch.LastMessageAtColumn[i] + batch.DecidedAtColumn[i] + batch.FlagsColumn[i]);
        }

        return sum;
    }
}
