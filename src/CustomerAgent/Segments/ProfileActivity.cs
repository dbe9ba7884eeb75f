using CustomerAgent.Attribution;
using CustomerAgent.Conversations;
using CustomerAgent.Dashboard;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>
/// One account's metric events (R6–R9) and orders, gathered per profile: what segments (R21) and the follow-up flow (R22)
/// are evaluated on, as of any instant.
/// </summary>
/// <remarks>
/// <para><b>Profiles.</b> A profile is what the events name (R11): events and orders belong to the same profile when they
/// are linked by identifiers of the same kind, directly or through other events and orders of the account (the same email,
/// case-insensitively as <see cref="ShopperIdentity"/> matches it, the same E.164 phone number, the same external ID, or,
/// for events only, the same anonymous ID). So an order placed with the email of a shopper who chatted by SMS with the same
/// phone number and email is that shopper's order; a fully anonymous shopper is a profile of its own, whom no order
/// reaches. Identifiers are never compared across accounts: an instance holds one account.</para>
/// <para><b>Input.</b> An event given twice (the same unique ID, D4) counts once; the same unique ID with other content is
/// rejected. An order ID given twice is rejected (D5). The order of the input never changes a result.</para>
/// <para>Immutable and thread-safe once built.</para>
/// </remarks>
public sealed class ProfileActivity
{
    private readonly ActivityEvents _events;
    private readonly Order[] _orders;
    private readonly ActivityProfile[] _profiles;

    private ProfileActivity(AccountReportingSettings settings, ActivityEvents events, Order[] orders, ActivityProfile[] profiles)
    {
        Settings = settings;
        _events = events;
        _orders = orders;
        _profiles = profiles;
    }

    /// <summary>The account, its zone (days are its local days, R13) and first day of week.</summary>
    public AccountReportingSettings Settings { get; }

    /// <summary>The account.</summary>
    public AccountId AccountId => Settings.AccountId;

    /// <summary>The distinct events, in the order given.</summary>
    /// <remarks>An activity built from conversations' facts makes the event objects when this is first read.</remarks>
    public IReadOnlyList<MetricEvent> Events => _events.All;

    /// <summary>The orders, in the order given.</summary>
    public IReadOnlyList<Order> Orders => _orders;

    /// <summary>The number of profiles the events and orders belong to.</summary>
    public int ProfileCount => _profiles.Length;

    internal ReadOnlySpan<ActivityProfile> Profiles => _profiles;

    private int[]? _listingOrder;

    /// <summary>The profiles' indexes in the order members are listed (<see cref="SegmentEvaluator.CompareProfiles"/>), sorted once when first needed.</summary>
    internal int[] ListingOrder => LazyInitializer.EnsureInitialized(ref _listingOrder, () => ListingOrderOf(_profiles));

    /// <summary>
    /// The profiles' indexes sorted by <see cref="SegmentEvaluator.CompareProfiles"/>, then by index. Each profile gets a 24-byte
    /// key that orders as the comparison does (<see cref="ListingKey.Of"/>): the keys are sorted as numbers (two halves on two
    /// cores when there are many, merged as the indexes are written out), and only runs of equal keys are put in order by the
    /// comparison.
    /// </summary>
    internal static int[] ListingOrderOf(ActivityProfile[] profiles)
    {
        // every key is written before it is read: no need to clear the array
        var keys = GC.AllocateUninitializedArray<ListingKey>(profiles.Length);
        var order = new ListingWriter(profiles);
        // Stryker disable once all : which of two paths giving the same order (one core, or two halves merged; ListingOrderTests runs both)
        var oneCore = keys.Length < 100_000 || Environment.ProcessorCount < 2;
        if (oneCore)
        {
            SortedKeys(profiles, keys, 0, keys.Length);
            foreach (var key in keys)
            {
                order.Add(key);
            }
        }
        else
        {
            var half = keys.Length / 2;
            Parallel.Invoke(() => SortedKeys(profiles, keys, 0, half), () => SortedKeys(profiles, keys, half, keys.Length));
            int a = 0, b = half;
            while (a < half || b < keys.Length)
            {
                order.Add(b == keys.Length || (a < half && keys[a].CompareTo(keys[b]) <= 0) ? keys[a++] : keys[b++]);
            }
        }

        return order.Finish();
    }

