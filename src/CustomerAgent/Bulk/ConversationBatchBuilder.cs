using System.Globalization;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// Fills a <see cref="ConversationBatch"/> of one account, under one policy, row by row, validating each row as it is added (the
/// rules are listed on <see cref="ConversationBatch"/>). A rejected row leaves the builder unchanged.
/// </summary>
/// <remarks>
/// Amortized O(1) per row with no allocation per row once the capacity is reached; give the expected row count to the
/// constructor to avoid growing. <see cref="Build"/> hands the columns over without copying and resets the builder.
/// Not thread-safe.
/// </remarks>
public sealed class ConversationBatchBuilder
{
    private long[] _startedAt;
    private long[] _lastMessageAt;
    private long[] _decidedAt;
    private byte[] _flags;
    private byte[] _channels;
    private readonly long _autoCloseNanoseconds;
    private long _latestStartedAt = long.MinValue;

    /// <summary>Creates a builder for one account's conversations under one policy.</summary>
    /// <param name="accountId">The account every row belongs to.</param>
    /// <param name="policy">The policy every row's conversation lives by (its timeout also bounds a row's handoff and close, D2).</param>
    /// <param name="capacity">The number of rows to reserve room for.</param>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    /// <exception cref="CustomerAgentException">The account ID is <c>default</c>.</exception>
    public ConversationBatchBuilder(AccountId accountId, ConversationPolicy policy, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        AccountId.CheckSet(accountId);

        AccountId = accountId;
        Policy = policy;
        _autoCloseNanoseconds = policy.AutoCloseAfter.ToInt64Nanoseconds();
        _startedAt = new long[capacity];
        _lastMessageAt = new long[capacity];
        _decidedAt = new long[capacity];
        _flags = new byte[capacity];
        _channels = new byte[capacity];
    }

    /// <summary>The account every row belongs to.</summary>
    public AccountId AccountId { get; }

    /// <summary>The policy every row's conversation lives by.</summary>
    public ConversationPolicy Policy { get; }

    /// <summary>The number of rows added since the builder was created or last built.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// Adds one row from a live conversation aggregate (its start, last message and author, effective handoff, explicit close
    /// and channel), or leaves out a preview conversation (R20: it never counts).
    /// </summary>
    /// <param name="conversation">The conversation.</param>
    /// <returns><see langword="true"/> when a row was added; <see langword="false"/> for a preview conversation, left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException">The conversation belongs to another account, or was started under another policy (D1).</exception>
    public bool Add(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        if (conversation.Header.AccountId != AccountId)
        {
            throw new CustomerAgentException("ACCOUNT", "conversation.accountId", conversation.Header.AccountId.Value, $"is not the batch's account '{Preconditions.Echo(AccountId.Value)}'; one account's data never counts in another's (ConversationBatch.PerAccount splits a mixed sequence)");
        }

        Policy.CheckGoverns(conversation, nameof(ConversationBatchBuilder));
        if (!conversation.IsCountedInMetrics)
        {
            return false;
        }

        Add(conversation.Facts);
        return true;
    }

    /// <summary>Adds the row of a conversation's facts (the caller has decided it counts: R20, R12); the facts' "no instant" is <see cref="ConversationBatch.NoInstant"/>.</summary>
    internal void Add(in ConversationFacts facts)
    {
        ref readonly var r = ref facts.Row;
        AddUnixNanoseconds(r.StartedAt, r.LastMessageAt, r.LastAuthor, r.HandoffAt, r.ClosedAt, r.Channel);
    }

