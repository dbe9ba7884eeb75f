using CustomerAgent.Collection;
using CustomerAgent.Conversations;
using CustomerAgent.Events;
using NodaTime;

namespace CustomerAgent.Segments;

/// <summary>
/// The metric events a <see cref="ProfileActivity"/> is built on, read by index: either <see cref="MetricEvent"/> objects a
/// caller gives (<see cref="EventArray"/>), or compact rows computed from conversations' facts (<see cref="FactsEvents"/>) that
/// become <see cref="MetricEvent"/> objects only when one is asked for.
/// </summary>
internal abstract class ActivityEvents
{
    private MetricEvent[]? _all;

    /// <summary>The number of events.</summary>
    internal abstract int Count { get; }

    /// <summary>Every event, in order (made once when first asked for).</summary>
    internal IReadOnlyList<MetricEvent> All => LazyInitializer.EnsureInitialized(ref _all, () =>
    {
        var all = new MetricEvent[Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = Event(i);
        }

        return all;
    });

    /// <summary>The metric of event <paramref name="i"/>.</summary>
    internal abstract MetricKind Kind(int i);

    /// <summary>The instant of event <paramref name="i"/>, as <see cref="MetricEvent.Time"/> gives it (to the second).</summary>
    internal abstract Instant Time(int i);

    /// <summary>The unique ID of event <paramref name="i"/> (D4).</summary>
    internal abstract string UniqueId(int i);

    /// <summary>The conversation of event <paramref name="i"/>.</summary>
    internal abstract ConversationId ConversationOf(int i);

    /// <summary>The account of event <paramref name="i"/>.</summary>
    internal abstract AccountId AccountOf(int i);

    /// <summary>The profile of event <paramref name="i"/>; the events of one conversation share one instance.</summary>
    internal abstract MetricProfile ProfileOf(int i);

    /// <summary>The channel of event <paramref name="i"/>'s conversation.</summary>
    internal abstract Channel ChannelOf(int i);

    /// <summary>The recommended products of event <paramref name="i"/> (R9); empty for the other metrics.</summary>
    internal abstract IReadOnlyList<string> ProductsOf(int i);

    /// <summary>Event <paramref name="i"/>.</summary>
    internal abstract MetricEvent Event(int i);

    /// <summary>
    /// Each event's profile instance as a number: consecutive events with the same instance share one (<see cref="ProfileOf"/>;
    /// the events of a conversation share one), numbered from 0 in order; the first <paramref name="profileCount"/> of
    /// <paramref name="profiles"/> are the instances.
    /// </summary>
    internal virtual int[] ProfileNodes(out MetricProfile[] profiles, out int profileCount)
    {
        var nodes = new int[Count];
        var instances = new List<MetricProfile>();
        MetricProfile? last = null;
        for (var i = 0; i < nodes.Length; i++)
        {
            var profile = ProfileOf(i);
            if (!ReferenceEquals(profile, last))
            {
                instances.Add(profile);
                last = profile;
            }

            nodes[i] = instances.Count - 1;
        }

        (profiles, profileCount) = ([.. instances], instances.Count);
        return nodes;
    }
}

/// <summary>Events given as objects.</summary>
internal sealed class EventArray(MetricEvent[] events) : ActivityEvents
{
    internal override int Count => events.Length;

    internal override MetricKind Kind(int i) => events[i].Kind;

    internal override Instant Time(int i) => events[i].Time;

    internal override string UniqueId(int i) => events[i].UniqueId;

    internal override ConversationId ConversationOf(int i) => events[i].ConversationId;

    internal override AccountId AccountOf(int i) => events[i].AccountId;

    internal override MetricProfile ProfileOf(int i) => events[i].Profile;

    internal override Channel ChannelOf(int i) => events[i].Channel;

    internal override IReadOnlyList<string> ProductsOf(int i) => events[i].Products;

    internal override MetricEvent Event(int i) => events[i];
}

/// <summary>
/// The metric events of an account's conversations computed on their facts, kept as compact rows: the timing of R6–R9 from
/// <see cref="MetricEventFactory.Occurrences"/>, screened by the agent switch (R12, <see cref="DataCollectionSwitch"/>), preview
/// left out (R20). The same events, in the same order, as <see cref="MetricEventFactory.EventsBetween(ConversationHeader, ConversationFacts, Instant, Instant, AgentSwitchTimeline?)"/>
/// gives for each conversation in turn; an event becomes a <see cref="MetricEvent"/> (through
/// <see cref="MetricEventFactory.EventOf"/>) only when asked for.
/// </summary>
internal sealed class FactsEvents : ActivityEvents
{
    private readonly AccountId _account;
    // the conversations kept (those with events), as two columns of which the first _conversationCount are theirs: each one's
    // number in the caller's numbering (its ID and facts are read again when asked for), and its profile as the events name it
    private readonly int[] _numbers;
    private readonly MetricProfile[] _profiles;
    private readonly int _conversationCount;
    private readonly Row[] _rows; // the first _count are the events
    private readonly int _count;
    private readonly Func<int, ConversationId> _idAt;
    private readonly Func<int, ConversationFacts> _factsAt;

