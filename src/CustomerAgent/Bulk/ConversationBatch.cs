using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// Many conversations as columns (struct of arrays), validated once, ready to be classified as of any instant by
/// <see cref="BulkStatusClassifier"/>. One row per conversation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Input encoding</b> (what <see cref="FromColumns"/> and <see cref="ConversationBatchBuilder.AddUnixNanoseconds"/> take):
/// every instant is a <see cref="long"/> count of nanoseconds since the Unix epoch (see <see cref="ToUnixNanoseconds"/>),
/// which covers 1677-09-21 to 2262-04-11 at the full <see cref="Instant"/> precision. <see cref="NoInstant"/>
/// (<see cref="long.MaxValue"/>) means "none" for the handoff and explicit-close columns; <see cref="long.MinValue"/> is
/// reserved and rejected everywhere. The last author is one byte, the <see cref="MessageAuthor"/> value
/// (0 = shopper, 1 = agent); the channel is one byte, the <see cref="Channel"/> value (0 to 3).
/// </para>
/// <para>
/// <b>Row rules</b>, checked when a row is added (a broken rule throws <see cref="CustomerAgentException"/> naming the
/// row, as in <c>lastAuthor[12]</c>): the aggregate's own invariants, so that the bulk path can only see histories the
/// aggregate could have produced: last message and handoff not before the start (H1); explicit close not before the last
/// message nor before the handoff (D2); author and channel bytes defined (R2, R14); instants in range.
/// Mismatched column lengths are plain argument misuse and throw <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// <b>Storage</b>: 17 bytes per row are read by classification (last message, the first decisive instant, one flag byte),
/// plus the start instant and the channel for the dashboard. The handoff and the explicit close share one column because a
/// handoff never comes after the close (D2): the status as of any instant is fully determined by these columns (see
/// <see cref="BulkStatusClassifier"/>). The batch is immutable and thread-safe; the preview/live mode (R20) is not stored:
/// add only the conversations that count (<see cref="Conversation.IsCountedInMetrics"/>).
/// </para>
/// </remarks>
public sealed class ConversationBatch
{
    /// <summary>The sentinel for "no such instant" in the handoff and explicit-close columns: <see cref="long.MaxValue"/>.</summary>
    public const long NoInstant = long.MaxValue;

    internal const byte AgentLastFlag = 1;
    internal const byte HandoffFlag = 2;
    internal const byte ExplicitCloseFlag = 4;

    private static readonly Duration MinDuration = Duration.FromNanoseconds(long.MinValue + 1);
    private static readonly Duration MaxDuration = Duration.FromNanoseconds(long.MaxValue - 1);

    internal ConversationBatch(int count, long[] startedAt, long[] lastMessageAt, long[] decidedAt, byte[] flags, byte[] channels, long latestStartedAt)
    {
        Count = count;
        StartedAtColumn = startedAt;
        LastMessageAtColumn = lastMessageAt;
        DecidedAtColumn = decidedAt;
        FlagsColumn = flags;
        ChannelColumn = channels;
        LatestStartedAtNanoseconds = latestStartedAt;
    }

    /// <summary>An empty batch.</summary>
    public static ConversationBatch Empty { get; } = new(0, [], [], [], [], [], long.MinValue);

    /// <summary>The number of conversations (rows).</summary>
    public int Count { get; }

    /// <summary>The latest start instant of any row, or <see langword="null"/> for an empty batch. A batch cannot be classified as of an earlier instant (D1).</summary>
    public Instant? LatestStartedAt => Count == 0 ? null : FromUnixNanoseconds(LatestStartedAtNanoseconds);

    /// <summary>Each row's start instant in Unix nanoseconds (R6, R14: what the dashboard groups by period).</summary>
    public ReadOnlySpan<long> StartedAtUnixNanoseconds => StartedAtColumn.AsSpan(0, Count);

    /// <summary>Each row's last-message instant in Unix nanoseconds (R18: "last updated").</summary>
    public ReadOnlySpan<long> LastMessageAtUnixNanoseconds => LastMessageAtColumn.AsSpan(0, Count);

    /// <summary>Each row's channel as its <see cref="Channel"/> byte value.</summary>
    public ReadOnlySpan<byte> Channels => ChannelColumn.AsSpan(0, Count);

