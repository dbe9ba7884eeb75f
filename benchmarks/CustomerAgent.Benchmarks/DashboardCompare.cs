using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerAgent.Bulk;
using CustomerAgent.Classification;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using DuckDB.NET.Data;
using NodaTime;

namespace CustomerAgent.Benchmarks;

/// <summary>
/// <c>compare-dashboard</c>: the dashboard's KPIs and daily bars by channel × status for 10 M conversations over a 90-day
/// period in Europe/Paris (with the 2026-03-29 daylight-saving change, a 23-hour day), as of one instant, by (a) the floor
/// of reading the columns once, (b) DuckDB in SQL with its time-zone functions, (c) the per-conversation accumulator
/// (measured at 1 M aggregates), and the bulk path (sequential and parallel) over the rows in start order (as a log read in
/// time order gives them: one range of rows per day) and shuffled (the day looked up per row). Median ns per conversation,
/// one closing line of ratios.
/// </summary>
internal static class DashboardCompare
{
    private const int Rows = 10_000_000;
    private const int PerConversationRows = 1_000_000;
    private const int Runs = 5;
    private const string Zone = "Europe/Paris";
    private const long Second = 1_000_000_000L;

    internal static int Run()
    {
        var clock = Stopwatch.StartNew();
        var settings = AccountReportingSettings.Create(AccountId.From("acct-1"), Zone);
        var period = ReportingPeriod.ForDates(settings, new LocalDate(2026, 3, 1), new LocalDate(2026, 5, 29));
        var asOf = period.End + Duration.FromDays(2);
        var batch = Generate(Rows, period, 42).ToBatch();
        var sorted = SortByStart(Generate(Rows, period, 42)).ToBatch();
        using var duck = Generate(Rows, period, 42).LoadDuckDb();
        if (batch.IsSortedByStart || !sorted.IsSortedByStart)
        {
            throw new InvalidOperationException("the shuffled batch must not be sorted by start, and the sorted one must be");
        }

        var small = Generate(PerConversationRows, period, 7);
        var conversations = small.ToConversations();
        var smallBatch = small.ToBatch();
        small = null;
        GC.Collect();
        Console.WriteLine(FormattableString.Invariant($"setup {clock.Elapsed.TotalSeconds:F1} s: {Rows:N0} rows in the batch and in DuckDB, {PerConversationRows:N0} aggregates; period {period}; {Environment.ProcessorCount} cores"));

        var bulk = BulkDashboard.Default;
        var scope = DashboardScope.Create(period, asOf);
        var expected = Cells(bulk.Count(batch, scope));
        Check("parallel", expected, Cells(bulk.CountParallel(batch, scope)));
        Check("sorted", expected, Cells(bulk.Count(sorted, scope)));
        Check("sorted parallel", expected, Cells(bulk.CountParallel(sorted, scope)));
        Check("duckdb", expected, DuckDb(duck, period, asOf));
        CheckPerConversation(bulk.Count(smallBatch, scope), PerConversation(conversations, period, asOf));
        Console.WriteLine(FormattableString.Invariant($"checked: bulk = parallel = DuckDB at 10 M, shuffled and in start order, bulk = per-conversation at 1 M; volume {expected.Sum():N0}, {period.DayCount} bars, day of 2026-03-29 = {period.DayInterval(28).Duration.TotalHours} h"));

        var results = new List<(string Name, double NsPerRow, string Note)>
        {
            ("floor (read 26 B/row, sum)", Measure(Rows, () => Floor(batch)), "start, last, decisive, flags, channel"),
            ("bulk dashboard, rows in start order", Measure(Rows, () => bulk.Count(sorted, scope)), "1 thread; one range of rows per day"),
            ("bulk dashboard, rows in start order, parallel", Measure(Rows, () => bulk.CountParallel(sorted, scope)), $"{Environment.ProcessorCount} threads"),
            ("bulk dashboard, rows shuffled", Measure(Rows, () => bulk.Count(batch, scope)), "1 thread; day looked up per row"),
            ("bulk dashboard, rows shuffled, parallel", Measure(Rows, () => bulk.CountParallel(batch, scope)), $"{Environment.ProcessorCount} threads"),
            ("duckdb (SQL, AT TIME ZONE, GROUP BY day, channel, status)", Measure(Rows, () => DuckDb(duck, period, asOf)), "in-process, own threads"),
            ("per-conversation accumulator", Measure(PerConversationRows, () => PerConversation(conversations, period, asOf)), "measured at 1 M"),
        };

        Console.WriteLine();
        Console.WriteLine("| contender | median ns/conversation | ms per 10 M | note |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        foreach (var (name, ns, note) in results)
        {
            Console.WriteLine(FormattableString.Invariant($"| {name} | {ns:F3} | {ns * Rows / 1e6:F1} | {note} |"));
        }

        double Ns(string prefix) => results.First(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).NsPerRow;
        var b = Ns("bulk dashboard, rows in start order");
        var shuffled = Ns("bulk dashboard, rows shuffled");
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant($"total {clock.Elapsed.TotalSeconds:F1} s"));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"dashboard bulk/floor={b / Ns("floor"):F2} duckdb/bulk={Ns("duckdb") / b:F2} per-conversation/bulk={Ns("per-conversation") / b:F1} parallel/bulk={Ns("bulk dashboard, rows in start order, parallel") / b:F2} | shuffled rows: bulk/floor={shuffled / Ns("floor"):F2} duckdb/bulk={Ns("duckdb") / shuffled:F2} parallel/bulk={Ns("bulk dashboard, rows shuffled, parallel") / shuffled:F2}"));
        return 0;
    }

    /// <summary>Rows like <see cref="Workload"/> but with starts spread over the period plus 5 days on each side (about 90 % inside).</summary>
    private static Workload Generate(int count, ReportingPeriod period, int seed)
    {
        var w = Workload.Generate(count, seed);
        var random = new Random(seed + 1);
        var from = ConversationBatch.ToUnixNanoseconds(period.Start) - (5 * 86_400 * Second);
        var span = (long)((period.End - period.Start).TotalSeconds + (10 * 86_400));
        for (var i = 0; i < count; i++)
        {
            var shift = from + (random.NextInt64(span) * Second) - w.StartedAt[i];
            w.StartedAt[i] += shift;
            w.LastMessageAt[i] += shift;
            if (w.HandoffAt[i] != ConversationBatch.NoInstant)
            {
                w.HandoffAt[i] += shift;
            }

            if (w.ClosedAt[i] != ConversationBatch.NoInstant)
            {
                w.ClosedAt[i] += shift;
            }
        }

        return w;
    }

    /// <summary>The same rows in order of start, as a batch built from a log read in time order is.</summary>
    private static Workload SortByStart(Workload w)
    {
        var order = Enumerable.Range(0, w.Count).ToArray();
        Array.Sort((long[])w.StartedAt.Clone(), order);
        Permute(w.StartedAt, order);
        Permute(w.LastMessageAt, order);
        Permute(w.LastAuthor, order);
        Permute(w.HandoffAt, order);
        Permute(w.ClosedAt, order);
        Permute(w.Channel, order);
        return w;

        static void Permute<T>(T[] column, int[] order)
        {
            var copy = (T[])column.Clone();
            for (var i = 0; i < order.Length; i++)
            {
                column[i] = copy[order[i]];
            }
        }
    }

    private static long[] Cells(BulkDashboardCounts counts)
    {
        var cells = new long[counts.Period.DayCount * 16];
        for (var d = 0; d < counts.Period.DayCount; d++)
        {
            foreach (var c in Enum.GetValues<Channel>())
            {
                foreach (var s in Enum.GetValues<ConversationStatus>())
                {
                    cells[(d * 16) + ((int)c * 4) + (int)s] = counts[d, c, s];
                }
            }
        }

        return cells;
    }

    /// <summary>The per-conversation path: the accumulator over aggregates (what a host without batches runs).</summary>
    private static DashboardReport PerConversation(List<Conversation> conversations, ReportingPeriod period, Instant asOf) =>
        new DashboardAccumulator(period, asOf, ConversationClassifier.Default).AddRange(conversations).ToReport();

    /// <summary>The bulk counts agree with the per-conversation report: each day's channel and status splits and the channel × status totals.</summary>
    private static void CheckPerConversation(BulkDashboardCounts bulk, DashboardReport report)
    {
        for (var d = 0; d < bulk.Period.DayCount; d++)
        {
            var day = bulk.Day(d);
            foreach (var c in Enum.GetValues<Channel>())
            {
                Same($"day {d} {c}", day.ForChannel(c).Total, report.Days[d].ByChannel[c]);
            }

            foreach (var s in Enum.GetValues<ConversationStatus>())
            {
                Same($"day {d} {s}", day.Total[s], report.Days[d].ByStatus[s]);
            }
        }

        foreach (var c in Enum.GetValues<Channel>())
        {
            var k = report.KpisByChannel[c];
            var t = bulk.Total.ForChannel(c);
            Same($"{c} statuses", (t.Open, t.ResolvedByAi, t.NotResolvedByAi, t.Closed), (k.Open, k.ResolvedByAi, k.NotResolvedByAi, k.Closed));
        }

        static void Same<T>(string what, T bulkValue, T perConversation)
            where T : IEquatable<T>
        {
            if (!bulkValue.Equals(perConversation))
            {
                throw new InvalidOperationException($"per-conversation disagrees with the bulk dashboard at {what}: {perConversation} vs {bulkValue}");
            }
        }
    }

    /// <summary>
    /// The same cohort and buckets in SQL: filter on the start column, local date with DuckDB's ICU time zones
    /// (<c>AT TIME ZONE</c>), the status rule as a CASE, GROUP BY day, channel, status.
    /// </summary>
    private static long[] DuckDb(DuckDBConnection connection, ReportingPeriod period, Instant asOf)
    {
        var t = ConversationBatch.ToUnixNanoseconds(asOf);
        var lo = ConversationBatch.ToUnixNanoseconds(period.Start);
        var hi = Math.Min(ConversationBatch.ToUnixNanoseconds(period.End), t + 1);
        var timeout = ConversationPolicy.DefaultAutoCloseAfter.ToInt64Nanoseconds();
        var first = period.FirstDate.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
        using var command = connection.CreateCommand();
        command.CommandText = FormattableString.Invariant($"""
            SELECT date_diff('day', DATE '{first}', CAST((make_timestamp(started_at // 1000) AT TIME ZONE 'UTC') AT TIME ZONE '{Zone}' AS DATE)) AS day,
                   channel,
                   CASE
                     WHEN handoff_at <= {t} THEN 2
                     WHEN coalesce(closed_at, last_message_at + {timeout}) <= {t} THEN CASE WHEN last_author = 1 THEN 1 ELSE 3 END
                     ELSE 0 END AS status,
                   count(*)
            FROM conversations
            WHERE started_at >= {lo} AND started_at < {hi}
            GROUP BY ALL
            """);
        var cells = new long[period.DayCount * 16];
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var day = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            var channel = Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture);
            var status = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
            cells[(day * 16) + (channel * 4) + status] = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
        }

        return cells;
    }

    /// <summary>The floor: one pass that reads exactly the columns the bulk dashboard reads (26 B per row) and only sums them, with vector adds.</summary>
    private static ulong Floor(ConversationBatch batch)
    {
        var n = batch.Count;
        ref var st = ref MemoryMarshal.GetArrayDataReference(batch.StartedAtColumn);
        ref var lm = ref MemoryMarshal.GetArrayDataReference(batch.LastMessageAtColumn);
        ref var ev = ref MemoryMarshal.GetArrayDataReference(batch.DecidedAtColumn);
        ref var fl = ref MemoryMarshal.GetArrayDataReference(batch.FlagsColumn);
        ref var ch = ref MemoryMarshal.GetArrayDataReference(batch.ChannelColumn);
        Vector256<long> s = default, a = default, b = default, f = default, c = default;
        var i = 0;
        for (; i <= n - 32; i += 32)
        {
            var k = (nuint)i;
            s += Vector256.LoadUnsafe(ref st, k) + Vector256.LoadUnsafe(ref st, k + 4) + Vector256.LoadUnsafe(ref st, k + 8) + Vector256.LoadUnsafe(ref st, k + 12)
                + Vector256.LoadUnsafe(ref st, k + 16) + Vector256.LoadUnsafe(ref st, k + 20) + Vector256.LoadUnsafe(ref st, k + 24) + Vector256.LoadUnsafe(ref st, k + 28);
            a += Vector256.LoadUnsafe(ref lm, k) + Vector256.LoadUnsafe(ref lm, k + 4) + Vector256.LoadUnsafe(ref lm, k + 8) + Vector256.LoadUnsafe(ref lm, k + 12)
                + Vector256.LoadUnsafe(ref lm, k + 16) + Vector256.LoadUnsafe(ref lm, k + 20) + Vector256.LoadUnsafe(ref lm, k + 24) + Vector256.LoadUnsafe(ref lm, k + 28);
            b += Vector256.LoadUnsafe(ref ev, k) + Vector256.LoadUnsafe(ref ev, k + 4) + Vector256.LoadUnsafe(ref ev, k + 8) + Vector256.LoadUnsafe(ref ev, k + 12)
                + Vector256.LoadUnsafe(ref ev, k + 16) + Vector256.LoadUnsafe(ref ev, k + 20) + Vector256.LoadUnsafe(ref ev, k + 24) + Vector256.LoadUnsafe(ref ev, k + 28);
            f += Vector256.LoadUnsafe(ref fl, k).AsInt64();
            c += Vector256.LoadUnsafe(ref ch, k).AsInt64();
        }

        var sum = (ulong)(Vector256.Sum(s) + Vector256.Sum(a) + Vector256.Sum(b) + Vector256.Sum(f) + Vector256.Sum(c));
        for (; i < n; i++)
        {
            sum += (ulong)(batch.StartedAtColumn[i] + batch.LastMessageAtColumn[i] + batch.DecidedAtColumn[i] + batch.FlagsColumn[i] + batch.ChannelColumn[i]);
        }

        return sum;
    }

    private static void Check(string name, long[] expected, long[] actual)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
        {
            var i = Enumerable.Range(0, expected.Length).First(k => expected[k] != actual[k]);
            throw new InvalidOperationException(FormattableString.Invariant($"{name} disagrees with the bulk dashboard at day {i / 16}, channel {i / 4 % 4}, status {i % 4}: {actual[i]} vs {expected[i]}"));
        }
    }

    private static double Measure<T>(int rows, Func<T> run) => Timing.Median(Runs, run).TotalNanoseconds / rows;
}
