using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace CustomerAgent.Conversations;

/// <summary>
/// The one representation of conversations' facts and the one home of the rules that build them (R6, R9, R10, R18, H1–H4,
/// D2): many conversations, one <see cref="FactsRow"/> each, with their skills, tags and products interned and their lists in
/// one persistent <see cref="EntryPool"/>. Every path that records activity goes through the rule methods here: the
/// <see cref="Conversation"/> aggregate (one table per conversation, one row per version) and the activity-log reader (one
/// table per read, one row per conversation). Instants are Unix nanoseconds; <see cref="None"/> means "not (yet)".
/// </summary>
/// <remarks>
/// Each rule method checks everything first and changes the row only when the activity is accepted; a rejection throws
/// <see cref="CustomerAgentException"/> naming the rule, the field and the value, and leaves the row as it was. Interning a
/// skill, tag or product of a rejected activity may add the string to an interner, which is not a fact. Not thread-safe.
/// </remarks>
internal sealed class FactsTable
{
    /// <summary>The value of an instant column that holds no instant.</summary>
    internal const long None = long.MaxValue;

    private const int SegmentBits = 15;
    private const int SegmentSize = 1 << SegmentBits;

    private readonly Func<int, string> _idOf;
    private FactsRow[][] _segments = [new FactsRow[1]];

    /// <summary>For rows that took activity after <see cref="AsOfCutoff"/>, the slot of their copy as it was then (see <see cref="Slot"/>); −1 for a row opened after it.</summary>
    private Dictionary<int, int>? _atCutoff;

    /// <summary>The copies of rows as they were at <see cref="AsOfCutoff"/>.</summary>
    private readonly List<FactsRow> _cutoffRows = [];

    /// <summary>
    /// D1: facts read as of one instant answer only for that instant, or, when they hold every fact (no later line was set
    /// aside), for any instant from the latest on; any other instant is rejected rather than answered from the wrong facts.
    /// </summary>
    /// <param name="asOf">The instant asked for.</param>
    /// <param name="factsAsOf">The instant the facts are as of, or null when nothing was read.</param>
    /// <param name="final">Whether the facts hold every fact of the account.</param>
    /// <returns>The exception to throw (D1).</returns>
    internal static CustomerAgentException NotAsOf(NodaTime.Instant asOf, NodaTime.Instant? factsAsOf, bool final) =>
        new("D1", "asOf", Preconditions.Format(asOf), $"is not an instant the account's facts answer for: they are as of {(factsAsOf is { } a ? Preconditions.Format(a) : "-")}{(final ? " and hold every fact of the account (any instant from its latest on)" : string.Empty)}; read with ActivityLogReaderOptions.AsOf to look back");

    /// <summary>A table of conversations living by <paramref name="policy"/>.</summary>
    /// <param name="policy">The policy (inactivity timeout, D1) of every conversation of the table.</param>
    /// <param name="idOf">The conversation ID of a row, for messages (called only when a rule is broken).</param>
    internal FactsTable(ConversationPolicy policy, Func<int, string> idOf)
    {
        Policy = policy;
        AutoCloseNanos = policy.AutoCloseAfter.ToInt64Nanoseconds();
        _idOf = idOf;
    }

    internal ConversationPolicy Policy { get; }

    /// <summary>
    /// The instant whose facts the table keeps aside (D1: a report as of an instant never sees later facts), or
    /// <see cref="None"/>: before a row takes its first activity after it, the row as it was is kept
    /// (<see cref="SlotAsOfCutoff"/>); the lists are persistent, so the copy stays exact. Set before the first row.
    /// </summary>
    internal long AsOfCutoff { get; init; } = None;

    /// <summary>
    /// Whether rows keep the lists only outputs read (skills, tags, product clicks); false for a read that keeps only what
    /// statuses and counts need. Every rule still runs: the recommendations stay (H2 checks a click against them), the initial
    /// and final skills and the message counts too. Set before the first row.
    /// </summary>
    internal bool KeepsDetails { get; init; } = true;

    /// <summary>The policy's timeout in nanoseconds.</summary>
    internal long AutoCloseNanos { get; }

    internal int Count { get; private set; }

    internal Utf8Interner Skills { get; } = new();

    internal Utf8Interner Tags { get; } = new();

    internal Utf8Interner Products { get; } = new();

    internal EntryPool Lists { get; } = new();

