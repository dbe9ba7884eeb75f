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
            // D5: an order ID once per account (one set per account, ordinal: the account is not hashed again for every order)
            var seen = new Dictionary<AccountId, HashSet<string>>();
            var lastAccount = default(AccountId);
            HashSet<string>? ids1 = null;
            var pairKeys = new List<int>(orders.Length);
            var pairItems = new List<int>(orders.Length);
            var keysOf = new Dictionary<ShopperIdentity, int[]>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < orders.Length; i++)
            {
                var order = orders[i];
                if (ids1 is null || order.AccountId != lastAccount)
                {
                    lastAccount = order.AccountId;
                    if (!seen.TryGetValue(lastAccount, out ids1))
                    {
                        seen.Add(lastAccount, ids1 = new HashSet<string>(StringComparer.Ordinal));
                    }
                }

                if (!ids1.Add(order.Id))
                {
                    throw new CustomerAgentException("D5", "order.id", order.Id, $"appears twice in account {Preconditions.Echo(order.AccountId.Value)}: an order counts at most once");
                }

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

            (Start, Items) = Scatter(KeyIds.Count, CollectionsMarshal.AsSpan(pairKeys), CollectionsMarshal.AsSpan(pairItems), Nanos);
        }

        internal Order[] Orders { get; }

        internal long[] Nanos { get; }

        internal Dictionary<IdentifierKey, int> KeyIds { get; }

        internal int[] Start { get; }

        internal int[] Items { get; }
    }

    /// <summary>
    /// Attributes every order by the settings in force when it was placed (<see cref="AttributionSettingsHistory"/>): one run of
    /// <paramref name="credits"/> per distinct settings, each order taking its credit from its own settings' run.
    /// </summary>
    internal static AttributionResult Attribute(IEnumerable<Order> orders, AttributionEvidence evidence, AttributionSettingsHistory history, Func<OrderIndex, AttributionEvidence, AttributionSettings, Credit?[]> credits)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var index = new OrderIndex(ToArray(orders));
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
        // The key ids (groups) of each distinct shopper, looked up in the orders' index: one string lookup per shopper and key.
        var shopperKeys = new int[shoppers.Length][];
        for (var s = 0; s < shoppers.Length; s++)
        {
            var keys = shoppers[s].Keys;
            var ids = new List<int>(keys.Length);
            foreach (var key in keys)
            {
                if (index.KeyIds.TryGetValue(key, out var id))
                {
                    ids.Add(id);
                }
            }

            shopperKeys[s] = [.. ids];
        }

        var pairKeys = new List<int>(shopperOf.Length);
        var pairItems = new List<int>(shopperOf.Length);
        for (var e = 0; e < shopperOf.Length; e++)
        {
            if (include is not null && !include(e))
            {
                continue;
            }

            foreach (var id in shopperKeys[shopperOf[e]])
            {
                pairKeys.Add(id);
                pairItems.Add(e);
            }
        }

        var (start, items) = Scatter(index.KeyIds.Count, CollectionsMarshal.AsSpan(pairKeys), CollectionsMarshal.AsSpan(pairItems), evidenceNanos);
        var groups = index.KeyIds.Count;
        if (groups < 4096 || index.Orders.Length < 65_536)
        {
            return SweepGroups(index, start, items, evidenceNanos, rule, 0, groups);
        }

        // An order with several identifiers sits in several groups: each half keeps its own best, then the two are merged.
        var half = groups / 2;
        var second = Task.Run(() => SweepGroups(index, start, items, evidenceNanos, rule, half, groups));
        var best = SweepGroups(index, start, items, evidenceNanos, rule, 0, half);
        var other = second.GetAwaiter().GetResult();
        for (var o = 0; o < best.Length; o++)
        {
            best[o] = Best(best[o], other[o], evidenceNanos, ref rule);
        }

        return best;
    }

    private static int[] SweepGroups<TRule>(OrderIndex index, int[] start, int[] items, long[] evidenceNanos, TRule rule, int firstGroup, int endGroup)
        where TRule : struct, ISweepRule
    {
        var best = new int[index.Orders.Length];
        Array.Fill(best, -1);
        Span<int> slots = stackalloc int[rule.SlotCount];
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
                var order = index.Items[p];
                var t = index.Nanos[order];
                for (; j < end && evidenceNanos[items[j]] <= t; j++)
                {
                    var e = items[j];
                    var s = rule.Slot(e);
                    slots[s] = Best(slots[s], e, evidenceNanos, ref rule);
                }

                var candidate = -1;
                for (var s = 0; s < slots.Length; s++)
                {
                    var e = slots[s];
                    if (e >= 0 && t - evidenceNanos[e] <= rule.WindowNanos(s))
                    {
                        candidate = Best(candidate, e, evidenceNanos, ref rule);
                    }
                }

                best[order] = Best(best[order], candidate, evidenceNanos, ref rule);
            }
        }

        return best;
    }

    /// <summary>The later of two pieces of evidence (−1 = none); at equal instants the rule's tie-break decides.</summary>
    internal static int Best<TRule>(int a, int b, long[] nanos, ref TRule rule)
        where TRule : struct, ISweepRule
    {
        if (a < 0)
        {
            return b;
        }

        if (b < 0)
        {
            return a;
        }

        var (ta, tb) = (nanos[a], nanos[b]);
        if (ta != tb)
        {
            return ta > tb ? a : b;
        }

        return rule.Beats(a, b) ? a : b;
    }

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

    /// <summary>Counting sort of (key, item) pairs by key, then each key's items sorted by time: compressed rows.</summary>
    private static (int[] Start, int[] Items) Scatter(int keys, ReadOnlySpan<int> keyOf, ReadOnlySpan<int> itemOf, long[] nanos)
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

        for (var g = 0; g < keys; g++)
        {
            var length = start[g + 1] - start[g];
            if (length > 1)
            {
                times.AsSpan(start[g], length).Sort(items.AsSpan(start[g], length));
            }
        }

        return (start, items);
    }

    /// <summary>Why an order is credited: the rule, the conversation, the winning interaction's instant and touchpoint.</summary>
    internal readonly record struct Credit(AttributionRule Rule, ConversationId Conversation, Instant At, Touchpoint? Touchpoint);
}

/// <summary>Instants as Unix nanoseconds: exact at NodaTime's precision, and every supported instant (H6) fits in a long.</summary>
internal static class InstantNanoseconds
{
    internal static long UnixNanoseconds(this Instant instant) => (instant - NodaConstants.UnixEpoch).ToInt64Nanoseconds();
}
