using System.Buffers;
using System.Runtime.InteropServices;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Attribution;

/// <summary>
/// The sort-and-sweep core shared by the calculators. Orders and evidence are grouped by identifier key (account +
/// one identifier; a record with several identifiers joins several groups), each group is sorted by time, and one sweep
/// per group keeps, for every window slot, the best evidence seen so far. Cost: O((N + M) log(N + M)) time (the sorts of
/// the groups), O(N + M) memory; a record is never compared with another group's.
/// </summary>
internal static class AttributionEngine
{
    /// <summary>From this many orders (or pairs to sort) on, independent parts of the work run on a second thread.</summary>
    private const int ParallelOrders = 65_536;

    /// <summary>Which records take part (evaluated per record, without a delegate call).</summary>
    internal interface IRecordFilter
    {
        /// <summary>Whether record <paramref name="record"/> takes part.</summary>
        bool Includes(int record);
    }

    /// <summary>A sweep's rule: which evidence takes part, which window slot it falls in, each slot's window, and the tie-break at equal instants.</summary>
    internal interface ISweepRule : IRecordFilter
    {
        int SlotCount { get; }

        int Slot(int evidence);

        long WindowNanos(int slot);

        /// <summary>Whether <paramref name="a"/> beats <paramref name="b"/> when both happened at the same instant (a strict preference).</summary>
        bool Beats(int a, int b);
    }

    /// <summary>
    /// The orders, indexed by identifier key, each key's orders sorted by time. Its large arrays are rented from the shared
    /// array pool (a host attributing again and again reuses them instead of growing the large-object heap each time): dispose
    /// it when done, and read them only up to the orders' count.
    /// </summary>
    internal sealed class OrderIndex : IDisposable
    {
        internal OrderIndex(Order[] orders)
        {
            Orders = orders;
            // D5 (an order ID once per account) and the revenue total run beside the keys on a second thread when there are many
            // orders: both are bound by memory latency (one order object and its fields per order), not by one core.
            // Stryker disable once Equality,Conditional : on this thread or beside it, the same check gives the same totals and the same first repeat
            var d5 = orders.Length >= ParallelOrders ? Task.Run(() => CheckOrderIds(orders)) : null;
            if (d5 is null)
            {
                TotalRevenue = CheckOrderIds(orders);
            }

            // Each order's instant and shopper (an index into the distinct identities, by reference: orders usually share them).
            Nanos = Rent<long>(orders.Length);
            var shopperOf = Rent<int>(orders.Length);
            // Stryker disable once Arithmetic : a capacity only
            using var shoppers = new Numbering<ShopperIdentity, ByReference>(orders.Length / 4);
            for (var i = 0; i < orders.Length; i++)
            {
                var order = orders[i];
                Nanos[i] = UnixNanoseconds.From(order.PlacedAt);
                shopperOf[i] = shoppers.GetOrAdd(order.Shopper);
            }

            KeyIds = new Numbering<IdentifierKey, ByText>(shoppers.Count);
            var (keyStart, keyIds) = KeysOf(shoppers.Keys, KeyIds, add: true);
            (Start, Items, Times) = Scatter(KeyIds.Count, orders.Length, shopperOf, keyStart, keyIds, Nanos, default(Everything));
            // Stryker disable once Statement : only whether the pool gets its array back
            ArrayPool<int>.Shared.Return(shopperOf);
            TotalRevenue = d5?.GetAwaiter().GetResult() ?? TotalRevenue;
        }

        /// <summary>Gives the rented arrays back to the pool; the index is not read after.</summary>
        // Stryker disable once Statement : only whether the pools get their arrays back
        public void Dispose()
        {
            KeyIds.Dispose();
            ArrayPool<long>.Shared.Return(Nanos);
            ArrayPool<int>.Shared.Return(Start);
            ArrayPool<int>.Shared.Return(Items);
            ArrayPool<long>.Shared.Return(Times);
        }

        internal Order[] Orders { get; }

        internal long[] Nanos { get; }

        /// <summary>The revenue of all the orders, per currency (a currency past the decimal range marked, never thrown).</summary>
        internal MoneyTotals TotalRevenue { get; } = MoneyTotals.Empty;