    /// <summary>Bytes held by the rows, the lists and the interned strings (arrays as allocated).</summary>
    internal long Bytes
    {
        get
        {
            long rows = 0;
            foreach (var segment in _segments)
            {
                rows += segment?.LongLength ?? 0;
            }

            return ((rows + _cutoffRows.Capacity) * Unsafe.SizeOf<FactsRow>()) + Lists.Bytes + Skills.Bytes + Tags.Bytes + Products.Bytes;
        }
    }

    /// <summary>The row (by reference: the table's own storage).</summary>
    internal ref FactsRow this[int row]
    {
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        // Stryker disable once Bitwise : a row is never negative (a negative one fails either way), so >> and >>> agree
        get => ref _segments[row >> SegmentBits][row & (SegmentSize - 1)];
    }

    /// <summary>The conversation ID of a row, as the table's owner names it.</summary>
    internal string IdOf(int row) => _idOf(row);

    /// <summary>R6: a conversation opens with the shopper's first message (H5 is the caller's: it knows the line or activity kind).</summary>
    /// <returns>The new row.</returns>
    internal int Open(long at, Channel channel, ConversationMode mode)
    {
        var row = AddRow();
        Open(row, at, channel, mode);
        return row;
    }

    /// <summary>A new row that holds no facts until <see cref="Open(int, long, Channel, ConversationMode)"/> (a caller that numbers its conversations by row keeps one for a conversation it rejects).</summary>
    internal int AddRow()
    {
        NewRow();
        return Count - 1;
    }

    /// <summary>R6: opens the conversation of a row from <see cref="AddRow"/>.</summary>
    internal void Open(int row, long at, Channel channel, ConversationMode mode)
    {
        Preconditions.CheckDefined(channel, "channel", "R1");
        Preconditions.CheckDefined(mode, "mode", "R20");
        ref var r = ref this[row];
        if (at > AsOfCutoff)
        {
            KeepAtCutoff(row, default, opened: false);
        }

        r.StartedAt = at;
        r.LastMessageAt = at;
        r.LastActivityAt = at;
        r.FirstAgentMessageAt = None;
        r.HandoffAt = None;
        r.ClosedAt = None;
        r.PendingOfferAt = None;
        r.MessageCount = 1;
        r.InitialSkill = -1;
        r.FinalSkill = -1;
        r.Tags = -1;
        r.Skills = -1;
        r.Recommendations = -1;
        r.Clicks = -1;
        r.Channel = (byte)channel;
        r.Mode = (byte)mode;
        r.LastAuthor = (byte)MessageAuthor.Shopper;
    }

    /// <summary>R1: a conversation has one channel; an activity that names another is rejected.</summary>
    internal void CheckChannel(int row, Channel channel)
    {
        ref var r = ref this[row];
        if ((byte)channel != r.Channel)
        {
            throw new CustomerAgentException("R1", "channel", ChannelWords.Of(channel), $"differs from conversation {Preconditions.Echo(IdOf(row))}'s channel {ChannelWords.Of((Channel)r.Channel)}");
        }
    }

    /// <summary>A new row holding a copy of <paramref name="row"/> (the aggregate's next version; lists are shared, never changed).</summary>
    internal int CopyRow(int row)
    {
        var copy = this[row];
        ref var r = ref NewRow();
        r = copy;
        return Count - 1;
    }

    /// <summary>Forgets the last row (an aggregate's version whose activity was rejected).</summary>
    internal void DropLastRow() => Count--;

    /// <summary>H1: activities never go back in time (equal instants keep their order).</summary>
    internal void CheckTime(int row, long at)
    {
        ref var r = ref this[row];
        if (at < r.LastActivityAt)
        {
            throw new CustomerAgentException("H1", "at", UnixNanoseconds.Format(at), $"is earlier than the previous activity at {UnixNanoseconds.Format(r.LastActivityAt)}; time never goes backwards");
        }
    }

    /// <summary>
    /// Called by every rule method once the activity is accepted, just before the row changes: the first accepted activity after
    /// <see cref="AsOfCutoff"/> keeps the row as it was (a rejected line changes nothing, so it never does).
    /// </summary>
    private ref FactsRow Changing(int row, long at)
    {
        ref var r = ref this[row];
        if (at > AsOfCutoff)
        {
            KeepAtCutoff(row, r, opened: true);
        }

        return ref r;
    }

    /// <summary>
    /// The slot of the row as of <see cref="AsOfCutoff"/> (its copy from before its first later activity, else the row itself),
    /// or −1 when the conversation started after the cutoff. A slot names a row that never changes again once the writing is over.
    /// </summary>
    internal int SlotAsOfCutoff(int row) => _atCutoff is not null && _atCutoff.TryGetValue(row, out var copy) ? copy : row;

