using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// The dashboard's KPIs and daily bars by channel and status (R13–R15) straight from a <see cref="ConversationBatch"/>, for
/// millions of conversations: one pass over the status and channel columns (and the start column, unless the rows are in
/// order of start), no allocation per conversation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Cohort</b>, as <see cref="DashboardAccumulator"/>: rows whose start lies in the period and not after <c>asOf</c>
/// (preview conversations are never in a batch, R20), and, when the scope has a timeline, whose channel was live at the start (R12).
/// </para>
/// <para>
/// <b>Local days without a time-zone conversion per row</b>: the period's day boundaries (from the zone's transitions,
/// <see cref="ReportingPeriod.DayInterval"/>) are turned once into a table indexed by <c>(start − period start) &gt;&gt; 42</c>
/// (buckets of about 73 minutes) that gives the day at the bucket's start; a row then needs one shift, one table read and
/// one comparison with the next day's start. Days of 23 or 25 hours, days that begin at 01:00 and empty days are exact.
/// </para>
/// <para>
/// <b>Rows in order of start</b> (<see cref="ConversationBatch.IsSortedByStart"/>, as a batch built from a log read in time
/// order is): each local day (cut again where a channel is switched on or off, R12) is one range of rows, found by two binary
/// searches on the start column and counted per channel × status by the vectorized kernel; the start column is read only by
/// the searches.
/// </para>
/// <para>Immutable and thread-safe.</para>
/// </remarks>
public sealed class BulkDashboard
{
    private const int BucketShift = 42;

    private readonly long _autoCloseNanoseconds;