    internal long[] StartedAtColumn { get; }

    internal long[] LastMessageAtColumn { get; }

    /// <summary>The handoff instant when there is one, else the explicit close, else <see cref="NoInstant"/>.</summary>
    internal long[] DecidedAtColumn { get; }

    /// <summary>Bit 0: the agent wrote the last message; bit 1: a handoff exists; bit 2: an explicit close exists.</summary>
    internal byte[] FlagsColumn { get; }

    internal byte[] ChannelColumn { get; }

    internal long LatestStartedAtNanoseconds { get; }

    /// <summary>Builds a batch from host-filled columns, validating and copying them (the columns can be reused afterwards).</summary>
    /// <param name="startedAt">Start instants (Unix nanoseconds).</param>
    /// <param name="lastMessageAt">Last-message instants (Unix nanoseconds).</param>
    /// <param name="lastAuthor">Last author bytes: 0 = shopper, 1 = agent.</param>
    /// <param name="handoffAt">Effective handoff instants (Unix nanoseconds), or <see cref="NoInstant"/>.</param>
    /// <param name="closedAt">Explicit close instants (Unix nanoseconds), or <see cref="NoInstant"/>.</param>
    /// <param name="channel">Channel bytes: the <see cref="Channel"/> values 0 to 3.</param>
    /// <exception cref="ArgumentException">The columns do not all have the same length.</exception>
    /// <exception cref="CustomerAgentException">A row breaks a row rule (see the remarks on <see cref="ConversationBatch"/>).</exception>
    public static ConversationBatch FromColumns(
        ReadOnlySpan<long> startedAt,
        ReadOnlySpan<long> lastMessageAt,
        ReadOnlySpan<byte> lastAuthor,
        ReadOnlySpan<long> handoffAt,
        ReadOnlySpan<long> closedAt,
        ReadOnlySpan<byte> channel)
    {
        var n = startedAt.Length;
        CheckLength(lastMessageAt.Length, n, nameof(lastMessageAt));
        CheckLength(lastAuthor.Length, n, nameof(lastAuthor));
        CheckLength(handoffAt.Length, n, nameof(handoffAt));
        CheckLength(closedAt.Length, n, nameof(closedAt));
        CheckLength(channel.Length, n, nameof(channel));
        var builder = new ConversationBatchBuilder(n);
        for (var i = 0; i < n; i++)
        {
            builder.AddUnixNanoseconds(startedAt[i], lastMessageAt[i], lastAuthor[i], handoffAt[i], closedAt[i], channel[i]);
        }

        return builder.Build();
    }

    /// <summary>Builds a batch from conversation aggregates, one row each, in order.</summary>
    /// <exception cref="ArgumentNullException">The sequence or an element is null.</exception>
    /// <exception cref="CustomerAgentException">An instant is outside the nanosecond range (years 1677 to 2262).</exception>
    public static ConversationBatch FromConversations(IEnumerable<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var builder = new ConversationBatchBuilder(conversations is IReadOnlyCollection<Conversation> c ? c.Count : 0);
        foreach (var conversation in conversations)
        {
            builder.Add(conversation);
        }

        return builder.Build();
    }

    /// <summary>Converts an instant to the column encoding: nanoseconds since the Unix epoch.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="field">The field named in the exception.</param>
    /// <exception cref="CustomerAgentException">The instant is outside the representable range (about 1677 to 2262).</exception>
    public static long ToUnixNanoseconds(Instant instant, string field = "instant")
    {
        var sinceEpoch = instant - NodaConstants.UnixEpoch;
        if (sinceEpoch < MinDuration || sinceEpoch > MaxDuration)
        {
            throw new CustomerAgentException("D1", field, Preconditions.Format(instant), "is outside the bulk range: Unix nanoseconds must fit in a long (about 1677 to 2262), long.MinValue and long.MaxValue excluded");
        }

        return sinceEpoch.ToInt64Nanoseconds();
    }

    /// <summary>Converts a column value (nanoseconds since the Unix epoch) back to an instant.</summary>
    public static Instant FromUnixNanoseconds(long unixNanoseconds) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(unixNanoseconds);

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Column length {actual} differs from startedAt's length {expected}; every column holds one value per row.", name);
        }
    }
}