    /// <summary>A row by slot: a row of the table (≥ 0) or a copy kept at the cutoff (encoded as <c>-2 - index</c>).</summary>
    internal ref FactsRow Slot(int slot) => ref slot >= 0 ? ref this[slot] : ref System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_cutoffRows)[-2 - slot];

    private void KeepAtCutoff(int row, in FactsRow r, bool opened)
    {
        _atCutoff ??= [];
        if (!_atCutoff.ContainsKey(row))
        {
            _atCutoff.Add(row, opened ? -2 - _cutoffRows.Count : -1);
            if (opened)
            {
                _cutoffRows.Add(r);
            }
        }
    }

    /// <summary>H1 and D2: in time order, and not at or after the close, explicit or by inactivity (D1: last message + timeout, inclusive).</summary>
    internal void CheckOpenAt(int row, long at, string field)
    {
        CheckTime(row, at);
        ref var r = ref this[row];
        if (r.ClosedAt != None)
        {
            throw new CustomerAgentException("D2", field, UnixNanoseconds.Format(at), $"comes after conversation {Preconditions.Echo(IdOf(row))} was closed by the {((ClosedBy)r.ClosedBy).ToString().ToLowerInvariant()} at {UnixNanoseconds.Format(r.ClosedAt)}; a new shopper message starts a new conversation");
        }

        if (at >= r.LastMessageAt + AutoCloseNanos)
        {
            throw new CustomerAgentException("D2", field, UnixNanoseconds.Format(at), $"comes after conversation {Preconditions.Echo(IdOf(row))} closed by inactivity at {UnixNanoseconds.Format(r.LastMessageAt + AutoCloseNanos)} (D1: last message + {Preconditions.Format(Policy.AutoCloseAfter)}); a new shopper message starts a new conversation");
        }
    }

    /// <summary>A shopper message (R18 message count and last updated; R2 a).</summary>
    internal void RecordShopperMessage(int row, long at)
    {
        CheckOpenAt(row, at, "message");
        AddMessage(ref Changing(row, at), at, MessageAuthor.Shopper);
    }

    /// <summary>
    /// An agent message with its skill (R10: initial and final skill; a run of messages with one skill is one invocation) and
    /// the products it recommends (R9, numbered by agent message; H4: no product twice in one recommendation).
    /// </summary>
    internal void RecordAgentMessage<TProducts>(int row, long at, ReadOnlySpan<byte> skill, int skillHash, in TProducts products)
        where TProducts : IUtf8List, allows ref struct
    {
        CheckOpenAt(row, at, "message");
        var count = products.Count;
        int[]? rented = null;
        // Stryker disable once Equality,Conditional : the stack or a rented array give the same span of count ids
        var ids = count <= 64 ? stackalloc int[count] : (rented = ArrayPool<int>.Shared.Rent(count)).AsSpan(0, count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                var product = products[i];
                var id = Products.Intern(product, out _);
                if (ids[..i].Contains(id))
                {
                    throw new CustomerAgentException("H4", $"products[{i}]", Encoding.UTF8.GetString(product), "repeats a product already in this recommendation");
                }

                ids[i] = id;
            }

            var skillId = Skills.Intern(skill, skillHash, out _);
            ref var r = ref Changing(row, at);
            if (r.FinalSkill != skillId && KeepsDetails)
            {
                r.Skills = Lists.Prepend(r.Skills, skillId, at);
            }

            if (r.InitialSkill < 0)
            {
                r.InitialSkill = skillId;
                r.FirstAgentMessageAt = at;
            }

            r.FinalSkill = skillId;
            r.AgentMessageCount++;
            if (count > 0)
            {
                var head = -1;
                for (var i = 0; i < count; i++)
                {
                    head = Lists.Prepend(head, ids[i], 0);
                }

                r.Recommendations = Lists.Prepend(r.Recommendations, at, ((long)r.AgentMessageCount << 32) | (uint)head);
            }

            AddMessage(ref r, at, MessageAuthor.Agent);
        }
        finally
        {
            // Stryker disable once Statement : only whether the pool gets its array back
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    /// <summary>A click on a product card (R16); allowed after the close (the card stays in the transcript). H2: a product recommended earlier here.</summary>
    internal void RecordProductCardClick(int row, long at, ReadOnlySpan<byte> product)
    {
        CheckTime(row, at);
        ref var r = ref this[row];
        var id = Products.Find(product);
        if (id < 0 || !WasRecommended(r.Recommendations, id))
        {
            throw new CustomerAgentException("H2", "productId", Encoding.UTF8.GetString(product), $"was never recommended in conversation {Preconditions.Echo(IdOf(row))}; a click must name a recommended product");
        }

        r = ref Changing(row, at);
        if (KeepsDetails)
        {
            r.Clicks = Lists.Prepend(r.Clicks, id, at);
        }

        r.LastActivityAt = at;
    }

    /// <summary>A topic tag (R10): the distinct tags with the instant each was first applied; allowed after the close.</summary>
    internal void ApplyTag(int row, long at, ReadOnlySpan<byte> tag, int tagHash)
    {
        CheckTime(row, at);
        var id = Tags.Intern(tag, tagHash, out _);
        ref var r = ref Changing(row, at);
        if (KeepsDetails && !Lists.ContainsA(r.Tags, id))
        {
            r.Tags = Lists.Prepend(r.Tags, id, at);
        }

        r.LastActivityAt = at;
    }

    /// <summary>An immediate handoff (R2 b, R3); the first one is the effective handoff for good (D2). H3: a ticket is never immediate.</summary>
    internal void TriggerHandoff(int row, long at, HandoffKind kind, HandoffMode mode, HandoffReason reason)
    {
        CheckOpenAt(row, at, "handoff");
        Preconditions.CheckDefined(kind, "kind", "R3");
        Preconditions.CheckDefined(mode, "mode", "R3");
        Preconditions.CheckDefined(reason, "reason", "R8");
        if (kind == HandoffKind.SupportTicket)
        {
            throw new CustomerAgentException("H3", "kind", nameof(HandoffKind.SupportTicket), "is not an immediate handoff: offer the ticket and record the shopper's answer (R4)");
        }

        ref var r = ref Changing(row, at);
        if (r.HandoffAt == None)
        {
            SetHandoff(ref r, at, kind, mode, reason);
        }

        r.LastActivityAt = at;
    }

    /// <summary>A support-ticket offer (R4: not a handoff until "yes"). H3: one offer pending at a time.</summary>
    internal void OfferSupportTicket(int row, long at, HandoffMode mode, HandoffReason reason)
    {
        CheckOpenAt(row, at, "ticketOffer");
        Preconditions.CheckDefined(mode, "mode", "R4");
        Preconditions.CheckDefined(reason, "reason", "R8");
        ref var r = ref this[row];
        if (r.PendingOfferAt != None)
        {
            throw new CustomerAgentException("H3", "ticketOffer", UnixNanoseconds.Format(at), $"cannot be made while the offer of {UnixNanoseconds.Format(r.PendingOfferAt)} awaits an answer");
        }

        r = ref Changing(row, at);
        r.PendingOfferAt = at;
        r.PendingMode = (byte)mode;
        r.PendingReason = (byte)reason;
        r.LastActivityAt = at;
    }

    /// <summary>The shopper's answer to the pending offer: "yes" is a handoff at this instant (R4), "no" is not. H3: an offer must be pending.</summary>
    internal void AnswerSupportTicketOffer(int row, long at, bool accepted)
    {
        CheckOpenAt(row, at, "ticketAnswer");
        ref var r = ref this[row];
        if (r.PendingOfferAt == None)
        {
            throw new CustomerAgentException("H3", "ticketAnswer", accepted ? "yes" : "no", $"has no pending support-ticket offer to answer in conversation {Preconditions.Echo(IdOf(row))}");
        }

        r = ref Changing(row, at);
        if (accepted && r.HandoffAt == None)
        {
            SetHandoff(ref r, at, HandoffKind.SupportTicket, (HandoffMode)r.PendingMode, (HandoffReason)r.PendingReason);
        }

        r.PendingOfferAt = None;
        r.LastActivityAt = at;
    }

    /// <summary>The explicit close (R2 c); a pending ticket offer lapses unanswered (R4).</summary>
    internal void Close(int row, long at, ClosedBy by)
    {
        CheckOpenAt(row, at, "close");
        Preconditions.CheckDefined(by, "by", "R2");
        ref var r = ref Changing(row, at);
        r.ClosedAt = at;
        r.ClosedBy = (byte)by;
        r.PendingOfferAt = None;
        r.LastActivityAt = at;
    }

    /// <summary>Whether <paramref name="product"/> was recommended in any recommendation of the list <paramref name="recommendations"/> (H2).</summary>
    internal bool WasRecommended(int recommendations, int product)
    {
        for (var rec = recommendations; rec >= 0; rec = Lists.Next(rec))
        {
            if (Lists.ContainsA(ProductsOf(rec), product))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The products list of a recommendation entry.</summary>
    internal int ProductsOf(int recommendation) => (int)(uint)Lists.B(recommendation);

    /// <summary>The agent message number (1-based) of a recommendation entry (D4).</summary>
    // Stryker disable once Bitwise : (int) keeps the low 32 bits of the shift, the same for >> and >>>
    internal int AgentMessageNumberOf(int recommendation) => (int)(Lists.B(recommendation) >> 32);

    private static void SetHandoff(ref FactsRow r, long at, HandoffKind kind, HandoffMode mode, HandoffReason reason)
    {
        r.HandoffAt = at;
        r.HandoffKind = (byte)kind;
        r.HandoffMode = (byte)mode;
        r.HandoffReason = (byte)reason;
    }

    private static void AddMessage(ref FactsRow r, long at, MessageAuthor author)
    {
        r.LastMessageAt = at;
        r.LastAuthor = (byte)author;
        r.MessageCount++;
        r.LastActivityAt = at;
    }

    private ref FactsRow NewRow()
    {
        var index = Count;
        // Stryker disable once Bitwise : Count is never negative, so >> and >>> agree
        var s = index >> SegmentBits;
        if (s == _segments.Length)
        {
            Array.Resize(ref _segments, _segments.Length * 2);
        }

        var offset = index & (SegmentSize - 1);
        var segment = _segments[s];
        if (segment is null)
        {
            segment = _segments[s] = new FactsRow[SegmentSize];
        }
        else if (offset == segment.Length)
        {
            Array.Resize(ref _segments[s], Math.Min(SegmentSize, segment.Length * 4));
        }

        Count = index + 1;
        ref var r = ref _segments[s]![offset];
        r = default;
        return ref r;
    }
}

/// <summary>A list of UTF-8 strings (the products of one agent message) as each caller holds them.</summary>
internal interface IUtf8List
{
    int Count { get; }

    ReadOnlySpan<byte> this[int index] { get; }
}

/// <summary>One conversation's facts in the <see cref="FactsTable"/>: fixed-size, no texts (see the table for the rules).</summary>
internal struct FactsRow
{
    /// <summary>The shopper's opening message (R6, R14).</summary>
    public long StartedAt;

    /// <summary>The last shopper or agent message (R2 a, R18 last updated; D1 auto-close = this + timeout).</summary>
    public long LastMessageAt;

    /// <summary>The latest activity of any kind (H1).</summary>
    public long LastActivityAt;

    /// <summary>The agent's first message, when the Initial Skill became known (R6, R10), or <see cref="FactsTable.None"/>.</summary>
    public long FirstAgentMessageAt;

    /// <summary>The effective handoff (R3, R4), or <see cref="FactsTable.None"/>.</summary>
    public long HandoffAt;

    /// <summary>The explicit close, or <see cref="FactsTable.None"/>.</summary>
    public long ClosedAt;

    /// <summary>The ticket offer awaiting an answer (H3), or <see cref="FactsTable.None"/>.</summary>
    public long PendingOfferAt;

    /// <summary>Shopper and agent messages (R18).</summary>
    public int MessageCount;

    /// <summary>Agent messages (R9 numbering, D4).</summary>
    public int AgentMessageCount;

    /// <summary>Interned skill of the agent's first message, or −1 (R10).</summary>
    public int InitialSkill;

    /// <summary>Interned skill of the agent's latest message, or −1 (R10).</summary>
    public int FinalSkill;

    /// <summary>Distinct tags, newest first: A = tag, B = first applied at.</summary>
    public int Tags;

    /// <summary>Skill invocations (runs of agent messages with one skill), newest first: A = skill, B = the run's first message.</summary>
    public int Skills;

    /// <summary>Agent messages with products, newest first: A = at, B = agent message number (high 32 bits) and products list (low).</summary>
    public int Recommendations;

    /// <summary>Product-card clicks, newest first: A = product, B = at.</summary>
    public int Clicks;

    public byte Channel;
    public byte Mode;
    public byte LastAuthor;
    public byte ClosedBy;
    public byte HandoffKind;
    public byte HandoffMode;
    public byte HandoffReason;
    public byte PendingMode;
    public byte PendingReason;
}