    /// <summary>Adds one row from instants and enums.</summary>
    /// <param name="startedAt">When the shopper's opening message was sent.</param>
    /// <param name="lastMessageAt">When the last shopper or agent message was sent.</param>
    /// <param name="lastAuthor">Who wrote the last message.</param>
    /// <param name="handoffAt">When the effective handoff happened (R3, R4), or <see langword="null"/>.</param>
    /// <param name="closedAt">When the conversation was closed explicitly, or <see langword="null"/> (the automatic close is computed).</param>
    /// <param name="channel">The channel.</param>
    /// <exception cref="CustomerAgentException">The row breaks a row rule (see <see cref="ConversationBatch"/>).</exception>
    public void Add(Instant startedAt, Instant lastMessageAt, MessageAuthor lastAuthor, Instant? handoffAt, Instant? closedAt, Channel channel)
    {
        var row = Count.ToString(CultureInfo.InvariantCulture);
        AddUnixNanoseconds(
            ConversationBatch.ToUnixNanoseconds(startedAt, $"startedAt[{row}]"),
            ConversationBatch.ToUnixNanoseconds(lastMessageAt, $"lastMessageAt[{row}]"),
            (byte)lastAuthor != (int)lastAuthor ? byte.MaxValue : (byte)lastAuthor,
            handoffAt is { } h ? ConversationBatch.ToUnixNanoseconds(h, $"handoffAt[{row}]") : ConversationBatch.NoInstant,
            closedAt is { } c ? ConversationBatch.ToUnixNanoseconds(c, $"closedAt[{row}]") : ConversationBatch.NoInstant,
            (byte)channel != (int)channel ? byte.MaxValue : (byte)channel);
    }

    /// <summary>Adds one row in the column encoding (see <see cref="ConversationBatch"/>): the cheapest way for a host that already holds Unix nanoseconds.</summary>
    /// <param name="startedAt">Start instant, Unix nanoseconds.</param>
    /// <param name="lastMessageAt">Last-message instant, Unix nanoseconds.</param>
    /// <param name="lastAuthor">0 = shopper, 1 = agent.</param>
    /// <param name="handoffAt">Effective handoff instant, Unix nanoseconds, or <see cref="ConversationBatch.NoInstant"/>.</param>
    /// <param name="closedAt">Explicit close instant, Unix nanoseconds, or <see cref="ConversationBatch.NoInstant"/>.</param>
    /// <param name="channel">The <see cref="Channel"/> value, 0 to 3.</param>
    /// <exception cref="CustomerAgentException">The row breaks a row rule (see <see cref="ConversationBatch"/>).</exception>
    public void AddUnixNanoseconds(long startedAt, long lastMessageAt, byte lastAuthor, long handoffAt, long closedAt, byte channel)
    {
        var hasHandoff = handoffAt != ConversationBatch.NoInstant;
        var hasClose = closedAt != ConversationBatch.NoInstant;
        CheckInRange(startedAt, "startedAt", required: true);
        CheckInRange(lastMessageAt, "lastMessageAt", required: true);
        CheckInRange(handoffAt, "handoffAt", required: false);
        CheckInRange(closedAt, "closedAt", required: false);

        if (lastAuthor > (byte)MessageAuthor.Agent)
        {
            throw RowError("R2", "lastAuthor", lastAuthor, "must be 0 (shopper) or 1 (agent)");
        }

        if (channel > (byte)Channel.WhatsApp)
        {
            throw RowError("R14", "channel", channel, "must be a Channel value: 0 web chat, 1 SMS, 2 email, 3 WhatsApp");
        }

        if (lastMessageAt < startedAt)
        {
            throw RowError("H1", "lastMessageAt", lastMessageAt, FormattableString.Invariant($"is before the start {startedAt}; time never goes backwards"));
        }

        if (hasHandoff && handoffAt < startedAt)
        {
            throw RowError("H1", "handoffAt", handoffAt, FormattableString.Invariant($"is before the start {startedAt}; time never goes backwards"));
        }

        if (hasClose && closedAt < startedAt)
        {
            throw RowError("H1", "closedAt", closedAt, FormattableString.Invariant($"is before the start {startedAt}; time never goes backwards"));
        }

        if (hasClose && closedAt < lastMessageAt)
        {
            throw RowError("D2", "closedAt", closedAt, FormattableString.Invariant($"is before the last message {lastMessageAt}; a closed conversation takes no further messages"));
        }

        if (hasClose && hasHandoff && closedAt < handoffAt)
        {
            throw RowError("D2", "closedAt", closedAt, FormattableString.Invariant($"is before the handoff {handoffAt}; a closed conversation takes no handoff"));
        }

        CheckBeforeAutoClose(lastMessageAt, handoffAt, hasHandoff, "handoffAt", "handoff");
        CheckBeforeAutoClose(lastMessageAt, closedAt, hasClose, "closedAt", "close");

        EnsureCapacity(Count + 1);
        var i = Count;
        _startedAt[i] = startedAt;
        _lastMessageAt[i] = lastMessageAt;
        _decidedAt[i] = hasHandoff ? handoffAt : closedAt;
        _flags[i] = (byte)(lastAuthor | (hasHandoff ? ConversationBatch.HandoffFlag : 0) | (hasClose ? ConversationBatch.ExplicitCloseFlag : 0));
        _channels[i] = channel;
        _latestStartedAt = Math.Max(_latestStartedAt, startedAt);
        Count = i + 1;
    }

