using CustomerAgent.Conversations;
using NodaTime;

namespace CustomerAgent.ActivityLog;

/// <summary>Receives each accepted line, in file order, on the thread that applies lines.</summary>
/// <param name="lineNumber">The 1-based line number in the file.</param>
/// <param name="line">The line's bytes without its terminator; valid only during the call.</param>
public delegate void AcceptedLineHandler(long lineNumber, ReadOnlySpan<byte> line);

/// <summary>How <see cref="ActivityLogReader"/> reads. Defaults: lean (no aggregates, no texts), the default policy, both cores.</summary>
/// <remarks>An immutable record: a host derives a variant with <c>with</c> (for example <c>options with { Policy = policy }</c>), every other setting carried over.</remarks>
public sealed record ActivityLogReaderOptions
{
    /// <summary>The options every read uses unless told otherwise.</summary>
    public static ActivityLogReaderOptions Default { get; } = new();

    /// <summary>
    /// Whether to also build every conversation as a <see cref="Conversation"/> aggregate, texts included (for the metric events,
    /// a transcript or a search). Costs memory in proportion to the log's size; off by default.
    /// </summary>
    public bool KeepConversations { get; init; }

    /// <summary>
    /// Which conversations to also build as <see cref="Conversation"/> aggregates when <see cref="KeepConversations"/> is false
    /// (for example the one conversation a host shows); called once per conversation with its account and ID. Null for none.
    /// </summary>
    public Func<AccountId, ConversationId, bool>? KeepConversation { get; init; }

    /// <summary>
    /// Whether the read keeps only what conversation statuses and counts need (the <c>counts</c> command): every line is still
    /// checked by the same rules and rejected for the same reasons (H2 still finds the recommended products, D5 still finds a
    /// repeated order ID), but the profiles, the skill, tag and click lists, the orders and the touches are not kept. The accounts
    /// then answer <see cref="AccountLog.CountByChannelAndStatus"/>, <see cref="AccountLog.CountEventsAsOf"/>,
    /// <see cref="AccountLog.LiveConversations"/>, their settings and switches; what needs the rest (the dashboard, the table,
    /// the events, the activity, the sales, the orders, the touches, the summaries, the facts) throws
    /// <see cref="InvalidOperationException"/> instead of answering without it. Off by default; not with
    /// <see cref="KeepConversations"/> or <see cref="KeepConversation"/>.
    /// </summary>
    public bool CountsOnly { get; init; }

    /// <summary>The policy every conversation lives by (its inactivity timeout, D1).</summary>
    public ConversationPolicy Policy { get; init; } = ConversationPolicy.Default;

    /// <summary>
    /// The instant the result is as of (D1: a report as of an instant never sees later facts), or <see langword="null"/> for
    /// every fact of the log. With it, every line is still checked and applied by the rules, but each conversation's facts are
    /// those as of this instant, a conversation that starts later is not in the result, and each account's
    /// <see cref="AccountLog.AsOf"/> is this instant. Without it, each account is as of its own latest instant.
    /// </summary>
    public Instant? AsOf { get; init; }

    /// <summary>How many chunks are parsed at once; 0 (default) = the number of processors. 1 parses on the calling thread.</summary>
    public int MaxDegreeOfParallelism { get; init; }

    /// <summary>Called for every accepted line (for a host that copies them elsewhere, or a test); null for none.</summary>
    public AcceptedLineHandler? OnAccepted { get; init; }

    /// <summary>The size of a read chunk in bytes (a line longer than that grows its chunk). For tests; default 4 MiB.</summary>
    internal int ChunkSize { get; init; } = 1 << 22;

    /// <summary>The maximum line length (<see cref="ActivityLogReader.MaxLineLength"/>); smaller for tests.</summary>
    internal int MaxLineLength { get; init; } = ActivityLogReader.MaxLineLength;

    /// <summary>How many bytes a line may run without an end before the read stops (an endless stream); 4 GiB, smaller for tests.</summary>
    internal long UnendedLineLimit { get; init; } = 4L << 30;
}