    private FactsEvents(AccountId account, int[] numbers, MetricProfile[] profiles, int conversationCount, Row[] rows, int count, Func<int, ConversationId> idAt, Func<int, ConversationFacts> factsAt)
    {
        _factsAt = factsAt;
        _account = account;
        _numbers = numbers;
        _profiles = profiles;
        _conversationCount = conversationCount;
        _rows = rows;
        _count = count;
        _idAt = idAt;
    }

    /// <summary>The events of conversations 0 to <paramref name="count"/> − 1 as of <paramref name="asOf"/>, in conversation order then emission order.</summary>
    /// <param name="account">The account of every conversation.</param>
    /// <param name="switches">The account's agent switches (R12), or null when none was ever set (everything collected).</param>
    /// <param name="asOf">The instant: events emitted at or before it. The facts must hold nothing later (D1).</param>
    /// <param name="count">The number of conversations.</param>
    /// <param name="factsAt">The facts of a conversation, as of <paramref name="asOf"/> or later (the facts hold nothing later, D1): called once per conversation, from several threads, then again when an event's channel, products or object is asked for.</param>
    /// <param name="profileAt">The profile of a conversation that has events (called once per such conversation, from several threads).</param>
    /// <param name="idAt">The ID of a conversation (called when an event's ID or conversation is read, from any thread).</param>
    /// <returns>The events.</returns>
    internal static FactsEvents Build(AccountId account, AgentSwitchTimeline? switches, Instant asOf, int count, Func<int, ConversationFacts> factsAt, Func<int, MetricProfile> profileAt, Func<int, ConversationId> idAt)
    {
        var parts = Parts.For(count, 50_000);
        var numbers = new Growing<int>[parts];
        var profiles = new Growing<MetricProfile>[parts];
        var rows = new Growing<Row>[parts];
        Parts.Run(count, parts, (part, from, to) =>
        {
            // about two events per conversation on the sample, room for two and a half: the first part has room for every
            // part's (they are appended to it, so the rows are not copied once more into an array of their own), the others
            // for their own
            // Stryker disable Arithmetic,Conditional,Equality : initial capacities only; the lists grow to whatever is added (GrowingTests)
            var partNumbers = new Growing<int>(part == 0 ? count : to - from);
            var partProfiles = new Growing<MetricProfile>(part == 0 ? count : to - from);
            var partRows = new Growing<Row>((int)Math.Min(Array.MaxLength, 5L * (part == 0 ? count : to - from) / 2));
            // Stryker restore Arithmetic,Conditional,Equality
            var occurrences = new List<MetricEventFactory.Occurrence>();
            for (var c = from; c < to; c++)
            {
                var facts = factsAt(c);
                if (facts.IsDefault || !facts.IsCountedInMetrics || facts.StartedAt > asOf)
                {
                    continue;
                }

                occurrences.Clear();
                MetricEventFactory.Occurrences(facts, asOf, occurrences);
                var first = true;
                foreach (var o in occurrences)
                {
                    if (switches is not null && !switches.IsCollected(facts.Channel, UnixNanoseconds.ToInstant(o.HappenedAt)))
                    {
                        continue;
                    }

                    if (first)
                    {
                        partNumbers.Add(c);
                        partProfiles.Add(profileAt(c));
                        first = false;
                    }

                    partRows.Add(new Row(o.HappenedAt, partNumbers.Count - 1, o.Kind, o.Number));
                }
            }

            numbers[part] = partNumbers;
            profiles[part] = partProfiles;
            rows[part] = partRows;
        });

        // the later parts after the first, their conversation indexes moved by the conversations before them
        var (allNumbers, allProfiles, allRows) = (numbers[0], profiles[0], rows[0]);
        // Stryker disable Statement,Linq : room made in one step; AddRange below grows to what it adds all the same (GrowingTests)
        allNumbers.EnsureCapacity(numbers.Sum(c => c.Count));
        allProfiles.EnsureCapacity(profiles.Sum(c => c.Count));
        allRows.EnsureCapacity(rows.Sum(r => r.Count));
        // Stryker restore Statement,Linq
        for (var part = 1; part < parts; part++)
        {
            var offset = allNumbers.Count;
            allNumbers.AddRange(numbers[part].Span);
            allProfiles.AddRange(profiles[part].Span);
            foreach (var row in rows[part].Span)
            {
                allRows.Add(row with { Conversation = row.Conversation + offset });
            }
        }

        return new FactsEvents(account, allNumbers.Items, allProfiles.Items, allNumbers.Count, allRows.Items, allRows.Count, idAt, factsAt);
    }

