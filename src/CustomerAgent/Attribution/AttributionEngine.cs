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

    /// <summary>A sweep's rule: which window slot a piece of evidence falls in, each slot's window, and the tie-break at equal instants.</summary>
    internal interface ISweepRule
    {
        int SlotCount { get; }

        int Slot(int evidence);

        long WindowNanos(int slot);

        /// <summary>Whether <paramref name="a"/> beats <paramref name="b"/> when both happened at the same instant (a strict preference).</summary>
        bool Beats(int a, int b);
    }

    /// <summary>The orders, indexed by identifier key, each key's orders sorted by time.</summary>
    internal sealed class OrderIndex
    {
        internal OrderIndex(Order[] orders)
        {
            Orders = orders;
            Nanos = new long[orders.Length];
            KeyIds = new Dictionary<IdentifierKey, int>(orders.Length, IdentifierKey.Comparer);
            // D5 (an order ID once per account) is checked beside the keys on a second thread when there are many orders: both
            // are bound by memory latency (one order, its ID and the hash buckets per order), not by one core.
            var d5 = orders.Length >= ParallelOrders ? Task.Run(() => CheckOrderIds(orders)) : null;
            if (d5 is null)
            {
                CheckOrderIds(orders);
            }

            var pairKeys = new List<int>(orders.Length);
            var pairItems = new List<int>(orders.Length);
            var keysOf = new Dictionary<ShopperIdentity, int[]>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < orders.Length; i++)
            {
                var order = orders[i];
                Nanos[i] = UnixNanoseconds.From(order.PlacedAt);
                if (!keysOf.TryGetValue(order.Shopper, out var ids))
                {
                    var keys = order.Shopper.Keys;
                    ids = new int[keys.Length];
                    for (var k = 0; k < keys.Length; k++)
                    {
                        if (!KeyIds.TryGetValue(keys[k], out ids[k]))
                        {
                            ids[k] = KeyIds.Count;
                            KeyIds.Add(keys[k], ids[k]);
                        }
                    }

                    keysOf.Add(order.Shopper, ids);
                }

                foreach (var id in ids)
                {
                    pairKeys.Add(id);
                    pairItems.Add(i);
                }
            }

            (Start, Items, Times) = Scatter(KeyIds.Count, CollectionsMarshal.AsSpan(pairKeys), CollectionsMarshal.AsSpan(pairItems), Nanos);
            d5?.GetAwaiter().GetResult();
        }

        internal Order[] Orders { get; }

        internal long[] Nanos { get; }

        /// <summary>D5: an order ID once per account (one set per account, ordinal: the account is not hashed again for every order).</summary>
        private static void CheckOrderIds(Order[] orders)
        {
            var seen = new Dictionary<AccountId, HashSet<string>>();
            var lastAccount = default(AccountId);
            HashSet<string>? ids = null;
            foreach (var order in orders)
            {
                if (ids is null || order.AccountId != lastAccount)
                {
                    lastAccount = order.AccountId;
                    if (!seen.TryGetValue(lastAccount, out ids))
                    {
                        seen.Add(lastAccount, ids = new HashSet<string>(StringComparer.Ordinal));
                    }
                }

                if (!ids.Add(order.Id))
                {
                    throw new CustomerAgentException("D5", "order.id", order.Id, $"appears twice in account {Preconditions.Echo(order.AccountId.Value)}: an order counts at most once");
                }
            }
        }

        internal Dictionary<IdentifierKey, int> KeyIds { get; }

        internal int[] Start { get; }

        internal int[] Items { get; }

        /// <summary>The instants of <see cref="Items"/>, in the same order (read in sequence by the sweep, not through the order).</summary>
        internal long[] Times { get; }
    }

    /// <summary>
    /// Attributes every order by the settings in force when it was placed (<see cref="AttributionSettingsHistory"/>): one run of
    /// <paramref name="credits"/> per distinct settings, each order taking its credit from its own settings' run.
    /// </summary>
    internal static AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence, AttributionSettingsHistory history, Func<OrderIndex, AttributionEvidence, AttributionSettings, Credit?[]> credits)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var index = new OrderIndex(ToArray(orders));
        if (!history.HasChanges)
        {
            return Finish(index.Orders, evidence, credits(index, evidence, history.Initial));
        }

        var result = new Credit?[index.Orders.Length];
        foreach (var (settings, member) in history.Partition(index.Orders))
        {
            var run = credits(index, evidence, settings);
            for (var i = 0; i < result.Length; i++)
            {
                if (member[i])
                {
                    result[i] = run[i];
                }
            }
        }

        return Finish(index.Orders, evidence, result);
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
    /// For every order, the index of the best evidence inside its window, or −1. <paramref name="shopperOf"/> gives each
    /// record's shopper as an index into <paramref name="shoppers"/>, whose matching keys are looked up once per distinct
    /// shopper; <paramref name="include"/> leaves records out. The groups are swept on two threads when there are many.
    /// </summary>
    internal static int[] Sweep<TRule>(OrderIndex index, ShopperIdentity[] shoppers, int[] shopperOf, long[] evidenceNanos, Func<int, bool>? include, TRule rule)
        where TRule : struct, ISweepRule
    {
        // The key ids (groups) of each distinct shopper, looked up in the orders' index: one string lookup per shopper and key,
        // flattened (shopper s has keyIds[keyStart[s]..keyStart[s + 1])) so the pass over the evidence reads two small arrays.
        var keyStart = new int[shoppers.Length + 1];
        var keyCount = 0;
        foreach (var shopper in shoppers)
        {
            keyCount += shopper.Keys.Length;
        }

        var keyIds = new int[keyCount];
        var found = 0;
        for (var s = 0; s < shoppers.Length; s++)
        {
            keyStart[s] = found;
            foreach (var key in shoppers[s].Keys)
            {
                if (index.KeyIds.TryGetValue(key, out var id))
                {
                    keyIds[found++] = id;
                }
            }
        }

        keyStart[shoppers.Length] = found;

        // (group, evidence) pairs, counted first so they fill two exact arrays.
        var pairs = 0;
        for (var e = 0; e < shopperOf.Length; e++)
        {
            if (include is null || include(e))
            {
                var shopper = shopperOf[e];
                pairs += keyStart[shopper + 1] - keyStart[shopper];
            }
        }

        var pairKeys = new int[pairs];
        var pairItems = new int[pairs];
        var next = 0;
        for (var e = 0; e < shopperOf.Length; e++)
        {
            if (include is not null && !include(e))
            {
                continue;
            }

            var shopper = shopperOf[e];
            for (var k = keyStart[shopper]; k < keyStart[shopper + 1]; k++)
            {
                (pairKeys[next], pairItems[next]) = (keyIds[k], e);
                next++;
            }
        }

        var (start, items, times) = Scatter(index.KeyIds.Count, pairKeys, pairItems, evidenceNanos);
        var groups = index.KeyIds.Count;
        if (groups < 4096 || index.Orders.Length < ParallelOrders)
        {
            return SweepGroups(index, start, items, times, evidenceNanos, rule, 0, groups);
        }

        // An order with several identifiers sits in several groups: each half keeps its own best, then the two are merged.
        var half = groups / 2;
        var second = Task.Run(() => SweepGroups(index, start, items, times, evidenceNanos, rule, half, groups));
        var best = SweepGroups(index, start, items, times, evidenceNanos, rule, 0, half);
        var other = second.GetAwaiter().GetResult();
        for (var o = 0; o < best.Length; o++)
        {
            best[o] = Best(best[o], other[o], evidenceNanos, ref rule);
        }

        return best;
    }

    /// <summary>
    /// The sweep of groups [<paramref name="firstGroup"/>, <paramref name="endGroup"/>): orders and evidence are read in time order
    /// through their sorted instants (<paramref name="times"/>, <see cref="OrderIndex.Times"/>), so the inner loops touch memory in
    /// sequence; each slot keeps its best evidence and that evidence's instant.
    /// </summary>
    private static int[] SweepGroups<TRule>(OrderIndex index, int[] start, int[] items, long[] times, long[] evidenceNanos, TRule rule, int firstGroup, int endGroup)
        where TRule : struct, ISweepRule
    {
        var best = new int[index.Orders.Length];
        Array.Fill(best, -1);
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
    internal static AttributionResult Finish(Order[] orders, AttributionEvidence evidence, Credit?[] credits)
    {
        // The products each credited conversation clicked or recommended, with when (D1: an order is Direct only by what had
        // happened by its placement; a recommendation given without an instant, through AttributionEvidence.Create, always counts).
        var credited = new Dictionary<(AccountId, ConversationId), List<(long At, string Product)>>();
        for (var i = 0; i < orders.Length; i++)
        {
            if (credits[i] is { } credit)
            {
                credited.TryAdd((orders[i].AccountId, credit.Conversation), []);
            }
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

        var attributed = new List<AttributedOrder>(credited.Count);
        var totals = new MoneyTotals.Builder(tolerateOverflow: true);
        for (var i = 0; i < orders.Length; i++)
        {
            var order = orders[i];
            totals.Add(order.Total);
            if (credits[i] is not { } credit)
            {
                continue;
            }

            var products = credited[(order.AccountId, credit.Conversation)];
            var placed = UnixNanoseconds.From(order.PlacedAt);
            var match = order.LineItems.Count == 0 ? ProductMatch.Unknown
                : products.Exists(p => p.At <= placed && order.LineItems.Contains(p.Product)) ? ProductMatch.Direct
                : ProductMatch.Assisted;
            attributed.Add(new AttributedOrder(order, credit.Rule, credit.Conversation, credit.At, credit.Touchpoint, match));
        }

        attributed.Sort(static (a, b) =>
        {
            var byTime = a.Order.PlacedAt.CompareTo(b.Order.PlacedAt);
            var byAccount = byTime != 0 ? byTime : string.CompareOrdinal(a.Order.AccountId.Value, b.Order.AccountId.Value);
            return byAccount != 0 ? byAccount : string.CompareOrdinal(a.Order.Id, b.Order.Id);
        });
        return new AttributionResult([.. attributed], orders.Length, totals.Build());
    }

    /// <summary>Counting sort of (key, item) pairs by key, then each key's items sorted by time: compressed rows, with the items' instants in the same order.</summary>
    private static (int[] Start, int[] Items, long[] Times) Scatter(int keys, ReadOnlySpan<int> keyOf, ReadOnlySpan<int> itemOf, long[] nanos)
    {
        var pairs = keyOf.Length;
        var start = new int[keys + 1];
        for (var k = 0; k < pairs; k++)
        {
            start[keyOf[k] + 1]++;
        }

        for (var g = 0; g < keys; g++)
        {
            start[g + 1] += start[g];
        }

        var next = start[..^1];
        var items = new int[pairs];
        var times = new long[pairs];
        for (var k = 0; k < pairs; k++)
        {
            var position = next[keyOf[k]]++;
            var item = itemOf[k];
            items[position] = item;
            times[position] = nanos[item];
        }

        if (pairs < ParallelOrders)
        {
            SortGroups(start, times, items, 0, keys);
            return (start, items, times);
        }

        // The groups' sorts are independent: two halves (by pairs, not by groups) on two threads.
        var middle = Array.BinarySearch(start, pairs / 2);
        middle = middle < 0 ? ~middle : middle;
        middle = Math.Clamp(middle, 0, keys);
        var second = Task.Run(() => SortGroups(start, times, items, middle, keys));
        SortGroups(start, times, items, 0, middle);
        second.GetAwaiter().GetResult();
        return (start, items, times);
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
}

/// <summary>Instants as Unix nanoseconds: exact at NodaTime's precision, and every supported instant (H6) fits in a long.</summary>
internal static class InstantNanoseconds
{
    internal static long UnixNanoseconds(this Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