    /// <summary>Writes the indexes of keys given in key order; each run of equal keys is put in order by the full comparison when it ends.</summary>
    private struct ListingWriter(ActivityProfile[] profiles)
    {
        private readonly int[] _order = new int[profiles.Length];
        private readonly ListingComparer _full = new(profiles);
        private int _count;
        private int _runStart;
        private ListingKey _runKey;

        internal void Add(in ListingKey key)
        {
            // Stryker disable once Logical : fewer run ends make longer runs, which the full comparison puts in the same order
            if (_count == 0 || !key.SameKey(_runKey))
            {
                EndRun();
                _runKey = key;
            }

            _order[_count++] = key.Index;
        }

        internal int[] Finish()
        {
            EndRun();
            return _order;
        }

        private void EndRun()
        {
            if (_count - _runStart > 1)
            {
                Array.Sort(_order, _runStart, _count - _runStart, _full);
            }

            _runStart = _count;
        }
    }

    /// <summary>Fills the keys of profiles <paramref name="from"/> to <paramref name="to"/> − 1 and sorts them in place as numbers.</summary>
    private static void SortedKeys(ActivityProfile[] profiles, ListingKey[] keys, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            keys[i] = ListingKey.Of(profiles[i].Identity, i);
        }

        Array.Sort(keys, from, to - from);
    }

    /// <summary>
    /// A profile's place in the listing order as far as 24 bytes tell it: the kind of its first identifier in the order
    /// <see cref="SegmentEvaluator.CompareProfiles"/> compares them (email, phone number, external ID, anonymous ID; a profile
    /// without the earlier kinds sorts after those with them); for an anonymous ID, whether it sorts before, among or after the
    /// IDs this library gives (<see cref="MetricProfile.ConversationAnonymousIdPrefix"/>, which all sort together and are
    /// keyed after the prefix); then up to 22 characters, one byte each: from the first character of U+00FF or more on, every
    /// byte to the key's end is 0xFF; otherwise, past the identifier's end, 0. So a smaller key is a smaller profile; equal keys say nothing and the full
    /// comparison decides.
    /// </summary>
    private readonly record struct ListingKey(ulong High, ulong Mid, ulong Low, int Index) : IComparable<ListingKey>
    {
        /// <summary>By key, then by index (what the keys alone tell).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public int CompareTo(ListingKey other) =>
            High != other.High ? (High < other.High ? -1 : 1)
            : Mid != other.Mid ? (Mid < other.Mid ? -1 : 1)
            : Low != other.Low ? (Low < other.Low ? -1 : 1)
            : Index.CompareTo(other.Index);

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal bool SameKey(in ListingKey other) => High == other.High && Mid == other.Mid && Low == other.Low;

        internal static ListingKey Of(MetricProfile profile, int index)
        {
            var (kind, text) = profile.Email is { } email ? (0, email)
                : profile.PhoneNumber is { } phone ? (1, phone)
                : profile.ExternalId is { } external ? (2, external)
                : profile.AnonymousId is { } anonymous ? (3, anonymous)
                : (4, string.Empty);
            var block = 0;
            if (kind == 3)
            {
                const string ours = MetricProfile.ConversationAnonymousIdPrefix;
                if (text.StartsWith(ours, StringComparison.Ordinal))
                {
                    (block, text) = (1, text[ours.Length..]);
                }
                else
                {
                    // not one of ours: it differs from the prefix before the prefix ends, so it sorts before or after all of them
                    block = string.CompareOrdinal(text, ours) < 0 ? 0 : 2;
                }
            }

            Span<byte> bytes = stackalloc byte[24];
            // Stryker disable once Statement : the runtime zeroes stackalloc memory while the project keeps locals' initialization; the Clear keeps the key right without it
            bytes.Clear();
            bytes[0] = (byte)kind;
            bytes[1] = (byte)block;
            var saturated = false;
            for (var i = 2; i < bytes.Length; i++)
            {
                if (!saturated)
                {
                    if (i - 2 >= text.Length)
                    {
                        break;
                    }

                    saturated = text[i - 2] >= 0xFF;
                }

                bytes[i] = saturated ? (byte)0xFF : (byte)text[i - 2];
            }

            return new ListingKey(
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
                index);
        }
    }

    /// <summary>The listing key of <paramref name="profile"/> (<see cref="ListingKey.Of"/>) without an index: what tests hold to the key's definition.</summary>
    internal static (ulong High, ulong Mid, ulong Low) ListingKeyOf(MetricProfile profile)
    {
        var key = ListingKey.Of(profile, 0);
        return (key.High, key.Mid, key.Low);
    }

    /// <summary>Profiles (by index) whose listing keys are equal: by <see cref="SegmentEvaluator.CompareProfiles"/>, then by index.</summary>
    private sealed class ListingComparer(ActivityProfile[] profiles) : IComparer<int>
    {
        public int Compare(int x, int y) =>
            x == y ? 0
            : SegmentEvaluator.CompareProfiles(profiles[x].Identity, profiles[y].Identity) is var c and not 0 ? c
            : x.CompareTo(y);
    }

    /// <summary>Gathers one account's events and orders per profile.</summary>
    /// <param name="settings">The account and its zone.</param>
    /// <param name="events">The account's metric events, in any order (from <see cref="IMetricEventFactory"/> or read back from JSON).</param>
    /// <param name="orders">The account's orders, in any order.</param>
    /// <returns>The activity.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="CustomerAgentException">An event or order belongs to another account (ACCOUNT); one unique ID names two different events (D4); an order ID is given twice (D5).</exception>
    public static ProfileActivity Create(AccountReportingSettings settings, IEnumerable<MetricEvent> events, IEnumerable<Order> orders) =>
        Create(settings, events, orders, IdentifierHash);

    /// <summary><see cref="Create(AccountReportingSettings, IEnumerable{MetricEvent}, IEnumerable{Order})"/> with the hash the profiles' identifiers are grouped by (tests give a weak one to show that a collision never links two profiles).</summary>
    internal static ProfileActivity Create(AccountReportingSettings settings, IEnumerable<MetricEvent> events, IEnumerable<Order> orders, Func<string, ulong> identifierHash)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(orders);
        var account = settings.AccountId;

        // D4: one event per unique ID; the same ID twice with other content is a conflict, whatever the order
        var byId = new Dictionary<string, MetricEvent>(StringComparer.Ordinal);
        var eventList = new List<MetricEvent>();
        var index = 0;
        foreach (var metricEvent in events)
        {
            ArgumentNullException.ThrowIfNull(metricEvent, $"events[{index}]");
            CheckAccount(metricEvent.AccountId, account, $"events[{index}]");
            if (byId.TryGetValue(metricEvent.UniqueId, out var earlier))
            {
                if (!earlier.Equals(metricEvent))
                {
                    throw new CustomerAgentException("D4", $"events[{index}].unique_id", metricEvent.UniqueId, "names another event with different content; one unique ID is one event");
                }
            }
            else
            {
                byId.Add(metricEvent.UniqueId, metricEvent);
                eventList.Add(metricEvent);
            }

            index++;
        }

        return Build(settings, new EventArray([.. eventList]), OrdersOf(account, orders, new HashSet<string>(StringComparer.Ordinal)), identifierHash);
    }

    /// <summary>
    /// Gathers the events computed on an account's conversations' facts (<see cref="FactsEvents"/>: the factory's timing and
    /// screening, no event object until one is asked for) and its orders, which are already distinct (the activity log's reader
    /// rejects a repeated order ID, D5). The account is still checked.
    /// </summary>
    internal static ProfileActivity FromFacts(AccountReportingSettings settings, FactsEvents events, IEnumerable<Order> orders) =>
        Build(settings, events, OrdersOf(settings.AccountId, orders, ids: null), IdentifierHash);

    /// <summary>The orders, each checked: not null, of <paramref name="account"/>, and its ID given once (D5) when <paramref name="ids"/> is given.</summary>
    private static Order[] OrdersOf(AccountId account, IEnumerable<Order> orders, HashSet<string>? ids)
    {
        var list = new List<Order>();
        var index = 0;
        foreach (var order in orders)
        {
            ArgumentNullException.ThrowIfNull(order, $"orders[{index}]");
            CheckAccount(order.AccountId, account, $"orders[{index}]");
            if (ids is not null)
            {
                AttributionEngine.AddOnce(ids, order);
            }

            list.Add(order);
            index++;
        }

        return [.. list];
    }

    internal static void CheckAccount(AccountId actual, AccountId expected, string field)
    {
        if (actual != expected)
        {
            throw new CustomerAgentException("ACCOUNT", field + ".accountId", actual.Value, $"is not the account '{Preconditions.Echo(expected.Value)}' of this activity; one account's data never counts in another's");
        }
    }

    private static ProfileActivity Build(AccountReportingSettings settings, ActivityEvents events, Order[] orders, Func<string, ulong> identifierHash)
    {
        // nodes: the profile instances of the events (the events of a conversation share one), then each order's shopper; linked
        // by shared identifiers (union-find), so equal profiles given as several instances end in one component
        var eventNode = events.ProfileNodes(out var eventProfiles, out var eventProfileCount);
        var eventCount = eventNode.Length;
        var identities = new NodeIdentities(eventProfiles, eventProfileCount, orders);
        var firstOrderNode = eventProfileCount; // order i is node firstOrderNode + i
        var parent = GC.AllocateUninitializedArray<int>(identities.Count);
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        // of each kind of identifier (external ID, matching email, phone number, anonymous ID), the links from each node to the
        // first earlier node with the same one (the kinds on the cores at once); then the links are applied (the smaller node is
        // always the root, so the components and their numbering do not depend on the order of the links)
        var links = new List<(int Earlier, int Node)>[4];
        Parallel.For(0, links.Length, kind => links[kind] = LinksOf(identities, kind, identifierHash));
        foreach (var kind in links)
        {
            foreach (var (first, node) in kind)
            {
                Union(parent, first, node);
            }
        }

        // one profile per component, numbered in the order of first appearance; its nodes listed together
        var profileOf = GC.AllocateUninitializedArray<int>(identities.Count);
        Array.Fill(profileOf, -1);
        var count = 0;
        for (var node = 0; node < identities.Count; node++)
        {
            var root = Find(parent, node);
            if (profileOf[root] < 0)
            {
                profileOf[root] = count++;
            }

            profileOf[node] = profileOf[root];
        }

        var nodeStart = new int[count + 1];
        foreach (var p in profileOf)
        {
            nodeStart[p + 1]++;
        }

        for (var p = 0; p < count; p++)
        {
            nodeStart[p + 1] += nodeStart[p];
        }

        var nodesOf = GC.AllocateUninitializedArray<int>(identities.Count);
        var fill = GC.AllocateUninitializedArray<int>(count + 1);
        nodeStart.CopyTo(fill, 0);
        for (var node = 0; node < identities.Count; node++)
        {
            nodesOf[fill[profileOf[node]]++] = node;
        }

        // every item in one array, grouped by profile (a counting sort), each profile's in chronological order. The events are
        // counted and placed in contiguous ranges, one per core (at most four): each range counts its events per profile, and
        // places them in its own part of each profile's slice, after the earlier ranges' (the order within a slice does not
        // matter: the slice is sorted below by a total order)
        // Stryker disable once Linq : the number of ranges only; any split places the same items (two-core tests of the segments)
        var ranges = Math.Min(Parts.For(eventCount, 100_000), 4);
        var cursors = new int[ranges][];
        Parts.Run(eventCount, ranges, (range, from, to) =>
        {
            var counted = new int[count];
            for (var i = from; i < to; i++)
            {
                counted[profileOf[eventNode[i]]]++;
            }

            cursors[range] = counted;
        });

        // the orders' counts, then each profile's slice: the ranges' events, then its orders; the counts become start cursors
        var orderCursor = new int[count];
        for (var node = firstOrderNode; node < identities.Count; node++)
        {
            orderCursor[profileOf[node]]++;
        }

        var itemStart = GC.AllocateUninitializedArray<int>(count + 1);
        var at = 0;
        for (var p = 0; p < count; p++)
        {
            itemStart[p] = at;
            foreach (var cursor in cursors)
            {
                (cursor[p], at) = (at, at + cursor[p]);
            }

            (orderCursor[p], at) = (at, at + orderCursor[p]);
        }

        itemStart[count] = at;
        var items = GC.AllocateUninitializedArray<ActivityItem>(eventCount + orders.Length);
        Parts.Run(eventCount, ranges, (range, from, to) =>
        {
            var cursor = cursors[range];
            for (var i = from; i < to; i++)
            {
                items[cursor[profileOf[eventNode[i]]]++] = new ActivityItem(events.Time(i), events.Kind(i).AsSegmentMetric(), i);
            }
        });

        for (var i = 0; i < orders.Length; i++)
        {
            items[orderCursor[profileOf[firstOrderNode + i]]++] = new ActivityItem(orders[i].PlacedAt, SegmentMetric.PlacedOrder, i);
        }

        // each profile on its own (its items' slice, its identity): one range of profiles per core
        var chronological = new ItemOrder(events, orders);
        var profiles = new ActivityProfile[count];
        Parts.Run(count, Parts.For(count, 100_000), (_, from, to) =>
        {
            for (var p = from; p < to; p++)
            {
                var length = itemStart[p + 1] - itemStart[p];
                // Stryker disable once Logical : sorting what is already in order, or one item, changes nothing
                if (length > 1 && !IsSorted(items.AsSpan(itemStart[p], length), chronological))
                {
                    Array.Sort(items, itemStart[p], length, chronological);
                }

                var nodes = nodesOf.AsSpan(nodeStart[p], nodeStart[p + 1] - nodeStart[p]);
                var identity = nodes.Length == 1 && nodes[0] < eventProfileCount
                    ? eventProfiles[nodes[0]]
                    : IdentityOf(nodes, identities, eventProfileCount);
                profiles[p] = new ActivityProfile(identity, items, itemStart[p], length);
            }
        });

        return new ProfileActivity(settings, events, orders, profiles);
    }

    /// <summary>Whether the items are already in <paramref name="order"/> (the events of one conversation usually are).</summary>
    private static bool IsSorted(ReadOnlySpan<ActivityItem> items, ItemOrder order)
    {
        for (var i = 1; i < items.Length; i++)
        {
            if (order.Compare(items[i - 1], items[i]) > 0)
            {
                return false;
            }
        }

        // Stryker disable once Boolean : "not sorted" only adds a sort that changes nothing
        return true;
    }

    /// <summary>
    /// The profile's identifiers: of each kind, the ordinally first among its events' (the events name the profile, R11), else
    /// among its orders'; so independent of the input's order.
    /// </summary>
    private static MetricProfile IdentityOf(ReadOnlySpan<int> members, NodeIdentities identities, int eventNodes)
    {
        // among the events' identities, then among the orders'
        string? email = null, phone = null, external = null, anonymous = null;
        string? orderEmail = null, orderPhone = null, orderExternal = null;
        foreach (var node in members)
        {
            var (e, p, x) = (identities.Get(node, NodeIdentities.Email), identities.Get(node, NodeIdentities.Phone), identities.Get(node, NodeIdentities.External));
            if (node < eventNodes)
            {
                (email, phone, external) = (First(email, e), First(phone, p), First(external, x));
                anonymous = First(anonymous, identities.Get(node, NodeIdentities.Anonymous));
            }
            else
            {
                (orderEmail, orderPhone, orderExternal) = (First(orderEmail, e), First(orderPhone, p), First(orderExternal, x));
            }
        }

        return MetricProfile.OfNormalized(email ?? orderEmail, phone ?? orderPhone, external ?? orderExternal, anonymous);
    }

    private static string? First(string? current, string? candidate) =>
        candidate is not null && (current is null || string.CompareOrdinal(candidate, current) < 0) ? candidate : current;

    /// <summary>
    /// The links of <paramref name="kind"/> (0 external ID, 1 email as <see cref="ShopperIdentity"/> matches it, 2 phone number,
    /// 3 anonymous ID): for each node whose identifier an earlier node has, that first earlier node and the node. Found by sorting
    /// the nodes by a 64-bit hash of their identifier (the hash's high bits, then the node, in one number), so equal identifiers
    /// end side by side in node order; within a run of equal hashes the identifiers are compared, so a collision never links
    /// two nodes. No dictionary: one pass to hash, one sort of numbers, one pass over the runs.
    /// </summary>
    private static List<(int Earlier, int Node)> LinksOf(NodeIdentities identities, int kind, Func<string, ulong> hash)
    {
        var links = new List<(int Earlier, int Node)>();
        var count = identities.Count;
        var nodeBits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)Math.Max(count, 2) - 1);
        var nodeMask = (1UL << nodeBits) - 1;
        var n = 0;
        for (var node = 0; node < count; node++)
        {
            n += identities.Get(node, kind) is null ? 0 : 1;
        }

        // one number per node that has the identifier (the array only as long as that: new memory costs time of its own)
        var keys = GC.AllocateUninitializedArray<ulong>(n);
        n = 0;
        for (var node = 0; node < count; node++)
        {
            if (LinkingKeyOf(identities, node, kind) is { } identifier)
            {
                keys[n++] = (hash(identifier) & ~nodeMask) | (uint)node;
            }
        }

        if (n < 2)
        {
            return links;
        }

        Array.Sort(keys, 0, n);
        var distinct = new List<(int Node, string Identifier)>();
        for (var run = 0; run < n;)
        {
            var end = run + 1;
            while (end < n && (keys[end] & ~nodeMask) == (keys[run] & ~nodeMask))
            {
                end++;
            }

            if (end - run > 1)
            {
                // the nodes of one hash, in node order: each is linked to the first with its identifier
                // Stryker disable once Statement : the identifiers of an earlier run have another hash, so they never equal this run's
                distinct.Clear();
                for (var i = run; i < end; i++)
                {
                    var node = (int)(keys[i] & nodeMask);
                    var identifier = LinkingKeyOf(identities, node, kind)!;
                    var match = -1;
                    for (var d = 0; d < distinct.Count && match < 0; d++)
                    {
                        match = string.Equals(distinct[d].Identifier, identifier, StringComparison.Ordinal) ? distinct[d].Node : -1;
                    }

                    if (match >= 0)
                    {
                        links.Add((match, node));
                    }
                    else
                    {
                        distinct.Add((node, identifier));
                    }
                }
            }

            run = end;
        }

        return links;
    }

    /// <summary>The identifier of <paramref name="kind"/> that links nodes: as written, except an email, which matches case-insensitively (R11, as <see cref="ShopperIdentity"/> matches it).</summary>
    private static string? LinkingKeyOf(NodeIdentities identities, int node, int kind)
    {
        var identifier = identities.Get(node, kind);
        return identifier is not null && kind == NodeIdentities.Email ? ShopperIdentity.MatchingEmailOf(identifier) : identifier;
    }

    /// <summary>A 64-bit hash of a string's UTF-16 code units (four at a time, then the rest, then mixed), the same in every process.</summary>
    private static ulong IdentifierHash(string text)
    {
        const ulong Multiplier = 0x9E3779B97F4A7C15;
        // Stryker disable once all : the hash's quality only: equal hashes are compared as strings (R11_profiles_are_the_same_whatever_the_identifiers_hash)
        var h = (ulong)text.Length * Multiplier;
        var blocks = System.Runtime.InteropServices.MemoryMarshal.Cast<char, ulong>(text.AsSpan());
        // Stryker disable once all : the hash's quality only (above)
        foreach (var block in blocks)
        {
            h = System.Numerics.BitOperations.RotateLeft((h ^ block) * Multiplier, 29);
        }

        for (var i = blocks.Length * 4; i < text.Length; i++)
        {
            h = System.Numerics.BitOperations.RotateLeft((h ^ text[i]) * Multiplier, 29);
        }

        // final mix (MurmurHash3's), so the high bits the sort keeps depend on every unit
        // Stryker disable all : the hash's quality only (above)
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
        // Stryker restore all
    }

    /// <summary>The identifiers of the union-find's nodes: the events' profile instances, then one node per order's shopper (as written: ShopperIdentity's equality ignores an email's case; a profile keeps the first spelling).</summary>
    private readonly struct NodeIdentities(MetricProfile[] eventProfiles, int eventCount, Order[] orders)
    {
        internal const int External = 0;
        internal const int Email = 1;
        internal const int Phone = 2;
        internal const int Anonymous = 3;

        internal int Count => eventCount + orders.Length;

        /// <summary>The identifier of <paramref name="kind"/> of <paramref name="node"/> (null when it has none).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal string? Get(int node, int kind)
        {
            if (node < eventCount)
            {
                var profile = eventProfiles[node];
                return kind switch { External => profile.ExternalId, Email => profile.Email, Phone => profile.PhoneNumber, _ => profile.AnonymousId };
            }

            var shopper = orders[node - eventCount].Shopper;
            return kind switch { External => shopper.ExternalId, Email => shopper.Email, Phone => shopper.PhoneNumber, _ => null };
        }
    }

    private static void Union(int[] parent, int x, int y)
    {
        var a = Find(parent, x);
        var b = Find(parent, y);
        if (a != b)
        {
            // the smaller node stays the root: components and their numbering do not depend on hashing
            parent[Math.Max(a, b)] = Math.Min(a, b);
        }
    }

    private static int Find(int[] parent, int node)
    {
        var root = node;
        while (parent[root] != root)
        {
            root = parent[root];
        }

        while (parent[node] != root)
        {
            (parent[node], node) = (root, parent[node]);
        }

        return root;
    }

    /// <summary>The events, read by index.</summary>
    internal ActivityEvents EventRows => _events;

    internal Order OrderAt(int source) => _orders[source];

    /// <summary>The unique ID of an event item (D4) or the ID of an order item.</summary>
    internal string KeyOf(in ActivityItem item) => KeyOf(_events, _orders, item);

    private static string KeyOf(ActivityEvents events, Order[] orders, in ActivityItem item) =>
        item.Metric == SegmentMetric.PlacedOrder ? orders[item.Source].Id : events.UniqueId(item.Source);

    /// <summary>Items by instant, then metric, then unique ID or order ID: a total order that does not depend on the input's order (the IDs are made only to break a tie).</summary>
    private sealed class ItemOrder(ActivityEvents events, Order[] orders) : IComparer<ActivityItem>
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public int Compare(ActivityItem x, ActivityItem y)
        {
            var c = x.At.CompareTo(y.At);
            if (c == 0)
            {
                c = x.Metric.CompareTo(y.Metric);
            }

            return c != 0 ? c : string.CompareOrdinal(KeyOf(events, orders, x), KeyOf(events, orders, y));
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"ProfileActivity({AccountId}, {_profiles.Length} profiles, {_events.Count} events, {_orders.Length} orders)";
}

/// <summary>One event or order of a profile: its instant, metric, and index in the activity's events or orders.</summary>
internal readonly record struct ActivityItem(Instant At, SegmentMetric Metric, int Source);

/// <summary>A profile: its identifiers and its events and orders in chronological order (a slice of the activity's one array).</summary>
internal readonly struct ActivityProfile(MetricProfile identity, ActivityItem[] all, int start, int length)
{
    internal MetricProfile Identity { get; } = identity;

    internal ReadOnlySpan<ActivityItem> Items => all.AsSpan(start, length);

    /// <summary>How many items are at or before <paramref name="asOf"/> (D1).</summary>
    internal int CountAsOf(Instant asOf)
    {
        var items = Items;
        int lo = 0, hi = items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (items[mid].At <= asOf)
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
}