    internal override int Count => _count;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override MetricKind Kind(int i) => _rows[i].Kind;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override Instant Time(int i) => MetricEvent.TruncateToSecond(_rows[i].HappenedAt);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override string UniqueId(int i) =>
        EventIds.For(_rows[i].Kind, _account, ConversationOf(i), _rows[i].Number);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override ConversationId ConversationOf(int i) => _idAt(_numbers[_rows[i].Conversation]);

    internal override AccountId AccountOf(int i) => _account;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override MetricProfile ProfileOf(int i) => _profiles[_rows[i].Conversation];

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal override Channel ChannelOf(int i) => FactsOf(i).Channel;

    internal override IReadOnlyList<string> ProductsOf(int i) =>
        _rows[i].Kind == MetricKind.ReceivedProductRecommendation ? FactsOf(i).ProductsOfAgentMessage(_rows[i].Number) : [];

    /// <summary>The facts of event <paramref name="i"/>'s conversation.</summary>
    private ConversationFacts FactsOf(int i) => _factsAt(_numbers[_rows[i].Conversation]);

    /// <summary>The conversations kept are the profile instances: one per conversation, in order (the profiles' column itself, not a copy).</summary>
    internal override int[] ProfileNodes(out MetricProfile[] profiles, out int profileCount)
    {
        var nodes = GC.AllocateUninitializedArray<int>(_count);
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = _rows[i].Conversation;
        }

        (profiles, profileCount) = (_profiles, _conversationCount);
        return nodes;
    }

    internal override MetricEvent Event(int i)
    {
        var row = _rows[i];
        var number = _numbers[row.Conversation];
        var occurrence = new MetricEventFactory.Occurrence(row.Kind, row.HappenedAt, row.HappenedAt, row.Number);
        var facts = _factsAt(number);
        return MetricEventFactory.EventOf(_account, _idAt(number), facts.Channel, _profiles[row.Conversation], facts, occurrence);
    }

    /// <summary>
    /// One event in 16 bytes: when it happened (Unix nanoseconds), its conversation (an index of the conversations kept), and its
    /// metric and number (<see cref="MetricEventFactory.Occurrence.Number"/>) in one code: a recommendation's agent message
    /// number as it is (0 or more), the other metrics, whose number is 0 or 1, as −1 − (2 × metric + number).
    /// </summary>
    private readonly struct Row(long happenedAt, int conversation, MetricKind kind, int number)
    {
        private readonly int _code = kind == MetricKind.ReceivedProductRecommendation ? number : -1 - ((2 * (int)kind) + number);

        internal long HappenedAt { get; } = happenedAt;

        internal int Conversation { get; init; } = conversation;

        internal MetricKind Kind => _code >= 0 ? MetricKind.ReceivedProductRecommendation : (MetricKind)((-1 - _code) >> 1);

        // Stryker disable once Arithmetic,Unary : -1 - _code, -1 + _code and 1 - _code differ by an even number: the same parity
        internal int Number => _code >= 0 ? _code : (-1 - _code) & 1;
    }
}

/// <summary>
/// A list of values kept in one array that doubles when full; its array is handed over as it is (no copy to an exact length).
/// The array is not cleared when <typeparamref name="T"/> holds no references (<see cref="GC.AllocateUninitializedArray{T}"/>),
/// so room never used costs no memory the process touches: only the first <see cref="Count"/> values may be read.
/// </summary>
internal struct Growing<T>(int capacity)
{
    /// <summary>The array: the first <see cref="Count"/> values are the list's; the rest is undefined.</summary>
    internal T[] Items { get; private set; } = GC.AllocateUninitializedArray<T>(Math.Max(capacity, 4));

    /// <summary>The number of values.</summary>
    internal int Count { get; private set; }

    /// <summary>The values.</summary>
    internal readonly ReadOnlySpan<T> Span => Items.AsSpan(0, Count);

    /// <summary>Adds a value.</summary>
    internal void Add(in T value)
    {
        if (Count == Items.Length)
        {
            Grow(Count + 1);
        }

        Items[Count++] = value;
    }

    /// <summary>Adds values.</summary>
    internal void AddRange(ReadOnlySpan<T> values)
    {
        if (Count + values.Length > Items.Length)
        {
            Grow(Count + values.Length);
        }

        values.CopyTo(Items.AsSpan(Count));
        Count += values.Length;
    }

    /// <summary>Makes room for <paramref name="capacity"/> values in all (exactly that many when the array grows).</summary>
    internal void EnsureCapacity(int capacity)
    {
        if (capacity > Items.Length)
        {
            Resize(capacity);
        }
    }

    private void Grow(int needed) => Resize((int)Math.Min(Array.MaxLength, Math.Max(needed, 2L * Items.Length)));

    private void Resize(int capacity)
    {
        var items = GC.AllocateUninitializedArray<T>(capacity);
        Span.CopyTo(items);
        Items = items;
    }
}
