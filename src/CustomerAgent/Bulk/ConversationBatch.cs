using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.Bulk;

/// <summary>
/// Many conversations of one account, under one policy, as columns (struct of arrays), validated once, ready to be classified
/// as of any instant by <see cref="BulkStatusClassifier"/>. One row per conversation.
/// </summary>
/// <remarks>
/// <para>
/// <b>Input encoding</b> (what <see cref="FromColumns"/> and <see cref="ConversationBatchBuilder.AddUnixNanoseconds"/> take):
/// every instant is a <see cref="long"/> count of nanoseconds since the Unix epoch (see <see cref="ToUnixNanoseconds"/>),
/// at the full <see cref="Instant"/> precision; every instant lies in <see cref="SupportedInstants"/> (H6). <see cref="NoInstant"/>
/// (<see cref="long.MaxValue"/>) means "none" for the handoff and explicit-close columns; <see cref="long.MinValue"/> is
/// reserved and rejected everywhere. The last author is one byte, the <see cref="MessageAuthor"/> value
/// (0 = shopper, 1 = agent); the channel is one byte, the <see cref="Channel"/> value (0 to 3).
/// </para>
/// <para>
/// <b>Row rules</b>, checked when a row is added (a broken rule throws <see cref="CustomerAgentException"/> naming the
/// row, as in <c>lastAuthor[12]</c>): the aggregate's own invariants, so that the bulk path can only see histories the
/// aggregate could have produced: last message and handoff not before the start (H1); explicit close not before the last
/// message nor before the handoff (D2); handoff and explicit close strictly before last message + the policy's timeout,
/// because the aggregate has closed by inactivity at that instant and takes neither any more (D1, D2); author and channel bytes
/// defined (R2, R14); instants in <see cref="SupportedInstants"/> (H6). So the kernels never need the earlier of an explicit
/// close and the automatic close: the explicit close, when there is one, is always the earlier.
/// Mismatched column lengths are plain argument misuse and throw <see cref="ArgumentException"/>.
/// </para>
/// <para>
/// <b>Storage</b>: 17 bytes per row are read by classification (last message, the first decisive instant, one flag byte),
/// plus the start instant and the channel for the dashboard. The handoff and the explicit close share one column because a
/// handoff never comes after the close (D2): the status as of any instant is fully determined by these columns (see
/// <see cref="BulkStatusClassifier"/>). The batch is immutable and thread-safe.
/// </para>
/// <para>
/// <b>One account, one policy, live only.</b> A batch belongs to one <see cref="AccountId"/> and one
/// <see cref="ConversationPolicy"/>: <see cref="FromConversations"/> rejects a conversation of another account or started under
/// another policy, and a <see cref="BulkStatusClassifier"/> rejects a batch whose policy is not its own (D1: one timeout for every
/// service). Preview conversations never count (R20): <see cref="FromConversations"/> and
/// <see cref="ConversationBatchBuilder.Add(Conversation)"/> leave them out (and say so); <see cref="PerAccount"/> splits a
/// mixed sequence into one batch per account.
/// </para>
/// </remarks>
public sealed class ConversationBatch
{
    /// <summary>The sentinel for "no such instant" in the handoff and explicit-close columns: <see cref="long.MaxValue"/>.</summary>
    /// <remarks>The facts' own "no instant", so a conversation's facts fill the columns as they are.</remarks>
    public const long NoInstant = FactsTable.None;

    internal const byte AgentLastFlag = 1;
    internal const byte HandoffFlag = 2;
    internal const byte ExplicitCloseFlag = 4;