    /// <summary>Returns the batch of every row added so far and resets this builder to empty.</summary>
    public ConversationBatch Build()
    {
        // Stryker disable once Block : the general path builds the same empty batch
        if (Count == 0)
        {
            return new ConversationBatch(AccountId, Policy, 0, [], [], [], [], [], long.MinValue);
        }

        var batch = new ConversationBatch(AccountId, Policy, Count, _startedAt, _lastMessageAt, _decidedAt, _flags, _channels, _latestStartedAt);
        _startedAt = [];
        _lastMessageAt = [];
        _decidedAt = [];
        _flags = [];
        _channels = [];
        _latestStartedAt = long.MinValue;
        Count = 0;
        return batch;
    }

    /// <summary>H6: an instant column holds a supported instant (or, where optional, <see cref="ConversationBatch.NoInstant"/>).</summary>
    private void CheckInRange(long value, string column, bool required)
    {
        if (!required && value == ConversationBatch.NoInstant)
        {
            return;
        }

        if (value < ConversationBatch.MinNanoseconds || value >= ConversationBatch.EndNanoseconds)
        {
            throw RowError("H6", column, value, FormattableString.Invariant($"is outside the supported range [{ConversationBatch.MinNanoseconds}, {ConversationBatch.EndNanoseconds}) Unix nanoseconds (years 1900 to 2199){(required ? "; the instant is required" : "; use ConversationBatch.NoInstant for none")}"));
        }
    }

    /// <summary>D1, D2: at last message + timeout the conversation has closed by inactivity and takes no handoff and no close.</summary>
    private void CheckBeforeAutoClose(long lastMessageAt, long at, bool present, string column, string what)
    {
        if (present && at >= lastMessageAt + _autoCloseNanoseconds)
        {
            throw RowError("D2", column, at, FormattableString.Invariant($"comes at or after the automatic close at last message {lastMessageAt} + {_autoCloseNanoseconds} ns (D1); a conversation closed by inactivity takes no {what}"));
        }
    }

    private CustomerAgentException RowError(string rule, string column, long value, string explanation) =>
        new(rule, FormattableString.Invariant($"{column}[{Count}]"), value.ToString(CultureInfo.InvariantCulture), explanation);

    private void EnsureCapacity(int needed)
    {
        if (needed <= _startedAt.Length)
        {
            return;
        }

        // Stryker disable once Arithmetic : a capacity; Math.Max(needed, …) keeps it at least what is needed
        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(16L, _startedAt.Length * 2L)));
        Array.Resize(ref _startedAt, capacity);
        Array.Resize(ref _lastMessageAt, capacity);
        Array.Resize(ref _decidedAt, capacity);
        Array.Resize(ref _flags, capacity);
        Array.Resize(ref _channels, capacity);
    }
}
