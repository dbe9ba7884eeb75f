using NodaTime;

namespace CustomerAgent.Conversations;

/// <summary>
/// What is known of one conversation at some moment, without its texts: the one representation every path computes on (the
/// classifier, the metric events, the dashboard, the bulk rows, attribution). It is built only by the rules of the
/// conversation (<see cref="Conversation"/>, or the activity-log reader, which apply the same rule methods) and cannot be
/// built inconsistent.
/// </summary>
/// <remarks>
/// <para>A snapshot: later activity of the conversation never changes a <see cref="ConversationFacts"/> already taken.
/// <see cref="Conversation.Facts"/> gives the facts after every recorded activity, <see cref="Conversation.FactsAsOf"/> the
/// facts as of an instant (D1: a report as of an instant never sees later facts).</para>
/// <para>Immutable and thread-safe to read. <c>default</c> holds no conversation (<see cref="IsDefault"/>); its members throw.</para>
/// </remarks>
public readonly struct ConversationFacts
{
    private readonly FactsTable? _table;

    /// <summary>Where the row is in the table (<see cref="FactsTable.Slot"/>): rows never change once a view is handed out.</summary>
    private readonly int _slot;

    internal ConversationFacts(FactsTable table, int slot)
    {
        _table = table;
        _slot = slot;
    }

    /// <summary>Whether this is <c>default</c>, which holds no conversation.</summary>
    public bool IsDefault => _table is null;

    /// <summary>The policy (inactivity timeout, D1) the conversation lives by.</summary>
    public ConversationPolicy Policy => Table.Policy;

    /// <summary>The channel (R1: one per conversation).</summary>
    public Channel Channel => (Channel)Row.Channel;

    /// <summary>Live or preview (R20).</summary>
    public ConversationMode Mode => (ConversationMode)Row.Mode;

    /// <summary>Whether the conversation counts in production conversations and metrics: live, not preview (R20).</summary>
    public bool IsCountedInMetrics => Row.Mode == (byte)ConversationMode.Live;

    /// <summary>When the shopper's opening message was sent: the instant the conversation was initiated (R6, R14).</summary>
    public Instant StartedAt => UnixNanoseconds.ToInstant(Row.StartedAt);

    /// <summary>The last shopper or agent message: the table's "last updated" (R18).</summary>
    public Instant LastMessageAt => UnixNanoseconds.ToInstant(Row.LastMessageAt);

    /// <summary>Who wrote the last message (R2 a).</summary>
    public MessageAuthor LastMessageAuthor => (MessageAuthor)Row.LastAuthor;

    /// <summary>The latest activity of any kind (messages, clicks, tags, handoffs, offers, answers, close).</summary>
    public Instant LastActivityAt => UnixNanoseconds.ToInstant(Row.LastActivityAt);

    /// <summary>Messages exchanged, shopper and agent together (R18).</summary>
    public int MessageCount => Row.MessageCount;

    /// <summary>Messages of the agent (the numbering of product recommendations, R9 and D4).</summary>
    public int AgentMessageCount => Row.AgentMessageCount;

    /// <summary>When the agent first answered (the Initial Skill became known, R6), or <see langword="null"/>.</summary>
    public Instant? FirstAgentMessageAt => Optional(Row.FirstAgentMessageAt);

    /// <summary>The skill of the agent's first message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? InitialSkill => Row.InitialSkill < 0 ? null : Table.Skills.GetString(Row.InitialSkill);

    /// <summary>The skill of the agent's latest message, or <see langword="null"/> before the agent has answered (R10).</summary>
    public string? FinalSkill => Row.FinalSkill < 0 ? null : Table.Skills.GetString(Row.FinalSkill);

    /// <summary>The effective handoff (R3, R4): the first immediate handoff or the first accepted ticket; <see langword="null"/> when none (D2: never replaced).</summary>
    public Handoff? Handoff => Row.HandoffAt == FactsTable.None
        ? null
        : new Handoff(UnixNanoseconds.ToInstant(Row.HandoffAt), (HandoffKind)Row.HandoffKind, (HandoffMode)Row.HandoffMode, (HandoffReason)Row.HandoffReason);

    /// <summary>The explicit close, or <see langword="null"/> when nobody closed the conversation (it may still close by inactivity, <see cref="AutoCloseAt"/>).</summary>
    public ConversationClosed? ExplicitClose => Row.ClosedAt == FactsTable.None
        ? null
        : new ConversationClosed(UnixNanoseconds.ToInstant(Row.ClosedAt), (ClosedBy)Row.ClosedBy);

    /// <summary>The ticket offer awaiting an answer in the recorded activity (H3), or <see langword="null"/>; it lapses at the close (R4, see <see cref="PendingTicketOfferAsOf"/>).</summary>
    public SupportTicketOffered? PendingTicketOffer => Row.PendingOfferAt == FactsTable.None
        ? null
        : new SupportTicketOffered(UnixNanoseconds.ToInstant(Row.PendingOfferAt), (HandoffMode)Row.PendingMode, (HandoffReason)Row.PendingReason);

    /// <summary>When the conversation closes (or closed) by inactivity if nobody closes it first: last message + the policy's timeout (D1).</summary>
    public Instant AutoCloseAt => UnixNanoseconds.ToInstant(Row.LastMessageAt + Table.AutoCloseNanos);

    /// <summary>When the conversation closes or closed: the explicit close, else <see cref="AutoCloseAt"/> (D1).</summary>
    public Instant CloseAt => UnixNanoseconds.ToInstant(CloseNanos(out _));

    /// <summary>The distinct tags applied, in order of first application (R10).</summary>
    public IReadOnlyList<string> Tags => TagsAsOf(SupportedInstants.End);

    /// <summary>The skill invocations (runs of agent messages with one skill; switching away and back is a second one), oldest first (R14 skill report).</summary>
    public IReadOnlyList<SkillInvocation> SkillInvocations
    {
        get
        {
            var table = Table;
            return Array.ConvertAll(table.Lists.Entries(Row.Skills), e => new SkillInvocation(table.Skills.GetString((int)table.Lists.A(e)), UnixNanoseconds.ToInstant(table.Lists.B(e))));
        }
    }

    /// <summary>The distinct skills the agent used, in order of first use (R10).</summary>
    public IReadOnlyList<string> SkillsUsed => SkillInvocations.Select(s => s.Skill).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every agent message that carried products, oldest first, with its number among the agent's messages (R9, D4).</summary>
    public IReadOnlyList<ProductRecommendation> Recommendations
    {
        get
        {
            var table = Table;
            return Array.ConvertAll(table.Lists.Entries(Row.Recommendations), e => new ProductRecommendation(
                UnixNanoseconds.ToInstant(table.Lists.A(e)),
                table.AgentMessageNumberOf(e),
                Array.AsReadOnly(Array.ConvertAll(table.Lists.Entries(table.ProductsOf(e)), p => table.Products.GetString((int)table.Lists.A(p))))));
        }
    }

    /// <summary>The products of the recommendation made by agent message number <paramref name="agentMessageNumber"/> (R9, D4), in their order; empty when that message carried none.</summary>
    internal IReadOnlyList<string> ProductsOfAgentMessage(int agentMessageNumber)
    {
        var table = Table;
        for (var e = Row.Recommendations; e >= 0; e = table.Lists.Next(e))
        {
            if (table.AgentMessageNumberOf(e) == agentMessageNumber)
            {
                return Array.AsReadOnly(Array.ConvertAll(table.Lists.Entries(table.ProductsOf(e)), p => table.Products.GetString((int)table.Lists.A(p))));
            }
        }

        return [];
    }

    /// <summary>The shopper's clicks on product cards, oldest first (R16).</summary>
    public IReadOnlyList<ProductCardClicked> Clicks
    {
        get
        {
            var table = Table;
            return Array.ConvertAll(table.Lists.Entries(Row.Clicks), e => new ProductCardClicked(UnixNanoseconds.ToInstant(table.Lists.B(e)), table.Products.GetString((int)table.Lists.A(e))));
        }
    }

    /// <summary>The table holding the interned strings and lists.</summary>
    internal FactsTable Table => _table ?? throw new InvalidOperationException("default(ConversationFacts) holds no conversation");

    /// <summary>The fixed-size facts.</summary>
    internal ref readonly FactsRow Row => ref Table.Slot(_slot);

    /// <summary>Whether the conversation is closed as of <paramref name="instant"/>: explicitly closed by then, or inactive since its last message for the policy's timeout (D1, inclusive).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when closed by then.</returns>
    public bool IsClosedAsOf(Instant instant) => CloseNanos(out _) <= UnixNanoseconds.From(Preconditions.CheckInstant(instant, "instant"));

    /// <summary>The support-ticket offer still awaiting the shopper's answer as of <paramref name="asOf"/>: none once the conversation has closed (R4: it lapses), else <see cref="PendingTicketOffer"/> when made by then.</summary>
    /// <param name="asOf">The instant.</param>
    /// <returns>The pending offer, or <see langword="null"/>.</returns>
    public SupportTicketOffered? PendingTicketOfferAsOf(Instant asOf) =>
        IsClosedAsOf(asOf) || PendingTicketOffer is not { } offer || offer.At > asOf ? null : offer;

    /// <summary>The distinct tags applied at or before <paramref name="instant"/>, in order of first application (R7, R8: an event's tags are those applied by its instant).</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The tags.</returns>
    public IReadOnlyList<string> TagsAsOf(Instant instant)
    {
        var table = Table;
        var limit = instant >= SupportedInstants.End ? long.MaxValue : UnixNanoseconds.From(Preconditions.CheckInstant(instant, "instant"));
        var tags = new List<string>();
        foreach (var e in table.Lists.Entries(Row.Tags))
        {
            if (table.Lists.B(e) <= limit)
            {
                tags.Add(table.Tags.GetString((int)table.Lists.A(e)));
            }
        }

        return tags.AsReadOnly();
    }

    /// <summary>Whether <paramref name="tag"/> was applied (ordinal).</summary>
    /// <param name="tag">The tag.</param>
    /// <returns><see langword="true"/> when applied.</returns>
    public bool HasTag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        var table = Table;
        var id = table.Tags.Find(System.Text.Encoding.UTF8.GetBytes(tag));
        return id >= 0 && table.Lists.ContainsA(Row.Tags, id);
    }

    /// <inheritdoc/>
    public override string ToString() => _table is null
        ? "ConversationFacts(default)"
        : $"ConversationFacts({Channel}, {Mode}, started {Preconditions.Format(StartedAt)}, {MessageCount} messages)";

    /// <summary>The close instant in Unix nanoseconds: the explicit close, else last message + timeout.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal long CloseNanos(out bool explicitly)
    {
        ref readonly var r = ref Row;
        explicitly = r.ClosedAt != FactsTable.None;
        return explicitly ? r.ClosedAt : r.LastMessageAt + Table.AutoCloseNanos;
    }

    private static Instant? Optional(long nanos) => nanos == FactsTable.None ? null : UnixNanoseconds.ToInstant(nanos);
}

/// <summary>One skill invocation (R14): a run of agent messages with one skill, from its first message.</summary>
/// <param name="Skill">The skill.</param>
/// <param name="At">The run's first agent message.</param>
public readonly record struct SkillInvocation(string Skill, Instant At);

/// <summary>An agent message that carried a product card or list (R9).</summary>
/// <param name="At">When it was sent.</param>
/// <param name="AgentMessageNumber">Its number among the agent's messages, from 1 (the event's unique ID, D4).</param>
/// <param name="Products">The products, in the message's order.</param>
public sealed record ProductRecommendation(Instant At, int AgentMessageNumber, IReadOnlyList<string> Products);