        /// <summary>
        /// D5: an order ID once per account. Each order's (account, ID) is hashed beside its position and the pairs sorted, so
        /// equal hashes sit side by side and only those are compared exactly: sequential memory instead of a set of every ID. The
        /// order named is the first, in input order, whose ID appeared before (as a set filled in order would find it). The
        /// same pass over the orders sums their revenue, returned.
        /// </summary>
        private static MoneyTotals CheckOrderIds(Order[] orders)
        {
            var pooled = Rent<ulong>(orders.Length);
            var keys = pooled.AsSpan(0, orders.Length);
            var totals = new MoneyTotals.Builder(tolerateOverflow: true);
            for (var i = 0; i < orders.Length; i++)
            {
                var order = orders[i];
                keys[i] = ((ulong)(uint)HashOf(order) << 32) | (uint)i;
                totals.Add(order.Total);
            }

            keys.Sort();
            var repeated = int.MaxValue;
            for (var run = 0; run < keys.Length;)
            {
                var end = run + 1;
                // Stryker disable once Bitwise : the keys are unsigned, so >> and >>> agree
                while (end < keys.Length && keys[end] >> 32 == keys[run] >> 32)
                {
                    end++;
                }

                // Within a run positions ascend: a later order equal to an earlier one is a repeat.
                // Stryker disable once Arithmetic : starting before the run only compares orders of another hash, never the same order
                for (var later = run + 1; later < end; later++)
                {
                    for (var earlier = run; earlier < later; earlier++)
                    {
                        if (SameOrder(orders[(int)(uint)keys[earlier]], orders[(int)(uint)keys[later]]))
                        {
                            repeated = Math.Min(repeated, (int)(uint)keys[later]);
                            // Stryker disable once Statement : comparing on finds the same later order again; Math.Min keeps the first
                            break;
                        }
                    }
                }

                run = end;
            }

            // Stryker disable once Statement : only whether the pool gets its array back
            ArrayPool<ulong>.Shared.Return(pooled);
            if (repeated != int.MaxValue)
            {
                var order = orders[repeated];
                throw new CustomerAgentException("D5", "order.id", order.Id, $"appears twice in account {Preconditions.Echo(order.AccountId.Value)}: an order counts at most once");
            }

            return totals.Build();

            static int HashOf(Order order) => HashCode.Combine(StringComparer.Ordinal.GetHashCode(order.AccountId.Value), StringComparer.Ordinal.GetHashCode(order.Id));

            static bool SameOrder(Order a, Order b) => a.AccountId == b.AccountId && string.Equals(a.Id, b.Id, StringComparison.Ordinal);
        }

        /// <summary>The orders' identifier keys, numbered: a key's number is its group.</summary>
        internal Numbering<IdentifierKey, ByText> KeyIds { get; }

        internal int[] Start { get; }

        internal int[] Items { get; }

        /// <summary>The instants of <see cref="Items"/>, in the same order (read in sequence by the sweep, not through the order).</summary>
        internal long[] Times { get; }
    }

