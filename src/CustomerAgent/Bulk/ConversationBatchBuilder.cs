using System.Globalization;
using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// Fills a <see cref="ConversationBatch"/> row by row, validating each row as it is added (the rules are listed on
/// <see cref="ConversationBatch"/>). A rejected row leaves the builder unchanged.
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
    private long _latestStartedAt = long.MinValue;

    /// <summary>Creates a builder.</summary>
    /// <param name="capacity">The number of rows to reserve room for.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative.</exception>
    public ConversationBatchBuilder(int capacity = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _startedAt = new long[capacity];
        _lastMessageAt = new long[capacity];
        _decidedAt = new long[capacity];
        _flags = new byte[capacity];
        _channels = new byte[capacity];
    }

    /// <summary>The number of rows added since the builder was created or last built.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one row from a conversation aggregate: its start, last message and author, effective handoff, explicit close and channel.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    /// <exception cref="CustomerAgentException">An instant is outside the nanosecond range (years 1677 to 2262).</exception>
    public void Add(Conversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        Add(conversation.StartedAt, conversation.LastMessageAt, conversation.LastMessageAuthor, conversation.Handoff?.At, conversation.ExplicitClose?.At, conversation.Channel);
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
        if (startedAt is long.MinValue or long.MaxValue)
        {
            throw RowError("D1", "startedAt", startedAt, "is reserved (long.MinValue / long.MaxValue); a start instant is required");
        }

        if (lastMessageAt is long.MinValue or long.MaxValue)
        {
            throw RowError("D1", "lastMessageAt", lastMessageAt, "is reserved (long.MinValue / long.MaxValue); the last message instant is required");
        }

        if (handoffAt == long.MinValue)
        {
            throw RowError("D1", "handoffAt", handoffAt, "is reserved; use ConversationBatch.NoInstant (long.MaxValue) for no handoff");
        }

        if (closedAt == long.MinValue)
        {
            throw RowError("D1", "closedAt", closedAt, "is reserved; use ConversationBatch.NoInstant (long.MaxValue) for no explicit close");
        }

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

        if (hasClose && closedAt < lastMessageAt)
        {
            throw RowError("D2", "closedAt", closedAt, FormattableString.Invariant($"is before the last message {lastMessageAt}; a closed conversation takes no further messages"));
        }

        if (hasClose && hasHandoff && closedAt < handoffAt)
        {
            throw RowError("D2", "closedAt", closedAt, FormattableString.Invariant($"is before the handoff {handoffAt}; a closed conversation takes no handoff"));
        }

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
        if (Count == 0)
        {
            return ConversationBatch.Empty;
        }

        var batch = new ConversationBatch(Count, _startedAt, _lastMessageAt, _decidedAt, _flags, _channels, _latestStartedAt);
        _startedAt = [];
        _lastMessageAt = [];
        _decidedAt = [];
        _flags = [];
        _channels = [];
        _latestStartedAt = long.MinValue;
        Count = 0;
        return batch;
    }

    private CustomerAgentException RowError(string rule, string column, long value, string explanation) =>
        new(rule, FormattableString.Invariant($"{column}[{Count}]"), value.ToString(CultureInfo.InvariantCulture), explanation);

    private void EnsureCapacity(int needed)
    {
        if (needed <= _startedAt.Length)
        {
            return;
        }

        var capacity = (int)Math.Min(Array.MaxLength, Math.Max(needed, Math.Max(16L, _startedAt.Length * 2L)));
        Array.Resize(ref _startedAt, capacity);
        Array.Resize(ref _lastMessageAt, capacity);
        Array.Resize(ref _decidedAt, capacity);
        Array.Resize(ref _flags, capacity);
        Array.Resize(ref _channels, capacity);
    }
}