    /// <summary>The first supported instant (H6) in Unix nanoseconds.</summary>
    internal static readonly long MinNanoseconds = (SupportedInstants.Start - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>The end of the supported range (H6, exclusive) in Unix nanoseconds.</summary>
    internal static readonly long EndNanoseconds = (SupportedInstants.End - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    internal ConversationBatch(AccountId accountId, ConversationPolicy policy, int count, long[] startedAt, long[] lastMessageAt, long[] decidedAt, byte[] flags, byte[] channels, long latestStartedAt)
    {
        AccountId = accountId;
        Policy = policy;
        Count = count;
        StartedAtColumn = startedAt;
        LastMessageAtColumn = lastMessageAt;
        DecidedAtColumn = decidedAt;
        FlagsColumn = flags;
        ChannelColumn = channels;
        LatestStartedAtNanoseconds = latestStartedAt;
        IsSortedByStart = IsNondecreasing(startedAt.AsSpan(0, count));
    }

    /// <summary>The account every row belongs to.</summary>
    public AccountId AccountId { get; }

    /// <summary>The policy (inactivity timeout) every row's conversation lives by; a <see cref="BulkStatusClassifier"/> classifies the batch only under an equal policy.</summary>
    public ConversationPolicy Policy { get; }

    /// <summary>The number of conversations (rows).</summary>
    public int Count { get; }

    /// <summary>The latest start instant of any row, or <see langword="null"/> for an empty batch. A batch cannot be classified as of an earlier instant (D1).</summary>
    public Instant? LatestStartedAt => Count == 0 ? null : FromUnixNanoseconds(LatestStartedAtNanoseconds);

    /// <summary>
    /// Whether the rows are in order of start (each row starts at or after the one before), as a batch built from a log read in
    /// time order is. <see cref="BulkDashboard"/> then counts each local day as one range of rows, with no lookup per row.
    /// </summary>
    public bool IsSortedByStart { get; }

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
    /// <param name="accountId">The account every row belongs to.</param>
    /// <param name="policy">The policy every row's conversation lives by.</param>
    /// <param name="startedAt">Start instants (Unix nanoseconds).</param>
    /// <param name="lastMessageAt">Last-message instants (Unix nanoseconds).</param>
    /// <param name="lastAuthor">Last author bytes: 0 = shopper, 1 = agent.</param>
    /// <param name="handoffAt">Effective handoff instants (Unix nanoseconds), or <see cref="NoInstant"/>.</param>
    /// <param name="closedAt">Explicit close instants (Unix nanoseconds), or <see cref="NoInstant"/>.</param>
    /// <param name="channel">Channel bytes: the <see cref="Channel"/> values 0 to 3.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    /// <exception cref="ArgumentException">The columns do not all have the same length.</exception>
    /// <exception cref="CustomerAgentException">The account ID is <c>default</c>, or a row breaks a row rule (see the remarks on <see cref="ConversationBatch"/>).</exception>
    public static ConversationBatch FromColumns(
        AccountId accountId,
        ConversationPolicy policy,
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
        var builder = new ConversationBatchBuilder(accountId, policy, n);
        for (var i = 0; i < n; i++)
        {
            builder.AddUnixNanoseconds(startedAt[i], lastMessageAt[i], lastAuthor[i], handoffAt[i], closedAt[i], channel[i]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Builds a batch from one account's conversation aggregates, one row per live conversation, in order. Preview conversations
    /// are left out (R20: they never count).
    /// </summary>
    /// <param name="accountId">The account every conversation must belong to.</param>
    /// <param name="policy">The policy every conversation must have been started under.</param>
    /// <param name="conversations">The conversations.</param>
    /// <returns>The batch of the live conversations.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="CustomerAgentException">A conversation belongs to another account or was started under another policy (D1), or the account ID is <c>default</c>.</exception>
    public static ConversationBatch FromConversations(AccountId accountId, ConversationPolicy policy, IEnumerable<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(conversations);
        var builder = new ConversationBatchBuilder(accountId, policy, conversations.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var conversation in conversations)
        {
            builder.Add(conversation);
        }

        return builder.Build();
    }

    /// <summary>
    /// Splits conversations of any accounts into one batch per account (live conversations only, R20), so that no count ever
    /// adds two accounts together. Accounts with only preview conversations get an empty batch.
    /// </summary>
    /// <param name="policy">The policy every conversation must have been started under.</param>
    /// <param name="conversations">The conversations, of any accounts.</param>
    /// <returns>One batch per account, keyed by account, in order of each account's first conversation.</returns>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="CustomerAgentException">A conversation was started under another policy (D1).</exception>
    public static IReadOnlyDictionary<AccountId, ConversationBatch> PerAccount(ConversationPolicy policy, IEnumerable<Conversation> conversations)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(conversations);
        var builders = new Dictionary<AccountId, ConversationBatchBuilder>();
        var order = new List<AccountId>();
        foreach (var conversation in conversations)
        {
            ArgumentNullException.ThrowIfNull(conversation, nameof(conversations));
            var account = conversation.Header.AccountId;
            if (!builders.TryGetValue(account, out var builder))
            {
                builder = new ConversationBatchBuilder(account, policy);
                builders.Add(account, builder);
                order.Add(account);
            }

            builder.Add(conversation);
        }

        var result = new Dictionary<AccountId, ConversationBatch>(order.Count);
        foreach (var account in order)
        {
            result.Add(account, builders[account].Build());
        }

        return result.AsReadOnly();
    }

    /// <summary>Converts an instant to the column encoding: nanoseconds since the Unix epoch.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="field">The field named in the exception.</param>
    /// <returns>The nanoseconds since the Unix epoch.</returns>
    /// <exception cref="CustomerAgentException">The instant is outside <see cref="SupportedInstants"/> (H6).</exception>
    public static long ToUnixNanoseconds(Instant instant, string field = "instant") =>
        (Preconditions.CheckInstant(instant, field) - NodaConstants.UnixEpoch).ToInt64Nanoseconds();

    /// <summary>Converts a column value (nanoseconds since the Unix epoch) back to an instant.</summary>
    public static Instant FromUnixNanoseconds(long unixNanoseconds) => NodaConstants.UnixEpoch + Duration.FromNanoseconds(unixNanoseconds);

    private static bool IsNondecreasing(ReadOnlySpan<long> values)
    {
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] < values[i - 1])
            {
                return false;
            }
        }

        return true;
    }

    private static void CheckLength(int actual, int expected, string name)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"Column length {actual} differs from startedAt's length {expected}; every column holds one value per row.", name);
        }
    }
}