    /// <summary>
    /// Attributes every order by the settings in force when it was placed (<see cref="AttributionSettingsHistory"/>): one run of
    /// <paramref name="credits"/> per distinct settings, each order taking its credit from its own settings' run.
    /// </summary>
    internal static AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence, AttributionSettingsHistory history, Func<OrderIndex, AttributionEvidence, AttributionSettings, List<Credited>> credits)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        using var index = new OrderIndex(ToArray(orders));
        // Stryker disable once Block : without the shortcut, one settings' run takes the same credits
        if (!history.HasChanges)
        {
            return Finish(index, evidence, credits(index, evidence, history.Initial));
        }

        var result = new List<Credited>();
        foreach (var (settings, member) in history.Partition(index.Orders))
        {
            foreach (var credited in credits(index, evidence, settings))
            {
                if (member[credited.Order])
                {
                    result.Add(credited);
                }
            }
        }

        result.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return Finish(index, evidence, result);
    }

    internal static Order[] ToArray(IEnumerable<Order> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var array = orders.ToArray();
        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentException($"orders[{i}] is null", nameof(orders));
            }
        }

        return array;
    }

    /// <summary>
    /// For every order, the index of the best evidence inside its window, or −1, in an array rented from the shared pool (read
    /// it up to the orders' count, then give it back with <see cref="ReturnBest"/>). <paramref name="shopperOf"/> gives each
    /// record's shopper as an index into <paramref name="shoppers"/>, whose matching keys are looked up once per distinct
    /// shopper; the rule leaves records out (<see cref="IRecordFilter.Includes"/>). The groups are swept on two threads when there are many.
    /// </summary>
    internal static int[] Sweep<TRule>(OrderIndex index, ShopperIdentity[] shoppers, int[] shopperOf, long[] evidenceNanos, TRule rule)
        where TRule : struct, ISweepRule
    {
        var (keyStart, keyIds) = KeysOf(shoppers, index.KeyIds, add: false);
        var groups = index.KeyIds.Count;
        var (start, items, times) = Scatter(groups, shopperOf.Length, shopperOf, keyStart, keyIds, evidenceNanos, rule);
        try
        {
            // Stryker disable once Equality,Logical,Boolean,Block : one thread, or two halves whose bests are merged, find the same best evidence
            if (groups < 4096 || index.Orders.Length < ParallelOrders)
            {
                return SweepGroups(index, start, items, times, evidenceNanos, rule, 0, groups);
            }

            // An order with several identifiers sits in several groups: each half keeps its own best, then the two are merged.
            var half = groups / 2;
            var second = Task.Run(() => SweepGroups(index, start, items, times, evidenceNanos, rule, half, groups));
            int[] best;
            try
            {
                best = SweepGroups(index, start, items, times, evidenceNanos, rule, 0, half);
            }
            catch
            {
                // The second half reads the rented arrays: they go back to the pool only once it is done; this failure is the one reported.
                ((IAsyncResult)second).AsyncWaitHandle.WaitOne();
                throw;
            }

            var other = second.GetAwaiter().GetResult();
            for (var o = 0; o < index.Orders.Length; o++)
            {
                best[o] = Best(best[o], other[o], evidenceNanos, ref rule);
            }

            // Stryker disable once Statement : only whether the pool gets its array back
            ArrayPool<int>.Shared.Return(other);
            return best;
        }
        finally
        {
            // Stryker disable Statement : only whether the pool gets its arrays back
            ArrayPool<int>.Shared.Return(start);
            ArrayPool<int>.Shared.Return(items);
            ArrayPool<long>.Shared.Return(times);
            // Stryker restore Statement
        }
    }

    /// <summary>Gives an array of <see cref="Sweep"/> back to the pool.</summary>
    internal static void ReturnBest(int[] best) => ArrayPool<int>.Shared.Return(best);

    /// <summary>An array from the shared pool, at least <paramref name="length"/> long (never empty); its contents are undefined.</summary>
    private static T[] Rent<T>(int length) => ArrayPool<T>.Shared.Rent(Math.Max(1, length));

    /// <summary>
    /// The group ids of each distinct shopper's keys, flattened: shopper s has <c>Ids[Start[s]..Start[s + 1])</c>, so passes over
    /// the records read two small arrays. With <paramref name="add"/> a new key gets the next id; without, a key no order has is skipped.
    /// </summary>
    private static (int[] Start, int[] Ids) KeysOf(ReadOnlySpan<ShopperIdentity> shoppers, Numbering<IdentifierKey, ByText> groups, bool add)
    {
        var keyCount = 0;
        foreach (var shopper in shoppers)
        {
            keyCount += shopper.Keys.Length;
        }

        var keyStart = new int[shoppers.Length + 1];
        var keyIds = new int[keyCount];
        var found = 0;
        for (var s = 0; s < shoppers.Length; s++)
        {
            keyStart[s] = found;
            foreach (var key in shoppers[s].Keys)
            {
                var id = add ? groups.GetOrAdd(key) : groups.IndexOf(key);
                if (id >= 0)
                {
                    keyIds[found++] = id;
                }
            }
        }

        keyStart[shoppers.Length] = found;
        return (keyStart, keyIds);
    }

    /// <summary>
    /// The sweep of groups [<paramref name="firstGroup"/>, <paramref name="endGroup"/>): orders and evidence are read in time order
    /// through their sorted instants (<paramref name="times"/>, <see cref="OrderIndex.Times"/>), so the inner loops touch memory in
    /// sequence; each slot keeps its best evidence and that evidence's instant.
    /// </summary>
    private static int[] SweepGroups<TRule>(OrderIndex index, int[] start, int[] items, long[] times, long[] evidenceNanos, TRule rule, int firstGroup, int endGroup)
        where TRule : struct, ISweepRule
    {
        var best = Rent<int>(index.Orders.Length);
        best.AsSpan(0, index.Orders.Length).Fill(-1);
        var slotCount = rule.SlotCount;
        Span<int> slots = stackalloc int[slotCount];
        Span<long> slotTimes = stackalloc long[slotCount];
        Span<long> windows = stackalloc long[slotCount];
        for (var s = 0; s < slotCount; s++)
        {
            windows[s] = rule.WindowNanos(s);
        }

        var (orderItems, orderTimes) = (index.Items, index.Times);
        for (var g = firstGroup; g < endGroup; g++)
        {
            var (j, end) = (start[g], start[g + 1]);
            // Stryker disable once Statement : an empty group's sweep finds nothing
            if (j == end)
            {
                continue;
            }

            slots.Fill(-1);
            for (var p = index.Start[g]; p < index.Start[g + 1]; p++)
            {
                var t = orderTimes[p];
                for (; j < end && times[j] <= t; j++)
                {
                    // Evidence comes in time order: a later one replaces the slot's best; at the same instant the rule decides.
                    var e = items[j];
                    var s = rule.Slot(e);
                    if (Replaces(slots[s], slotTimes[s], e, times[j], ref rule))
                    {
                        (slots[s], slotTimes[s]) = (e, times[j]);
                    }
                }

                var candidate = -1;
                var candidateTime = 0L;
                for (var s = 0; s < slotCount; s++)
                {
                    var e = slots[s];
                    if (e >= 0 && t - slotTimes[s] <= windows[s] && Replaces(candidate, candidateTime, e, slotTimes[s], ref rule))
                    {
                        (candidate, candidateTime) = (e, slotTimes[s]);
                    }
                }

                var order = orderItems[p];
                best[order] = Best(best[order], candidate, evidenceNanos, ref rule);
            }
        }

        return best;
    }

    /// <summary>The later of two pieces of evidence (−1 = none); at equal instants the rule's tie-break decides.</summary>
    internal static int Best<TRule>(int a, int b, long[] nanos, ref TRule rule)
        where TRule : struct, ISweepRule =>
        b >= 0 && Replaces(a, a < 0 ? 0 : nanos[a], b, nanos[b], ref rule) ? b : a;

    /// <summary>
    /// Whether evidence <paramref name="b"/> at <paramref name="tb"/> takes the place of <paramref name="a"/> at <paramref name="ta"/>
    /// (−1 = none): it is later, or at the same instant <paramref name="a"/> does not beat it. The one tie-break of every sweep.
    /// </summary>
    private static bool Replaces<TRule>(int a, long ta, int b, long tb, ref TRule rule)
        where TRule : struct, ISweepRule =>
        a < 0 || tb > ta || (tb == ta && !rule.Beats(a, b));

    /// <summary>The result: the credited orders sorted, with the direct/assisted breakdown.</summary>
    internal static AttributionResult Finish(OrderIndex index, AttributionEvidence evidence, List<Credited> credits)
    {
        var orders = index.Orders;
        // The products each credited conversation clicked or recommended, with when (D1: an order is Direct only by what had
        // happened by its placement; a recommendation given without an instant, through AttributionEvidence.Create, always counts).
        var credited = new Dictionary<(AccountId, ConversationId), List<(long At, string Product)>>();
        foreach (var (order, credit) in credits)
        {
            credited.TryAdd((orders[order].AccountId, credit.Conversation), []);
        }

        if (credited.Count > 0)
        {
            for (var c = 0; c < evidence.ClickArray.Length; c++)
            {
                var click = evidence.ClickArray[c];
                if (credited.TryGetValue((click.AccountId, click.Conversation), out var products))
                {
                    products.Add((evidence.ClickNanos[c], click.ProductId));
                }
            }

            foreach (var ((account, conversation), products) in credited)
            {
                evidence.AddRecommendedProducts(account, conversation, products);
            }
        }

        var attributed = new AttributedOrder[credits.Count];
        for (var i = 0; i < attributed.Length; i++)
        {
            var (o, credit) = credits[i];
            var order = orders[o];
            var products = credited[(order.AccountId, credit.Conversation)];
            var placed = UnixNanoseconds.From(order.PlacedAt);
            var match = order.LineItems.Count == 0 ? ProductMatch.Unknown
                : products.Exists(p => p.At <= placed && order.LineItems.Contains(p.Product)) ? ProductMatch.Direct
                : ProductMatch.Assisted;
            attributed[i] = new AttributedOrder(order, credit.Rule, credit.Conversation, credit.At, credit.Touchpoint, match);
        }

        Array.Sort(attributed, static (a, b) =>
        {
            var byTime = a.Order.PlacedAt.CompareTo(b.Order.PlacedAt);
            var byAccount = byTime != 0 ? byTime : string.CompareOrdinal(a.Order.AccountId.Value, b.Order.AccountId.Value);
            return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Order.Id, b.Order.Id);
        });
        return new AttributionResult(attributed, orders.Length, index.TotalRevenue);
    }

    /// <summary>
    /// Counting sort of the records included by <paramref name="filter"/> into their shoppers' groups (a record joins one group
    /// per key of its shopper), then each group's records sorted by time: compressed rows, with the records' instants in the same
    /// order. Two passes over the records (count, then place), so no (group, record) pairs are stored in between. The three
    /// arrays are rented from the shared pool (read up to the groups' count + 1 and the pairs' count): the caller returns them.
    /// </summary>
    private static (int[] Start, int[] Items, long[] Times) Scatter<TFilter>(int groups, int records, int[] shopperOf, int[] keyStart, int[] keyIds, long[] nanos, TFilter filter)
        where TFilter : struct, IRecordFilter
    {
        var start = Rent<int>(groups + 1);
        Array.Clear(start, 0, groups + 1);
        for (var r = 0; r < records; r++)
        {
            if (filter.Includes(r))
            {
                var shopper = shopperOf[r];
                for (var k = keyStart[shopper]; k < keyStart[shopper + 1]; k++)
                {
                    start[keyIds[k] + 1]++;
                }
            }
        }

        for (var g = 0; g < groups; g++)
        {
            start[g + 1] += start[g];
        }

        var pairs = start[groups];
        var next = Rent<int>(groups);
        Array.Copy(start, next, groups);
        var items = Rent<int>(pairs);
        var times = Rent<long>(pairs);
        for (var r = 0; r < records; r++)
        {
            if (filter.Includes(r))
            {
                var shopper = shopperOf[r];
                var at = nanos[r];
                for (var k = keyStart[shopper]; k < keyStart[shopper + 1]; k++)
                {
                    var position = next[keyIds[k]]++;
                    items[position] = r;
                    times[position] = at;
                }
            }
        }

        // Stryker disable once Statement : only whether the pool gets its array back
        ArrayPool<int>.Shared.Return(next);
        // Stryker disable once Equality,Boolean : the groups' sorts on one thread or in two halves sort the same groups
        if (pairs < ParallelOrders)
        {
            SortGroups(start, times, items, 0, groups);
            return (start, items, times);
        }

        // The groups' sorts are independent: two halves (by pairs, not by groups) on two threads.
        // Stryker disable once Arithmetic : any split point in [0, groups] sorts every group once
        var middle = Array.BinarySearch(start, pairs / 2);
        // Stryker disable once Unary,Conditional,Equality : clamped to [0, groups] below, any split point sorts every group once
        middle = middle < 0 ? ~middle : middle;
        middle = Math.Clamp(middle, 0, groups);
        var second = Task.Run(() => SortGroups(start, times, items, middle, groups));
        SortGroups(start, times, items, 0, middle);
        second.GetAwaiter().GetResult();
        return (start, items, times);
    }

    /// <summary>Every record takes part (the orders).</summary>
    private readonly struct Everything : IRecordFilter
    {
        public bool Includes(int record) => true;
    }

    private static void SortGroups(int[] start, long[] times, int[] items, int firstGroup, int endGroup)
    {
        for (var g = firstGroup; g < endGroup; g++)
        {
            var length = start[g + 1] - start[g];
            if (length > 1)
            {
                times.AsSpan(start[g], length).Sort(items.AsSpan(start[g], length));
            }
        }
    }

    /// <summary>D5: an order counts at most once; <paramref name="seen"/> holds the IDs of the account's orders so far.</summary>
    /// <exception cref="CustomerAgentException"><paramref name="order"/>'s ID is already in <paramref name="seen"/> (D5).</exception>
    internal static void AddOnce(HashSet<string> seen, Order order)
    {
        if (!seen.Add(order.Id))
        {
            throw new CustomerAgentException("D5", "order", order.Id, "repeats an order already in the log; an order counts at most once");
        }
    }

    /// <summary>Why an order is credited: the rule, the conversation, the winning interaction's instant and touchpoint.</summary>
    internal readonly record struct Credit(AttributionRule Rule, ConversationId Conversation, Instant At, Touchpoint? Touchpoint);

    /// <summary>An order credited by a run: its index in <see cref="OrderIndex.Orders"/>, and why. Runs list them by that index (few orders are credited, so the list stays small).</summary>
    internal readonly record struct Credited(int Order, Credit Credit);
}

/// <summary>Instants as Unix nanoseconds: exact at NodaTime's precision, and every supported instant (H6) fits in a long.</summary>
internal static class InstantNanoseconds
{
    internal static long UnixNanoseconds(this Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