    /// <summary>Creates the bulk dashboard for batches built under <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy every batch must have (D1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public BulkDashboard(ConversationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        Policy = policy;
        _autoCloseNanoseconds = policy.AutoCloseAfter.ToInt64Nanoseconds();
    }

    /// <summary>The bulk dashboard for <see cref="ConversationPolicy.Default"/> (48 hours).</summary>
    public static BulkDashboard Default { get; } = new(ConversationPolicy.Default);

    /// <summary>The policy (inactivity timeout) applied.</summary>
    public ConversationPolicy Policy { get; }

    /// <summary>Counts the whole batch.</summary>
    /// <param name="batch">One account's conversations.</param>
    /// <param name="scope">The period (of the batch's account), the instant and the timeline (R12).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CustomerAgentException">The batch belongs to another account than the period (R15) or was built under another policy (D1).</exception>
    public BulkDashboardCounts Count(ConversationBatch batch, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return CountRows(batch, 0, batch.Count, scope);
    }

    /// <summary>Counts rows <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/> − 1 (one shard; merge shards with <see cref="BulkDashboardCounts.Merge"/>).</summary>
    /// <param name="batch">One account's conversations.</param>
    /// <param name="start">The first row.</param>
    /// <param name="length">The number of rows.</param>
    /// <param name="scope">The period (of the batch's account), the instant and the timeline (R12).</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row range is not inside the batch.</exception>
    /// <exception cref="CustomerAgentException">As <see cref="Count(ConversationBatch, DashboardScope)"/>.</exception>
    public BulkDashboardCounts CountRows(ConversationBatch batch, int start, int length, DashboardScope scope)
    {
        var plan = Prepare(batch, start, length, scope);
        var cells = new long[(scope.Period.DayCount * BulkDashboardCounts.CellsPerDay) + 1];
        CountRange(batch, start, length, plan, cells);
        return new BulkDashboardCounts(scope.Period, scope.AsOf, cells);
    }

    /// <summary>Like <see cref="Count(ConversationBatch, DashboardScope)"/> on several threads: one array of counts per chunk of rows, merged at the end.</summary>
    /// <param name="batch">One account's conversations.</param>
    /// <param name="scope">The period (of the batch's account), the instant and the timeline (R12).</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; −1 for the scheduler's default.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDegreeOfParallelism"/> is 0 or less than −1.</exception>
    /// <exception cref="CustomerAgentException">As <see cref="Count(ConversationBatch, DashboardScope)"/>.</exception>
    public BulkDashboardCounts CountParallel(ConversationBatch batch, DashboardScope scope, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (maxDegreeOfParallelism is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be positive, or -1 for the default");
        }

        var plan = Prepare(batch, 0, batch.Count, scope);
        var period = scope.Period;
        // Stryker disable once all : the number of workers only sets the number of chunks; any split counts the same rows (the parallel tests compare with one pass)
        var workers = maxDegreeOfParallelism == -1 ? Environment.ProcessorCount : Math.Min(maxDegreeOfParallelism, Environment.ProcessorCount);
        // Stryker disable once Arithmetic : the number of chunks only; chunkRows is derived from it, so every split covers every row once
        var chunks = Math.Max(1, Math.Min(workers * 2, (batch.Count + (1 << 16) - 1) >> 16));
        var chunkRows = (batch.Count + chunks - 1) / chunks;
        var size = (period.DayCount * BulkDashboardCounts.CellsPerDay) + 1;
        var partial = new long[chunks][];
        // Stryker disable once Initializer : the thread limit only; the counts do not depend on how many threads run
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, j =>
        {
            var cells = new long[size];
            var first = j * chunkRows;
            CountRange(batch, first, Math.Max(0, Math.Min(chunkRows, batch.Count - first)), plan, cells);
            partial[j] = cells;
        });

        var total = partial[0];
        for (var j = 1; j < chunks; j++)
        {
            for (var i = 0; i < size; i++)
            {
                total[i] += partial[j][i];
            }
        }

        return new BulkDashboardCounts(period, scope.AsOf, total);
    }

    private Plan Prepare(ConversationBatch batch, int start, int length, DashboardScope scope)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(scope);
        var period = scope.Period;
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, batch.Count - start, nameof(length));
        var t = ConversationBatch.ToUnixNanoseconds(scope.AsOf, "asOf");
        if (batch.AccountId != period.AccountId)
        {
            throw new CustomerAgentException("R15", "batch.accountId", batch.AccountId.Value, $"is not the period's account {Preconditions.Echo(period.AccountId.Value)}; one account's data never counts in another's");
        }

        if (!Policy.Equals(batch.Policy))
        {
            throw new CustomerAgentException("D1", "batch.policy", batch.Policy.ToString(), $"differs from the {Policy} this dashboard was built with");
        }

        return Plan.Create(period, t, t - _autoCloseNanoseconds, scope.ChannelToggles, batch.IsSortedByStart);
    }

    private static void CountRange(ConversationBatch batch, int start, int length, Plan plan, long[] cells)
    {
        if (batch.IsSortedByStart)
        {
            CountSorted(batch, start, length, plan, cells);
        }
        else if (plan.Toggles is null && plan.Regular)
        {
            CountRegular(batch, start, length, plan, cells);
        }
        else if (plan.Toggles is null)
        {
            CountRange<NoTimeline>(batch, start, length, plan, cells);
        }
        else
        {
            CountRange<WithTimeline>(batch, start, length, plan, cells);
        }
    }

    /// <summary>
    /// The kernel for a batch in order of start (<see cref="ConversationBatch.IsSortedByStart"/>): each segment of the period
    /// (a local day, cut again where a channel is switched on or off, R12) is one range of rows, found by binary search on the
    /// start column, and counted per channel × status by the vectorized kernel (<see cref="BulkKernels"/>) without reading the
    /// start of each row; the channels that were off during the segment are left out.
    /// </summary>
    private static void CountSorted(ConversationBatch batch, int start, int length, Plan plan, long[] cells)
    {
        var starts = batch.StartedAtColumn.AsSpan(start, length);
        var bounds = plan.SegmentBounds;
        if (bounds.Length == 0)
        {
            return;
        }

        var from = LowerBound(starts, 0, bounds[0]);
        for (var k = 0; k < plan.SegmentDay.Length; k++)
        {
            var to = LowerBound(starts, from, bounds[k + 1]);
            if (to > from)
            {
                var counts = BulkKernels.CountByChannelVector(batch, start + from, to - from, plan.T, plan.Threshold);
                var first = plan.SegmentDay[k] * BulkDashboardCounts.CellsPerDay;
                for (var channel = 0; channel < ChannelStatusCounts.ChannelCount; channel++)
                {
                    if ((plan.SegmentLive[k] & (1 << channel)) == 0)
                    {
                        continue;
                    }

                    for (var status = 0; status < ChannelStatusCounts.StatusCount; status++)
                    {
                        var cell = ChannelStatusCounts.Index(channel, status);
                        cells[first + cell] += counts.Cell(cell);
                    }
                }
            }

            from = to;
        }
    }

    /// <summary>The first index at or after <paramref name="from"/> whose value is at least <paramref name="value"/> (the values are sorted).</summary>
    internal static int LowerBound(ReadOnlySpan<long> sorted, int from, long value)
    {
        var lo = from;
        var hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// The fast kernel, for periods whose days all last longer than a bucket (every zone but a date skipped entirely) and no
    /// timeline. Statuses come 1,024 rows at a time from the vectorized classification kernel (<see cref="BulkKernels"/>);
    /// then, with no branch per row, a row outside the cohort is counted in a spare cell after the period's cells and the
    /// day is the bucket's day plus one when the row starts at or after the next day's start.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountRegular(ConversationBatch batch, int start, int length, Plan plan, long[] cells)
    {
        const int Chunk = 1024;
        Span<byte> keys = stackalloc byte[Chunk];
        for (var done = 0; done < length; done += Chunk)
        {
            var n = Math.Min(Chunk, length - done);
            BulkKernels.ClassifyVector(batch, start + done, n, plan.T, plan.Threshold, keys);
            AddChannels(keys[..n], batch.ChannelColumn.AsSpan(start + done, n));
            CountChunk(
                ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(batch.StartedAtColumn), start + done),
                ref MemoryMarshal.GetReference(keys),
                n,
                plan,
                ref MemoryMarshal.GetArrayDataReference(cells));
        }
    }

    /// <summary>Turns each status byte into the cell within the day: channel × 4 + status (vectorized where available).</summary>
    private static void AddChannels(Span<byte> keys, ReadOnlySpan<byte> channels)
    {
        var i = 0;
        // Stryker disable once Boolean : the vector loop or the scalar one turn the same status bytes into the same cells
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= keys.Length - Vector256<byte>.Count; i += Vector256<byte>.Count)
            {
                var c = Vector256.Create(channels.Slice(i, Vector256<byte>.Count));
                var k = Vector256.Create((ReadOnlySpan<byte>)keys.Slice(i, Vector256<byte>.Count));
                (k + (c << 2)).CopyTo(keys.Slice(i, Vector256<byte>.Count));
            }
        }

        for (; i < keys.Length; i++)
        {
            keys[i] = (byte)(keys[i] + (channels[i] << 2));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountChunk(ref long starts, ref byte keys, int n, Plan plan, ref long counts)
    {
        var lo = plan.Low;
        var width = (ulong)(plan.High - plan.Low);
        var spare = plan.SpareCell;
        ref var table = ref MemoryMarshal.GetArrayDataReference(plan.BucketTable);
        for (nint i = 0; i < n; i++)
        {
            var s = Unsafe.Add(ref starts, i);
            var offset = (ulong)(s - lo);

            // −1 when offset < width (both below 2^63 for rows after the start), 0 otherwise, without a branch.
            var inCohort = (nint)((long)((offset - width) & ~offset) >> 63);
            ref var entry = ref Unsafe.Add(ref table, (nint)((offset & (ulong)inCohort) >> (BucketShift - 1)) & ~(nint)1);
            var cell = (nint)entry + (s >= Unsafe.Add(ref entry, 1) ? BulkDashboardCounts.CellsPerDay : 0) + Unsafe.Add(ref keys, i);
            Unsafe.Add(ref counts, spare + ((cell - spare) & inCohort))++;
        }
    }

    /// <summary>The kernel: filter on the start column, day from the bucket table, status from the classification columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountRange<TTimeline>(ConversationBatch batch, int start, int length, Plan plan, long[] cells)
        where TTimeline : struct, ITimelineFilter
    {
        var starts = batch.StartedAtColumn.AsSpan(start, length);
        var last = batch.LastMessageAtColumn.AsSpan(start, length);
        var decided = batch.DecidedAtColumn.AsSpan(start, length);
        var flags = batch.FlagsColumn.AsSpan(start, length);
        var channels = batch.ChannelColumn.AsSpan(start, length);
        var lo = plan.Low;
        var width = (ulong)(plan.High - plan.Low);
        var t = plan.T;
        var threshold = plan.Threshold;
        ref var bucketDay = ref MemoryMarshal.GetArrayDataReference(plan.BucketDay);
        ref var dayStarts = ref MemoryMarshal.GetArrayDataReference(plan.DayStarts);
        ref var counts = ref MemoryMarshal.GetArrayDataReference(cells);
        for (var i = 0; i < starts.Length; i++)
        {
            var offset = (ulong)(starts[i] - lo);
            if (offset >= width)
            {
                continue;
            }

            var channel = channels[i];
            if (default(TTimeline).Excludes(plan, channel, starts[i]))
            {
                continue;
            }

            var day = Unsafe.Add(ref bucketDay, (nint)(offset >> BucketShift));
            while (starts[i] >= Unsafe.Add(ref dayStarts, day + 1))
            {
                day++;
            }

            var status = BulkKernels.ScalarStatus(last[i], decided[i], flags[i], t, threshold);
            Unsafe.Add(ref counts, (day * BulkDashboardCounts.CellsPerDay) + (channel * ChannelStatusCounts.StatusCount) + status)++;
        }
    }

    /// <summary>
    /// R12: a channel is live at <paramref name="at"/> when an odd number of its toggles (enable, disable, …, in order) are at or
    /// before it, that is before <paramref name="at"/> + 1 ns (<paramref name="at"/> is a supported instant, H6: no overflow).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLive(long[] toggles, long at) => (LowerBound(toggles, 0, at + 1) & 1) == 1;

    private interface ITimelineFilter
    {
        bool Excludes(Plan plan, byte channel, long start);
    }

    private readonly struct NoTimeline : ITimelineFilter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Excludes(Plan plan, byte channel, long start) => false;
    }

    private readonly struct WithTimeline : ITimelineFilter
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Excludes(Plan plan, byte channel, long start) => !IsLive(plan.Toggles![channel], start);
    }

    /// <summary>What one call precomputes: the row filter bounds, the day table, the status instants, the timeline's toggles.</summary>
    private sealed class Plan
    {
        internal long Low { get; private init; }

        internal long High { get; private init; }

        internal long T { get; private init; }

        internal long Threshold { get; private init; }

        internal int[] BucketDay { get; private init; } = [];

        internal long[] DayStarts { get; private init; } = [];

        /// <summary>Per bucket, two longs side by side: the first cell of the bucket's day (day × 16) and the start of the next day.</summary>
        internal long[] BucketTable { get; private init; } = [];

        internal long[][]? Toggles { get; private init; }

        /// <summary>The sorted kernel's segments: segment k is [bounds[k], bounds[k + 1]), inside [<see cref="Low"/>, <see cref="High"/>).</summary>
        internal long[] SegmentBounds { get; private init; } = [];

        /// <summary>The day of each segment.</summary>
        internal int[] SegmentDay { get; private init; } = [];

        /// <summary>Per segment, bit c set when channel c is live throughout it (R12; every channel without a timeline).</summary>
        internal int[] SegmentLive { get; private init; } = [];

        /// <summary>Whether every day is longer than a bucket, so a bucket holds at most one day start.</summary>
        internal bool Regular { get; private init; }

        /// <summary>The spare cell rows outside the cohort are counted in (after the period's cells).</summary>
        internal nint SpareCell { get; private init; }

        internal static Plan Create(ReportingPeriod period, long t, long threshold, long[][]? toggles, bool sorted)
        {
            var dayStarts = new long[period.DayCount + 1];
            var boundaries = period.DayStarts;
            for (var i = 0; i < dayStarts.Length; i++)
            {
                dayStarts[i] = ConversationBatch.ToUnixNanoseconds(boundaries[i], "period");
            }

            var low = dayStarts[0];
            var high = Math.Min(dayStarts[^1], t + 1); // initiated in the period and not after asOf
            var buckets = (int)((ulong)(dayStarts[^1] - low) >> BucketShift) + 1;
            var bucketDay = new int[buckets];
            var bucketTable = new long[2 * buckets];
            var day = 0;
            for (var b = 0; b < buckets; b++)
            {
                day = DayAt(dayStarts, day, low + ((long)b << BucketShift));
                bucketDay[b] = day;
                bucketTable[2 * b] = (long)day * BulkDashboardCounts.CellsPerDay;
                bucketTable[(2 * b) + 1] = dayStarts[day + 1];
            }

            // Stryker disable once Boolean : "not regular" only chooses the per-row kernel, which counts any period the same (BulkDashboardTests)
            var regular = true;
            for (var d = 0; d < period.DayCount; d++)
            {
                regular &= dayStarts[d + 1] - dayStarts[d] > (1L << BucketShift);
            }

            var (bounds, segmentDay, segmentLive) = sorted ? Segments(dayStarts, Math.Max(low, high), toggles) : ([], [], []);
            return new Plan
            {
                SegmentBounds = bounds,
                SegmentDay = segmentDay,
                SegmentLive = segmentLive,
                Regular = regular,
                SpareCell = period.DayCount * BulkDashboardCounts.CellsPerDay,
                Low = low,
                High = Math.Max(low, high),
                T = t,
                Threshold = threshold,
                BucketDay = bucketDay,
                BucketTable = bucketTable,
                DayStarts = dayStarts,
                Toggles = toggles,
            };
        }

        /// <summary>
        /// The day of instant <paramref name="at"/>: the last day starting at or before it (a date the zone skips has a day of no
        /// length, so the day after it is chosen), searching forward from <paramref name="from"/> for instants given in order.
        /// </summary>
        private static int DayAt(long[] dayStarts, int from, long at)
        {
            var day = from;
            while (day + 1 < dayStarts.Length - 1 && dayStarts[day + 1] <= at)
            {
                day++;
            }

            return day;
        }

        /// <summary>
        /// Cuts [day 0's start, <paramref name="high"/>) at every day start and every toggle inside it; each segment gets its day
        /// and its live channels (<see cref="IsLive"/>). O((days + toggles) log(days + toggles)): one sort, then one binary search
        /// per segment and channel.
        /// </summary>
        private static (long[] Bounds, int[] Day, int[] Live) Segments(long[] dayStarts, long high, long[][]? toggles)
        {
            var low = dayStarts[0];
            if (high <= low)
            {
                return ([], [], []);
            }

            var cuts = new List<long>(dayStarts.Length);
            for (var d = 0; d < dayStarts.Length - 1 && dayStarts[d] < high; d++)
            {
                cuts.Add(dayStarts[d]);
            }

            foreach (var channel in toggles ?? [])
            {
                foreach (var toggle in channel)
                {
                    if (toggle > low && toggle < high)
                    {
                        cuts.Add(toggle);
                    }
                }
            }

            cuts.Sort();
            var count = 0;
            for (var i = 0; i < cuts.Count; i++)
            {
                if (count == 0 || cuts[i] != cuts[count - 1])
                {
                    cuts[count++] = cuts[i];
                }
            }

            var bounds = new long[count + 1];
            cuts.CopyTo(0, bounds, 0, count);
            bounds[^1] = high;
            var day = new int[count];
            var live = new int[count];
            var current = 0;
            for (var k = 0; k < count; k++)
            {
                current = DayAt(dayStarts, current, bounds[k]);
                day[k] = current;
                for (var c = 0; c < ChannelStatusCounts.ChannelCount; c++)
                {
                    // No toggle lies inside a segment, so the channel's state at its start holds throughout.
                    live[k] |= toggles is null || IsLive(toggles[c], bounds[k]) ? 1 << c : 0;
                }
            }

            return (bounds, day, live);
        }

    }
}
